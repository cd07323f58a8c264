package generators

import (
	"slices"
	"testing"
)

// TestRarityNodeKinds checks the kinds node cases are restricted to:
// over tests of every mode, a case restricted to one kind holds for no
// evaluated node of another kind, and RarityHits, which tries each case
// on its kind's nodes only, finds what every case's Match finds.
func TestRarityNodeKinds(t *testing.T) {
	cases := RarityCases()
	for m := ModeTyped; m <= ModeExpr; m++ {
		s := DefaultSettings()
		s.Mode = m
		for i := range uint64(150) {
			tc := Generate(s, 5, i)
			nodes := evaluatedNodes(tc)
			var want []string
			for _, c := range cases {
				if c.Match(tc) {
					want = append(want, c.Name)
				}
				if c.node == nil || c.on == anyNode {
					continue
				}
				for _, n := range nodes {
					if kindOf(n) != c.on && c.node(n) {
						t.Errorf("%s test %d: case %s holds for a %T, not of its kind", m, i, c.Name, n)
					}
				}
			}
			if got := RarityHits(tc); !slices.Equal(got, want) {
				t.Errorf("%s test %d: RarityHits = %v, want %v", m, i, got, want)
			}
		}
	}
}
