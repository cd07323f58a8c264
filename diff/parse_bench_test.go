package diff

import (
	"errors"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// parseBenchTexts returns the texts of n parse-target tests.
func parseBenchTexts(n int) [][]string {
	out := make([][]string, n)
	for i := range out {
		s := generators.DefaultSettings()
		s.Mode = TargetParse.Mode(uint64(i))
		for _, t := range parseTexts(generators.Generate(s, 1, uint64(i))) {
			out[i] = append(out[i], t.text)
		}
	}
	return out
}

// BenchmarkParseTargetOfficial measures the official engine's share of a
// parse-target test: one call reading its re-spelled and mutated texts.
func BenchmarkParseTargetOfficial(b *testing.B) {
	w, err := CedarWasm(cedarwasm.Options{Processes: 1})
	if errors.Is(err, cedarwasm.ErrNotInstalled) {
		b.Skipf("skipping: %v", err)
	}
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	tests := parseBenchTexts(200)
	for _, texts := range tests { // warm up the engine's JIT
		if _, err := w.ParsePolicySets(texts); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := w.ParsePolicySets(tests[i%len(tests)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseTargetOurs measures our side of a parse-target test:
// generating, re-spelling, mutating and parsing its texts.
func BenchmarkParseTargetOurs(b *testing.B) {
	for i := range b.N {
		s := generators.DefaultSettings()
		s.Mode = TargetParse.Mode(uint64(i))
		for _, t := range parseTexts(generators.Generate(s, 1, uint64(i))) {
			_, _ = parser.ParsePolicySet("b.cedar", []byte(t.text))
		}
	}
}
