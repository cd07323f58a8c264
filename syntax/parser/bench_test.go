package parser_test

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// loadCorpusPolicies reads every .cedar file of the corpus archive.
func loadCorpusPolicies(tb testing.TB) [][]byte {
	path := testdata.RequireCorpusArchive(tb)
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var out [][]byte
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			tb.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg && strings.HasSuffix(h.Name, ".cedar") {
			src, err := io.ReadAll(tr)
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, src)
		}
	}
}

// TestCorpusParses: every policy file of the corpus archive parses.
func TestCorpusParses(t *testing.T) {
	n := 0
	for i, src := range loadCorpusPolicies(t) {
		ps, err := parser.ParsePolicySet("corpus", src)
		if err != nil {
			t.Errorf("file %d: %v", i, err)
			continue
		}
		n += len(ps.Policies)
	}
	if n == 0 {
		t.Fatal("no policies")
	}
}

// BenchmarkParseCorpus parses every policy file of the corpus archive per
// iteration and reports policies and bytes per second.
func BenchmarkParseCorpus(b *testing.B) {
	files := loadCorpusPolicies(b)
	size, policies := 0, 0
	for _, src := range files {
		size += len(src)
		ps, err := parser.ParsePolicySet("corpus", src)
		if err != nil {
			b.Fatal(err)
		}
		policies += len(ps.Policies)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, src := range files {
			if _, err := parser.ParsePolicySet("corpus", src); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(policies)*float64(b.N)/b.Elapsed().Seconds(), "policies/s")
}
