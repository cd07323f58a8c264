package shrink

import "github.com/leanovate/gopter"

// indexed returns the stream of at(0), at(1), ..., at(n-1), skipping the
// indexes at which at returns false. Candidates are built only when the
// stream is pulled, so a long stream costs nothing until it is used.
func indexed(n int, at func(i int) (any, bool)) gopter.Shrink {
	i := 0
	return func() (any, bool) {
		for i < n {
			v, ok := at(i)
			i++
			if ok {
				return v, true
			}
		}
		return nil, false
	}
}

// lazy defers building a stream until it is first pulled, so that
// concatenating the streams of every part of a test does not build the
// ones that are never reached.
func lazy(build func() gopter.Shrink) gopter.Shrink {
	var s gopter.Shrink
	return func() (any, bool) {
		if s == nil {
			s = build()
		}
		return s()
	}
}

// values streams the given candidates in order.
func values(vs ...any) gopter.Shrink {
	return indexed(len(vs), func(i int) (any, bool) { return vs[i], true })
}

// mapShrink applies f to every element of s (without the reflection of
// gopter.Shrink.Map).
func mapShrink(s gopter.Shrink, f func(any) any) gopter.Shrink {
	return func() (any, bool) {
		v, ok := s()
		if !ok {
			return nil, false
		}
		return f(v), true
	}
}

// sliceCuts streams the ways of removing parts of a slice of length n,
// biggest cuts first: each half (when n > 2), then each single element.
// Each candidate is given as the list of indexes to keep.
func sliceCuts(n int) gopter.Shrink {
	var cuts [][]int
	keep := func(drop func(i int) bool) []int {
		var out []int
		for i := range n {
			if !drop(i) {
				out = append(out, i)
			}
		}
		return out
	}
	if n > 2 {
		h := n / 2
		cuts = append(cuts, keep(func(i int) bool { return i < h }), keep(func(i int) bool { return i >= h }))
	}
	for j := range n {
		cuts = append(cuts, keep(func(i int) bool { return i == j }))
	}
	return indexed(len(cuts), func(i int) (any, bool) { return cuts[i], true })
}

// pick returns the elements of s at the given indexes.
func pick[T any](s []T, idx []int) []T {
	out := make([]T, 0, len(idx))
	for _, i := range idx {
		out = append(out, s[i])
	}
	return out
}

// replaced returns a copy of s with element i set to v.
func replaced[T any](s []T, i int, v T) []T {
	out := make([]T, len(s))
	copy(out, s)
	out[i] = v
	return out
}
