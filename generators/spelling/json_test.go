package spelling

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

func decodeExact(t *testing.T, s string) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader([]byte(s)))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%v in %q", err, s)
	}
	return v
}

// TestJSONRenderKeepsMeaning: re-spelled JSON (white space, escapes,
// surrogate pairs) decodes to the same value, numbers digit for digit.
func TestJSONRenderKeepsMeaning(t *testing.T) {
	for _, src := range []string{
		`[{"uid": {"type": "A", "id": "é/\"\\\n😀"}, "attrs": {"n": 9223372036854775807, "m": -9223372036854775808}, "parents": []}]`,
		`{"a": [true, null, {"b": "\u0000\t"}], "c": 0}`,
	} {
		j, err := ReadJSON([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		for seed := range int64(50) {
			out := j.Render(rand.New(rand.NewSource(seed)))
			if d := cmp.Diff(decodeExact(t, src), decodeExact(t, out)); d != "" {
				t.Fatalf("seed %d: %s\n%s", seed, out, d)
			}
		}
	}
}

// TestRespellUIDs: uids and parents switch between the two forms, and
// switching back gives the original.
func TestRespellUIDs(t *testing.T) {
	src := `[{"uid": {"type": "A", "id": "a"}, "attrs": {"e": {"__entity": {"type": "A", "id": "b"}}}, "parents": [{"__entity": {"type": "A", "id": "b"}}]}]`
	forms := map[string]bool{}
	for seed := range int64(20) {
		j, _ := ReadJSON([]byte(src))
		RespellUIDs(j, rand.New(rand.NewSource(seed)))
		e := j.Vals[0]
		forms[e.Get("uid").Keys[0]+" "+e.Get("parents").Vals[0].Keys[0]] = true
		if e.Get("attrs").Get("e").Keys[0] != "__entity" {
			t.Fatal("an attribute value changed form")
		}
	}
	if len(forms) != 4 {
		t.Errorf("forms seen: %v, want all four combinations", forms)
	}
}

// TestSchemaTextRespelling: re-spelled schema text reads as the same
// schema.
func TestSchemaTextRespelling(t *testing.T) {
	src := "namespace N {\n  // c\n  entity A in [A] = { \"x y\": Long, b?: Set<String> } tags String;\n  action \"v\" appliesTo { principal: A, resource: [A], context: {} };\n}\n"
	want, err := schema.ParseCedar("s", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := schema.JSONText(want)
	for seed := range int64(30) {
		text := SchemaText(src).Render(rand.New(rand.NewSource(seed)))
		got, err := schema.ParseCedar("s", []byte(text))
		if err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, text)
		}
		gotJSON, _ := schema.JSONText(got)
		if !bytes.Equal(gotJSON, wantJSON) {
			t.Fatalf("seed %d: a different schema from\n%s", seed, text)
		}
	}
}
