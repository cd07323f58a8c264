package model

import "github.com/cedar-crosscheck/crosscheck/syntax"

// Match reports whether s matches the `like` pattern p. A wildcard matches
// any sequence of characters, including none; any other element matches
// exactly one equal character. Characters are Unicode scalar values.
//
// The matcher remembers only the most recent wildcard: when a later
// literal fails to match, it lets that wildcard absorb one more character
// and retries. Any earlier wildcard need never absorb more, because the
// later one can absorb the same characters. This takes at most
// len(p)·len(s) steps, never exponential time.
func Match(p syntax.Pattern, s string) bool {
	text := []rune(s)
	pi, ti := 0, 0
	star, starText := -1, 0 // the last wildcard seen, and where its match ends
	for ti < len(text) {
		switch {
		case pi < len(p) && !p[pi].Wildcard && p[pi].Char == text[ti]:
			pi++
			ti++
		case pi < len(p) && p[pi].Wildcard:
			star, starText = pi, ti
			pi++
		case star >= 0:
			starText++
			pi, ti = star+1, starText
		default:
			return false
		}
	}
	for pi < len(p) && p[pi].Wildcard {
		pi++
	}
	return pi == len(p)
}
