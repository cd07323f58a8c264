package corpus_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/protocol"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// regressionFile is a regression test file as written on disk, with its
// fields in the upstream order so that rewriting it keeps a stable shape.
type regressionFile struct {
	Policies       string              `json:"policies"`
	Entities       string              `json:"entities"`
	Schema         string              `json:"schema"`
	ShouldValidate bool                `json:"shouldValidate"`
	Requests       []regressionRequest `json:"requests"`
	TemplateLinks  json.RawMessage     `json:"templateLinks,omitempty"`
}

type uidJSON struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

type regressionRequest struct {
	Description     string          `json:"description"`
	Principal       uidJSON         `json:"principal"`
	Action          uidJSON         `json:"action"`
	Resource        uidJSON         `json:"resource"`
	Context         json.RawMessage `json:"context"`
	ValidateRequest bool            `json:"validateRequest"`
	Decision        string          `json:"decision"`
	Reason          []string        `json:"reason"`
	Errors          []string        `json:"errors"`
}

// noApplicableAction is the finding Cedar 4.13 reports as a warning and
// the corpus convention (Cedar 4.10) counts as a validation error.
const noApplicableAction = "unable to find an applicable action given the policy scope constraints"

// updateRegressions asks the official engine (through its protocol
// server) for the answers of every regression test and rewrites the test
// files with them. It sends the engine the files' own entity JSON and
// each context as written, read with the schema as upstream reads them,
// and the policies as our parser numbers them (policy0, policy1, ... as
// the engine would; the test checks the numbering). A request is marked
// validateRequest exactly when the engine accepts it under request
// validation. Every answer is logged, with the engine's error messages,
// for review.
func updateRegressions(t *testing.T) {
	w, err := diff.CedarWasm(cedarwasm.Options{})
	if err != nil {
		t.Fatalf("-update needs the official engine: %v", err)
	}
	defer w.Close()
	files, err := filepath.Glob(filepath.Join(regressionsDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".entities.json") {
			continue
		}
		if err := updateRegression(t, w.Protocol(), f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		n++
	}
	t.Logf("updated %d regression tests from the official engine", n)
}

func updateRegression(t *testing.T, pool *protocol.Pool, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var rf regressionFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rf); err != nil {
		return err
	}
	entities, err := readCompact(rf.Entities)
	if err != nil {
		return err
	}
	schemaText, err := os.ReadFile(rf.Schema)
	if err != nil {
		return err
	}
	tt, err := corpus.LoadFile(file)
	if err != nil {
		return err
	}
	test := &protocol.Test{Entities: entities, Schema: &protocol.Schema{Text: string(schemaText)}}
	for _, p := range tt.Policies.Policies {
		test.Policies = append(test.Policies, protocol.Policy{ID: p.ID, Template: p.IsTemplate(), Text: printer.Policy(p)})
	}
	if rf.TemplateLinks != nil {
		if err := json.Unmarshal(rf.TemplateLinks, &test.TemplateLinks); err != nil {
			return fmt.Errorf("templateLinks: %w", err)
		}
	}
	ctx := context.Background()

	var log strings.Builder
	fmt.Fprintf(&log, "%s:\n", caseName(file))
	var v protocol.ValidateResult
	if err := pool.Result(ctx, &protocol.Request{Op: protocol.OpValidate, Test: test}, &v); err != nil {
		return err
	}
	rf.ShouldValidate = v.Valid
	for _, e := range v.Errors {
		fmt.Fprintf(&log, "  validation error %s: %s\n", e.Policy, e.Message)
	}
	for _, e := range v.Warnings {
		if strings.Contains(e.Message, noApplicableAction) {
			rf.ShouldValidate = false
		}
		fmt.Fprintf(&log, "  validation warning %s: %s\n", e.Policy, e.Message)
	}
	fmt.Fprintf(&log, "  shouldValidate %v\n", rf.ShouldValidate)

	for i := range rf.Requests {
		r := &rf.Requests[i]
		one := *test
		p, a, res := protocol.EntityUID(r.Principal), protocol.EntityUID(r.Action), protocol.EntityUID(r.Resource)
		one.Requests = []protocol.AuthRequest{{Principal: &p, Action: &a, Resource: &res, Context: r.Context}}
		var strict protocol.ValidateRequestResult
		if err := pool.Result(ctx, &protocol.Request{Op: protocol.OpValidateRequest, Test: &one}, &strict); err != nil {
			return err
		}
		conforms := strict.Answers[0].Valid
		if !conforms {
			fmt.Fprintf(&log, "  request %d does not conform: %s\n", i, strings.Join(strict.Answers[0].Errors, "; "))
		}
		var auth protocol.AuthorizeResult
		if err := pool.Result(ctx, &protocol.Request{Op: protocol.OpAuthorize, Test: &one}, &auth); err != nil {
			return err
		}
		ans := auth.Answers[0]
		if ans.Error != "" {
			return fmt.Errorf("request %d (%q): the engine rejected it: %s", i, r.Description, ans.Error)
		}
		if conforms != r.ValidateRequest {
			fmt.Fprintf(&log, "  request %d: validateRequest %v -> %v\n", i, r.ValidateRequest, conforms)
		}
		r.ValidateRequest = conforms
		r.Decision = ans.Decision
		r.Reason = sortedIDs(ans.Reasons)
		var errs []string
		for _, e := range ans.Errors {
			errs = append(errs, e.Policy)
			fmt.Fprintf(&log, "  request %d error %s: %s\n", i, e.Policy, e.Message)
		}
		r.Errors = sortedIDs(errs)
		fmt.Fprintf(&log, "  request %d %q: %s reason=%v errors=%v\n", i, r.Description, r.Decision, r.Reason, r.Errors)
	}
	t.Log(log.String())
	out, err := marshalRegression(&rf)
	if err != nil {
		return err
	}
	if bytes.Equal(out, data) {
		return nil
	}
	return writeFileAtomic(file, out)
}

func readCompact(path string) (json.RawMessage, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, data); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return buf.Bytes(), nil
}

// marshalRegression writes a test file with a 2-space indent, lists never
// null, and a final newline.
func marshalRegression(rf *regressionFile) ([]byte, error) {
	for i := range rf.Requests {
		r := &rf.Requests[i]
		if r.Reason == nil {
			r.Reason = []string{}
		}
		if r.Errors == nil {
			r.Errors = []string{}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func sortedIDs(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// writeFileAtomic replaces path with data through a temporary file in the
// same folder and a rename.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
