package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

const pythonServer = "python3 ../../examples/python-rbac/server.py"

func needPython(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed: the Python example protocol server is not run")
	}
}

func readSummary(t *testing.T, dir string) *diff.Summary {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s diff.Summary
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return &s
}

// TestRunExecPythonRBAC runs the scope-only Python server against the
// model: the tests with conditions are unsupported (counted, not
// failures), the others are compared and agree.
func TestRunExecPythonRBAC(t *testing.T) {
	needPython(t)
	out := t.TempDir()
	name := diff.ExecPrefix + pythonServer
	code, stdout, stderr := runCLI(t, "run", "--impl", "model,"+name, "--target", "rbac", "--count", "200", "--seed", "1", "--out", out, "--shrink-time", "0")
	if code != exitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	s := readSummary(t, out)
	if s.Tests != 200 || s.Failed != 0 || s.FindingsTotal != 0 {
		t.Errorf("tests %d, failed %d, findings %d; want 200, 0, 0", s.Tests, s.Failed, s.FindingsTotal)
	}
	unsupported := s.Unsupported[name+": conditions"]
	if unsupported == 0 || unsupported == 200 {
		t.Errorf("%d of 200 tests unsupported for conditions, want some but not all: %v", unsupported, s.Unsupported)
	}
	if s.RequestsCompared == 0 {
		t.Error("no request was compared")
	}
	if h := s.Oracles[name]; h.Sent != 200 || h.Inconclusive != 0 {
		t.Errorf("oracle health %+v, want 200 sent, none inconclusive", h)
	}
	if !strings.Contains(stdout, "oracle health: "+name+": 200 sent") {
		t.Errorf("the output lacks the server's health:\n%s", stdout)
	}
	// Versions in the summary and the report, the server's from its
	// handshake.
	want := diff.ImplVersion{Name: name, Implementation: "python-rbac", Version: "0.1.0", Cedar: "4.5"}
	if s.Versions == nil || len(s.Versions.Impls) != 2 || s.Versions.Impls[1] != want || s.Versions.Go == "" {
		t.Errorf("summary versions %+v, want the server as %+v", s.Versions, want)
	}
	var rep struct{ Versions *diff.Versions }
	b, _ := os.ReadFile(filepath.Join(out, "report.json"))
	if err := json.Unmarshal(b, &rep); err != nil || rep.Versions == nil || rep.Versions.Impls[1] != want {
		t.Errorf("report versions %+v (%v)", rep.Versions, err)
	}
}

// crashingServer handshakes, then exits on its first request: every
// test sent to it is inconclusive, after a restart.
const crashingServer = `sh -c 'read l; echo "{\"id\":1,\"result\":{\"protocol\":1,\"name\":\"crash\",\"version\":\"0\",\"cedar\":\"4.5\",\"capabilities\":[\"authorize\"]}}"; read l; exit 3'`

func TestRunExecInconclusiveFails(t *testing.T) {
	out := t.TempDir()
	name := diff.ExecPrefix + crashingServer
	code, stdout, stderr := runCLI(t, "run", "--target", "abac", "--impl", "model,"+name, "--count", "3", "--seed", "1", "--jobs", "1", "--out", out, "--shrink-time", "0")
	if code != exitFailed {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitFailed, stdout, stderr)
	}
	if !strings.Contains(stdout, "was inconclusive on 3 of the 3 tests") {
		t.Errorf("the output does not say the server was inconclusive:\n%s", stdout)
	}
	h := readSummary(t, out).Oracles[name]
	if h.Sent != 3 || h.Inconclusive != 3 || h.Restarts != 6 {
		t.Errorf("health %+v, want 3 sent, 3 inconclusive, 6 restarts", h)
	}
}

func TestExecImplErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"unterminated quote", []string{"run", "--impl", "model,exec:'python3", "--count", "1"}, exitUsage, "unterminated"},
		{"no such program", []string{"run", "--impl", "model,exec:/no/such/server", "--count", "1"}, exitUsage, "/no/such/server"},
		{"no handshake", []string{"replay", "--impl", "exec:true", "x.json"}, exitUsage, "hello"},
		{"protocol-check without exec", []string{"protocol-check", "--impl", "model"}, exitUsage, "exec:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.says) {
				t.Errorf("exit %d (want %d), output lacks %q:\n%s\n%s", code, tt.code, tt.says, stdout, stderr)
			}
		})
	}
}

func TestProtocolCheckCommand(t *testing.T) {
	needPython(t)
	code, stdout, _ := runCLI(t, "protocol-check", "--impl", diff.ExecPrefix+pythonServer, "--large", "2000")
	if code != exitOK || !strings.Contains(stdout, "8 passed, 0 failed") {
		t.Errorf("exit %d on the Python server:\n%s", code, stdout)
	}
	code, stdout, _ = runCLI(t, "protocol-check", "--impl", diff.ExecPrefix+crashingServer, "--large", "2000")
	if code != exitFailed || !strings.Contains(stdout, "FAIL exact i64") {
		t.Errorf("exit %d on a crashing server, want 1 and FAIL exact i64:\n%s", code, stdout)
	}
}
