package engine

import "testing"

// TestArenaPartsDoNotOverlap checks that parts taken from one chunk are
// independent: writing one, or appending to it, leaves the others as
// they were.
func TestArenaPartsDoNotOverlap(t *testing.T) {
	a := &arena{}
	var parts [][]value
	for n := range 2 * maxChunk {
		p := a.values(n%5 + 1)
		for i := range p {
			p[i] = longValue(int64(n))
		}
		parts = append(parts, p)
	}
	for n, p := range parts {
		_ = append(p, longValue(-1)) // must not write into the next part
		for i, v := range p {
			if !v.equal(longValue(int64(n))) {
				t.Fatalf("part %d[%d] = %v, want %d", n, i, v, n)
			}
		}
	}
	s1, s2 := a.str("x"), a.str("y")
	if s1.str() != "x" || s2.str() != "y" {
		t.Errorf("strings from an arena: %q, %q", s1.str(), s2.str())
	}
	if long := a.values(maxChunk); len(long) != maxChunk || cap(long) != maxChunk {
		t.Errorf("a long slice: len %d cap %d, want %d", len(long), cap(long), maxChunk)
	}
}
