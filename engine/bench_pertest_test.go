package engine

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
)

// BenchmarkPerTest measures the engine's whole per-test path in a
// differential run (ns/op and allocs/op are per generated test): compile
// the policies, build the store, then build and authorize each request.
// The sub-benchmarks time the three steps apart.
func BenchmarkPerTest(b *testing.B) {
	tests := make([]*generators.Test, 512)
	for i := range tests {
		tests[i] = generators.Generate(generators.DefaultSettings(), 1, uint64(i))
	}
	b.Run("all", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			tc := tests[i%len(tests)]
			ps, err := NewPolicySet(tc.Policies)
			if err != nil {
				continue
			}
			es, err := NewEntityStore(tc.Entities, tc.Schema)
			if err != nil {
				continue
			}
			for _, r := range tc.Requests {
				if req, err := NewRequest(r); err == nil {
					ps.Authorize(es, req)
				}
			}
		}
	})
	b.Run("policies", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			NewPolicySet(tests[i%len(tests)].Policies)
		}
	})
	b.Run("store", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			tc := tests[i%len(tests)]
			NewEntityStore(tc.Entities, tc.Schema)
		}
	})
	b.Run("requests", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			for _, r := range tests[i%len(tests)].Requests {
				NewRequest(r)
			}
		}
	})
}
