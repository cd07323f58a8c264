package fuzzseeds

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// writeEnv, set to 1, makes TestFuzzSeeds write the seeds.
const writeEnv = "CROSSCHECK_WRITE_FUZZ_SEEDS"

// seedTests are the generated tests the seeds come from: a typed, an
// RBAC and an untyped ABAC test (small, with entities and a schema).
func seedTests() []*generators.Test {
	var out []*generators.Test
	for i, mode := range []generators.Mode{generators.ModeTyped, generators.ModeRBAC, generators.ModeUntyped} {
		st := generators.DefaultSettings()
		st.Mode = mode
		out = append(out, generators.Generate(st, 1, uint64(i)))
	}
	return out
}

// arg is one argument of a fuzz input: a []byte or a string.
type arg struct {
	bytes bool
	value string
}

// encode writes a fuzz input in the go test fuzz v1 format.
func encode(args ...arg) []byte {
	var b bytes.Buffer
	b.WriteString("go test fuzz v1\n")
	for _, a := range args {
		if a.bytes {
			fmt.Fprintf(&b, "[]byte(%s)\n", strconv.Quote(a.value))
		} else {
			fmt.Fprintf(&b, "string(%s)\n", strconv.Quote(a.value))
		}
	}
	return b.Bytes()
}

func requestJSON(t *testing.T, r syntax.Request) string {
	ctx := []byte("{}")
	if r.Context != nil {
		var err error
		if ctx, err = cedarjson.MarshalValue(r.Context); err != nil {
			t.Fatal(err)
		}
	}
	uid := func(u syntax.EntityUID) string {
		return fmt.Sprintf(`{"type":%s,"id":%s}`, strconv.Quote(string(u.Type)), strconv.Quote(u.ID))
	}
	return fmt.Sprintf(`{"principal":%s,"action":%s,"resource":%s,"context":%s}`, uid(r.Principal), uid(r.Action), uid(r.Resource), ctx)
}

// seeds maps each seed file (relative to the repository) to its content.
func seeds(t *testing.T) map[string][]byte {
	out := map[string][]byte{}
	for i, tc := range seedTests() {
		name := fmt.Sprintf("generated-seed1-index%d", i)
		put := func(pkg, target string, args ...arg) {
			out[filepath.Join(pkg, "testdata", "fuzz", target, name)] = encode(args...)
		}
		text := printer.PolicySet(tc.Policies)
		put("syntax/parser", "FuzzParse", arg{true, text})
		put("syntax/printer", "FuzzFormat", arg{true, text})
		est, err := cedarjson.MarshalPolicySet(tc.Policies)
		if err != nil {
			t.Fatal(err)
		}
		put("syntax/cedarjson", "FuzzPolicyJSON", arg{true, string(est)})
		entities, err := cedarjson.MarshalEntities(tc.Entities)
		if err != nil {
			t.Fatal(err)
		}
		put("syntax/cedarjson", "FuzzEntities", arg{true, string(entities)})
		if tc.Schema != nil {
			sch, err := schema.CedarText(tc.Schema)
			if err != nil {
				t.Fatal(err)
			}
			put("syntax/schema", "FuzzSchema", arg{false, string(sch)})
		}
		if len(tc.Requests) > 0 {
			put("engine", "FuzzAuthorize", arg{false, text}, arg{false, string(entities)}, arg{false, requestJSON(t, tc.Requests[0])})
		}
	}
	return out
}

// TestFuzzSeeds writes the seeds (with CROSSCHECK_WRITE_FUZZ_SEEDS=1) or
// checks that the committed ones exist and are fuzz inputs (a seed the
// generators would now write differently is logged, not failed: it is
// still a meaningful input).
func TestFuzzSeeds(t *testing.T) {
	root := testdata.RepoRoot()
	if root == "" {
		t.Skip("not in the repository")
	}
	write := os.Getenv(writeEnv) == "1"
	for rel, want := range seeds(t) {
		path := filepath.Join(root, rel)
		if write {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		switch {
		case err != nil:
			t.Errorf("%s is missing (%v): run %s=1 go test ./internal/fuzzseeds", rel, err, writeEnv)
		case !strings.HasPrefix(string(got), "go test fuzz v1\n"):
			t.Errorf("%s: not a fuzz input", rel)
		case !bytes.Equal(got, want):
			// The generators changed: the committed seed is still a
			// valid input, so this is not a failure.
			t.Logf("%s differs from what the generators give now (regenerate with %s=1)", rel, writeEnv)
		}
	}
}
