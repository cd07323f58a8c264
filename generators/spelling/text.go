package spelling

import (
	"math/rand"
	"strings"
	"unicode/utf8"
)

// Kind classifies a token, for mutations.
type Kind uint8

const (
	Punct  Kind = iota // operators and brackets
	Word               // identifiers and keywords
	Number             // integer literals (digits only; a minus is a Punct)
	String             // string literals, quotes included
)

// Token is one token of a re-spelled text.
type Token struct {
	Text string
	Kind Kind
}

// Text is re-spelled Cedar text as its tokens; Render joins them with
// random separators.
type Text struct {
	Tokens []Token
}

// Render joins the tokens with separators drawn from r: often nothing or
// one space, sometimes other white space, line breaks and comments. Two
// tokens that would merge into one (two words, a word and a number) are
// always separated.
func (t *Text) Render(r *rand.Rand) string {
	var b strings.Builder
	if r.Intn(8) == 0 {
		b.WriteString(separator(r, true))
	}
	for i, tok := range t.Tokens {
		if i > 0 {
			needed := wordEnd(t.Tokens[i-1].Text) && wordStart(tok.Text)
			b.WriteString(separatorBetween(r, needed))
		}
		b.WriteString(tok.Text)
	}
	if r.Intn(4) == 0 {
		b.WriteString(separator(r, true))
	}
	return b.String()
}

// Canonical joins the tokens with single spaces, for messages.
func (t *Text) Canonical() string {
	parts := make([]string, len(t.Tokens))
	for i, tok := range t.Tokens {
		parts[i] = tok.Text
	}
	return strings.Join(parts, " ")
}

func separatorBetween(r *rand.Rand, needed bool) string {
	switch n := r.Intn(20); {
	case n < 6 && !needed:
		return ""
	case n < 15:
		return " "
	}
	return separator(r, true)
}

// whitespace holds white space other than a plain space: Cedar skips
// Unicode White_Space between tokens.
var whitespace = []string{"\t", "\n", "\r\n", "\r", "  ", " \t ", "\n\n", "\f", "\v",
	"\u00a0", "\u2028", "\u3000", "\u2003", "\u0085", "\u205f"}

// comments holds comment bodies: anything but a line break, including
// what would confuse a careless lexer.
var comments = []string{"", " comment", " ) ; \" } unbalanced ( [", " é ünïcode ✓ 日本", " // nested", "\t*/ /*",
	" \u2028 not a line break", " \\u{41} \\", " permit(principal, action, resource);"}

// separator returns a non-empty separator: white space, or a comment
// ended by a line break.
func separator(r *rand.Rand, _ bool) string {
	if r.Intn(3) == 0 {
		end := []string{"\n", "\r\n", "\r", "\n  \t"}[r.Intn(4)]
		return " //" + comments[r.Intn(len(comments))] + end
	}
	return whitespace[r.Intn(len(whitespace))]
}

func wordEnd(s string) bool {
	c, _ := utf8.DecodeLastRuneInString(s)
	return isWordRune(c)
}

func wordStart(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return isWordRune(c)
}

func isWordRune(c rune) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf
}
