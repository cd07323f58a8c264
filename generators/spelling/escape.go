package spelling

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// str writes a string literal with each character raw or escaped.
func (w *speller) str(s string) {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		b.WriteString(w.char(c, false))
	}
	b.WriteByte('"')
	w.tok(b.String(), String)
}

// pattern writes a `like` pattern: a wildcard as `*` or an escape that
// decodes to `*` (Cedar reads both as a wildcard), a literal star as
// `\*`, other characters as in strings.
func (w *speller) pattern(p syntax.Pattern) {
	var b strings.Builder
	b.WriteByte('"')
	for _, el := range p {
		switch {
		case el.Wildcard:
			b.WriteString([]string{"*", "*", "*", `\u{2a}`, `\x2A`, `\u{0_2A}`}[w.r.Intn(6)])
		case el.Char == '*':
			b.WriteString(`\*`)
		default:
			b.WriteString(w.char(el.Char, true))
		}
	}
	b.WriteByte('"')
	w.tok(b.String(), String)
}

// char writes one character of a string literal. In a pattern no
// escape may decode to `*` (that would be a wildcard); c is never `*`
// there.
func (w *speller) char(c rune, _ bool) string {
	if c == utf8.RuneError {
		return `\u{fffd}`
	}
	switch n := w.r.Intn(10); {
	case n < 6:
		return rawChar(c)
	case n < 8:
		if s := shortEscape(c); s != "" {
			return s
		}
	}
	if c < 0x80 && w.chance(2) {
		return fmt.Sprintf([]string{`\x%02x`, `\x%02X`}[w.r.Intn(2)], c)
	}
	return w.unicodeEscape(c)
}

// rawChar writes c as itself where a string literal allows it: not a
// quote, a backslash or a carriage return.
func rawChar(c rune) string {
	switch c {
	case '"':
		return `\"`
	case '\\':
		return `\\`
	case '\r':
		return `\r`
	}
	return string(c)
}

// shortEscape returns the two-character escape of c, or "".
func shortEscape(c rune) string {
	switch c {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	case '\\':
		return `\\`
	case 0:
		return `\0`
	case '\'':
		return `\'`
	case '"':
		return `\"`
	}
	return ""
}

// unicodeEscape writes \u{...}: one to six hex digits, leading zeros,
// either case, `_` anywhere after the first digit.
func (w *speller) unicodeEscape(c rune) string {
	hex := fmt.Sprintf("%x", c)
	if w.chance(2) {
		hex = strings.ToUpper(hex)
	}
	if pad := 6 - len(hex); pad > 0 && w.chance(3) {
		hex = strings.Repeat("0", 1+w.r.Intn(pad)) + hex
	}
	if w.chance(4) {
		at := 1 + w.r.Intn(len(hex))
		hex = hex[:at] + strings.Repeat("_", 1+w.r.Intn(2)) + hex[at:]
	}
	return `\u{` + hex + `}`
}
