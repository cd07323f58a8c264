package engine

// setValue is a Cedar set: its elements without duplicates, in the order
// they were first seen. Sets larger than smallSet carry a hash index so
// that membership stays O(1).
type setValue struct {
	elems []value
	index map[uint64][]int32
}

// smallSet is the size up to which linear scans beat hashing.
const smallSet = 8

// newSet builds a set from elements that may contain duplicates. It takes
// ownership of elems.
func newSet(elems []value) *setValue {
	s := &setValue{}
	if len(elems) <= smallSet {
		out := elems[:0]
		for _, x := range elems {
			dup := false
			for _, y := range out {
				if x.equal(y) {
					dup = true
					break
				}
			}
			if !dup {
				out = append(out, x)
			}
		}
		s.elems = out
		return s
	}
	s.index = make(map[uint64][]int32, len(elems))
	out := make([]value, 0, len(elems))
	for _, x := range elems {
		h := x.hash()
		dup := false
		for _, i := range s.index[h] {
			if out[i].equal(x) {
				dup = true
				break
			}
		}
		if !dup {
			s.index[h] = append(s.index[h], int32(len(out)))
			out = append(out, x)
		}
	}
	s.elems = out
	return s
}

// contains reports whether some element equals v.
func (s *setValue) contains(v value) bool {
	if s.index == nil {
		for i := range s.elems {
			if s.elems[i].equal(v) {
				return true
			}
		}
		return false
	}
	for _, i := range s.index[v.hash()] {
		if s.elems[i].equal(v) {
			return true
		}
	}
	return false
}

// containsAll reports whether every element of t is in s.
func (s *setValue) containsAll(t *setValue) bool {
	for i := range t.elems {
		if !s.contains(t.elems[i]) {
			return false
		}
	}
	return true
}

// containsAny reports whether some element of t is in s.
func (s *setValue) containsAny(t *setValue) bool {
	if len(t.elems) > len(s.elems) {
		s, t = t, s
	}
	for i := range t.elems {
		if s.contains(t.elems[i]) {
			return true
		}
	}
	return false
}

// equal compares as sets; both are duplicate-free, so equal sizes and
// inclusion suffice.
func (s *setValue) equal(t *setValue) bool {
	return s == t || len(s.elems) == len(t.elems) && t.containsAll(s)
}
