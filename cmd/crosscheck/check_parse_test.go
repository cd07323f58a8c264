package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckParseCommand(t *testing.T) {
	dir := validateFixture(t, map[string]string{
		"p.cedar":                "permit(principal, action, resource);\n@id(\"t\")\npermit(principal == ?principal, action, resource);\n",
		"bad.cedar":              "permit(principal, action, resource) when { 1 + };\nforbid(principal, acton, resource);\n",
		"dup.cedar":              "@id(\"a\")\npermit(principal, action, resource);\n@id(\"a\")\nforbid(principal, action, resource);\n",
		"e.json":                 `[{"uid": {"type": "User", "id": "a"}, "attrs": {}, "parents": []}]`,
		"bad-e.json":             `[{"uid": {"type": "User", "id": "a"}, "attrs": {"age": "x"}, "parents": []}]`,
		"links.json":             `[{"template_id": "t", "link_id": "l", "args": {"?resource": "Photo::\"x\""}}]`,
		"unresolved.cedarschema": "entity User in [Nope];\n",
		"broken-links.json":      "[{\"template_id\": \"t\",\n",
		"odd-links.json":         `[{"template_id": "t", "new_id": "l"}]`,
	})
	at := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		contains []string
	}{
		{"policies parse", []string{"--policies", at("p.cedar")}, "", exitOK,
			[]string{at("p.cedar") + ": ok: 1 static policy, 1 template"}},
		{"every policy error, with positions", []string{"--policies", at("bad.cedar")}, "", exitFailed, []string{
			at("bad.cedar") + ":1:48: expected an expression, found `}`",
			at("bad.cedar") + ":2:19: invalid variable `acton`",
			at("bad.cedar") + ": does not parse: 2 errors",
		}},
		{"duplicate @id", []string{"--policies", at("dup.cedar")}, "", exitFailed, []string{
			at("dup.cedar") + `:3:1: policy id "a" is already the id of the policy at ` + at("dup.cedar") + ":1:1",
		}},
		{"a link that does not fit its template", []string{"--policies", at("p.cedar"), "--template-linked", at("links.json")}, "", exitFailed, []string{
			at("links.json") + `:1:2: link "l": template "t" has the slot ?principal, which the link does not fill`,
		}},
		{"schema, entities against it, expression", []string{"--schema", at("s.cedarschema"), "--entities", at("e.json"), "--expression", `principal.age > 3`}, "", exitOK, []string{
			at("s.cedarschema") + ": ok: 3 entity types, 1 action", at("e.json") + ": ok: 1 entity, and the schema's 1 action entity", "--expression: ok: one expression",
		}},
		{"entities that do not fit the schema", []string{"--schema", at("s.cedarschema"), "--entities", at("bad-e.json")}, "", exitFailed, []string{
			at("bad-e.json") + ":1:56: ", "expected a value of type Long",
		}},
		{"entities without a schema are read as they are", []string{"--entities", at("bad-e.json")}, "", exitOK, []string{
			at("bad-e.json") + ": ok: 1 entity",
		}},
		{"a schema must resolve", []string{"--schema", at("unresolved.cedarschema")}, "", exitFailed, []string{
			at("unresolved.cedarschema") + ":1:17: ",
		}},
		{"a links file that is not JSON", []string{"--policies", at("p.cedar"), "--template-linked", at("broken-links.json")}, "", exitFailed, []string{
			at("broken-links.json") + ":2:1: unexpected end of JSON input",
		}},
		{"a link with an unknown field", []string{"--policies", at("p.cedar"), "--template-linked", at("odd-links.json")}, "", exitFailed, []string{
			at("odd-links.json") + `:1:2: link 0: unknown field "new_id"`,
		}},
		{"a bad expression", []string{"--expression", "1 +"}, "", exitFailed, []string{"--expression:1:4: expected an expression"}},
		{"no flag reads policies from standard input", nil, "permit(principal, action, resource);", exitOK, []string{"<stdin>: ok: 1 static policy, 0 templates"}},
		{"no flag, bad standard input", nil, "permit(", exitFailed, []string{"<stdin>:1:8: "}},
		{"a missing file is bad input, not a parse failure", []string{"--policies", at("nope.cedar")}, "", exitUsage, []string{"no such file"}},
		{"--template-linked needs --policies", []string{"--template-linked", at("links.json")}, "", exitUsage, []string{"--template-linked needs --policies"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLIInput(t, strings.NewReader(tt.stdin), append([]string{"check-parse"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errOut)
			}
			for _, want := range tt.contains {
				if !strings.Contains(out+errOut, want) {
					t.Errorf("output does not contain %q:\n%s%s", want, out, errOut)
				}
			}
		})
	}
}

func TestCheckParseJSON(t *testing.T) {
	dir := validateFixture(t, map[string]string{"bad.cedar": "permit(principal, action, resource) when { 1 + };\n"})
	code, out, errOut := runCLI(t, "check-parse", "--json", "--policies", filepath.Join(dir, "bad.cedar"), "--schema", filepath.Join(dir, "s.cedarschema"))
	if code != exitFailed {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res checkParseResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("bad JSON %q: %v", out, err)
	}
	if res.OK || len(res.Inputs) != 2 {
		t.Fatalf("result %+v", res)
	}
	pol, sch := res.Inputs[0], res.Inputs[1]
	if pol.Input != "policies" || pol.OK || len(pol.Errors) != 1 || pol.Errors[0].Position != filepath.Join(dir, "bad.cedar")+":1:48" || pol.Errors[0].Message == "" {
		t.Errorf("policies: %+v", pol)
	}
	if sch.Input != "schema" || !sch.OK || sch.Errors == nil || len(sch.Errors) != 0 {
		t.Errorf("schema: %+v", sch)
	}
}
