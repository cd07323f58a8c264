package engine

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// integrationTest is one test file of cedar-integration-tests.
type integrationTest struct {
	Policies string `json:"policies"`
	Entities string `json:"entities"`
	Schema   string `json:"schema"`
	Requests []struct {
		Description string          `json:"description"`
		Principal   json.RawMessage `json:"principal"`
		Action      json.RawMessage `json:"action"`
		Resource    json.RawMessage `json:"resource"`
		Context     json.RawMessage `json:"context"`
		Decision    string          `json:"decision"`
		Reason      []string        `json:"reason"`
		Errors      []string        `json:"errors"`
	} `json:"requests"`
}

// loadedTest is a test file with its policies, schema and entities
// compiled for the engine.
type loadedTest struct {
	name   string
	test   integrationTest
	ps     *PolicySet
	es     *EntityStore
	schema *syntax.Schema
	reqs   []Request
}

// loadTest reads one test through the syntax packages; read returns the
// content of a file named relative to the integration-tests root.
func loadTest(name string, src []byte, read func(string) ([]byte, error)) (*loadedTest, error) {
	lt := &loadedTest{name: name}
	if err := json.Unmarshal(src, &lt.test); err != nil {
		return nil, err
	}
	polSrc, err := read(lt.test.Policies)
	if err != nil {
		return nil, err
	}
	ast, err := parser.ParsePolicySet(lt.test.Policies, polSrc)
	if err != nil {
		return nil, err
	}
	if lt.ps, err = NewPolicySet(ast); err != nil {
		return nil, err
	}
	if lt.test.Schema != "" {
		schemaSrc, err := read(lt.test.Schema)
		if err != nil {
			return nil, err
		}
		f, err := schema.ParseCedarFile(lt.test.Schema, schemaSrc)
		if err != nil {
			return nil, err
		}
		if lt.schema, err = schema.Resolve(f); err != nil {
			return nil, err
		}
	}
	entSrc, err := read(lt.test.Entities)
	if err != nil {
		return nil, err
	}
	data, err := cedarjson.ParseEntities(lt.test.Entities, entSrc, lt.schema)
	if err != nil {
		return nil, err
	}
	if lt.es, err = NewEntityStore(data, lt.schema); err != nil {
		return nil, err
	}
	for _, r := range lt.test.Requests {
		var sr syntax.Request
		if sr.Principal, err = cedarjson.ParseEntityUIDJSON(name, r.Principal); err != nil {
			return nil, err
		}
		if sr.Action, err = cedarjson.ParseEntityUIDJSON(name, r.Action); err != nil {
			return nil, err
		}
		if sr.Resource, err = cedarjson.ParseEntityUIDJSON(name, r.Resource); err != nil {
			return nil, err
		}
		ctx := r.Context
		if len(ctx) == 0 {
			ctx = []byte("{}")
		}
		rec, err := cedarjson.ParseContext(name, ctx, lt.schema, sr.Action)
		if err != nil {
			return nil, err
		}
		sr.Context = rec
		req, err := NewRequest(sr)
		if err != nil {
			return nil, err
		}
		lt.reqs = append(lt.reqs, req)
	}
	return lt, nil
}

// check authorizes every request and returns a line per mismatch.
func (lt *loadedTest) check() []string {
	var out []string
	for i, r := range lt.test.Requests {
		got := lt.ps.Authorize(lt.es, lt.reqs[i])
		reasons := sortedCopy(got.Diagnostics.Reasons)
		errs := sortedCopy(errorIDs(got))
		wantReasons, wantErrs := sortedCopy(r.Reason), sortedCopy(r.Errors)
		if got.Decision.String() != r.Decision || !slices.Equal(reasons, wantReasons) || !slices.Equal(errs, wantErrs) {
			out = append(out, lt.name+": "+r.Description+": got "+got.Decision.String()+" "+
				strings.Join(reasons, ",")+" errors "+strings.Join(errs, ",")+" ("+errorMessages(got)+"); want "+
				r.Decision+" "+strings.Join(wantReasons, ",")+" errors "+strings.Join(wantErrs, ","))
		}
	}
	return out
}

func errorMessages(r Response) string {
	var s []string
	for _, e := range r.Diagnostics.Errors {
		s = append(s, e.Kind.String()+": "+e.Message)
	}
	return strings.Join(s, "; ")
}

func TestIntegrationTests(t *testing.T) {
	root := testdata.Require(t)
	files, _ := filepath.Glob(filepath.Join(root, "tests", "*", "*.json"))
	if len(files) == 0 {
		t.Skip("no integration tests found")
	}
	read := func(rel string) ([]byte, error) { return os.ReadFile(filepath.Join(root, rel)) }
	requests := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lt, err := loadTest(f, src, read)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		requests += len(lt.reqs)
		for _, m := range lt.check() {
			t.Error(m)
		}
	}
	t.Logf("%d test files, %d requests", len(files), requests)
}

// loadCorpus loads every test of the corpus archive; tests that fail to
// load are returned as errors.
func loadCorpus(tb testing.TB) ([]*loadedTest, []string) {
	files := testdata.CorpusArchive(tb)
	read := func(rel string) ([]byte, error) {
		if b, ok := files[rel]; ok {
			return b, nil
		}
		return nil, os.ErrNotExist
	}
	var names []string
	for name := range files {
		if strings.HasSuffix(name, ".json") && !strings.HasSuffix(name, ".entities.json") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var tests []*loadedTest
	var loadErrs []string
	for _, name := range names {
		lt, err := loadTest(name, files[name], read)
		if err != nil {
			loadErrs = append(loadErrs, name+": "+err.Error())
			continue
		}
		tests = append(tests, lt)
	}
	return tests, loadErrs
}

func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus replay skipped in -short mode")
	}
	tests, loadErrs := loadCorpus(t)
	for i, e := range loadErrs {
		if i < 20 {
			t.Errorf("load: %s", e)
		}
	}
	requests, failures := 0, 0
	for _, lt := range tests {
		requests += len(lt.reqs)
		for _, m := range lt.check() {
			if failures < 30 {
				t.Error(m)
			}
			failures++
		}
	}
	t.Logf("corpus: %d test files loaded (%d failed to load), %d requests, %d mismatches",
		len(tests), len(loadErrs), requests, failures)
}
