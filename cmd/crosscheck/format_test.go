package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const unformattedPolicy = `// keep me
permit(principal == User::"a", action, resource) when { context.x>1 };
`

const formattedPolicy = `// keep me
permit (
  principal == User::"a",
  action,
  resource
)
when { context.x > 1 };
`

func writeFormatFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o640); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFormatStdout(t *testing.T) {
	p := writeFormatFile(t, t.TempDir(), "p.cedar", unformattedPolicy)
	code, out, errOut := runCLI(t, "format", p)
	if code != exitOK || out != formattedPolicy {
		t.Fatalf("code %d, stdout:\n%s\nstderr: %s", code, out, errOut)
	}
	// The file itself is untouched.
	if b, _ := os.ReadFile(p); string(b) != unformattedPolicy {
		t.Errorf("format without -w changed the file")
	}
}

func TestFormatCheck(t *testing.T) {
	dir := t.TempDir()
	bad := writeFormatFile(t, dir, "bad.cedar", unformattedPolicy)
	good := writeFormatFile(t, dir, "good.cedar", formattedPolicy)
	code, out, _ := runCLI(t, "format", "--check", bad, good)
	if code != exitFailed || strings.TrimSpace(out) != bad {
		t.Fatalf("--check: code %d, stdout %q; want 1 and %q", code, out, bad)
	}
	code, out, _ = runCLI(t, "format", "--check", good)
	if code != exitOK || out != "" {
		t.Fatalf("--check on a formatted file: code %d, stdout %q", code, out)
	}
}

func TestFormatWrite(t *testing.T) {
	dir := t.TempDir()
	p := writeFormatFile(t, dir, "p.cedar", unformattedPolicy)
	code, out, errOut := runCLI(t, "format", "-w", p)
	if code != exitOK || out != "" {
		t.Fatalf("-w: code %d, stdout %q, stderr %q", code, out, errOut)
	}
	b, err := os.ReadFile(p)
	if err != nil || string(b) != formattedPolicy {
		t.Fatalf("after -w the file holds:\n%s", b)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o640 {
		t.Errorf("-w changed the permissions to %v", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("-w left %d files in the directory, want 1", len(entries))
	}
	// Idempotent: a second run changes nothing and --check passes.
	if code, _, _ := runCLI(t, "format", "-w", p); code != exitOK {
		t.Errorf("second -w: code %d", code)
	}
	if b2, _ := os.ReadFile(p); string(b2) != formattedPolicy {
		t.Errorf("second -w changed the file")
	}
	if code, _, _ := runCLI(t, "format", "--check", p); code != exitOK {
		t.Errorf("--check after -w: code %d", code)
	}
	if code, _, _ := runCLI(t, "format", "-w", "-"); code != exitUsage {
		t.Errorf("-w on stdin: code %d, want %d", code, exitUsage)
	}
}

func TestFormatParseError(t *testing.T) {
	dir := t.TempDir()
	bad := writeFormatFile(t, dir, "bad.cedar", "permit(principal, action, resource)\nwhen { 1 = 2 };\n")
	good := writeFormatFile(t, dir, "good.cedar", formattedPolicy)
	code, out, errOut := runCLI(t, "format", bad, good)
	if code != exitUsage {
		t.Fatalf("code %d, want %d", code, exitUsage)
	}
	if want := bad + ":2:10:"; !strings.Contains(errOut, want) {
		t.Errorf("stderr %q does not contain the position %q", errOut, want)
	}
	if out != formattedPolicy {
		t.Errorf("the good file was not formatted after the bad one: %q", out)
	}
	// -w leaves a file that does not parse untouched.
	if code, _, _ := runCLI(t, "format", "-w", bad); code != exitUsage {
		t.Errorf("-w on a bad file: code %d", code)
	}
	if b, _ := os.ReadFile(bad); !strings.Contains(string(b), "1 = 2") {
		t.Errorf("-w rewrote a file that does not parse")
	}
	if code, _, _ := runCLI(t, "format", filepath.Join(dir, "missing.cedar")); code != exitUsage {
		t.Errorf("missing file: code %d", code)
	}
	if code, _, _ := runCLI(t, "format"); code != exitUsage {
		t.Errorf("no files: code %d", code)
	}
}

func TestFormatSchema(t *testing.T) {
	dir := t.TempDir()
	p := writeFormatFile(t, dir, "s.cedarschema", "entity User;\n  entity   Photo in [User] ;\n")
	code, out, errOut := runCLI(t, "format", p)
	if code != exitOK {
		t.Fatalf("code %d, stderr %s", code, errOut)
	}
	if !strings.Contains(out, "entity Photo in [User];") {
		t.Errorf("schema not formatted:\n%s", out)
	}
	again := writeFormatFile(t, dir, "again.cedarschema", out)
	if code, _, _ := runCLI(t, "format", "--check", again); code != exitOK {
		t.Errorf("formatted schema fails --check")
	}
	badSchema := writeFormatFile(t, dir, "bad.cedarschema", "entity User {\n")
	if code, _, _ := runCLI(t, "format", badSchema); code != exitUsage {
		t.Errorf("bad schema: code %d, want %d", code, exitUsage)
	}
}
