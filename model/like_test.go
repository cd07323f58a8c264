package model

import (
	"strings"
	"testing"
	"time"
)

func TestMatch(t *testing.T) {
	cases := []struct {
		pattern, s string
		want       bool
	}{
		{"", "", true},
		{"", "a", false},
		{"*", "", true},
		{"*", "anything", true},
		{"**", "", true},
		{"a", "a", true},
		{"a", "A", false},
		{"a*", "abc", true},
		{"*c", "abc", true},
		{"*b*", "abc", true},
		{"a*c", "ac", true},
		{"a*c", "abcd", false},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "acb", false},
		{"*a*a*a", "aaaa", true},
		{"ab*ba", "aba", false},
		{"é*", "éte", true},
		{"?", "?", true},
		{"?", "x", false},
		{"日*本", "日本", true},
		{"日?本", "日x本", false},
	}
	for _, c := range cases {
		if got := Match(pat(c.pattern), c.s); got != c.want {
			t.Errorf("%q like %q = %v; want %v", c.s, c.pattern, got, c.want)
		}
	}
}

// A pattern that makes a naive backtracking matcher exponential must be
// answered quickly.
func TestMatchNoExponentialBacktracking(t *testing.T) {
	p := pat(strings.Repeat("*a", 30) + "b")
	s := strings.Repeat("a", 5000)
	start := time.Now()
	if Match(p, s) {
		t.Fatal("matched")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("took %v", d)
	}
}
