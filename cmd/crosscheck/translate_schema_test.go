package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

const translateSchemaText = `// People.
namespace App {
  @doc("a person")
  entity User in [Group] { name: String, age?: Long };
  entity Group;
  entity Photo { owner: User, tags: Set<String> } tags String;
  type Ctx = { ip: ipaddr };
  action view appliesTo { principal: [User], resource: Photo, context: Ctx };
}
`

// TestTranslateSchemaRoundTrip converts text to JSON and back and checks
// that both resolve to the schema the text means.
func TestTranslateSchemaRoundTrip(t *testing.T) {
	textFile := writeTemp(t, "s.cedarschema", translateSchemaText)
	code, js, stderr := runCLI(t, "translate-schema", "--to", "json", textFile)
	if code != exitOK {
		t.Fatalf("to json: exit %d: %s", code, stderr)
	}
	for _, want := range []string{`"App": {`, `"memberOfTypes": [`, `"doc": "a person"`, `"commonTypes": {`} {
		if !strings.Contains(js, want) {
			t.Errorf("JSON lacks %s:\n%s", want, js)
		}
	}
	// No extension: the format is read from the content.
	jsonFile := writeTemp(t, "s.schema", js)
	code, text, stderr := runCLI(t, "translate-schema", "--to", "cedar", jsonFile)
	if code != exitOK {
		t.Fatalf("to cedar: exit %d: %s", code, stderr)
	}
	want, err := schema.ParseCedar("want", []byte(translateSchemaText))
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := schema.ParseJSON("json", []byte(js))
	if err != nil {
		t.Fatalf("JSON output does not resolve: %v\n%s", err, js)
	}
	fromText, err := schema.ParseCedar("text", []byte(text))
	if err != nil {
		t.Fatalf("text output does not resolve: %v\n%s", err, text)
	}
	ignorePos := cmp.Comparer(func(a, b syntax.Pos) bool { return true })
	for name, got := range map[string]*syntax.Schema{"json": fromJSON, "text": fromText} {
		if diff := cmp.Diff(want, got, ignorePos, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: schema changed (-want +got):\n%s", name, diff)
		}
	}
	// To its own format: the canonical text, comments kept.
	code, same, _ := runCLI(t, "translate-schema", "--to", "cedar", textFile)
	if code != exitOK || !strings.HasPrefix(same, "// People.\n") {
		t.Errorf("text to text: exit %d:\n%s", code, same)
	}
}

func TestTranslateSchemaStdinAndFragments(t *testing.T) {
	// A fragment that names a type declared elsewhere translates as written.
	code, out, errOut := runCLIInput(t, strings.NewReader("entity User in [Elsewhere];\n"), "translate-schema", "--to", "json", "-")
	if code != exitOK || !strings.Contains(out, `"Elsewhere"`) {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}

func TestTranslateSchemaErrors(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		file     string
		ext      string
		contains string
	}{
		{"bad text", []string{"--to", "json"}, "entity User {\n  name: ;\n};", ".cedarschema", "s.cedarschema:2:9:"},
		{"bad json", []string{"--to", "cedar"}, "{\"\": {\"entityTypes\": 3, \"actions\": {}}}", ".json", "s.json:1:22:"},
		{"bad --to", []string{"--to", "yaml"}, "entity User;", ".cedarschema", "--to must be json or cedar"},
		{"missing file", []string{"--to", "json", "/no/such/s.cedarschema"}, "", "", "no such file"},
		{"missing --to", []string{}, "entity User;", ".cedarschema", "required flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"translate-schema"}, tt.args...)
			if tt.file != "" {
				args = append(args, writeTemp(t, "s"+tt.ext, tt.file))
			}
			err := translateErr(t, args...)
			if code := exitCodeOf(err); err == nil || code != exitUsage {
				t.Fatalf("error %v, exit %d, want exit %d", err, exitCodeOf(err), exitUsage)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %v does not contain %q", err, tt.contains)
			}
		})
	}
}

// translate-policy is the official name; translate still works.
func TestTranslatePolicyName(t *testing.T) {
	f := writeTemp(t, "p.cedar", "@id(\"mine\")\npermit(principal, action, resource);\n")
	for _, name := range []string{"translate-policy", "translate"} {
		code, out, errOut := runCLI(t, name, "--to", "json", f)
		if code != exitOK || !strings.Contains(out, `"mine": {`) {
			t.Errorf("%s: exit %d, the @id is not the policy's id:\n%s%s", name, code, out, errOut)
		}
	}
}
