package validator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// integrationTest is the part of an integration-test file the validator
// is judged on.
type integrationTest struct {
	Policies       string `json:"policies"`
	Entities       string `json:"entities"`
	Schema         string `json:"schema"`
	ShouldValidate bool   `json:"shouldValidate"`
	Requests       []struct {
		Description     string          `json:"description"`
		Principal       json.RawMessage `json:"principal"`
		Action          json.RawMessage `json:"action"`
		Resource        json.RawMessage `json:"resource"`
		Context         json.RawMessage `json:"context"`
		ValidateRequest *bool           `json:"validateRequest"`
	} `json:"requests"`
}

// agreement counts how the validator agrees with the expectations of the
// integration tests.
type agreement struct {
	files, agree, requests, requestsAgree, entitySets, entitiesAgree int
	failures                                                         []string
}

func (a *agreement) fail(format string) { a.failures = append(a.failures, format) }

// check runs one integration test: shouldValidate against Validate, each
// request's validateRequest against ValidateRequest, and the entities
// (read with the schema, so already checked by the reader) against
// ValidateEntities.
func (a *agreement) check(name string, tc *integrationTest, read func(string) ([]byte, error)) {
	a.files++
	src, err := read(tc.Policies)
	if err != nil {
		a.fail(name + ": " + err.Error())
		return
	}
	ps, err := parser.ParsePolicySet(tc.Policies, src)
	if err != nil {
		a.fail(name + ": parse policies: " + err.Error())
		return
	}
	ssrc, err := read(tc.Schema)
	if err != nil {
		a.fail(name + ": " + err.Error())
		return
	}
	s, err := parseSchema(tc.Schema, ssrc)
	if err != nil {
		a.fail(name + ": parse schema: " + err.Error())
		return
	}
	res := Validate(s, ps)
	if res.OK() == tc.ShouldValidate {
		a.agree++
	} else {
		a.fail(name + ": shouldValidate=" + boolString(tc.ShouldValidate) + ", validator says:\n" + list(res.Errors))
	}
	for i, r := range tc.Requests {
		if r.ValidateRequest == nil {
			continue
		}
		a.requests++
		req, err := parseRequest(s, r.Principal, r.Action, r.Resource, r.Context)
		if err != nil {
			// A request the reader rejects against the schema is invalid.
			if !*r.ValidateRequest {
				a.requestsAgree++
			} else {
				a.fail(name + ": request " + strconv.Itoa(i) + ": read: " + err.Error())
			}
			continue
		}
		err = ValidateRequest(s, req)
		if (err == nil) == *r.ValidateRequest {
			a.requestsAgree++
		} else {
			a.fail(name + ": request " + strconv.Itoa(i) + ": validateRequest=" + boolString(*r.ValidateRequest) + ", got " + errString(err))
		}
	}
	esrc, err := read(tc.Entities)
	if err != nil {
		return
	}
	entities, err := cedarjson.ParseEntities(tc.Entities, esrc, s)
	if err != nil {
		return // not conforming by the reader's account: nothing to compare
	}
	a.entitySets++
	if err := ValidateEntities(s, entities); err != nil {
		a.fail(name + ": entities conform for the reader but not for ValidateEntities: " + err.Error())
	} else {
		a.entitiesAgree++
	}
}

func parseSchema(name string, src []byte) (*syntax.Schema, error) {
	if schema.IsJSONPath(name) {
		return schema.ParseJSON(name, src)
	}
	return schema.ParseCedar(name, src)
}

func parseRequest(s *syntax.Schema, p, a, r, c json.RawMessage) (*syntax.Request, error) {
	req := &syntax.Request{}
	var err error
	if req.Principal, err = cedarjson.ParseEntityUIDJSON("principal", p); err != nil {
		return nil, err
	}
	if req.Action, err = cedarjson.ParseEntityUIDJSON("action", a); err != nil {
		return nil, err
	}
	if req.Resource, err = cedarjson.ParseEntityUIDJSON("resource", r); err != nil {
		return nil, err
	}
	if len(c) == 0 {
		c = []byte("{}")
	}
	ctx, err := cedarjson.ParseContext("context", c, s, req.Action)
	if err != nil {
		return nil, err
	}
	req.Context = ctx
	return req, nil
}

func (a *agreement) report(t *testing.T, what string) {
	t.Logf("%s: shouldValidate agreement %d/%d files; validateRequest %d/%d requests; entities %d/%d sets",
		what, a.agree, a.files, a.requestsAgree, a.requests, a.entitiesAgree, a.entitySets)
	const show = 40
	for i, f := range a.failures {
		if i == show {
			t.Errorf("... and %d more", len(a.failures)-show)
			break
		}
		t.Error(f)
	}
}

// TestCorpus compares the validator with the Rust validator's verdicts
// recorded in the generated corpus.
func TestCorpus(t *testing.T) {
	files := testdata.CorpusArchive(t)
	var names []string
	for name := range files {
		if strings.HasSuffix(name, ".json") && !strings.HasSuffix(name, ".entities.json") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	read := func(p string) ([]byte, error) {
		if b, ok := files[p]; ok {
			return b, nil
		}
		return nil, os.ErrNotExist
	}
	var a agreement
	for _, name := range names {
		var tc integrationTest
		if err := json.Unmarshal(files[name], &tc); err != nil {
			a.fail(name + ": " + err.Error())
			continue
		}
		a.check(filepath.Base(name), &tc, read)
	}
	a.report(t, "corpus")
	if a.files < 3000 {
		t.Errorf("only %d corpus tests found", a.files)
	}
}

// TestHandWrittenIntegrationTests runs the integration tests in tests/.
func TestHandWrittenIntegrationTests(t *testing.T) {
	dir := testdata.Require(t)
	paths, _ := filepath.Glob(filepath.Join(dir, "tests", "*", "*.json"))
	read := func(p string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, p)) }
	var a agreement
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var tc integrationTest
		if err := json.Unmarshal(src, &tc); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		rel, _ := filepath.Rel(dir, p)
		a.check(rel, &tc, read)
	}
	a.report(t, "tests/")
	if a.files == 0 {
		t.Error("no hand-written integration tests found")
	}
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func errString(err error) string {
	if err == nil {
		return "no error"
	}
	return err.Error()
}
