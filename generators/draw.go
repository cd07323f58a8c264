package generators

import "math/rand"

// draw makes the random choices of one generation. Every choice is one
// call of r.Int63 reduced modulo the number of options, and a draw of 0
// always selects the first, simplest option (see ByteSource).
type draw struct{ r *rand.Rand }

// intn returns a number in [0, n); n must be positive.
func (d draw) intn(n int) int {
	return int(uint64(d.r.Int63()) % uint64(n))
}

// between returns a number in [lo, hi].
func (d draw) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + d.intn(hi-lo+1)
}

// chance returns true with probability pct percent; a zero draw gives
// false.
func (d draw) chance(pct int) bool { return d.intn(100) >= 100-pct }

// pick returns a random element of xs, which must not be empty.
func pick[T any](d draw, xs []T) T { return xs[d.intn(len(xs))] }

// weighted returns an index in [0, len(weights)) chosen with the given
// relative weights. A zero draw selects the first index with a positive
// weight.
func (d draw) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	if total <= 0 {
		return 0
	}
	n := d.intn(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// distinct returns n distinct elements of xs (all of them if n is larger)
// in random order.
func distinct[T any](d draw, xs []T, n int) []T {
	if min(n, len(xs)) <= 0 {
		return nil
	}
	return distinctInto(d, make([]T, 0, min(n, len(xs))), xs, n)
}

// distinctInto is distinct appending to out, with the same draws.
func distinctInto[T any](d draw, out, xs []T, n int) []T {
	n = min(n, len(xs))
	if n <= 0 {
		return out
	}
	var buf [32]int
	idx := buf[:0]
	if len(xs) > len(buf) {
		idx = make([]int, 0, len(xs))
	}
	for i := range xs {
		idx = append(idx, i)
	}
	for i := 0; i < n; i++ {
		j := i + d.intn(len(idx)-i)
		idx[i], idx[j] = idx[j], idx[i]
		out = append(out, xs[idx[i]])
	}
	return out
}
