package printer

import (
	"sort"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// Format formats the Cedar policy file src: it parses it and prints it in
// the canonical layout, keeping its comments as the package documentation
// describes. A file that does not parse gives the parser's error (with
// file:line:col positions) and no output. Format is idempotent.
func Format(filename string, src []byte) ([]byte, error) {
	f, err := parser.ParseFile(filename, src)
	if err != nil {
		return nil, err
	}
	return formatFile(f, src), nil
}

// placed comments of one policy.
type policyComments struct {
	leading  []parser.Comment
	conds    [][]string // comment lines before each condition clause
	trailing string     // a comment on the line of the `;`
}

func formatFile(f *parser.File, src []byte) []byte {
	lines := lineStarts(src)
	lineOf := func(off int) int { return 1 + sort.Search(len(lines), func(i int) bool { return lines[i] > off }) }

	pols := f.PolicySet.Policies
	placed := make([]policyComments, len(pols))
	var trailer []parser.Comment
	for _, c := range f.Comments {
		off := c.Pos.Offset
		// The first policy that ends after the comment.
		i := sort.Search(len(f.Spans), func(i int) bool { return f.Spans[i].End > off })
		if !c.OwnLine && i > 0 && (i == len(f.Spans) || off < f.Spans[i].Start) &&
			lineOf(f.Spans[i-1].End-1) == c.Pos.Line && placed[i-1].trailing == "" {
			placed[i-1].trailing = trimComment(c.Text)
			continue
		}
		if i == len(f.Spans) {
			trailer = append(trailer, c)
			continue
		}
		sp := f.Spans[i]
		if off < sp.Head.End || len(sp.Conds) == 0 {
			placed[i].leading = append(placed[i].leading, c)
			continue
		}
		j := sort.Search(len(sp.Conds), func(j int) bool { return sp.Conds[j].End > off })
		if j == len(sp.Conds) {
			j--
		}
		if placed[i].conds == nil {
			placed[i].conds = make([][]string, len(sp.Conds))
		}
		placed[i].conds[j] = append(placed[i].conds[j], trimComment(c.Text))
	}

	var w writer
	for i, p := range pols {
		if i > 0 {
			w.WriteByte('\n')
		}
		w.commentBlock(src, placed[i].leading, f.Spans[i].Start)
		w.policyWithComments(p, placed[i].conds)
		if placed[i].trailing != "" {
			w.WriteByte(' ')
			w.WriteString(placed[i].trailing)
		}
		w.WriteByte('\n')
	}
	if len(trailer) > 0 {
		if len(pols) > 0 {
			w.WriteByte('\n')
		}
		w.commentBlock(src, trailer, -1)
	}
	return []byte(w.String())
}

// commentBlock writes comments one per line, keeping one blank line where
// the source has a blank line between two comments, or between the last
// comment and offset next (-1: nothing follows).
func (w *writer) commentBlock(src []byte, cs []parser.Comment, next int) {
	for k, c := range cs {
		w.WriteString(trimComment(c.Text))
		w.WriteByte('\n')
		to := next
		if k+1 < len(cs) {
			to = cs[k+1].Pos.Offset
		}
		if to > c.End && hasBlankLine(src[c.End:to]) {
			w.WriteByte('\n')
		}
	}
}

// hasBlankLine reports whether b, which starts at the end of a line's
// text, contains an empty or all-blank line.
func hasBlankLine(b []byte) bool {
	newlines := 0
	for _, c := range b {
		switch c {
		case '\n':
			newlines++
			if newlines == 2 {
				return true
			}
		case ' ', '\t', '\r', '\v', '\f':
		default:
			return false
		}
	}
	return false
}

func trimComment(s string) string { return strings.TrimRight(s, " \t") }

// lineStarts returns the offsets at which lines 2, 3, ... start, so that
// the line of offset off is 1 + the number of starts <= off.
func lineStarts(src []byte) []int {
	var out []int
	for i, c := range src {
		if c == '\n' {
			out = append(out, i+1)
		}
	}
	return out
}
