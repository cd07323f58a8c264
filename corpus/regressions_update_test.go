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
	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
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

// updateRegressions asks the official engine for the answers of every
// regression test and rewrites the test files with them. It sends the
// engine the files' own text: the policies (ids policy0, policy1, ... as
// the engine assigns them), the entity JSON and each context as written,
// read with the schema as upstream reads them. A request is marked
// validateRequest exactly when the engine accepts it under request
// validation. Every answer is logged, with the engine's error messages,
// for review.
func updateRegressions(t *testing.T) {
	pool, err := cedarwasm.NewPool(cedarwasm.Options{})
	if err != nil {
		t.Fatalf("-update needs the official engine: %v", err)
	}
	defer pool.Close()
	files, err := filepath.Glob(filepath.Join(regressionsDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".entities.json") {
			continue
		}
		if err := updateRegression(t, pool, f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		n++
	}
	t.Logf("updated %d regression tests from the official engine", n)
}

func updateRegression(t *testing.T, pool *cedarwasm.Pool, file string) error {
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
	policyText, err := os.ReadFile(rf.Policies)
	if err != nil {
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
	policies, err := officialPolicySet(file, string(policyText), rf.TemplateLinks)
	if err != nil {
		return err
	}

	var log strings.Builder
	fmt.Fprintf(&log, "%s:\n", caseName(file))
	err = pool.Do(context.Background(), func(c *cedarwasm.Conn) error {
		v, err := c.Validate(mustJSON(map[string]any{"schema": string(schemaText), "policies": policies}))
		if err != nil {
			return err
		}
		if v.Type != "success" {
			return fmt.Errorf("the engine could not validate: %s", messages(v.Errors))
		}
		rf.ShouldValidate = true
		for _, e := range v.ValidationErrors {
			rf.ShouldValidate = false
			fmt.Fprintf(&log, "  validation error %s: %s\n", e.PolicyID, e.Error.Message)
		}
		for _, e := range v.ValidationWarnings {
			if strings.Contains(e.Error.Message, noApplicableAction) {
				rf.ShouldValidate = false
			}
			fmt.Fprintf(&log, "  validation warning %s: %s\n", e.PolicyID, e.Error.Message)
		}
		fmt.Fprintf(&log, "  shouldValidate %v\n", rf.ShouldValidate)

		for i := range rf.Requests {
			r := &rf.Requests[i]
			call := func(validate bool) (*cedarwasm.AuthorizationAnswer, error) {
				return c.IsAuthorized(mustJSON(map[string]any{
					"principal": r.Principal, "action": r.Action, "resource": r.Resource,
					"context": r.Context, "policies": policies, "entities": entities,
					"schema": string(schemaText), "validateRequest": validate,
				}))
			}
			strict, err := call(true)
			if err != nil {
				return err
			}
			a := strict
			conforms := strict.Type == "success"
			if !conforms {
				if a, err = call(false); err != nil {
					return err
				}
				fmt.Fprintf(&log, "  request %d does not conform: %s\n", i, messages(strict.Errors))
			}
			if a.Type != "success" || a.Response == nil {
				return fmt.Errorf("request %d (%q): the engine rejected it: %s", i, r.Description, messages(a.Errors))
			}
			if conforms != r.ValidateRequest {
				fmt.Fprintf(&log, "  request %d: validateRequest %v -> %v\n", i, r.ValidateRequest, conforms)
			}
			r.ValidateRequest = conforms
			r.Decision = a.Response.Decision
			r.Reason = sortedIDs(a.Response.Diagnostics.Reason)
			var errs []string
			for _, e := range a.Response.Diagnostics.Errors {
				errs = append(errs, e.PolicyID)
				fmt.Fprintf(&log, "  request %d error %s: %s\n", i, e.PolicyID, e.Error.Message)
			}
			r.Errors = sortedIDs(errs)
			fmt.Fprintf(&log, "  request %d %q: %s reason=%v errors=%v\n", i, r.Description, r.Decision, r.Reason, r.Errors)
		}
		return nil
	})
	if err != nil {
		return err
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

// officialPolicySet is the policy set JSON for the engine. Without
// templates the policy text goes as it is, and the engine names the
// policies policy0, policy1, ... itself; with templates (and the test's
// templateLinks) each policy goes by the id our parser gave it, which the
// test checks is the same numbering.
func officialPolicySet(file, text string, links json.RawMessage) (map[string]any, error) {
	if links == nil {
		return map[string]any{"staticPolicies": text}, nil
	}
	tt, err := corpus.LoadFile(file)
	if err != nil {
		return nil, err
	}
	static, templates := map[string]string{}, map[string]string{}
	for _, p := range tt.Policies.Policies {
		if p.IsTemplate() {
			templates[p.ID] = printer.Policy(p)
		} else {
			static[p.ID] = printer.Policy(p)
		}
	}
	return map[string]any{"staticPolicies": static, "templates": templates, "templateLinks": links}, nil
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

// mustJSON writes v on one line (the engine's protocol) without HTML
// escaping; raw messages keep their exact numbers.
func mustJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
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

func messages(errs []cedarwasm.DetailedError) string {
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Message)
	}
	if len(msgs) == 0 {
		return "no reason given"
	}
	return strings.Join(msgs, "; ")
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
