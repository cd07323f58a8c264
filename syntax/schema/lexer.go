package schema

import (
	"unicode"
	"unicode/utf8"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// tokenKind classifies the tokens of the text format. Keywords are lexed as
// identifiers: which words are keywords depends on the position (an entity
// may well be called `entity` or `Set`).
type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokIdent
	tokString // Text is the unescaped value
	tokNumber // never valid in a schema, but lexed so the error says so
	tokPunct  // Text is the punctuation: , ; : :: { } [ ] < > = ? @ ( )
)

type token struct {
	Kind tokenKind
	Text string
	Pos  syntax.Pos
	End  int // byte offset just past the token
}

// describe renders a token for error messages.
func (t token) describe() string {
	switch t.Kind {
	case tokEOF:
		return "end of input"
	case tokString:
		return "string " + syntax.Quote(t.Text)
	}
	return "`" + t.Text + "`"
}

// lexer splits schema text into tokens and comments.
type lexer struct {
	filename string
	src      []byte
	off      int
	line     int
	lineOff  int // offset of the start of the current line
	lastLine int // line of the last token, to tell trailing comments
	comments []Comment
}

func (l *lexer) pos(off int) syntax.Pos {
	return syntax.Pos{Filename: l.filename, Offset: off, Line: l.line, Column: off - l.lineOff + 1}
}

// newline records that the byte at off is a line end.
func (l *lexer) newline(off int) {
	l.line++
	l.lineOff = off + 1
}

// lex returns all tokens, ending with tokEOF.
func lex(filename string, src []byte) ([]token, []Comment, error) {
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		l := &lexer{filename: filename, src: src, line: 1}
		l.advanceTo(off)
		return nil, nil, syntax.ErrorList{errorf(l.pos(off), KindInvalidUTF8, "source is not valid UTF-8")}
	}
	l := &lexer{filename: filename, src: src, line: 1}
	toks := make([]token, 0, len(src)/6+8) // about one token per six bytes of schema text
	for {
		t, err := l.next()
		if err != nil {
			return nil, nil, syntax.ErrorList{err}
		}
		toks = append(toks, t)
		l.lastLine = l.line // the line where the token ends
		if t.Kind == tokEOF {
			return toks, l.comments, nil
		}
	}
}

// advanceTo moves to off, counting lines (used only for error positions).
func (l *lexer) advanceTo(off int) {
	for l.off < off {
		if l.src[l.off] == '\n' {
			l.newline(l.off)
		}
		l.off++
	}
}

func (l *lexer) next() (token, *syntax.Error) {
	// Skip white space (Unicode White_Space, as Rust's \s) and comments.
	for l.off < len(l.src) {
		c := l.src[l.off]
		if c == '/' && l.off+1 < len(l.src) && l.src[l.off+1] == '/' {
			start := l.off
			for l.off < len(l.src) && l.src[l.off] != '\n' && l.src[l.off] != '\r' {
				l.off++
			}
			l.comments = append(l.comments, Comment{
				Pos:      l.pos(start),
				Text:     trimRightSpace(string(l.src[start:l.off])),
				Trailing: l.lastLine == l.line,
			})
			continue
		}
		if c == '\n' {
			l.newline(l.off)
			l.off++
			continue
		}
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' {
				l.off++
				continue
			}
			break
		}
		r, n := utf8.DecodeRune(l.src[l.off:])
		if !unicode.IsSpace(r) {
			break
		}
		l.off += n
	}
	start := l.off
	p := l.pos(start)
	if start >= len(l.src) {
		return token{Kind: tokEOF, Pos: p, End: start}, nil
	}
	c := l.src[start]
	switch {
	case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		l.off++
		for l.off < len(l.src) && isIdentByte(l.src[l.off]) {
			l.off++
		}
		return token{Kind: tokIdent, Text: string(l.src[start:l.off]), Pos: p, End: l.off}, nil
	case '0' <= c && c <= '9':
		for l.off < len(l.src) && '0' <= l.src[l.off] && l.src[l.off] <= '9' {
			l.off++
		}
		return token{Kind: tokNumber, Text: string(l.src[start:l.off]), Pos: p, End: l.off}, nil
	case c == '"':
		return l.string(p)
	case c == ':':
		if l.off+1 < len(l.src) && l.src[l.off+1] == ':' {
			l.off += 2
			return token{Kind: tokPunct, Text: "::", Pos: p, End: l.off}, nil
		}
		l.off++
		return token{Kind: tokPunct, Text: ":", Pos: p, End: l.off}, nil
	}
	switch c {
	case ',', ';', '{', '}', '[', ']', '<', '>', '=', '?', '@', '(', ')':
		l.off++
		return token{Kind: tokPunct, Text: string(c), Pos: p, End: l.off}, nil
	}
	r, _ := utf8.DecodeRune(l.src[start:])
	return token{}, errorf(p, KindInvalidToken, "unexpected character "+syntax.Quote(string(r)))
}

// string lexes a string literal starting at the opening quote. Raw line
// ends are allowed inside, as in Cedar.
func (l *lexer) string(p syntax.Pos) (token, *syntax.Error) {
	start := l.off
	l.off++
	for l.off < len(l.src) {
		switch l.src[l.off] {
		case '\\':
			// The token is `"(\\.|[^"\\])*"` and `.` does not match a
			// line feed: a backslash before a line end is no token at all.
			if l.off+1 < len(l.src) && l.src[l.off+1] == '\n' {
				return token{}, errorf(p, KindInvalidToken, "invalid token: a backslash cannot end a line inside a string literal")
			}
			l.off += 2
			continue
		case '\n':
			l.newline(l.off)
		case '"':
			l.off++
			raw := string(l.src[start+1 : l.off-1])
			s, ok := unescape(raw)
			if !ok {
				return token{}, errorf(p, KindInvalidEscape, "invalid escape sequence in string literal "+string(l.src[start:l.off]))
			}
			return token{Kind: tokString, Text: s, Pos: p, End: l.off}, nil
		}
		l.off++
	}
	return token{}, errorf(p, KindUnterminated, "string literal is not terminated")
}

func isIdentByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func trimRightSpace(s string) string {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		if !unicode.IsSpace(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}
