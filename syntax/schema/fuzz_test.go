package schema

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

var textSeeds = []string{
	`entity A;`,
	`@doc("x") entity User in [Group] = { name: String, "a b"?: Set<Long> } tags String; entity Group;`,
	`namespace N { type C = { x: Long }; entity P enum ["a"]; action a, "b" in [c] appliesTo { principal: P, resource: [P], context: C }; action c; }`,
	`action a in [NS::Action::"x"]; // comment` + "\nentity E { e: __cedar::ipaddr, d: decimal };",
	`type T = Set<Set<{ a?: Bool }>>; entity A { t: T };`,
	"// header\n@doc(\"app\")\nnamespace App { // n\n  @doc(\"u\") // c\n  entity User in [Group] {\n    // own\n    name: String, // t\n  } tags String;\n  entity Group;\n  action read appliesTo { principal: User, resource: [Group], context: {}, };\n  // end\n}\n",
}

var jsonSeeds = []string{
	`{"": {"entityTypes": {}, "actions": {}}}`,
	`{"N": {"commonTypes": {"C": {"type": "Record", "attributes": {"x": {"type": "Long", "required": false}}}}, "entityTypes": {"U": {"memberOfTypes": ["G"], "shape": {"type": "C"}, "tags": {"type": "Set", "element": {"type": "Extension", "name": "ipaddr"}}}, "G": {"enum": ["a"]}}, "actions": {"a": {"memberOf": [{"id": "b"}], "appliesTo": {"principalTypes": ["U"], "resourceTypes": ["G"], "context": {"type": "C"}}, "annotations": {"doc": "x"}}, "b": {}}}}`,
	`{"": {"entityTypes": {"A": {"shape": {"type": "Record", "attributes": {"e": {"type": "Entity", "name": "A"}, "f": {"type": "EntityOrCommon", "name": "Bool"}}}}}, "actions": {}}}`,
}

func addSampleSeeds(f *testing.F) {
	dir := testdata.IntegrationTestsDir()
	if dir == "" {
		return
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "sample-data", "*", "*.cedarschema"))
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(string(src))
		}
	}
}

// FuzzSchema checks that no text input makes the parser, resolver or
// printers panic, that formatting is idempotent, and that a schema that
// resolves survives printing in both formats.
func FuzzSchema(f *testing.F) {
	for _, s := range textSeeds {
		f.Add(s)
	}
	addSampleSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		file, err := ParseCedarFile("fuzz", []byte(src))
		if err != nil {
			requirePositioned(t, err)
			return
		}
		formatted, err := PrintCedar(file)
		if err != nil {
			t.Fatalf("PrintCedar of parsed text: %v", err)
		}
		again, err := Format("fuzz", formatted)
		if err != nil {
			t.Fatalf("formatted text does not parse: %v\n%s", err, formatted)
		}
		if string(again) != string(formatted) {
			t.Fatalf("Format is not idempotent:\n%s\n---\n%s", formatted, again)
		}
		s, err := Resolve(file)
		if err != nil {
			requirePositioned(t, err)
			return
		}
		if got, err := ParseCedar("formatted", formatted); err != nil || !cmp.Equal(s, got) {
			t.Fatalf("formatting changed the schema: %v\n%s", err, cmp.Diff(s, got))
		}
		checkPrinted(t, s)
	})
}

// FuzzSchemaJSON is FuzzSchema for the JSON format.
func FuzzSchemaJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, err := ParseJSONFile("fuzz.json", []byte(src))
		if err != nil {
			requirePositioned(t, err)
			return
		}
		js, err := PrintJSON(file)
		if err != nil {
			t.Fatalf("PrintJSON of parsed JSON: %v", err)
		}
		if again, err := FormatJSON("printed.json", js); err != nil || string(again) != string(js) {
			t.Fatalf("FormatJSON is not idempotent: %v\n%s\n---\n%s", err, js, again)
		}
		s, err := Resolve(file)
		if err != nil {
			requirePositioned(t, err)
			return
		}
		if got, err := ParseJSON("printed.json", js); err != nil || !cmp.Equal(s, got) {
			t.Fatalf("reprinting changed the schema: %v\n%s\n%s", err, cmp.Diff(s, got), js)
		}
		// JSON -> text keeps the meaning, or says it cannot.
		text, err := PrintCedar(file)
		if err != nil {
			if e := syntax.FirstError(err); e == nil || e.Kind != KindNotRepresentable {
				t.Fatalf("PrintCedar of JSON: %v", err)
			}
		} else if got, err := ParseCedar("from-json", text); err != nil || !cmp.Equal(s, got) {
			t.Fatalf("JSON -> text changed the schema: %v\n%s\n%s", err, cmp.Diff(s, got), text)
		}
		checkPrinted(t, s)
	})
}

// requirePositioned checks that an error is a positioned *syntax.Error.
func requirePositioned(t *testing.T, err error) {
	e := syntax.FirstError(err)
	if e == nil || e.Kind == "" {
		t.Fatalf("error without a kind: %v", err)
	}
}

// checkPrinted prints a resolved schema in both formats and reads it back.
func checkPrinted(t *testing.T, s *syntax.Schema) {
	text, err := CedarText(s)
	if err != nil {
		t.Fatalf("CedarText: %v", err)
	}
	if got, err := ParseCedar("printed", text); err != nil || !cmp.Equal(s, got) {
		t.Fatalf("printed text gives another schema: %v\n%s\n%s", err, cmp.Diff(s, got), text)
	}
	js, err := JSONText(s)
	if err != nil {
		t.Fatalf("JSONText: %v", err)
	}
	if got, err := ParseJSON("printed.json", js); err != nil || !cmp.Equal(s, got) {
		t.Fatalf("printed JSON gives another schema: %v\n%s\n%s", err, cmp.Diff(s, got), js)
	}
}
