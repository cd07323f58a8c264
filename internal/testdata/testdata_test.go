package testdata

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestMissing(t *testing.T) {
	empty := t.TempDir()
	archiveOnly := t.TempDir()
	os.WriteFile(filepath.Join(archiveOnly, ArchiveFile), nil, 0o644)
	file := filepath.Join(empty, "file")
	os.WriteFile(file, nil, 0o644)
	cases := []struct {
		name, env string
		want      string // substring of Missing(); "" for none
	}{
		{"empty dir", empty, "skipping the replays of the official Cedar integration tests (tests/ and corpus-tests-dev.tar.gz): CEDAR_INTEGRATION_TESTS=" + empty + " holds neither tests/ nor corpus-tests-dev.tar.gz"},
		{"not a dir", file, "CEDAR_INTEGRATION_TESTS=" + file + " is not a directory"},
		{"archive only", archiveOnly, "skipping the replays of tests: not found in " + archiveOnly},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(EnvVar, c.env)
			if got := Missing(); !strings.Contains(got, c.want) || strings.Contains(got, "\n") {
				t.Errorf("Missing() = %q; want one line containing %q", got, c.want)
			}
		})
	}
	t.Run("all there", func(t *testing.T) {
		dir := Require(t)
		if _, err := os.Stat(filepath.Join(dir, ArchiveFile)); err != nil {
			t.Skip("the archive is absent")
		}
		if got := Missing(); got != "" {
			t.Errorf("Missing() = %q with the data at %s; want \"\"", got, dir)
		}
	})
}

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
	root := RepoRoot()
	note := func(env string) string {
		cmd := exec.Command(makePath, "-s", "--no-print-directory", "testdata-note")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), EnvVar+"="+env)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("make testdata-note: %v\n%s", err, out)
		}
		return string(out)
	}
	empty := t.TempDir()
	want := "make test: skipping the replays of the official Cedar integration tests (tests/ and corpus-tests-dev.tar.gz): " + EnvVar + "=" + empty + " holds neither"
	if got := note(empty); !strings.HasPrefix(got, want) || strings.Count(got, "\n") != 1 {
		t.Errorf("with an empty %s, make printed %q; want one line starting %q", EnvVar, got, want)
	}
	if dir := IntegrationTestsDir(); dir != "" && Missing() == "" {
		if got := note(dir); got != "" {
			t.Errorf("with the data at %s, make printed %q; want nothing", dir, got)
		}
	}
}
