package testdata

import (
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/input"
)

var (
	archiveOnce  sync.Once
	archiveFiles map[string][]byte
	archiveErr   error
)

// CorpusArchive returns every regular file of corpus-tests-dev.tar.gz by
// its name inside the archive ("corpus-tests/<hash>.cedar", ...), or skips
// the test when the archive is absent. The archive is read once per test
// binary; callers must not modify the returned bytes.
func CorpusArchive(t testing.TB) map[string][]byte {
	t.Helper()
	path := RequireCorpusArchive(t)
	archiveOnce.Do(func() { archiveFiles, archiveErr = readArchive(path) })
	if archiveErr != nil {
		t.Fatalf("reading %s: %v", path, archiveErr)
	}
	return archiveFiles
}

// CorpusFiles calls fn for each file of the corpus archive whose name ends
// with suffix (".cedar", ".cedarschema", ".entities.json", ...), in name
// order, and returns how many there were. It skips the test when the
// archive is absent.
func CorpusFiles(t testing.TB, suffix string, fn func(name string, src []byte)) int {
	t.Helper()
	files := CorpusArchive(t)
	var names []string
	for name := range files {
		if strings.HasSuffix(name, suffix) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		fn(name, files[name])
	}
	return len(names)
}

// readArchive reads the archive through internal/input, with the limits
// every command has.
func readArchive(path string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := input.ReadArchive(path, func(name string, data []byte) error {
		out[name] = data
		return nil
	})
	return out, err
}
