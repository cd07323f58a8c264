package parser

import (
	"unicode"
	"unicode/utf8"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// lexer splits Cedar source into tokens and comments. It follows the
// token rules of the official grammar: whitespace is Unicode White_Space,
// comments run from `//` to the end of the line, and a string literal is
// `"` followed by any characters other than `"` and `\`, or `\` followed by
// any character except a line feed, up to the closing `"`.
type lexer struct {
	file      string
	src       []byte
	off       int
	line      int
	lineStart int
	comments  []Comment
	// lastLine is the line of the last token or comment, to tell own-line
	// comments from trailing ones.
	lastLine int
}

func newLexer(file string, src []byte) *lexer {
	return &lexer{file: file, src: src, line: 1}
}

func (lx *lexer) newline(at int) {
	lx.line++
	lx.lineStart = at + 1
}

// skipSpace skips whitespace and comments, recording the comments.
func (lx *lexer) skipSpace() {
	for lx.off < len(lx.src) {
		c := lx.src[lx.off]
		switch {
		case c == '\n':
			lx.newline(lx.off)
			lx.off++
		case c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
			lx.off++
		case c == '/' && lx.off+1 < len(lx.src) && lx.src[lx.off+1] == '/':
			start := lx.off
			end := start
			for end < len(lx.src) && lx.src[end] != '\n' && lx.src[end] != '\r' {
				end++
			}
			if !utf8.Valid(lx.src[start:end]) {
				return // reported as a token by next
			}
			lx.comments = append(lx.comments, Comment{
				Pos:     lx.pos(start),
				End:     end,
				Text:    string(lx.src[start:end]),
				OwnLine: lx.lastLine != lx.line,
			})
			lx.lastLine = lx.line
			lx.off = end
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(lx.src[lx.off:])
			if r == utf8.RuneError || !unicode.IsSpace(r) {
				return
			}
			// Unicode line breaks (U+0085, U+2028, U+2029) are
			// whitespace but do not start a new line for positions.
			lx.off += size
		default:
			return
		}
	}
}

// pos returns the position of offset off on the current line.
func (lx *lexer) pos(off int) syntax.Pos {
	return syntax.Pos{Filename: lx.file, Offset: off, Line: lx.line, Column: off - lx.lineStart + 1}
}

// commonIdents interns the keywords and variable names, which make up most
// identifiers, so that lexing them allocates nothing.
var commonIdents = func() map[string]string {
	m := map[string]string{}
	for _, s := range []string{"permit", "forbid", "when", "unless", "principal", "action", "resource",
		"context", "true", "false", "if", "then", "else", "in", "is", "has", "like", "Action",
		"contains", "containsAll", "containsAny", "isEmpty", "getTag", "hasTag", "ip", "decimal",
		"datetime", "duration"} {
		m[s] = s
	}
	return m
}()

func isIdentStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isIdentChar(c byte) bool { return isIdentStart(c) || '0' <= c && c <= '9' }

func (lx *lexer) next() token {
	lx.skipSpace()
	t := token{off: lx.off, line: lx.line, col: lx.off - lx.lineStart + 1}
	if lx.off >= len(lx.src) {
		t.kind = tEOF
		t.end = lx.off
		return t
	}
	lx.lastLine = lx.line
	src := lx.src
	start := lx.off
	c := src[start]
	one := func(k tokKind) token {
		lx.off++
		t.kind, t.end = k, lx.off
		return t
	}
	two := func(second byte, k2, k1 tokKind) token {
		if start+1 < len(src) && src[start+1] == second {
			lx.off += 2
			t.kind, t.end = k2, lx.off
			return t
		}
		return one(k1)
	}
	switch {
	case isIdentStart(c):
		end := start + 1
		for end < len(src) && isIdentChar(src[end]) {
			end++
		}
		lx.off = end
		text, ok := commonIdents[string(src[start:end])] // no allocation for the lookup
		if !ok {
			text = string(src[start:end])
		}
		t.kind, t.text, t.end = tIdent, text, end
		return t
	case '0' <= c && c <= '9':
		end := start + 1
		for end < len(src) && '0' <= src[end] && src[end] <= '9' {
			end++
		}
		lx.off = end
		t.kind, t.text, t.end = tInt, string(src[start:end]), end
		return t
	case c == '"':
		return lx.string(t)
	case c == '?':
		end := start + 1
		if end < len(src) && isIdentStart(src[end]) {
			for end < len(src) && isIdentChar(src[end]) {
				end++
			}
			lx.off = end
			t.kind, t.text, t.end = tSlot, string(src[start:end]), end
			return t
		}
		return lx.illegal(t, 1, "UnexpectedCharacter", "unexpected character `?`: a template slot is `?principal` or `?resource`")
	}
	switch c {
	case '@':
		return one(tAt)
	case '.':
		return one(tDot)
	case ',':
		return one(tComma)
	case ';':
		return one(tSemi)
	case ':':
		return two(':', tColon2, tColon)
	case '(':
		return one(tLParen)
	case ')':
		return one(tRParen)
	case '{':
		return one(tLBrace)
	case '}':
		return one(tRBrace)
	case '[':
		return one(tLBrack)
	case ']':
		return one(tRBrack)
	case '=':
		return two('=', tEqEq, tEq)
	case '!':
		return two('=', tNotEq, tBang)
	case '<':
		return two('=', tLessEq, tLess)
	case '>':
		return two('=', tGreaterEq, tGreater)
	case '+':
		return one(tPlus)
	case '-':
		return one(tMinus)
	case '*':
		return one(tStar)
	case '/':
		return one(tSlash)
	case '%':
		return one(tPercent)
	case '|':
		if start+1 < len(src) && src[start+1] == '|' {
			return two('|', tOrOr, tOrOr)
		}
		return lx.illegal(t, 1, "UnexpectedCharacter", "unexpected character `|`: did you mean `||`?")
	case '&':
		if start+1 < len(src) && src[start+1] == '&' {
			return two('&', tAndAnd, tAndAnd)
		}
		return lx.illegal(t, 1, "UnexpectedCharacter", "unexpected character `&`: did you mean `&&`?")
	}
	r, size := utf8.DecodeRune(src[start:])
	if r == utf8.RuneError && size <= 1 {
		return lx.illegal(t, 1, "InvalidUTF8", "invalid UTF-8 encoding")
	}
	return lx.illegal(t, size, "UnexpectedCharacter", "unexpected character "+quoteRune(r))
}

func quoteRune(r rune) string {
	if r < 0x20 || r == 0x7f {
		return "U+" + hex4(r)
	}
	return "`" + string(r) + "`"
}

func hex4(r rune) string {
	const digits = "0123456789ABCDEF"
	b := []byte{digits[r>>12&15], digits[r>>8&15], digits[r>>4&15], digits[r&15]}
	return string(b)
}

func (lx *lexer) illegal(t token, size int, kind, msg string) token {
	lx.off += size
	t.kind, t.text, t.bad, t.end = tIllegal, msg, kind, lx.off
	return t
}

// string lexes a string literal; the token's text is the raw contents,
// escapes still in place (they are decoded by unescape, which knows
// whether the literal is a pattern).
func (lx *lexer) string(t token) token {
	src := lx.src
	i := lx.off + 1
	for i < len(src) {
		switch c := src[i]; c {
		case '"':
			if !utf8.Valid(src[lx.off+1 : i]) {
				return lx.illegal(t, i+1-lx.off, "InvalidUTF8", "invalid UTF-8 encoding in string literal")
			}
			t.kind, t.text, t.end = tString, string(src[lx.off+1:i]), i+1
			lx.off = i + 1
			return t
		case '\\':
			if i+1 < len(src) && src[i+1] == '\n' {
				// The official lexer's `\\.` does not match a line
				// feed, so the literal cannot continue.
				return lx.strError(t, i, "InvalidEscape", "invalid escape `\\` followed by a line break in string literal")
			}
			i += 2
		case '\n':
			lx.newline(i)
			i++
		default:
			i++
		}
	}
	return lx.strError(t, len(src), "UnterminatedString", "unterminated string literal: missing closing `\"`")
}

// strError returns an illegal token for a string literal that cannot be
// lexed, consuming the input up to stop.
func (lx *lexer) strError(t token, stop int, kind, msg string) token {
	lx.off = min(stop, len(lx.src))
	t.kind, t.text, t.bad, t.end = tIllegal, msg, kind, lx.off
	return t
}
