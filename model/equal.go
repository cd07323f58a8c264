package model

// Equal is Cedar's `==`: structural and total. Values of different types
// are unequal (never an error); sets compare as sets and records as maps;
// extension values compare by their internal representation (decimals
// scaled, datetimes and durations in milliseconds, ip addresses by their
// bits as written plus prefix, host bits included).
func Equal(a, b Value) bool {
	switch a := a.(type) {
	case Set:
		b, ok := b.(Set)
		return ok && subset(a, b) && subset(b, a)
	case Record:
		b, ok := b.(Record)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, av := range a {
			bv, ok := b[k]
			if !ok || !Equal(av, bv) {
				return false
			}
		}
		return true
	default:
		// Every other value type is a comparable Go value whose Go equality
		// is Cedar equality.
		return a == b
	}
}

// subset reports whether every element of a is in b.
func subset(a, b Set) bool {
	for _, x := range a {
		if !b.Contains(x) {
			return false
		}
	}
	return true
}
