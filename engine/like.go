package engine

import (
	"strings"
	"unicode/utf8"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// likePattern is a `like` pattern split at its wildcards into literal
// segments: "a*b*c" is ["a" "b" "c"]. Matching takes a prefix, a suffix,
// and finds the middle segments leftmost-first, which is correct for
// patterns with only `*` and runs in time linear in the segments'
// searches: there is no backtracking.
type likePattern struct {
	segs     []string
	wildcard bool // at least one `*`
}

func compilePattern(p syntax.Pattern) likePattern {
	var lp likePattern
	var cur []byte
	for _, el := range p {
		if el.Wildcard {
			lp.segs = append(lp.segs, string(cur))
			cur = cur[:0]
			lp.wildcard = true
			continue
		}
		cur = utf8.AppendRune(cur, el.Char)
	}
	lp.segs = append(lp.segs, string(cur))
	return lp
}

func (lp *likePattern) match(s string) bool {
	if !lp.wildcard {
		return s == lp.segs[0]
	}
	first, last := lp.segs[0], lp.segs[len(lp.segs)-1]
	if len(s) < len(first)+len(last) || !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) {
		return false
	}
	s = s[len(first) : len(s)-len(last)]
	for _, seg := range lp.segs[1 : len(lp.segs)-1] {
		i := strings.Index(s, seg)
		if i < 0 {
			return false
		}
		s = s[i+len(seg):]
	}
	return true
}
