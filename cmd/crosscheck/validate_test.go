package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

const validateSchema = `entity Group;
entity User in [Group] { age?: Long };
entity Photo { public: Bool };
action view appliesTo { principal: User, resource: Photo, context: { blocked: Bool } };
`

// validateFixture writes the schema and the named policy texts into one
// directory and returns the directory.
func validateFixture(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFormatFile(t, dir, "s.cedarschema", validateSchema)
	for name, content := range files {
		writeFormatFile(t, dir, name, content)
	}
	return dir
}

func TestValidateCommand(t *testing.T) {
	dir := validateFixture(t, map[string]string{
		"good.cedar": `@id("friends-view")
permit(principal in Group::"friends", action == Action::"view", resource)
  when { resource.public && !context.blocked };
`,
		"bad.cedar": `permit(principal, action, resource)
  when { principal.age > 3 };
permit(principal == Usr::"x", action, resource);
`,
		"warn.cedar": `permit(principal, action == Action::"view", resource) when { false };
`,
		"template.cedar": `@id("t")
permit(principal == ?principal, action, resource);
`,
		"links.json":         `[{"template_id": "t", "link_id": "l", "args": {"?principal": "Usr::\"x\""}}]`,
		"syntax.cedar":       "permit(principal, action, resource) when { 1 + };\n",
		"broken.cedarschema": "entity User in [;\n",
	})
	at := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string
	}{
		{"valid", []string{"--policies", at("good.cedar")}, exitOK,
			[]string{"validation passed: 0 errors, 0 warnings"}},
		{"invalid: each error with its position, policy, reason and kind", []string{"--policies", at("bad.cedar")}, exitFailed, []string{
			at("bad.cedar") + ":2:10: error in policy0: attribute \"age\" of User is optional: test it with `has` before reading it",
			"[UnsafeOptionalAttributeAccess]",
			at("bad.cedar") + ":3:8: error in policy1: entity type Usr is not declared in the schema [UnrecognizedEntityType]",
			"validation failed: 3 errors, 0 warnings",
		}},
		{"warnings pass", []string{"--policies", at("warn.cedar")}, exitOK, []string{
			at("warn.cedar") + ":1:1: warning in policy0: ", "[ImpossiblePolicy]", "validation passed: 0 errors, 1 warning",
		}},
		{"--deny-warnings fails on warnings", []string{"--policies", at("warn.cedar"), "--deny-warnings"}, exitFailed, []string{
			"validation failed (--deny-warnings): 0 errors, 1 warning",
		}},
		{"a link is validated at its place in the links file", []string{"--policies", at("template.cedar"), "--template-linked", at("links.json")}, exitFailed, []string{
			at("links.json") + ":1:2: error in l: ", "[UnrecognizedEntityType]",
		}},
		{"policies that do not parse are bad input", []string{"--policies", at("syntax.cedar")}, exitUsage, []string{
			at("syntax.cedar") + ":1:48: expected an expression",
		}},
		{"a schema that does not parse is bad input", []string{"--policies", at("good.cedar"), "--schema", at("broken.cedarschema")}, exitUsage, []string{
			at("broken.cedarschema") + ":1:17:",
		}},
		{"--schema is required", []string{"--policies", at("good.cedar"), "--schema", ""}, exitUsage, []string{
			"validate needs --schema and --policies",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"validate", "--schema", at("s.cedarschema")}, tt.args...)
			code, out, errOut := runCLI(t, args...)
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

func TestValidateJSON(t *testing.T) {
	dir := validateFixture(t, map[string]string{
		"p.cedar": `@id("old-enough")
permit(principal, action, resource) when { principal.age > 3 };
permit(principal, action == Action::"view", resource) when { false };
`,
	})
	code, out, errOut := runCLI(t, "validate", "--json", "--schema", filepath.Join(dir, "s.cedarschema"), "--policies", filepath.Join(dir, "p.cedar"))
	if code != exitFailed {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res validateResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("bad JSON %q: %v", out, err)
	}
	want := validateResult{
		Errors:   []diagnostic{{PolicyID: "old-enough", Kind: "UnsafeOptionalAttributeAccess", Position: filepath.Join(dir, "p.cedar") + ":2:44"}},
		Warnings: []diagnostic{{PolicyID: "policy1", Kind: "ImpossiblePolicy", Position: filepath.Join(dir, "p.cedar") + ":3:1"}},
	}
	if res.Valid || len(res.Errors) != 1 || len(res.Warnings) != 1 {
		t.Fatalf("result %+v", res)
	}
	for i, got := range []diagnostic{res.Errors[0], res.Warnings[0]} {
		w := append(want.Errors, want.Warnings...)[i]
		if got.PolicyID != w.PolicyID || got.Kind != w.Kind || got.Position != w.Position || got.Message == "" {
			t.Errorf("diagnostic %+v, want %+v and a message", got, w)
		}
	}
	// Empty lists are [] in JSON, never null.
	writeFormatFile(t, dir, "ok.cedar", "permit(principal, action, resource);\n")
	code, out, errOut = runCLI(t, "validate", "--json", "--schema", filepath.Join(dir, "s.cedarschema"), "--policies", filepath.Join(dir, "ok.cedar"))
	if code != exitOK || !strings.Contains(out, `"errors": []`) || !strings.Contains(out, `"warnings": []`) || !strings.Contains(out, `"valid": true`) {
		t.Errorf("exit %d, output:\n%s%s", code, out, errOut)
	}
}
