package generators

import "strings"

// The shapes of extension-literal strings that the rarity cases of
// rarity_values.go look for. They run on every extension literal of the
// tests the rarity table samples, so they read the text by hand rather
// than with regular expressions; rarity_literals_test.go checks each
// against the regular expression that defines it (quoted in its comment).

// datetimeOffset2359: an offset of exactly ±23:59 after the time part,
// `T.*[+-]2359$`.
func datetimeOffset2359(s string) bool {
	off, ok := datetimeOffset(s)
	return ok && off[1:] == "2359"
}

// datetimeOffsetHours24: offset hours of 24 or more,
// `T.*[+-](2[4-9]|[3-9]\d)\d\d$`.
func datetimeOffsetHours24(s string) bool {
	off, ok := datetimeOffset(s)
	return ok && (off[1] == '2' && off[2] >= '4' || off[1] >= '3')
}

// datetimeOffsetMinutes60: offset minutes of 60 or more,
// `T.*[+-]\d\d[6-9]\d$`.
func datetimeOffsetMinutes60(s string) bool {
	off, ok := datetimeOffset(s)
	return ok && off[3] >= '6'
}

// datetimeOffset returns the last five bytes of s when they are a sign
// and four digits with a 'T' somewhere before them.
func datetimeOffset(s string) (string, bool) {
	n := len(s)
	if n < 6 || !isSign(s[n-5]) || !allDigits(s[n-4:]) || strings.IndexByte(s[:n-5], 'T') < 0 {
		return "", false
	}
	return s[n-5:], true
}

// datetimeDateOnly: a date without a time, `^\d{4}-\d\d-\d\d$`.
func datetimeDateOnly(s string) bool {
	return len(s) == 10 && isDate(s)
}

// isDate reports whether s starts with yyyy-mm-dd (digits, not checked
// further).
func isDate(s string) bool {
	return len(s) >= 10 && allDigits(s[:4]) && s[4] == '-' && allDigits(s[5:7]) && s[7] == '-' && allDigits(s[8:10])
}

// datetimeMillis: a time with milliseconds, then Z or an offset,
// `T\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d{4})$`.
func datetimeMillis(s string) bool {
	var time string
	switch n := len(s); {
	case strings.HasSuffix(s, "Z"):
		time = s[:n-1]
	case n >= 5 && isSign(s[n-5]) && allDigits(s[n-4:]):
		time = s[:n-5]
	default:
		return false
	}
	return hasTimeSuffix(time, true)
}

// datetimeUTC: a time ending in Z, with or without milliseconds,
// `T\d\d:\d\d:\d\d(\.\d{3})?Z$`.
func datetimeUTC(s string) bool {
	time, ok := strings.CutSuffix(s, "Z")
	return ok && (hasTimeSuffix(time, false) || hasTimeSuffix(time, true))
}

// hasTimeSuffix reports whether s ends with Thh:mm:ss (digits), followed
// by .mmm when millis.
func hasTimeSuffix(s string, millis bool) bool {
	if millis {
		n := len(s)
		if n < 4 || s[n-4] != '.' || !allDigits(s[n-3:]) {
			return false
		}
		s = s[:n-4]
	}
	n := len(s)
	if n < 9 {
		return false
	}
	t := s[n-9:]
	return t[0] == 'T' && allDigits(t[1:3]) && t[3] == ':' && allDigits(t[4:6]) && t[6] == ':' && allDigits(t[7:9])
}

// datetimeYearBounds: year 0000 or 9999, `^(0000|9999)-`.
func datetimeYearBounds(s string) bool {
	return strings.HasPrefix(s, "0000-") || strings.HasPrefix(s, "9999-")
}

// datetimeYearBeyond: a year that is not four digits: a sign, five
// digits or more, or one to three digits and a dash,
// `^([+-]|\d{5}|\d{1,3}-)`.
func datetimeYearBeyond(s string) bool {
	if s != "" && isSign(s[0]) {
		return true
	}
	n := leadingDigits(s)
	return n >= 5 || n >= 1 && n <= 3 && n < len(s) && s[n] == '-'
}

// decimalFraction4: `^-?\d+\.\d{4}$`.
func decimalFraction4(s string) bool {
	whole, frac, ok := decimalParts(s)
	return ok && whole != "" && len(frac) == 4
}

// decimalFraction5: five fraction digits or more, `^-?\d+\.\d{5,}$`.
func decimalFraction5(s string) bool {
	whole, frac, ok := decimalParts(s)
	return ok && whole != "" && len(frac) >= 5
}

// decimalBounds: the largest and the smallest decimal,
// `^(922337203685477\.5807|-922337203685477\.5808)$`.
func decimalBounds(s string) bool {
	return s == "922337203685477.5807" || s == "-922337203685477.5808"
}

// decimalBeyondBounds: just beyond the bounds, or 16 integer digits or
// more, `^(922337203685477\.5808|-922337203685477\.5809|-?\d{16,}\.\d+)$`.
func decimalBeyondBounds(s string) bool {
	if s == "922337203685477.5808" || s == "-922337203685477.5809" {
		return true
	}
	whole, frac, ok := decimalParts(s)
	return ok && len(whole) >= 16 && frac != ""
}

// decimalMissingPart: no integer or no fraction digits, or nothing at
// all, `^-?(\d*\.|\.\d*|)$`.
func decimalMissingPart(s string) bool {
	body := strings.TrimPrefix(s, "-")
	if body == "" {
		return true
	}
	whole, frac, ok := digitRuns(body)
	return ok && (whole == "" || frac == "")
}

// decimalLeadingZeros: `^-?0\d+\.\d+$`.
func decimalLeadingZeros(s string) bool {
	whole, frac, ok := decimalParts(s)
	return ok && len(whole) >= 2 && whole[0] == '0' && frac != ""
}

// decimalParts splits an optional minus, digits, a dot and digits into
// the two runs of digits (either may be empty); ok is false for any other
// text.
func decimalParts(s string) (whole, frac string, ok bool) {
	return digitRuns(strings.TrimPrefix(s, "-"))
}

// digitRuns splits digits, a dot and digits at the dot.
func digitRuns(s string) (whole, frac string, ok bool) {
	whole, frac, ok = strings.Cut(s, ".")
	return whole, frac, ok && digitsOrEmpty(whole) && digitsOrEmpty(frac)
}

// ipV4Prefix0or32: `^\d+\.\d+\.\d+\.\d+/(0|32)$`.
func ipV4Prefix0or32(s string) bool {
	addr, prefix, ok := strings.Cut(s, "/")
	return ok && isDottedQuad(addr) && (prefix == "0" || prefix == "32")
}

// ipV4PrefixOver32: `^\d+\.\d+\.\d+\.\d+/(3[3-9]|[4-9]\d|\d{3,})$`.
func ipV4PrefixOver32(s string) bool {
	addr, p, ok := strings.Cut(s, "/")
	if !ok || !isDottedQuad(addr) || !allDigits(p) {
		return false
	}
	return len(p) >= 3 || len(p) == 2 && (p[0] == '3' && p[1] >= '3' || p[0] >= '4')
}

// ipV6Prefix0or128: a colon, then a prefix of /0 or /128 at the end,
// `:.*/(0|128)$`.
func ipV6Prefix0or128(s string) bool {
	for _, suffix := range []string{"/0", "/128"} {
		if head, ok := strings.CutSuffix(s, suffix); ok && strings.Contains(head, ":") {
			return true
		}
	}
	return false
}

// ipV6PrefixOver128: a colon, then a prefix above 128 at the end,
// `:.*/(129|1[3-9]\d|[2-9]\d\d|\d{4,})$`.
func ipV6PrefixOver128(s string) bool {
	slash := strings.LastIndexByte(s, '/')
	if slash < 0 || !strings.Contains(s[:slash], ":") {
		return false
	}
	p := s[slash+1:]
	if !allDigits(p) {
		return false
	}
	return len(p) >= 4 || len(p) == 3 && (p == "129" || p[0] == '1' && p[1] >= '3' || p[0] >= '2')
}

// ipLeadingZero: a 0 followed by a digit at the start, after a dot or
// after the slash, `(^|[.])0\d|/0\d`.
func ipLeadingZero(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '0' && isDigitByte(s[i+1]) && (i == 0 || s[i-1] == '.' || s[i-1] == '/') {
			return true
		}
	}
	return false
}

// ipV6EmbeddedV4: a dotted quad somewhere after a colon,
// `:.*\d+\.\d+\.\d+\.\d+`.
func ipV6EmbeddedV4(s string) bool {
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return false
	}
	// A dotted quad is four runs of digits joined by single dots; a
	// chain of fewer runs cannot hold one, so the scan goes on after it.
	rest := s[colon+1:]
	for i := 0; i < len(rest); {
		if !isDigitByte(rest[i]) {
			i++
			continue
		}
		runs := 0
		for {
			i += leadingDigits(rest[i:])
			runs++
			if i+1 >= len(rest) || rest[i] != '.' || !isDigitByte(rest[i+1]) {
				break
			}
			i++
		}
		if runs >= 4 {
			return true
		}
	}
	return false
}

// durationAllUnits: all five units once, in order,
// `^-?\d+d\d+h\d+m\d+s\d+ms$`.
func durationAllUnits(s string) bool {
	rest := strings.TrimPrefix(s, "-")
	for _, unit := range []string{"d", "h", "m", "s", "ms"} {
		n := leadingDigits(rest)
		if n == 0 || !strings.HasPrefix(rest[n:], unit) {
			return false
		}
		rest = rest[n+len(unit):]
	}
	return rest == ""
}

// isDottedQuad reports whether s is four runs of digits joined by dots.
func isDottedQuad(s string) bool {
	parts := 0
	for part := range strings.SplitSeq(s, ".") {
		if parts++; parts > 4 || !allDigits(part) {
			return false
		}
	}
	return parts == 4
}

func isSign(c byte) bool      { return c == '+' || c == '-' }
func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool { return s != "" && leadingDigits(s) == len(s) }

func digitsOrEmpty(s string) bool { return leadingDigits(s) == len(s) }

// leadingDigits is the number of ASCII digits s starts with.
func leadingDigits(s string) int {
	n := 0
	for n < len(s) && isDigitByte(s[n]) {
		n++
	}
	return n
}
