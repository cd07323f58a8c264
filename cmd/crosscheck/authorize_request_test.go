package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestAuthorizeRequestJSON reads the request from a file in the official
// CLI's format (uids as Cedar text, or as entity JSON), with the same
// answer as the four flags give.
func TestAuthorizeRequestJSON(t *testing.T) {
	pol, ent, sch := authzFixture(t)
	dir := filepath.Dir(pol)
	requests := map[string]string{
		"text uids":        `{"principal": "User::\"alice\"", "action": "Action::\"view\"", "resource": "Photo::\"x\"", "context": {"blocked": true}}`,
		"entity-JSON uids": `{"principal": {"type": "User", "id": "alice"}, "action": {"__entity": {"type": "Action", "id": "view"}}, "resource": "Photo::\"x\"", "context": {"blocked": true}}`,
	}
	for name, req := range requests {
		for _, impl := range []string{"engine", "model"} {
			t.Run(name+"/"+impl, func(t *testing.T) {
				rj := writeFormatFile(t, dir, "r.json", req)
				code, out, errOut := runCLI(t, "authorize", "--impl", impl, "--json", "--policies", pol, "--entities", ent, "--schema", sch, "--request-json", rj)
				var res authzResult
				if code != exitOK || json.Unmarshal([]byte(out), &res) != nil {
					t.Fatalf("exit %d: %s%s", code, out, errOut)
				}
				if res.Decision != "deny" || len(res.Reasons) != 1 || res.Reasons[0] != "policy1" {
					t.Errorf("result %+v", res)
				}
			})
		}
	}
	// Without a schema the context is optional.
	rj := writeFormatFile(t, dir, "r.json", `{"principal": "User::\"alice\"", "action": "Action::\"view\"", "resource": "Photo::\"x\""}`)
	code, out, errOut := runCLI(t, "authorize", "--policies", pol, "--entities", ent, "--request-json", rj)
	if code != exitOK || !strings.Contains(out, "decision: allow") {
		t.Errorf("no context: exit %d: %s%s", code, out, errOut)
	}
}

// TestAuthorizeRequestErrors checks that each bad request, in a file or
// in the flags, is bad input naming the place at fault, and that with a
// schema the request is validated against it.
func TestAuthorizeRequestErrors(t *testing.T) {
	pol, ent, sch := authzFixture(t)
	rj := func(content string) string { return writeFormatFile(t, t.TempDir(), "r.json", content) }
	flags := func(principal, context string) []string {
		return []string{"--principal", principal, "--action", `Action::"view"`, "--resource", `Photo::"x"`, "--context", context}
	}
	tests := []struct {
		name string
		args []string
		want string // ends with ":" when it is a position prefix
	}{
		{"principal of a type the action does not apply to (file)", []string{"--schema", sch, "--request-json", rj("{\n  \"principal\": \"Photo::\\\"p\\\"\",\n  \"action\": \"Action::\\\"view\\\"\", \"resource\": \"Photo::\\\"x\\\"\", \"context\": {\"blocked\": true}}")},
			`r.json:2:16: the request does not conform to the schema: principal Photo::"p" has type Photo, but action Action::"view" applies only to principal types [User]`},
		{"principal of a type the action does not apply to (flags)", append([]string{"--schema", sch}, flags(`Photo::"p"`, `{"blocked": true}`)...),
			`--principal: the request does not conform to the schema: principal Photo::"p"`},
		{"context missing an attribute (flags)", append([]string{"--schema", sch}, flags(`User::"alice"`, `{}`)...),
			`--context:1:1: $: required attribute "blocked" is missing`},
		{"context of the wrong type (file)", []string{"--schema", sch, "--request-json", rj(`{"principal": "User::\"alice\"", "action": "Action::\"view\"", "resource": "Photo::\"x\"", "context": {"blocked": 3}}`)},
			`r.json:1:115: $.blocked: expected a value of type Bool`},
		{"undeclared action (file)", []string{"--schema", sch, "--request-json", rj(`{"principal": "User::\"alice\"", "action": "Action::\"edit\"", "resource": "Photo::\"x\""}`)},
			`r.json:1:44: action Action::"edit" is not declared in the schema (it declares Action::"view")`},
		{"unknown field", []string{"--request-json", rj(`{"principal": "User::\"alice\"", "acton": "Action::\"view\""}`)},
			`r.json:1:43: unknown field "acton": a request has the fields principal, action, resource and context`},
		{"missing field", []string{"--request-json", rj(`{"principal": "User::\"alice\"", "resource": "Photo::\"x\""}`)},
			`r.json:1:1: the request has no "action": it needs principal, action and resource`},
		{"bad uid", []string{"--request-json", rj(`{"principal": "alice", "action": "Action::\"view\"", "resource": "Photo::\"x\""}`)},
			`r.json:1:15: principal "alice" is not an entity uid such as User::"alice"`},
		{"not an object", []string{"--request-json", rj(`[1]`)}, `r.json:1:1: expected a JSON object`},
		{"broken JSON", []string{"--request-json", rj("{\"principal\": \"User::\\\"a\\\"\",\n}")}, `r.json:2:1:`},
		{"flags and a request file", append([]string{"--request-json", rj(`{}`)}, flags(`User::"alice"`, `{}`)...), "--request-json gives the whole request"},
		{"a request file and --context alone", []string{"--request-json", rj(`{}`), "--context", "{}"}, "--request-json gives the whole request"},
		{"no request at all", nil, "--principal is required (or give the whole request with --request-json)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"authorize", "--policies", pol, "--entities", ent}, tt.args...)
			code, out, errOut := runCLI(t, args...)
			if code != exitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d and %q", code, out, errOut, exitUsage, tt.want)
			}
		})
	}
	// --request-validation=false decides the request anyway.
	args := append([]string{"authorize", "--policies", pol, "--entities", ent, "--schema", sch, "--request-validation=false"}, flags(`Photo::"p"`, `{"blocked": false}`)...)
	if code, out, errOut := runCLI(t, args...); code != exitOK || !strings.Contains(out, "decision: deny") {
		t.Errorf("--request-validation=false: exit %d: %s%s", code, out, errOut)
	}
}

// TestAuthorizePolicyIDs checks that @id annotations name the policies
// in reasons and errors, and that a template-linked file adds links.
func TestAuthorizePolicyIDs(t *testing.T) {
	dir := t.TempDir()
	pol := writeFormatFile(t, dir, "p.cedar", `@id("view-public")
permit(principal, action == Action::"view", resource) when { resource.public };
@id("owners")
permit(principal == ?principal, action, resource == ?resource);
permit(principal, action, resource) when { resource.nope };
`)
	ent := writeFormatFile(t, dir, "e.json", `[{"uid": {"type": "Photo", "id": "x"}, "attrs": {"public": true}, "parents": []}]`)
	links := writeFormatFile(t, dir, "links.json", `[{"template_id": "owners", "link_id": "alice-owns-x", "args": {"?principal": "User::\"alice\"", "?resource": "Photo::\"x\""}}]`)
	for _, impl := range []string{"engine", "model"} {
		code, out, errOut := runCLI(t, "authorize", "--impl", impl, "--json", "--policies", pol, "--entities", ent, "--template-linked", links,
			"--principal", `User::"alice"`, "--action", `Action::"view"`, "--resource", `Photo::"x"`)
		var res authzResult
		if code != exitOK || json.Unmarshal([]byte(out), &res) != nil {
			t.Fatalf("%s: exit %d: %s%s", impl, code, out, errOut)
		}
		slices.Sort(res.Reasons)
		if strings.Join(res.Reasons, ",") != "alice-owns-x,view-public" || len(res.Errors) != 1 || res.Errors[0].PolicyID != "policy2" {
			t.Errorf("%s: result %+v, want reasons view-public,alice-owns-x and an error in policy2", impl, res)
		}
	}
	dup := writeFormatFile(t, dir, "dup.cedar", "@id(\"policy1\")\npermit(principal, action, resource);\nforbid(principal, action, resource);\n")
	code, _, errOut := runCLI(t, "authorize", "--policies", dup, "--principal", `User::"a"`, "--action", `Action::"view"`, "--resource", `Photo::"x"`)
	if want := dup + `:3:1: policy id "policy1" is already the id of the policy at ` + dup + ":1:1"; code != exitUsage || !strings.Contains(errOut, want) {
		t.Errorf("duplicate ids: exit %d: %s, want %q", code, errOut, want)
	}
}
