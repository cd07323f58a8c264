package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// authzFixture writes a policy file, an entity file and a schema into a
// temporary directory and returns their paths.
func authzFixture(t *testing.T) (policies, entities, schemaPath string) {
	t.Helper()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	policies = write("p.cedar", `permit(principal in Group::"friends", action == Action::"view", resource)
  when { resource.public };
forbid(principal, action, resource)
  when { context.blocked };
permit(principal, action, resource)
  when { resource.nope };
`)
	entities = write("e.json", `[
  {"uid": {"type": "User", "id": "alice"}, "attrs": {}, "parents": [{"type": "Group", "id": "friends"}]},
  {"uid": {"type": "Group", "id": "friends"}, "attrs": {}, "parents": []},
  {"uid": {"type": "Photo", "id": "x"}, "attrs": {"public": true}, "parents": []}
]`)
	schemaPath = write("s.cedarschema", `entity Group;
entity User in [Group];
entity Photo { public: Bool };
action view appliesTo { principal: User, resource: Photo, context: { blocked: Bool } };
`)
	return policies, entities, schemaPath
}

func TestAuthorizeCommand(t *testing.T) {
	pol, ent, sch := authzFixture(t)
	base := []string{"authorize", "--policies", pol, "--entities", ent,
		"--principal", `User::"alice"`, "--action", `Action::"view"`, "--resource", `Photo::"x"`}
	for _, impl := range []string{"engine", "model"} {
		t.Run(impl, func(t *testing.T) {
			args := append(append([]string{}, base...), "--impl", impl, "--context", `{"blocked": false}`)
			code, out, errOut := runCLI(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if !strings.Contains(out, "decision: allow") || !strings.Contains(out, "reasons: policy0") ||
				!strings.Contains(strings.ToLower(out), "policy2: attrdoesnotexist") {
				t.Errorf("output:\n%s", out)
			}

			args = append(append([]string{}, base...), "--impl", impl, "--context", `{"blocked": true}`, "--json", "--exit-code", "--schema", sch)
			code, out, errOut = runCLI(t, args...)
			if code != exitFailed {
				t.Fatalf("deny with --exit-code: exit %d (%s)", code, errOut)
			}
			var res authzResult
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatalf("bad JSON %q: %v", out, err)
			}
			if res.Decision != "deny" || len(res.Reasons) != 1 || res.Reasons[0] != "policy1" ||
				len(res.Errors) != 1 || res.Errors[0].PolicyID != "policy2" {
				t.Errorf("result %+v", res)
			}
		})
	}
}

func TestAuthorizeCommandBadInput(t *testing.T) {
	pol, ent, sch := authzFixture(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing principal", []string{"--policies", pol, "--action", `Action::"view"`, "--resource", `Photo::"x"`}, "--principal is required"},
		{"bad uid", []string{"--policies", pol, "--principal", `User:alice`, "--action", `Action::"view"`, "--resource", `Photo::"x"`}, "--principal"},
		{"bad impl", []string{"--impl", "nope", "--policies", pol, "--principal", `User::"a"`, "--action", `Action::"view"`, "--resource", `Photo::"x"`}, "unknown implementation"},
		{"bad context", []string{"--policies", pol, "--entities", ent, "--principal", `User::"a"`, "--action", `Action::"view"`, "--resource", `Photo::"x"`, "--context", `[1]`}, ""},
		{"context against schema", []string{"--policies", pol, "--entities", ent, "--schema", sch, "--principal", `User::"a"`, "--action", `Action::"view"`, "--resource", `Photo::"x"`, "--context", `{"blocked": 3}`}, ""},
		{"missing file", []string{"--policies", pol + ".nope", "--principal", `User::"a"`, "--action", `Action::"view"`, "--resource", `Photo::"x"`}, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, _, _ := runCLI(t, append([]string{"authorize"}, tt.args...)...); code != exitUsage {
				t.Fatalf("exit %d, want %d", code, exitUsage)
			}
			_, err := runAuthorizeForTest(tt.args)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

// runAuthorizeForTest runs the command and returns its error, to check
// messages.
func runAuthorizeForTest(args []string) (string, error) {
	cmd := newAuthorizeCmd()
	cmd.SetArgs(args)
	var out strings.Builder
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	err := cmd.Execute()
	return out.String(), err
}

// TestAuthorizeErrorKindsAndPositions checks that both implementations
// spell error kinds the one documented way and position each error at
// the erroring expression.
func TestAuthorizeErrorKindsAndPositions(t *testing.T) {
	dir := t.TempDir()
	pol := filepath.Join(dir, "p.cedar")
	src := `permit(principal, action, resource)
  when { context.nope };
permit(principal, action, resource) when { 9223372036854775807 + 1 == 0 };
permit(principal, action, resource) when { User::"ghost".name == "x" };
permit(principal, action, resource) when { 1 < "a" };
permit(principal, action, resource) when { decimal("nope") == decimal("1.0") };
`
	if err := os.WriteFile(pol, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []authzError{
		{PolicyID: "policy0", Kind: "attrDoesNotExist", Position: pol + ":2:10"},
		{PolicyID: "policy1", Kind: "arithBoundsError", Position: pol + ":3:44"},
		{PolicyID: "policy2", Kind: "entityDoesNotExist", Position: pol + ":4:44"},
		{PolicyID: "policy3", Kind: "typeError", Position: pol + ":5:44"},
		{PolicyID: "policy4", Kind: "extensionError", Position: pol + ":6:44"},
	}
	for _, impl := range []string{"engine", "model"} {
		t.Run(impl, func(t *testing.T) {
			code, out, errOut := runCLI(t, "authorize", "--policies", pol, "--impl", impl, "--json",
				"--principal", `User::"a"`, "--action", `Action::"view"`, "--resource", `Photo::"x"`)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var res authzResult
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) != len(want) {
				t.Fatalf("errors %+v, want %d", res.Errors, len(want))
			}
			for i, e := range res.Errors {
				if e.PolicyID != want[i].PolicyID || e.Kind != want[i].Kind || e.Position != want[i].Position {
					t.Errorf("error %d: %s %s at %q, want %s %s at %q", i, e.PolicyID, e.Kind, e.Position, want[i].PolicyID, want[i].Kind, want[i].Position)
				}
			}
		})
	}
}

func TestAuthorizeUnknownActionBlamesTheActionFlag(t *testing.T) {
	pol, ent, sch := authzFixture(t)
	for _, impl := range []string{"engine", "model"} {
		args := []string{"--policies", pol, "--entities", ent, "--schema", sch, "--impl", impl,
			"--principal", `User::"alice"`, "--action", `Action::"nope"`, "--resource", `Photo::"x"`}
		if code, _, _ := runCLI(t, append([]string{"authorize"}, args...)...); code != exitUsage {
			t.Errorf("%s: exit %d, want %d", impl, code, exitUsage)
		}
		_, err := runAuthorizeForTest(args)
		if err == nil || !strings.HasPrefix(err.Error(), `--action: Action::"nope" is not declared in the schema`) ||
			!strings.Contains(err.Error(), `Action::"view"`) || strings.Contains(err.Error(), "--context") {
			t.Errorf("%s: error %v, want it to blame --action and list the declared actions", impl, err)
		}
	}
}
