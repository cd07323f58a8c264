// Package testdata locates the official Cedar integration tests that tests
// read from outside the repository. The data is never copied into the
// project: it is found through the CEDAR_INTEGRATION_TESTS environment
// variable, or as ../shared/cedar-integration-tests beside the repository.
package testdata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// EnvVar overrides where the integration tests are found.
const EnvVar = "CEDAR_INTEGRATION_TESTS"

// The parts of the integration tests that tests replay.
const (
	HandWrittenDir = "tests"                   // the hand-written tests
	ArchiveFile    = "corpus-tests-dev.tar.gz" // the dev corpus
)

// IntegrationTestsDir returns the directory of the cedar-integration-tests
// data (the folder holding tests/, sample-data/ and
// corpus-tests-dev.tar.gz), or "" if it cannot be found or holds neither
// tests/ nor the corpus archive.
func IntegrationTestsDir() string {
	dir, _ := locate()
	return dir
}

// Missing says, in one line, which replays of the official tests are
// skipped and why, or returns "" when all the data is there. make test
// prints it (see internal/skipnote), since go test shows skips only with -v.
func Missing() string {
	dir, why := locate()
	if dir == "" {
		return "skipping the replays of the official Cedar integration tests (" + HandWrittenDir + "/ and " + ArchiveFile + "): " + why +
			"; set " + EnvVar + " or place them at ../shared/cedar-integration-tests beside the repository"
	}
	var absent []string
	for _, part := range []string{HandWrittenDir, ArchiveFile} {
		if _, err := os.Stat(filepath.Join(dir, part)); err != nil {
			absent = append(absent, part)
		}
	}
	if len(absent) == 0 {
		return ""
	}
	return "skipping the replays of " + strings.Join(absent, " and ") + ": not found in " + dir
}

// locate finds the data directory, or says why there is none.
func locate() (dir, why string) {
	if dir := os.Getenv(EnvVar); dir != "" {
		return usable(dir, EnvVar+"="+dir)
	}
	root := RepoRoot()
	if root == "" {
		return "", EnvVar + " is not set and the repository root (go.mod) was not found"
	}
	dir = filepath.Join(filepath.Dir(root), "shared", "cedar-integration-tests")
	dir, why = usable(dir, dir)
	if dir == "" {
		why = EnvVar + " is not set and " + why
	}
	return dir, why
}

// usable returns dir when it holds tests/ or the corpus archive.
func usable(dir, name string) (string, string) {
	if !isDir(dir) {
		return "", name + " is not a directory"
	}
	for _, part := range []string{HandWrittenDir, ArchiveFile} {
		if _, err := os.Stat(filepath.Join(dir, part)); err == nil {
			return dir, ""
		}
	}
	return "", name + " holds neither " + HandWrittenDir + "/ nor " + ArchiveFile
}

// RepoRoot returns the directory holding the module's go.mod, found by
// walking up from the working directory, or "".
func RepoRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Require returns the integration-tests directory, or skips the test with
// a message that says how to provide the data.
func Require(t testing.TB) string {
	t.Helper()
	dir, why := locate()
	if dir == "" {
		t.Skipf("cedar-integration-tests not found (%s): set %s or place it at ../shared/cedar-integration-tests beside the repository", why, EnvVar)
	}
	return dir
}

// RequireCorpusArchive returns the path of corpus-tests-dev.tar.gz, or
// skips the test.
func RequireCorpusArchive(t testing.TB) string {
	t.Helper()
	p := filepath.Join(Require(t), ArchiveFile)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus archive not found at %s", p)
	}
	return p
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
