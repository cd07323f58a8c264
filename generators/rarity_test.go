package generators

import (
	"strings"
	"testing"
)

func TestRarityRegistry(t *testing.T) {
	cases := RarityCases()
	seen := map[string]bool{}
	for _, c := range cases {
		if c.Name == "" || c.Area == "" || c.Description == "" || c.Match == nil {
			t.Errorf("case %+v: name, area, description and Match are required", c.Name)
		}
		if seen[c.Name] {
			t.Errorf("case %q listed twice", c.Name)
		}
		seen[c.Name] = true
	}
}

func TestRarityTallyMerges(t *testing.T) {
	s := DefaultSettings()
	a, b, whole := NewRarity(), NewRarity(), NewRarity()
	for i := range uint64(200) {
		tc := Generate(s, 1, i)
		whole.Add(tc)
		if i%2 == 0 {
			a.Add(tc)
		} else {
			b.Add(tc)
		}
	}
	a.Merge(b)
	if a.Tests != whole.Tests {
		t.Fatalf("merged %d tests, want %d", a.Tests, whole.Tests)
	}
	for k, v := range whole.Counts {
		if a.Counts[k] != v {
			t.Errorf("case %s: merged %d, want %d", k, a.Counts[k], v)
		}
	}
	var sb strings.Builder
	whole.Write(&sb)
	if !strings.Contains(sb.String(), "rarity over 200 tests") {
		t.Errorf("table header missing:\n%s", sb.String())
	}
}

// BenchmarkRarityHits measures matching every rarity case against a
// test, beside BenchmarkRarityGenerate, the generation of the same
// tests: the run tallies rarity on every test only if the first is small
// next to the second (a run also checks each test, which costs more).
func BenchmarkRarityHits(b *testing.B) {
	s := DefaultSettings()
	tests := make([]*Test, 64)
	for i := range tests {
		tests[i] = Generate(s, 1, uint64(i))
	}
	b.ResetTimer()
	for i := range b.N {
		RarityHits(tests[i%len(tests)])
	}
}

func BenchmarkRarityGenerate(b *testing.B) {
	s := DefaultSettings()
	for i := range b.N {
		Generate(s, 1, uint64(i%64))
	}
}

// BenchmarkStatsAdd measures counting the constructs of a test, which a
// run does for every test, beside BenchmarkRarityHits.
func BenchmarkStatsAdd(b *testing.B) {
	s := DefaultSettings()
	tests := make([]*Test, 64)
	for i := range tests {
		tests[i] = Generate(s, 1, uint64(i))
	}
	stats := NewStats()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		stats.Add(tests[i%len(tests)])
	}
}
