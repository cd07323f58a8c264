package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
)

const linkTemplates = `@id("viewers")
permit(principal == ?principal, action == Action::"view", resource in ?resource);
@id("admins")
permit(principal in Group::"admins", action, resource);
`

// TestLinkText links a template and checks that the text it prints
// carries every id and, read back by authorize, decides as the link does.
func TestLinkText(t *testing.T) {
	dir := t.TempDir()
	pol := writeFormatFile(t, dir, "t.cedar", linkTemplates)
	code, out, errOut := runCLI(t, "link", "--policies", pol, "--template-id", "viewers", "--new-id", "alice-x",
		"--arg", `?principal=User::"alice"`, "--arg", `?resource=Photo::"x"`)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{`@id("viewers")`, `@id("admins")`, "@id(\"alice-x\")\npermit (\n  principal == User::\"alice\",\n  action == Action::\"view\",\n  resource in Photo::\"x\"\n);"} {
		if !strings.Contains(out, want) {
			t.Errorf("output does not contain %q:\n%s", want, out)
		}
	}
	linked := writeFormatFile(t, dir, "linked.cedar", out)
	for _, tt := range []struct {
		principal, decision, reason string
	}{{`User::"alice"`, "allow", "alice-x"}, {`User::"bob"`, "deny", ""}} {
		code, out, errOut := runCLI(t, "authorize", "--policies", linked, "--json",
			"--principal", tt.principal, "--action", `Action::"view"`, "--resource", `Photo::"x"`)
		var res authzResult
		if code != exitOK || json.Unmarshal([]byte(out), &res) != nil {
			t.Fatalf("authorize: exit %d, %s%s", code, out, errOut)
		}
		if res.Decision != tt.decision || (tt.reason != "" && (len(res.Reasons) != 1 || res.Reasons[0] != tt.reason)) {
			t.Errorf("%s: %+v, want %s by %q", tt.principal, res, tt.decision, tt.reason)
		}
	}
}

// TestLinkTemplateLinkedFile records links in the official CLI's file
// format, which authorize reads back, and prints the set as policy JSON.
func TestLinkTemplateLinkedFile(t *testing.T) {
	dir := t.TempDir()
	pol := writeFormatFile(t, dir, "t.cedar", linkTemplates)
	links := filepath.Join(dir, "links.json") // does not exist yet
	link := func(newID, principal string, extra ...string) (int, string, string) {
		args := append([]string{"link", "--policies", pol, "--template-linked", links, "--template-id", "viewers", "--new-id", newID,
			"--arguments", `{"?principal": "` + strings.ReplaceAll(principal, `"`, `\"`) + `", "?resource": "Photo::\"x\""}`}, extra...)
		return runCLI(t, args...)
	}
	if code, _, errOut := link("alice-x", `User::"alice"`); code != exitOK {
		t.Fatalf("first link: exit %d: %s", code, errOut)
	}
	code, out, errOut := link("bob-x", `User::"bob"`, "--json")
	if code != exitOK {
		t.Fatalf("second link: exit %d: %s", code, errOut)
	}
	ps, err := cedarjson.UnmarshalPolicySet("out.json", []byte(out))
	if err != nil {
		t.Fatalf("--json output is not policy JSON: %v\n%s", err, out)
	}
	if len(ps.Links) != 2 || ps.Links[0].NewID != "alice-x" || ps.Links[1].NewID != "bob-x" || ps.Policy("admins") == nil {
		t.Errorf("policy set %+v", ps)
	}
	data, err := os.ReadFile(links)
	if err != nil {
		t.Fatal(err)
	}
	var entries []linkEntry
	if err := json.Unmarshal(data, &entries); err != nil || len(entries) != 2 ||
		entries[1].LinkID != "bob-x" || entries[1].Args["?principal"] != `User::"bob"` {
		t.Fatalf("links file %s: %v", data, err)
	}
	code, out, errOut = runCLI(t, "authorize", "--policies", pol, "--template-linked", links,
		"--principal", `User::"bob"`, "--action", `Action::"view"`, "--resource", `Photo::"x"`)
	if code != exitOK || !strings.Contains(out, "reasons: bob-x") {
		t.Errorf("authorize with the links file: exit %d\n%s%s", code, out, errOut)
	}
	// A link id already in the file is refused, naming where it is, and
	// the file is left as it was.
	code, _, errOut = link("bob-x", `User::"carol"`)
	if code != exitUsage || !strings.Contains(errOut, `--new-id: link id "bob-x" is already the id of the link at `+links+":") {
		t.Errorf("duplicate link: exit %d: %s", code, errOut)
	}
	if after, _ := os.ReadFile(links); string(after) != string(data) {
		t.Errorf("a refused link changed the links file:\n%s", after)
	}
}

func TestLinkErrors(t *testing.T) {
	dir := t.TempDir()
	pol := writeFormatFile(t, dir, "t.cedar", linkTemplates)
	base := []string{"link", "--policies", pol}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no such template", []string{"--template-id", "nope", "--new-id", "z"}, `--new-id: link "z": no template has the id "nope" (its one template is "viewers")`},
		{"a static policy", []string{"--template-id", "admins", "--new-id", "z"}, `"admins" is a static policy, not a template`},
		{"a slot left unfilled", []string{"--template-id", "viewers", "--new-id", "z", "--arg", `?principal=User::"a"`}, `template "viewers" has the slot ?resource, which the link does not fill`},
		{"an id in use", []string{"--template-id", "viewers", "--new-id", "admins", "--arg", `?principal=User::"a"`, "--arg", `?resource=Photo::"x"`}, `link id "admins" is already the id of the policy at ` + pol + ":3:1"},
		{"an unknown slot", []string{"--template-id", "viewers", "--new-id", "z", "--arg", `?who=User::"a"`}, `unknown slot "?who": a template's slots are ?principal and ?resource`},
		{"a bad uid", []string{"--template-id", "viewers", "--new-id", "z", "--arg", `?principal=alice`}, `?principal: "alice" is not an entity uid`},
		{"not SLOT=UID", []string{"--template-id", "viewers", "--new-id", "z", "--arg", `?principal`}, "want SLOT=UID"},
		{"a slot twice", []string{"--template-id", "viewers", "--new-id", "z", "--arg", `?principal=User::"a"`, "--arguments", `{"?principal": "User::\"b\""}`}, "the slot ?principal is given twice"},
		{"--new-id is required", []string{"--template-id", "viewers"}, "--new-id is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append(base, tt.args...)...)
			if code != exitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d and %q", code, out, errOut, exitUsage, tt.want)
			}
		})
	}
}
