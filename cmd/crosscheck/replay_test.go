package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The loader's fixtures: 2 tests with 5 requests, so 7 cases.
const replayFixtures = "../../corpus/testdata/layout"

func TestReplayPasses(t *testing.T) {
	for _, impl := range []string{"model", "engine"} {
		t.Run(impl, func(t *testing.T) {
			// Plus a legacy test (3 cases) and an ill-typed one (3 cases).
			code, out, errOut := runCLI(t, "replay", "--impl", impl, replayFixtures,
				"../../corpus/testdata/legacy", "../../corpus/testdata/illtyped")
			if code != exitOK || !strings.HasSuffix(out, "13 passed, 0 failed\n") {
				t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, out, errOut)
			}
		})
	}
}

func TestReplayJSON(t *testing.T) {
	code, out, errOut := runCLI(t, "replay", "--json", replayFixtures)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	var got struct {
		Impl                    string
		Passed, Failed, Skipped int
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("--json output is not one JSON object: %v\n%s", err, out)
	}
	if got.Impl != "model" || got.Passed != 7 || got.Failed != 0 || got.Skipped != 0 {
		t.Errorf("--json counts: %+v", got)
	}
}

// writeWrongTest writes a test that expects the wrong decision for its
// first request; it names the fixture files by absolute path.
func writeWrongTest(t *testing.T) string {
	t.Helper()
	abs, err := filepath.Abs(replayFixtures)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(abs, "tests/photos/1.json"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	for _, ref := range []string{"tests/photos/policies_1.cedar", "sample-data/photos/entities.json", "sample-data/photos/schema.cedarschema"} {
		text = strings.Replace(text, `"`+ref+`"`, `"`+filepath.ToSlash(filepath.Join(abs, ref))+`"`, 1)
	}
	text = strings.Replace(text, `"decision": "allow"`, `"decision": "deny"`, 1)
	p := filepath.Join(t.TempDir(), "wrong.json")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReplayReportsFailures(t *testing.T) {
	p := writeWrongTest(t)
	code, out, _ := runCLI(t, "replay", "--impl", "engine", p)
	if code != exitFailed {
		t.Errorf("exit %d, want %d", code, exitFailed)
	}
	for _, want := range []string{"FAIL " + p, `request 0 "an admin views a photo"`, "-want +got", `"deny"`, `"allow"`, "3 passed, 1 failed\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output does not contain %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, "replay", "--json", p)
	if code != exitFailed || !strings.Contains(out, `"failed": 1`) || !strings.Contains(out, "wrong.json") {
		t.Errorf("--json with a failure: exit %d\n%s", code, out)
	}
}

func TestReplayBadInput(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string // in stderr (errors returned to main are printed by run, not here)
	}{
		{"no path", []string{"replay"}, ""},
		{"unknown impl", []string{"replay", "--impl", "nope", replayFixtures}, ""},
		{"missing path", []string{"replay", "no/such/dir"}, ""},
		{"malformed test", []string{"replay", "../../corpus/testdata/bad/syntax.json"}, "syntax.json:5:24"},
		{"no tests", []string{"replay", "../../corpus/testdata/layout/sample-data"}, ""},
		{"not a test file", []string{"replay", "../../corpus/testdata/bad/ok.cedar"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, c.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, errOut)
			}
			if !strings.Contains(errOut, c.want) {
				t.Errorf("stderr does not mention %q:\n%s", c.want, errOut)
			}
		})
	}
}

func TestReplayRun(t *testing.T) {
	code, out, errOut := runCLI(t, "replay", "--run", `corpus-tests/0a1b2c\.json$`, replayFixtures)
	if code != exitOK || !strings.HasSuffix(out, "3 passed, 0 failed\n") {
		t.Errorf("--run: exit %d, stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if code, _, _ := runCLI(t, "replay", "--run", "(", replayFixtures); code != exitUsage {
		t.Errorf("--run with a bad regexp: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runCLI(t, "replay", "--run", "nothing-matches", replayFixtures); code != exitUsage {
		t.Errorf("--run matching nothing: exit %d, want %d", code, exitUsage)
	}
}
