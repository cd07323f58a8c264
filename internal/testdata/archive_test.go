package testdata

import (
	"strings"
	"testing"
)

func TestCorpusFiles(t *testing.T) {
	n := CorpusFiles(t, ".cedar", func(name string, src []byte) {
		if !strings.HasPrefix(name, "corpus-tests/") || len(src) == 0 && !strings.HasSuffix(name, ".cedar") {
			t.Errorf("unexpected file %q", name)
		}
	})
	tests := CorpusFiles(t, ".entities.json", func(string, []byte) {})
	if n < 1000 || n != tests {
		t.Errorf("%d policy files and %d entities files; want the same number, over 1000", n, tests)
	}
	if len(CorpusArchive(t)) != 4*n {
		t.Errorf("%d files in the archive; want 4 per test", len(CorpusArchive(t)))
	}
}
