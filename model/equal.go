package model

import (
	"sort"
	"strconv"
	"strings"
)

// Equal is Cedar's `==`: structural and total. Values of different types
// are unequal (never an error); sets compare as sets and records as maps;
// extension values compare by their internal representation (decimals
// scaled, datetimes and durations in milliseconds, ip addresses by their
// bits as written plus prefix, host bits included).
func Equal(a, b Value) bool {
	switch a := a.(type) {
	case Set:
		b, ok := b.(Set)
		return ok && len(a) == len(b) && subset(a, b)
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

// subset reports whether every element of a is in b. (Sets built by
// NewSet have no duplicates, so equal sizes and a ⊆ b mean a = b.)
func subset(a, b Set) bool {
	inB := b.keys()
	for _, x := range a {
		if !inB[key(x)] {
			return false
		}
	}
	return true
}

// key is a comparable stand-in for v, equal exactly when values are Equal,
// so set operations look elements up instead of comparing pairs. A set or
// record is keyed by its canonical text; any other value is its own key.
func key(v Value) any {
	switch v.(type) {
	case Set, Record:
		return canonicalText(v)
	}
	return v
}

// canonicalText is v's text much like Value.String, set elements sorted.
func canonicalText(v Value) string {
	switch v := v.(type) {
	case Set:
		keys := make([]string, len(v))
		for i, x := range v {
			keys[i] = canonicalText(x)
		}
		sort.Strings(keys)
		return "[" + strings.Join(keys, ", ") + "]"
	case Record:
		parts := make([]string, 0, len(v))
		for _, k := range v.Keys() {
			parts = append(parts, strconv.Quote(k)+": "+canonicalText(v[k]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case String:
		// Go's quoting keeps even invalid UTF-8 bytes apart.
		return strconv.Quote(string(v))
	}
	return v.String()
}

// keys is the set of the keys of s's elements.
func (s Set) keys() map[any]bool {
	out := make(map[any]bool, len(s))
	for _, x := range s {
		out[key(x)] = true
	}
	return out
}
