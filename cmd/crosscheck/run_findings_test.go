package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunWritesReport(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "run", "--count", "30", "--seed", "3", "--jobs", "2", "--timeout", "30s", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, name := range []string{"summary.json", "report.json", "report.md", "report.html"} {
		info, err := os.Stat(filepath.Join(out, name))
		if err != nil || info.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	if !strings.Contains(stderr, "report written to "+filepath.Join(out, "report.html")) {
		t.Errorf("stderr does not say where the report is:\n%s", stderr)
	}
	html, _ := os.ReadFile(filepath.Join(out, "report.html"))
	for _, section := range []string{"Settings", "Throughput over time", "Decision mix", "Coverage", "Findings"} {
		if !strings.Contains(string(html), section) {
			t.Errorf("report.html has no %q section", section)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "findings")); !os.IsNotExist(err) {
		t.Errorf("a run without findings created the findings folder (%v)", err)
	}
}

func TestRunRejectsUnknownReference(t *testing.T) {
	out := t.TempDir()
	if code, _, _ := runCLI(t, "run", "--count", "1", "--reference", "nope", "--out", out); code != exitUsage {
		t.Fatalf("exit %d; want a usage error for an unknown --reference", code)
	}
	if code, _, _ := runCLI(t, "run", "--count", "1", "--reference", "cedar-go", "--out", out); code != exitOK {
		t.Fatalf("exit %d with a known --reference", code)
	}
}
