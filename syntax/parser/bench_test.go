package parser_test

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

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

// loadCorpusPolicies returns every .cedar file of the corpus archive.
func loadCorpusPolicies(tb testing.TB) [][]byte {
	var out [][]byte
	testdata.CorpusFiles(tb, ".cedar", func(_ string, src []byte) { out = append(out, src) })
	return out
}
