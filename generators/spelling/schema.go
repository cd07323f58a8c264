package spelling

import (
	"strings"
	"unicode/utf8"
)

// SchemaText splits Cedar schema text (as syntax/schema prints it) into
// tokens, dropping its white space and comments, so that Render gives it
// fresh separators (white space, line breaks, `//` comments) and Mutate
// breaks it like policy text. The tokens are those of the schema grammar:
// identifiers and keywords, strings, `::` and one-character punctuation.
// Text the schema lexer would reject (an unterminated string) ends up in
// one token as it is.
func SchemaText(src string) *Text {
	var t Text
	for i := 0; i < len(src); {
		c, size := utf8.DecodeRuneInString(src[i:])
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i += size
		case strings.HasPrefix(src[i:], "//"):
			end := strings.IndexAny(src[i:], "\n\r")
			if end < 0 {
				end = len(src) - i
			}
			i += end
		case c == '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(src))
			t.Tokens = append(t.Tokens, Token{src[i:j], String})
			i = j
		case isWordRune(c):
			j := i
			for j < len(src) {
				c, size := utf8.DecodeRuneInString(src[j:])
				if !isWordRune(c) {
					break
				}
				j += size
			}
			kind := Word
			if c >= '0' && c <= '9' {
				kind = Number
			}
			t.Tokens = append(t.Tokens, Token{src[i:j], kind})
			i = j
		case strings.HasPrefix(src[i:], "::"):
			t.Tokens = append(t.Tokens, Token{"::", Punct})
			i += 2
		default:
			t.Tokens = append(t.Tokens, Token{src[i : i+size], Punct})
			i += size
		}
	}
	return &t
}
