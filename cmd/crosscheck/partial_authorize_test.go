package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const partialPolicies = `permit(principal == User::"a", action, resource) when { context.x > 1 };
@id("own") forbid(principal, action, resource) when { resource.owner == principal };
permit(principal, action == Action::"edit", resource);
`

func partialFixture(t *testing.T) (policies, entities string) {
	t.Helper()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	return write("p.cedar", partialPolicies),
		write("e.json", `[{"uid": {"type": "Doc", "id": "d"}, "attrs": {"owner": {"__entity": {"type": "User", "id": "a"}}}, "parents": []}]`)
}

func TestPartiallyAuthorizeCommand(t *testing.T) {
	pol, ent := partialFixture(t)
	unknownX := `{"x": {"__extn": {"fn": "unknown", "arg": "x"}}}`
	for _, tc := range []struct {
		name string
		args []string
		code int
		out  []string // substrings of standard output, in order
		err  string   // substring of standard error
	}{
		{name: "all known, deny by forbid",
			args: []string{"--principal", `User::"a"`, "--action", `Action::"view"`, "--resource", `Doc::"d"`, "--context", `{"x": 2}`},
			out:  []string{"decision: deny", "satisfied: own, policy0", "must be determining: own", "residuals: none"}},
		{name: "unknown principal",
			args: []string{"--action", `Action::"view"`, "--resource", `Doc::"d"`, "--context", `{"x": 2}`},
			out: []string{"decision: unknown", "may be determining: own, policy0", "residuals:",
				`@id("policy0")`, `unknown("principal") == User::"a"`, `@id("own")`, `User::"a" == unknown("principal")`}},
		{name: "unknown context value",
			args: []string{"--principal", `User::"a"`, "--action", `Action::"view"`, "--resource", `Doc::"e"`, "--context", unknownX},
			out: []string{"decision: unknown", "errored: own", `error in own: entityDoesNotExist`, "(at " + pol + ":2:",
				`!(unknown("x") <= 1)`}},
		{name: "unknown action",
			args: []string{"--principal", `User::"b"`, "--resource", `Doc::"e"`},
			out:  []string{"decision: unknown", `unknown("action") == Action::"edit"`}},
		{name: "exit code when not allow",
			args: []string{"--principal", `User::"b"`, "--resource", `Doc::"e"`, "--exit-code"},
			code: exitFailed, out: []string{"decision: unknown"}},
		{name: "allow exits 0 with --exit-code",
			args: []string{"--principal", `User::"b"`, "--action", `Action::"edit"`, "--resource", `Doc::"e"`, "--exit-code"},
			out:  []string{"decision: allow", "satisfied: policy2"}},
		{name: "bad context JSON", args: []string{"--context", `{"x": 1`}, code: exitUsage, err: "--context:1:8:"},
		{name: "bad uid", args: []string{"--principal", `User:"a"`}, code: exitUsage, err: "--principal"},
		{name: "bad format", args: []string{"--format", "yaml"}, code: exitUsage, err: "--format"},
		{name: "bad impl", args: []string{"--impl", "cedar"}, code: exitUsage, err: "--impl"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"partially-authorize", "--policies", pol, "--entities", ent}, tc.args...)
			code, out, errOut := runCLI(t, args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s\n%s", code, tc.code, errOut, out)
			}
			rest := out
			for _, want := range tc.out {
				i := strings.Index(rest, want)
				if i < 0 {
					t.Fatalf("output lacks %q (in order):\n%s", want, out)
				}
				rest = rest[i+len(want):]
			}
			if !strings.Contains(errOut, tc.err) {
				t.Errorf("stderr %q lacks %q", errOut, tc.err)
			}
		})
	}
}

func TestPartiallyAuthorizeJSON(t *testing.T) {
	pol, ent := partialFixture(t)
	code, out, errOut := runCLI(t, "partially-authorize", "--policies", pol, "--entities", ent,
		"--action", `Action::"view"`, "--resource", `Doc::"d"`, "--context", `{"x": 2}`, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Decision  string
		Residuals map[string]json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if got.Decision != "unknown" || len(got.Residuals) != 2 {
		t.Fatalf("decision %s, %d residuals:\n%s", got.Decision, len(got.Residuals), out)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, got.Residuals["policy0"]); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(compact.String(), `{"unknown":[{"Value":"principal"}]}`) {
		t.Errorf("policy0's residual does not write unknown(\"principal\") as the official engine does:\n%s", got.Residuals["policy0"])
	}
	if strings.Contains(out, `\u0026`) {
		t.Errorf("operators are HTML-escaped:\n%s", out)
	}
}
