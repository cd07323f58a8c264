package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// runCLI runs the command line and returns its exit code, stdout and
// stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errb)
	code := exitOK
	if err := root.Execute(); err != nil {
		code = exitCodeOf(err)
		// As run prints it.
		if ee, ok := err.(*exitError); !ok || ee.err != nil {
			fmt.Fprintln(&errb, "crosscheck:", err)
		}
	}
	return code, out.String(), errb.String()
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, "--version")
	if code != exitOK || !strings.Contains(out, version) {
		t.Fatalf("--version: code %d, output %q", code, out)
	}
}

func TestUnknownFlagIsUsageError(t *testing.T) {
	if code, _, _ := runCLI(t, "--no-such-flag"); code != exitUsage {
		t.Fatalf("unknown flag: got exit code %d, want %d", code, exitUsage)
	}
}
