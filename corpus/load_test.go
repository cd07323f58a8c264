package corpus

import (
	"archive/tar"
	"compress/gzip"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

func mustLoad(t *testing.T, paths ...string) []*Test {
	t.Helper()
	tests, err := Load(paths...)
	if err != nil {
		t.Fatalf("Load(%v): %v", paths, err)
	}
	return tests
}

func names(tests []*Test) []string {
	var out []string
	for _, t := range tests {
		out = append(out, t.Name)
	}
	return out
}

func policyIDs(ps *syntax.PolicySet) []string {
	var out []string
	for _, p := range ps.Policies {
		out = append(out, p.ID)
	}
	return out
}

func hasEntity(data []*syntax.EntityData, uid syntax.EntityUID) bool {
	for _, d := range data {
		if d.UID == uid {
			return true
		}
	}
	return false
}

func field(r *syntax.RecordExpr, key string) syntax.Expr {
	for _, f := range r.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

func TestLoadUpstreamLayout(t *testing.T) {
	tests := mustLoad(t, "testdata/layout")
	want := []string{
		filepath.FromSlash("testdata/layout/corpus-tests/0a1b2c.json"),
		filepath.FromSlash("testdata/layout/tests/photos/1.json"),
	}
	if got := names(tests); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("tests found: got %q, want %q", got, want)
	}

	gen := tests[0]
	if gen.PoliciesFile != "corpus-tests/0a1b2c.cedar" || !gen.ShouldValidate || len(gen.Requests) != 2 {
		t.Errorf("generated test: policies %q, shouldValidate %v, %d requests", gen.PoliciesFile, gen.ShouldValidate, len(gen.Requests))
	}
	if got := gen.Requests[0].Expected(); !got.Equal(diff.Response{Decision: diff.Allow, Reasons: []string{"policy0"}, Errors: []string{"policy1"}}) {
		t.Errorf("generated test, request 0 expects %+v", got)
	}

	hand := tests[1]
	if got := strings.Join(policyIDs(hand.Policies), ","); got != "policy0,policy1,policy2" {
		t.Errorf("policy ids: got %s (annotations must not change them)", got)
	}
	if !strings.Contains(hand.PolicyText, "Owners may view") || !strings.Contains(hand.SchemaText, "entity Photo") {
		t.Errorf("source texts not kept")
	}
	if hand.Schema == nil || hand.Schema.Actions[syntax.NewEntityUID("Action", "view")] == nil {
		t.Fatalf("schema not parsed: %+v", hand.Schema)
	}
	if !hasEntity(hand.Entities, syntax.NewEntityUID("User", "ana")) {
		t.Errorf("entity User::\"ana\" missing")
	}
	if !hasEntity(hand.Entities, syntax.NewEntityUID("Action", "edit")) {
		t.Errorf("action entities of the schema not added to the entities")
	}
	if len(hand.Requests) != 3 {
		t.Fatalf("got %d requests, want 3", len(hand.Requests))
	}
	r0, r1, r2 := hand.Requests[0], hand.Requests[1], hand.Requests[2]
	if r0.Principal != syntax.NewEntityUID("User", "ana") || r0.Action != syntax.NewEntityUID("Action", "view") ||
		r0.Resource != syntax.NewEntityUID("Photo", "cat.jpg") || r0.Description != "an admin views a photo" {
		t.Errorf("request 0: %+v", r0)
	}
	// With the schema, a string where an ipaddr is declared is an
	// implicit extension value.
	if c, ok := field(r0.Context, "source").(*syntax.Call); !ok || c.Name != "ip" {
		t.Errorf("context.source parsed as %#v, want a call of ip", field(r0.Context, "source"))
	}
	if r1.Principal != syntax.NewEntityUID("User", "bo") {
		t.Errorf("__entity form: principal %v", r1.Principal)
	}
	if !r0.ValidateRequest || !r1.ValidateRequest || r2.ValidateRequest {
		t.Errorf("validateRequest: got %v %v %v, want true, true (the default), false", r0.ValidateRequest, r1.ValidateRequest, r2.ValidateRequest)
	}
	if r2.Decision != diff.Deny || strings.Join(r2.Reasons, ",") != "policy2" {
		t.Errorf("request 2 expects %v %v", r2.Decision, r2.Reasons)
	}
}

func TestLoadLegacyFieldNames(t *testing.T) {
	tests := mustLoad(t, "testdata/legacy/tests/old/1.json")
	if len(tests) != 1 {
		t.Fatalf("got %d tests", len(tests))
	}
	lt := tests[0]
	if lt.ShouldValidate {
		t.Errorf("should_validate: false was read as true")
	}
	if lt.Schema == nil || lt.Schema.EntityTypes["User"] == nil {
		t.Errorf("JSON schema not parsed")
	}
	if len(lt.Requests) != 2 {
		t.Fatalf("queries: got %d requests, want 2", len(lt.Requests))
	}
	r0, r1 := lt.Requests[0], lt.Requests[1]
	if r0.Description != "ana reads, with uids written as Cedar text" {
		t.Errorf("desc: %q", r0.Description)
	}
	if r0.Principal != syntax.NewEntityUID("User", "ana") || r0.Resource != syntax.NewEntityUID("Doc", "d1") {
		t.Errorf("uid strings: %v %v", r0.Principal, r0.Resource)
	}
	if r0.Decision != diff.Allow || strings.Join(r0.Reasons, ",") != "policy1" || !r0.ValidateRequest {
		t.Errorf("request 0: decision %v, reasons %v, validate %v", r0.Decision, r0.Reasons, r0.ValidateRequest)
	}
	if r1.Decision != diff.Deny || strings.Join(r1.Errors, ",") != "policy0" {
		t.Errorf("request 1: decision %v, errors %v", r1.Decision, r1.Errors)
	}
}

// writeArchive writes a .tar.gz holding the given files (member name ->
// path of the content on disk).
func writeArchive(t *testing.T, members map[string]string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "corpus.tar.gz")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	for _, name := range slices.Sorted(maps.Keys(members)) {
		data, err := os.ReadFile(members[name])
		if err != nil {
			t.Fatal(err)
		}
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []interface{ Close() error }{tw, zw, f} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func corpusMembers(prefix string) map[string]string {
	m := map[string]string{}
	for _, ext := range []string{".json", ".cedar", ".cedarschema", ".entities.json"} {
		m[prefix+"corpus-tests/0a1b2c"+ext] = "testdata/layout/corpus-tests/0a1b2c" + ext
	}
	return m
}

func TestLoadArchive(t *testing.T) {
	for _, prefix := range []string{"", "./", "cedar-integration-tests/"} {
		archive := writeArchive(t, corpusMembers(prefix))
		tests := mustLoad(t, archive)
		if len(tests) != 1 {
			t.Fatalf("prefix %q: got %d tests, want 1", prefix, len(tests))
		}
		want := archive + ":" + strings.TrimPrefix(prefix, "./") + "corpus-tests/0a1b2c.json"
		if tests[0].Name != want {
			t.Errorf("prefix %q: name %q, want %q", prefix, tests[0].Name, want)
		}
		if len(tests[0].Requests) != 2 || tests[0].Policies == nil || len(tests[0].Policies.Policies) != 2 {
			t.Errorf("prefix %q: test not loaded fully", prefix)
		}
	}
}

func TestLoadArchiveErrors(t *testing.T) {
	dir := t.TempDir()
	notGzip := filepath.Join(dir, "plain.tar.gz")
	if err := os.WriteFile(notGzip, []byte("not an archive"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(notGzip); err == nil || !strings.Contains(err.Error(), "plain.tar.gz") {
		t.Errorf("a file that is not gzip: got %v", err)
	}

	// A test whose entities file is missing from the archive.
	m := corpusMembers("")
	delete(m, "corpus-tests/0a1b2c.entities.json")
	archive := writeArchive(t, m)
	_, err := Load(archive)
	if err == nil || !strings.Contains(err.Error(), archive+":corpus-tests/0a1b2c.json") || !strings.Contains(err.Error(), "0a1b2c.entities.json") {
		t.Errorf("missing member: got %v", err)
	}
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		file string
		want []string // substrings of the error
	}{
		{"syntax.json", []string{"syntax.json:5:24: invalid character"}},
		{"unknown_field.json", []string{"unknown field \"shouldValidat\""}},
		{"both_spellings.json", []string{"\"shouldValidate\" given twice"}},
		{"missing_file.json", []string{"missing_file.json", "bad/no_such_file.cedar", "not found"}},
		{"bad_policy.cedar", []string{"not a test file"}},
		{"bad_policy.json", []string{"bad_policy.json", "bad_policy.cedar:2:"}},
		{"bad_entities.json", []string{"bad_entities.json", "bad_entities.entities.json"}},
		{"bad_context.json", []string{"bad_context.json", "request 0", "context", "authenticated"}},
		{"no_principal.json", []string{"no_principal.json", "missing principal"}},
		{"bad_decision.json", []string{"bad_decision.json", "unknown decision \"maybe\""}},
		{"bad_uid.json", []string{"bad_uid.json", "principal"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			p := filepath.Join("testdata", "bad", c.file)
			tests, err := Load(p)
			if err == nil {
				t.Fatalf("Load(%s) succeeded with %d tests, want an error", p, len(tests))
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestLoadMissingPath(t *testing.T) {
	if _, err := Load("testdata/no/such/dir"); err == nil {
		t.Fatal("Load of a missing path succeeded")
	}
}

// A request that need not conform to the schema may carry a context that
// does not fit it; the context is then read without the schema.
func TestLoadIllTypedContext(t *testing.T) {
	tests := mustLoad(t, "testdata/illtyped/1.json")
	ctx := tests[0].Requests[0].Context
	if lit, ok := field(ctx, "authenticated").(*syntax.Literal); !ok || lit.Value != "yes" {
		t.Errorf("context.authenticated: got %#v, want the string \"yes\"", field(ctx, "authenticated"))
	}
	if lit, ok := field(ctx, "extra").(*syntax.Literal); !ok || lit.Value != syntax.NewEntityUID("User", "bo") {
		t.Errorf("context.extra: got %#v, want User::\"bo\"", field(ctx, "extra"))
	}
	// A string the schema declares an ipaddr, but which is no address,
	// does not conform either: it stays a string.
	ctx = tests[0].Requests[1].Context
	if lit, ok := field(ctx, "source").(*syntax.Literal); !ok || lit.Value != "not-an-address" {
		t.Errorf("context.source: got %#v, want the string \"not-an-address\"", field(ctx, "source"))
	}
}
