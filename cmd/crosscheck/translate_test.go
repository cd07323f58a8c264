package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

const translateText = `@id("x")
@flag
permit (principal == User::"a", action in [Action::"r", Action::"w"], resource)
when { context has a.b.c && 1 != 2 && principal is User in Group::"g" };

forbid (principal, action, resource is Doc in Folder::"f")
unless { resource.x like "a*\*" || -5 >= context.n };
`

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestTranslateRoundTrip converts text to JSON and back and checks that
// the policies are unchanged.
func TestTranslateRoundTrip(t *testing.T) {
	textFile := writeTemp(t, "p.cedar", translateText)
	code, js, stderr := runCLI(t, "translate", "--to", "json", textFile)
	if code != exitOK {
		t.Fatalf("to json: exit %d: %s", code, stderr)
	}
	for _, want := range []string{`"staticPolicies"`, `"!="`, `"attr": [`, `"entity_type": "User"`, `"flag": null`} {
		if !strings.Contains(js, want) {
			t.Errorf("JSON lacks %s:\n%s", want, js)
		}
	}
	// No extension: detected by content.
	jsonFile := writeTemp(t, "p.policy", js)
	code, text, stderr := runCLI(t, "translate", "--to", "cedar", jsonFile)
	if code != exitOK {
		t.Fatalf("to cedar: exit %d: %s", code, stderr)
	}
	want, err := parser.ParsePolicySet("want", []byte(translateText))
	if err != nil {
		t.Fatal(err)
	}
	got, err := parser.ParsePolicySet("got", []byte(text))
	if err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, text)
	}
	ignorePos := cmp.Comparer(func(a, b syntax.Pos) bool { return true })
	if diff := cmp.Diff(want, got, ignorePos, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("policies changed (-want +got):\n%s", diff)
	}
}

func TestTranslateSinglePolicyJSON(t *testing.T) {
	f := writeTemp(t, "one.json", `{"effect": "forbid", "principal": {"op": "All"}, "action": {"op": "All"},
		"resource": {"op": "All"}, "conditions": [{"kind": "when", "body": {"Value": true}}]}`)
	code, out, stderr := runCLI(t, "translate", "--to", "cedar", f)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "forbid") || !strings.Contains(out, "when { true }") {
		t.Errorf("output:\n%s", out)
	}
}

func TestTranslateErrors(t *testing.T) {
	links := `{"templates": {"t": {"effect": "permit", "principal": {"op": "==", "slot": "?principal"}, "action": {"op": "All"},
		"resource": {"op": "All"}, "conditions": []}}, "templateLinks": [{"templateId": "t", "newId": "l", "values": {"?principal": {"type": "U", "id": "u"}}}]}`
	tests := []struct {
		name     string
		args     []string
		file     string // content of the input file, when args end with it
		ext      string
		contains string
	}{
		{"bad text", []string{"--to", "json"}, "permit(principal, action, resource) when { 1 + };", ".cedar", "p.cedar:1:48:"},
		{"bad json", []string{"--to", "cedar"}, "{\"staticPolicies\": {\"p\":\n {\"effect\": \"maybe\"}}}", ".json", "p.json:2:2:"},
		{"bad policy field", []string{"--to", "cedar"}, `{"effect": "permit", "principal": {"op": "All"}, "action": {"op": "All"}, "resource": {"op": "All"}, "conditions": [], "x": 1}`, ".json", `unknown field "x"`},
		{"links to text", []string{"--to", "cedar"}, links, ".json", "template link"},
		{"bad --to", []string{"--to", "yaml"}, "permit(principal, action, resource);", ".cedar", "--to must be"},
		{"missing file", []string{"--to", "json", "/no/such/file.cedar"}, "", "", "no such file"},
		{"missing --to", []string{}, "permit(principal, action, resource);", ".cedar", "required flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"translate"}, tt.args...)
			if tt.file != "" {
				args = append(args, writeTemp(t, "p"+tt.ext, tt.file))
			}
			// runCLI does not keep the error text that main prints, so
			// run the command directly to see it.
			err := translateErr(t, args...)
			if code := exitCodeOf(err); err == nil || code != exitUsage {
				t.Fatalf("error %v, exit %d, want exit %d", err, exitCodeOf(err), exitUsage)
			}
			if err == nil || !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %v does not contain %q", err, tt.contains)
			}
		})
	}
}

// translateErr runs the command line and returns the error it ends with.
func translateErr(t *testing.T, args ...string) error {
	t.Helper()
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(&strings.Builder{})
	root.SetErr(&strings.Builder{})
	return root.Execute()
}
