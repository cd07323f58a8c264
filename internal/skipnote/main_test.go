package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
)

func TestMissing(t *testing.T) {
	empty := t.TempDir()
	archiveOnly := t.TempDir()
	os.WriteFile(filepath.Join(archiveOnly, testdata.ArchiveFile), nil, 0o644)
	file := filepath.Join(empty, "file")
	os.WriteFile(file, nil, 0o644)
	cases := []struct {
		name, env string
		want      string // substring of testdata.Missing(); "" for none
	}{
		{"empty dir", empty, "skipping the replays of the official Cedar integration tests (tests/ and corpus-tests-dev.tar.gz): CEDAR_INTEGRATION_TESTS=" + empty + " holds neither tests/ nor corpus-tests-dev.tar.gz"},
		{"not a dir", file, "CEDAR_INTEGRATION_TESTS=" + file + " is not a directory"},
		{"archive only", archiveOnly, "skipping the replays of tests: not found in " + archiveOnly},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(testdata.EnvVar, c.env)
			if got := testdata.Missing(); !strings.Contains(got, c.want) || strings.Contains(got, "\n") {
				t.Errorf("testdata.Missing() = %q; want one line containing %q", got, c.want)
			}
		})
	}
	t.Run("all there", func(t *testing.T) {
		dir := testdata.Require(t)
		if _, err := os.Stat(filepath.Join(dir, testdata.ArchiveFile)); err != nil {
			t.Skip("the archive is absent")
		}
		if got := testdata.Missing(); got != "" {
			t.Errorf("testdata.Missing() = %q with the data at %s; want \"\"", got, dir)
		}
	})
}

// These tests live here, not in internal/testdata, because go test ./...
// passes over directories named testdata.

// make test says in one line, without -v, that the official-corpus
// replays are skipped when the data is absent, and is silent otherwise.
func TestMakeTestSaysWhatIsSkipped(t *testing.T) {
	if testing.Short() {
		t.Skip("runs make")
	}
	makePath, err := exec.LookPath("make")
	if err != nil {
		t.Skip("make not installed")
	}
	root := testdata.RepoRoot()
	note := func(env string) string {
		cmd := exec.Command(makePath, "-s", "--no-print-directory", "testdata-note")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), testdata.EnvVar+"="+env)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("make testdata-note: %v\n%s", err, out)
		}
		return string(out)
	}
	empty := t.TempDir()
	want := "make test: skipping the replays of the official Cedar integration tests (tests/ and corpus-tests-dev.tar.gz): " + testdata.EnvVar + "=" + empty + " holds neither"
	if got := note(empty); !strings.HasPrefix(got, want) || strings.Count(got, "\n") != 1 {
		t.Errorf("with an empty %s, make printed %q; want one line starting %q", testdata.EnvVar, got, want)
	}
	if dir := testdata.IntegrationTestsDir(); dir != "" && testdata.Missing() == "" {
		if got := note(dir); got != "" {
			t.Errorf("with the data at %s, make printed %q; want nothing", dir, got)
		}
	}
}
