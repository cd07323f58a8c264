package testdata

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
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

func readArchive(path string) (map[string][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		out[strings.TrimPrefix(h.Name, "./")] = data
	}
}
