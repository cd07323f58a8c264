package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvaluateCommand(t *testing.T) {
	_, ent, sch := authzFixture(t)
	exprFile := filepath.Join(t.TempDir(), "e.cedar")
	if err := os.WriteFile(exprFile, []byte(`principal in Group::"friends"`), 0o644); err != nil {
		t.Fatal(err)
	}
	req := []string{"--entities", ent, "--principal", `User::"alice"`, "--action", `Action::"view"`, "--resource", `Photo::"x"`}
	tests := []struct {
		name string
		args []string
		code int
		out  string // the whole of stdout
	}{
		{"long", []string{"1 + 2"}, exitOK, "3\n"},
		{"canonical set and record", []string{`[3, 1, {b: decimal("1.5"), a: ip("::1")}, 1]`}, exitOK,
			`[1, 3, {a: ip("::1/128"), b: decimal("1.5000")}]` + "\n"},
		{"datetime", []string{`datetime("1970-01-02")`}, exitOK, `datetime("1970-01-01").offset(duration("86400000ms"))` + "\n"},
		{"request and entities", append([]string{`resource.public && principal in Group::"friends"`}, req...), exitOK, "true\n"},
		{"expression from a file", append([]string{"@" + exprFile}, req...), exitOK, "true\n"},
		{"context", []string{`context.n * 2`, "--context", `{"n": 21}`}, exitOK, "42\n"},
		{"context with a schema", append([]string{`context.blocked`, "--schema", sch, "--context", `{"blocked": true}`}, req...), exitOK, "true\n"},
		{"json value", []string{"--json", `{e: User::"a", d: decimal("2.0")}`}, exitOK,
			"{\n  \"value\": {\n    \"d\": {\n      \"__extn\": {\n        \"fn\": \"decimal\",\n        \"arg\": \"2.0000\"\n      }\n    },\n    \"e\": {\n      \"__entity\": {\n        \"type\": \"User\",\n        \"id\": \"a\"\n      }\n    }\n  }\n}\n"},
		{"evaluation error", []string{`1 + "a"`}, exitFailed, ""},
		{"missing entity", []string{`principal.name`}, exitFailed, "error: entityDoesNotExist: entity Unspecified::\"\" does not exist (at EXPR:1:1)\n"},
		{"json error", []string{"--json", `9223372036854775807 + 1`}, exitFailed, ""},
		{"parse error", []string{`1 +`}, exitUsage, ""},
		{"no expression", []string{}, exitUsage, ""},
		{"unknown impl", []string{"1", "--impl", "cedar-go"}, exitUsage, ""},
		{"bad uid", []string{"1", "--principal", "alice"}, exitUsage, ""},
		{"bad context", []string{"1", "--context", "[1]"}, exitUsage, ""},
		{"missing entities file", []string{"1", "--entities", filepath.Join(t.TempDir(), "none.json")}, exitUsage, ""},
		{"undeclared action", []string{"1", "--schema", sch, "--action", `Action::"nope"`}, exitUsage, ""},
	}
	for _, tt := range tests {
		for _, impl := range []string{"engine", "model"} {
			t.Run(tt.name+"/"+impl, func(t *testing.T) {
				args := append([]string{"evaluate", "--impl", impl}, tt.args...)
				if tt.name == "unknown impl" {
					args = append([]string{"evaluate"}, tt.args...)
				}
				code, out, errOut := runCLI(t, args...)
				if code != tt.code {
					t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
				}
				if tt.out != "" && out != tt.out {
					t.Errorf("stdout:\n%s\nwant:\n%s", out, tt.out)
				}
				switch tt.code {
				case exitFailed:
					if !strings.HasPrefix(out, "error: ") && !strings.Contains(out, `"error"`) {
						t.Errorf("an evaluation error is not printed: %q", out)
					}
				case exitUsage:
					if errOut == "" {
						t.Errorf("no message on stderr")
					}
				}
			})
		}
	}
}
