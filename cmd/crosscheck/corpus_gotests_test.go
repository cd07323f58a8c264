package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCorpusGotestsCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "gen_test.go")
	code, stdout, stderr := runCLI(t, "corpus", "gotests", "--dir", "../../corpus/testdata/layout/tests", "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	src, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(src), `t.Run("photos/1"`) || !strings.Contains(string(src), "diff.Engine()") {
		t.Errorf("generated file (%v):\n%s", err, src)
	}
	code, stdout, _ = runCLI(t, "corpus", "gotests", "--dir", "../../corpus/testdata/layout/tests", "--impl", "cedar-go", "-o", "-")
	if code != exitOK || !strings.Contains(stdout, "diff.CedarGo()") {
		t.Errorf("-o -: exit %d:\n%s", code, stdout)
	}
	for _, args := range [][]string{
		{"corpus", "gotests", "--dir", "../../corpus/testdata/layout/tests"},
		{"corpus", "gotests", "--dir", "../../corpus/testdata/nope", "-o", out},
		{"corpus", "gotests", "--impl", "nope", "--dir", "../../corpus/testdata/layout/tests", "-o", out},
		{"corpus"},
	} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
