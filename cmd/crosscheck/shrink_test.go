package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/corpus/findings"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// reasonlessImpl answers as the model does but never gives reasons: a
// planted bug for the shrink command to minimize.
type reasonlessImpl struct{ diff.Implementation }

func (reasonlessImpl) Name() string { return "reasonless" }

func (r reasonlessImpl) Authorize(in *diff.Input, reqs []*syntax.Request) ([]diff.Answer, error) {
	answers, err := r.Implementation.Authorize(in, reqs)
	for i := range answers {
		answers[i].Response.Reasons = nil
	}
	return answers, err
}

const photosTest = "../../corpus/testdata/layout/tests/photos/1.json"

func TestShrinkCommand(t *testing.T) {
	replayImpls["reasonless"] = func() (diff.Implementation, error) { return reasonlessImpl{diff.Model()}, nil }
	t.Cleanup(func() { delete(replayImpls, "reasonless") })
	out := t.TempDir()

	code, stdout, stderr := runCLI(t, "shrink", "--impl", "model,reasonless", "--out", out, photosTest)
	if code != exitOK {
		t.Fatalf("exit %d, stdout %s, stderr %s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "request 0: reasonless: reasons") || !strings.Contains(stdout, "saved ") {
		t.Errorf("unexpected output:\n%s", stdout)
	}
	files, _ := filepath.Glob(filepath.Join(out, corpus.SaveDir, "*.json"))
	var tests []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".entities.json") {
			tests = append(tests, f)
		}
	}
	if len(tests) != 1 {
		t.Fatalf("saved %v, want one test", files)
	}
	ct, err := corpus.LoadFile(tests[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(ct.Requests) != 1 || len(ct.Policies.Policies) != 1 || len(ct.Entities) > 3 {
		t.Errorf("not minimal: %d requests, %d policies, %d entities\n%s", len(ct.Requests), len(ct.Policies.Policies), len(ct.Entities), ct.PolicyText)
	}
	if rec, ok := findings.ParseDescription(ct.Requests[0].Description); !ok || !strings.Contains(rec.Signature, "reasonless: reasons") {
		t.Errorf("description %q does not record the outcome", ct.Requests[0].Description)
	}
	if d := ct.Requests[0].Expected(); d.Decision != diff.Allow || len(d.Reasons) != 1 {
		t.Errorf("expected answer %+v, want the model's allow with one reason", d)
	}

	// With the buggy implementation as the reference, the saved test
	// expects its answer (a new signature, so a new file).
	out2 := t.TempDir()
	code, stdout, stderr = runCLI(t, "shrink", "--impl", "model,reasonless", "--reference", "reasonless", "--out", out2, photosTest)
	if code != exitOK {
		t.Fatalf("--reference: exit %d, %s %s", code, stdout, stderr)
	}
	saved := strings.TrimSpace(stdout[strings.LastIndex(stdout, "saved ")+len("saved "):])
	if ct, err := corpus.LoadFile(saved); err != nil || len(ct.Requests[0].Reasons) != 0 {
		t.Errorf("--reference reasonless: %v, expected %+v; want no reasons", err, ct)
	}

	// The same disagreement again is a duplicate.
	code, stdout, _ = runCLI(t, "shrink", "--impl", "model,reasonless", "--out", out, photosTest)
	if code != exitOK || !strings.Contains(stdout, "duplicate of "+tests[0]) {
		t.Errorf("second run: exit %d:\n%s", code, stdout)
	}
}

func TestShrinkCommandErrors(t *testing.T) {
	out := t.TempDir()
	bad := filepath.Join(out, "bad.json")
	os.WriteFile(bad, []byte(`{"policies": 1`), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"shrink", "--out", out, photosTest}, exitFailed, "agree on every request"},
		{[]string{"shrink", "--impl", "model", photosTest}, exitUsage, "at least two"},
		{[]string{"shrink", "--impl", "model,nope", photosTest}, exitUsage, `unknown implementation "nope"`},
		{[]string{"shrink", "--impl", "model,model", photosTest}, exitUsage, "twice"},
		{[]string{"shrink", "--impl", "model,engine", "--reference", "nope", "--out", out, photosTest}, exitUsage, `unknown implementation "nope" for --reference`},
		{[]string{"shrink", "--out", out, bad}, exitUsage, "bad.json"},
		{[]string{"shrink", "--out", out, filepath.Join(out, "missing.json")}, exitUsage, "missing.json"},
		{[]string{"shrink"}, exitUsage, "arg"},
	} {
		code, stdout, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stdout+stderr+errText(t, tc.args), tc.want) {
			t.Errorf("%v: exit %d, output %q %q; want exit %d mentioning %q", tc.args, code, stdout, stderr, tc.code, tc.want)
		}
	}
}

// errText returns the error a command returns, which main prints.
func errText(t *testing.T, args []string) string {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(new(strings.Builder))
	root.SetErr(new(strings.Builder))
	if err := root.Execute(); err != nil {
		return err.Error()
	}
	return ""
}
