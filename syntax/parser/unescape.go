package parser

import (
	"strings"
	"unicode/utf8"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// escapeError is a bad escape at byte index at of a raw string literal.
type escapeError struct {
	at  int
	msg string
}

// unescape decodes the raw contents of a string literal with Rust's string
// rules (the official parser uses rustc_literal_escaper):
//
//	\n \r \t \\ \0 \' \"   the usual characters
//	\xHH                   HH at most 7F
//	\u{H...}               1 to 6 hex digits, `_` allowed after the first,
//	                       at most 10FFFF and not a surrogate
//	\ line-feed            skips the line feed and following whitespace
//
// Any other escape is an error, and so is a bare carriage return. When
// pattern is set, `\*` stands for a literal star and an unescaped `*` is a
// wildcard; the result is then returned in pat rather than s.
func unescape(raw string, pattern bool) (s string, pat syntax.Pattern, err *escapeError) {
	if !pattern && strings.IndexByte(raw, '\\') < 0 && strings.IndexByte(raw, '\r') < 0 {
		return raw, nil, nil // the common case: nothing to decode
	}
	var b strings.Builder
	// emit appends one decoded character. As in the official parser, in
	// a pattern any character that decodes to `*` (even `\u{2a}`) is a
	// wildcard; only `\*` gives a literal star.
	emit := func(r rune) {
		switch {
		case !pattern:
			b.WriteRune(r)
		case r == '*':
			pat = append(pat, syntax.PatternElem{Wildcard: true})
		default:
			pat = append(pat, syntax.PatternElem{Char: r})
		}
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\r':
			return "", nil, &escapeError{i, "bare carriage return in string literal: write `\\r`"}
		case c != '\\':
			r, size := utf8.DecodeRuneInString(raw[i:])
			emit(r)
			i += size
			continue
		}
		// c == '\\'
		if i+1 >= len(raw) {
			return "", nil, &escapeError{i, "lone `\\` at the end of a string literal"}
		}
		e := raw[i+1]
		switch e {
		case 'n':
			emit('\n')
		case 'r':
			emit('\r')
		case 't':
			emit('\t')
		case '\\':
			emit('\\')
		case '0':
			emit(0)
		case '\'':
			emit('\'')
		case '"':
			emit('"')
		case '*':
			if !pattern {
				return "", nil, &escapeError{i, "invalid escape `\\*`: it is allowed only in `like` patterns"}
			}
			pat = append(pat, syntax.PatternElem{Char: '*'})
		case 'x':
			if i+3 >= len(raw) {
				return "", nil, &escapeError{i, "invalid escape: `\\x` needs two hex digits"}
			}
			hi, ok1 := hexVal(raw[i+2])
			lo, ok2 := hexVal(raw[i+3])
			if !ok1 || !ok2 {
				return "", nil, &escapeError{i, "invalid escape: `\\x` needs two hex digits"}
			}
			v := hi<<4 | lo
			if v > 0x7f {
				return "", nil, &escapeError{i, "invalid escape `" + raw[i:i+4] + "`: `\\x` escapes must be at most `\\x7F`"}
			}
			emit(rune(v))
			i += 4
			continue
		case 'u':
			r, n, msg := unicodeEscape(raw[i:])
			if msg != "" {
				return "", nil, &escapeError{i, msg}
			}
			emit(r)
			i += n
			continue
		case '\n':
			// Skip the line feed and the whitespace after it.
			j := i + 2
			for j < len(raw) && (raw[j] == ' ' || raw[j] == '\t' || raw[j] == '\n' || raw[j] == '\r') {
				j++
			}
			i = j
			continue
		default:
			r, _ := utf8.DecodeRuneInString(raw[i+1:])
			return "", nil, &escapeError{i, "invalid escape `\\" + string(r) + "`"}
		}
		i += 2
	}
	if pattern {
		return "", pat, nil
	}
	return b.String(), nil, nil
}

// unicodeEscape decodes `\u{...}` at the start of s, returning the rune
// and the length of the escape, or an error message.
func unicodeEscape(s string) (rune, int, string) {
	if len(s) < 3 || s[2] != '{' {
		return 0, 0, "invalid escape: `\\u` must be followed by `{`"
	}
	i := 3
	if i < len(s) && s[i] == '_' {
		return 0, 0, "invalid escape: `\\u{` must not start with `_`"
	}
	var v rune
	digits := 0
	for ; ; i++ {
		if i >= len(s) {
			return 0, 0, "invalid escape: unclosed `\\u{`"
		}
		c := s[i]
		if c == '}' {
			break
		}
		if c == '_' {
			continue
		}
		d, ok := hexVal(c)
		if !ok {
			return 0, 0, "invalid escape: invalid character in `\\u{...}`"
		}
		digits++
		if digits > 6 {
			return 0, 0, "invalid escape: `\\u{...}` has more than 6 hex digits"
		}
		v = v<<4 | rune(d)
	}
	if digits == 0 {
		return 0, 0, "invalid escape: empty `\\u{}`"
	}
	if v > utf8.MaxRune {
		return 0, 0, "invalid escape: `\\u{...}` is above 10FFFF"
	}
	if 0xD800 <= v && v <= 0xDFFF {
		return 0, 0, "invalid escape: `\\u{...}` is a surrogate"
	}
	return v, i + 1, ""
}

func hexVal(c byte) (int, bool) {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0'), true
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10, true
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}
