// Package testdata locates the official Cedar integration tests that tests
// read from outside the repository. The data is never copied into the
// project: it is found through the CEDAR_INTEGRATION_TESTS environment
// variable, or as ../shared/cedar-integration-tests beside the repository.
package testdata

import (
	"os"
	"path/filepath"
	"testing"
)

// EnvVar overrides where the integration tests are found.
const EnvVar = "CEDAR_INTEGRATION_TESTS"

// IntegrationTestsDir returns the directory of the cedar-integration-tests
// data (the folder holding tests/, sample-data/ and
// corpus-tests-dev.tar.gz), or "" if it cannot be found.
func IntegrationTestsDir() string {
	if dir := os.Getenv(EnvVar); dir != "" {
		if isDir(dir) {
			return dir
		}
		return ""
	}
	root := RepoRoot()
	if root == "" {
		return ""
	}
	dir := filepath.Join(filepath.Dir(root), "shared", "cedar-integration-tests")
	if isDir(dir) {
		return dir
	}
	return ""
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
	dir := IntegrationTestsDir()
	if dir == "" {
		t.Skipf("cedar-integration-tests not found: set %s or place it at ../shared/cedar-integration-tests beside the repository", EnvVar)
	}
	return dir
}

// RequireCorpusArchive returns the path of corpus-tests-dev.tar.gz, or
// skips the test.
func RequireCorpusArchive(t testing.TB) string {
	t.Helper()
	p := filepath.Join(Require(t), "corpus-tests-dev.tar.gz")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus archive not found at %s", p)
	}
	return p
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
