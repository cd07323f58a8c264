package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes runs command lines that must each end with one exit code
// and say one thing (on stderr, or stdout for a verdict).
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	done := filepath.Join(dir, "done") // holds a finished run's summary
	os.MkdirAll(done, 0o755)
	os.WriteFile(filepath.Join(done, "summary.json"), []byte("{}"), 0o644)
	busy := filepath.Join(dir, "busy") // another run is writing there
	os.MkdirAll(busy, 0o755)
	os.WriteFile(filepath.Join(busy, outLock), []byte("1\n"), 0o644)
	out := func(name string) string { return filepath.Join(dir, name) }
	test := photosTest

	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"run", "--count", "3", "--seed", "1", "--out", out("ok")}, exitOK, "PASS\n3 passed, 0 failed"},
		{[]string{"run", "--count", "0", "--out", out("a")}, exitUsage, "--count must be at least 1"},
		{[]string{"run", "--jobs", "0", "--count", "1", "--out", out("a")}, exitUsage, "--jobs 0 is out of range: want 1 to 256"},
		{[]string{"run", "--jobs", "1000", "--count", "1", "--out", out("a")}, exitUsage, "--jobs 1000 is out of range: want 1 to 256"},
		{[]string{"run", "--duration", "0s", "--out", out("a")}, exitUsage, "--duration 0s: want a positive duration"},
		{[]string{"run", "--shrink-time", "-1s", "--count", "1", "--out", out("a")}, exitUsage, "--shrink-time -1s"},
		{[]string{"run", "--timeout", "-1s", "--count", "1", "--out", out("a")}, exitUsage, "--timeout -1s: want a positive duration"},
		{[]string{"run", "--count", "18446744073709551615", "--shard", "1/2", "--out", out("a")}, exitUsage, "would pass 2^64-1"},
		{[]string{"run", "--impl", "model", "--target", "abac", "--count", "1", "--out", out("a")}, exitUsage, "target abac compares the answers of implementations: it needs at least two, have model"},
		{[]string{"run", "--impl", "model", "--target", "authorization-typo", "--count", "1", "--out", out("a")}, exitUsage, "--target"},
		{[]string{"run", "--impl", "model", "--target", "all", "--count", "1", "--out", out("a")}, exitUsage, "needs at least two"},
		{[]string{"run", "--impl", "model,engine", "--target", "validation", "--count", "1", "--out", out("a")}, exitUsage, "none of model, engine has one that runs compare"},
		{[]string{"run", "--impl", "model", "--target", "roundtrip", "--count", "2", "--out", out("rt")}, exitOK, "PASS"},
		{[]string{"run", "--count", "1", "--out", filepath.Join(file, "sub")}, exitUsage, "--out: cannot create"},
		{[]string{"run", "--count", "1", "--out", done}, exitUsage, "already holds a run's summary.json (pass --overwrite"},
		{[]string{"run", "--count", "1", "--out", busy}, exitUsage, "is in use by another run"},
		{[]string{"run", "--count", "1", "--seed", "1", "--out", done, "--overwrite"}, exitOK, "PASS"},
		{[]string{"gen", "--count", "1", "--max-depth", "1000", "--out", out("g")}, exitUsage, "--max-depth 1000 is out of range: want 1 to 12"},
		{[]string{"gen", "--count", "1", "--requests", "-5", "--out", out("g")}, exitUsage, "--requests -5 is out of range: want 1 to 1000"},
		{[]string{"gen", "--count", "1", "--policies", "0", "--out", out("g")}, exitUsage, "--policies 0 is out of range: want 1 to 100"},
		{[]string{"gen", "--count", "1", "--jobs", "0", "--out", out("g")}, exitUsage, "--jobs 0 is out of range: want 1 to 256"},
		{[]string{"gen", "--count", "1", "--faults", "101", "--out", out("g")}, exitUsage, "--faults 101 is out of range: want 0 to 100"},
		{[]string{"gen", "--count", "1", "--faults", "-2", "--out", out("g")}, exitUsage, "--faults -2 is out of range"},
		{[]string{"gen", "--count", "5", "--start", "18446744073709551614", "--out", out("g")}, exitUsage, "--start 18446744073709551614 with --count 5: the last test index would pass 2^64-1"},
		{[]string{"gen", "--count", "2", "--start", "18446744073709551614", "--out", out("g2")}, exitOK, "wrote 2 tests"},
		{[]string{"repro", "--seed", "1", "--index", "1", "--timeout", "0s"}, exitUsage, "--timeout 0s: want a positive duration"},
		{[]string{"shrink", "--steps", "0", test}, exitUsage, "--steps 0 is out of range: want 1 to 10000000"},
		{[]string{"shrink", "--timeout", "0s", test}, exitUsage, "--timeout 0s: want a positive duration"},
		{[]string{"replay", "--timeout", "-1s", test}, exitUsage, "--timeout -1s: want 0 or a positive duration"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCLI(t, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.code, stdout, stderr)
			}
			if !strings.Contains(stdout+stderr, c.want) {
				t.Errorf("output lacks %q\nstdout:\n%s\nstderr:\n%s", c.want, stdout, stderr)
			}
		})
	}
	// A refused --out is left as it was.
	if b, _ := os.ReadFile(filepath.Join(busy, outLock)); string(b) != "1\n" {
		t.Errorf("the other run's lock was changed: %q", b)
	}
}

// TestHelpShowsRanges checks that --help shows the range of each
// checked numeric flag.
func TestHelpShowsRanges(t *testing.T) {
	for _, c := range []struct {
		cmd  string
		want []string
	}{
		{"run", []string{"(1 to 256", "--overwrite", "INCOMPLETE (interrupted)", "A second Ctrl-C stops minimizing"}},
		{"gen", []string{"(1 to 12)", "(1 to 100)", "(1 to 1000)", "(1 to 256)", "(0 to 100;"}},
		{"shrink", []string{"(1 to 10000000)"}},
	} {
		_, stdout, _ := runCLI(t, c.cmd, "--help")
		for _, w := range c.want {
			if !strings.Contains(stdout, w) {
				t.Errorf("%s --help lacks %q", c.cmd, w)
			}
		}
	}
}
