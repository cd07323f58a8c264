package generators

import (
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// literalShapes pairs each shape reader of rarity_literals.go with the
// regular expression that defines it.
var literalShapes = []struct {
	name  string
	shape func(string) bool
	re    string
}{
	{"datetimeOffset2359", datetimeOffset2359, `T.*[+-]2359$`},
	{"datetimeOffsetHours24", datetimeOffsetHours24, `T.*[+-](2[4-9]|[3-9]\d)\d\d$`},
	{"datetimeOffsetMinutes60", datetimeOffsetMinutes60, `T.*[+-]\d\d[6-9]\d$`},
	{"datetimeDateOnly", datetimeDateOnly, `^\d{4}-\d\d-\d\d$`},
	{"datetimeMillis", datetimeMillis, `T\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d{4})$`},
	{"datetimeUTC", datetimeUTC, `T\d\d:\d\d:\d\d(\.\d{3})?Z$`},
	{"datetimeYearBounds", datetimeYearBounds, `^(0000|9999)-`},
	{"datetimeYearBeyond", datetimeYearBeyond, `^([+-]|\d{5}|\d{1,3}-)`},
	{"decimalFraction4", decimalFraction4, `^-?\d+\.\d{4}$`},
	{"decimalFraction5", decimalFraction5, `^-?\d+\.\d{5,}$`},
	{"decimalBounds", decimalBounds, `^(922337203685477\.5807|-922337203685477\.5808)$`},
	{"decimalBeyondBounds", decimalBeyondBounds, `^(922337203685477\.5808|-922337203685477\.5809|-?\d{16,}\.\d+)$`},
	{"decimalMissingPart", decimalMissingPart, `^-?(\d*\.|\.\d*|)$`},
	{"decimalLeadingZeros", decimalLeadingZeros, `^-?0\d+\.\d+$`},
	{"ipV4Prefix0or32", ipV4Prefix0or32, `^\d+\.\d+\.\d+\.\d+/(0|32)$`},
	{"ipV4PrefixOver32", ipV4PrefixOver32, `^\d+\.\d+\.\d+\.\d+/(3[3-9]|[4-9]\d|\d{3,})$`},
	{"ipV6Prefix0or128", ipV6Prefix0or128, `:.*/(0|128)$`},
	{"ipV6PrefixOver128", ipV6PrefixOver128, `:.*/(129|1[3-9]\d|[2-9]\d\d|\d{4,})$`},
	{"ipLeadingZero", ipLeadingZero, `(^|[.])0\d|/0\d`},
	{"ipV6EmbeddedV4", ipV6EmbeddedV4, `:.*\d+\.\d+\.\d+\.\d+`},
	{"durationAllUnits", durationAllUnits, `^-?\d+d\d+h\d+m\d+s\d+ms$`},
}

// TestLiteralShapesMatchTheirDefinitions checks every shape reader
// against its regular expression on every string of a small alphabet up
// to four bytes, on the extension literals of generated tests, on random
// edits of those, and on hand-picked edges. Each shape must also be seen
// both matching and not, so that no reader is checked only one way.
func TestLiteralShapesMatchTheirDefinitions(t *testing.T) {
	inputs := []string{"", "-", "--", "--.", ".", "-.", "1.", ".5", "-.5", "1.2.", "007.5", "-00.1", "0.1234", "1.12345",
		"922337203685477.5807", "-922337203685477.5808", "922337203685477.5808", "-922337203685477.5809",
		"1234567890123456.1", "-1234567890123456.", "2024-01-01", "2024-01-01T", "T00:00:00Z", "T00:00:00.000Z",
		"2024-01-01T23:59:59.123+2359", "2024-01-01T23:59:59-2400", "2024-01-01T23:59:59+0060", "x T+2359",
		"T+2359", "+2359", "0000-01-01", "9999-12-31", "+2024-01-01", "12345-01-01", "123-01-01", "1234-01-01",
		"1.2.3.4/0", "1.2.3.4/32", "1.2.3.4/33", "1.2.3.4/40", "1.2.3.4/032", "1.2.3.4/3", "1.2.3.4.5/0",
		"::/0", "::1/128", "::1/129", "::1/130", "::1/200", "::1/1000", "::1/0128", "::1/2/129", "::1/1:2",
		"::ffff:1.2.3.4", "::1.2.3", "1.2.3.4:5", ":1.2..3.4.5.6.7", "01.2.3.4", "1.02.3.4", "1.2.3.4/01",
		"1d2h3m4s5ms", "-1d2h3m4s5ms", "1d2h3m4s", "d1h2m3s4ms5", "1d2h3m4s5ms6"}
	const alphabet = "0129T:.+-Z/dhms"
	var short func(prefix string, n int)
	short = func(prefix string, n int) {
		inputs = append(inputs, prefix)
		if n == 0 {
			return
		}
		for i := range len(alphabet) {
			short(prefix+alphabet[i:i+1], n-1)
		}
	}
	short("", 4)

	handPicked := len(inputs)
	r := rand.New(rand.NewPCG(1, 2))
	edit := func(s string) string {
		const bytes = "0123456789T:.+-Z/dhmsx"
		i := r.IntN(len(s) + 1)
		c := string(bytes[r.IntN(len(bytes))])
		switch r.IntN(3) {
		case 0:
			return s[:i] + c + s[i:]
		case 1:
			if i < len(s) {
				return s[:i] + c + s[i+1:]
			}
			return s + c
		}
		if i < len(s) {
			return s[:i] + s[i+1:]
		}
		return s
	}
	for i := range 300 {
		test := Generate(DefaultSettings(), 9, uint64(i))
		if test.Policies == nil {
			continue
		}
		for _, p := range test.Policies.Policies {
			for _, c := range p.Conditions {
				syntax.Inspect(c.Body, func(e syntax.Expr) bool {
					for _, ctor := range []string{"datetime", "decimal", "ip", "duration"} {
						if s, ok := extLiteral(e, ctor); ok {
							inputs = append(inputs, s)
							for range 10 {
								inputs = append(inputs, edit(edit(s)))
							}
						}
					}
					return true
				})
			}
		}
	}

	generated := len(inputs) - handPicked
	for _, c := range literalShapes {
		re := regexp.MustCompile(c.re)
		matched, unmatched := 0, 0
		for _, s := range inputs {
			want := re.MatchString(s)
			if got := c.shape(s); got != want {
				t.Errorf("%s(%q) = %v, but %s says %v", c.name, s, got, c.re, want)
				continue
			}
			if want {
				matched++
			} else {
				unmatched++
			}
		}
		if matched == 0 || unmatched == 0 {
			t.Errorf("%s: %d inputs match and %d do not: it is not checked both ways", c.name, matched, unmatched)
		}
	}
	t.Logf("%d inputs, %d of them generated literals or edits of them", len(inputs), generated)
}
