package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
)

func writeFuzzInput(t *testing.T, target, content string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "testdata", "fuzz", target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "input")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImportFuzz imports a FuzzABAC input on which a planted
// always-allow server disagrees with the model: the saved test is
// minimized and fails on replay through that server.
func TestImportFuzz(t *testing.T) {
	t.Setenv(forbidBlindServerEnv, "allow")
	name := diff.ExecPrefix + protocolQuoteArg(os.Args[0]) + " -test.run=^$"
	out := t.TempDir()
	in := writeFuzzInput(t, "FuzzABAC", "go test fuzz v1\n[]byte(\"\\a\\x03\\xc8)\\a\\x03\\xc8)\\a\\x03\\xc8)\\a\\x03\\xc8)\")\n")
	code, stdout, stderr := runCLI(t, "corpus", "import-fuzz", in, "--impl", "model,"+name, "--out", out, "--shrink-time", "5s")
	if code != exitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	_, path, ok := strings.Cut(stdout, "saved ")
	if !ok {
		t.Fatalf("stdout:\n%s", stdout)
	}
	path = strings.TrimSpace(path)
	ct, err := corpus.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(ct.Requests) != 1 {
		t.Errorf("%d requests, want the one that disagrees", len(ct.Requests))
	}
	if code, out, _ := runCLI(t, "replay", "--impl", name, path); code != exitFailed {
		t.Errorf("replay through the server: exit %d, want %d\n%s", code, exitFailed, out)
	}
	if code, out, _ := runCLI(t, "replay", "--impl", "model", path); code != exitOK {
		t.Errorf("replay through the model: exit %d, want %d\n%s", code, exitOK, out)
	}
}

func TestImportFuzzBadInput(t *testing.T) {
	for _, tt := range []struct{ target, content, want string }{
		{"FuzzABAC", "not a fuzz file\n", "input:1: not a go test fuzz file"},
		{"FuzzABAC", "go test fuzz v1\n[]byte(\"a\")\nnonsense(\n", "input:3: not a typed value"},
		{"FuzzABAC", "go test fuzz v1\nuint8(3)\n", "not an input of FuzzABAC: want one []byte value, have (uint64)"},
		{"FuzzEntities", "go test fuzz v1\nstring(\"[]\")\n", "an input of FuzzEntities, which does not build tests from bytes"},
		{"FuzzABAC", "go test fuzz v1\ncomplex128(1)\n", "input:2: unknown type complex128"},
	} {
		p := writeFuzzInput(t, tt.target, tt.content)
		code, _, stderr := runCLI(t, "corpus", "import-fuzz", p, "--out", t.TempDir())
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tt.content, code, stderr, exitUsage, tt.want)
		}
	}
	// Model and engine agree on this input: nothing to import.
	p := writeFuzzInput(t, "FuzzRBAC", "go test fuzz v1\n[]byte(\"\")\n")
	if code, stdout, _ := runCLI(t, "corpus", "import-fuzz", p, "--impl", "model,engine", "--out", t.TempDir()); code != exitFailed || !strings.Contains(stdout, "nothing to import") {
		t.Errorf("agreeing input: exit %d, stdout %q", code, stdout)
	}
}
