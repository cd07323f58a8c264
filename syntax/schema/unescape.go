package schema

import (
	"strings"
	"unicode"
)

// unescape decodes the body of a Cedar string literal with the escapes of
// Rust string literals, which is what Cedar uses: \n \r \t \\ \0 \' \",
// \xHH (at most 7F), \u{H...} (1 to 6 hex digits, `_` allowed after the
// first, a Unicode scalar value). A bare carriage return is an error, as
// in Rust literals.
func unescape(s string) (string, bool) {
	if !strings.ContainsAny(s, "\\\r") {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\r' {
			return "", false // a bare carriage return, as in Rust literals
		}
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(s) {
			return "", false
		}
		e := s[i+1]
		i += 2
		switch e {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case '\\':
			b.WriteByte('\\')
		case '0':
			b.WriteByte(0)
		case '\'':
			b.WriteByte('\'')
		case '"':
			b.WriteByte('"')
		case 'x':
			if i+2 > len(s) {
				return "", false
			}
			hi, ok1 := hexVal(s[i])
			lo, ok2 := hexVal(s[i+1])
			if !ok1 || !ok2 || hi > 7 {
				return "", false
			}
			b.WriteByte(byte(hi<<4 | lo))
			i += 2
		case 'u':
			if i >= len(s) || s[i] != '{' {
				return "", false
			}
			i++
			var v rune
			digits := 0
			for {
				if i >= len(s) {
					return "", false
				}
				d := s[i]
				i++
				if d == '}' {
					break
				}
				if d == '_' && digits > 0 {
					continue
				}
				h, ok := hexVal(d)
				if !ok {
					return "", false
				}
				digits++
				if digits > 6 {
					return "", false
				}
				v = v<<4 | rune(h)
			}
			if digits == 0 || v > unicode.MaxRune || 0xD800 <= v && v <= 0xDFFF {
				return "", false
			}
			b.WriteRune(v)
		default:
			return "", false
		}
	}
	return b.String(), true
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
