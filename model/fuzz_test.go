package model

// Differential fuzz targets: each hand-written extension parser against an
// independent oracle built from the standard library (regexp, math/big,
// time, net/netip). The oracles live only in tests; the model itself must
// not depend on library parsers, so that the production engine, which
// does, is checked against an independent reading of the rules.

import (
	"errors"
	"math/big"
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

var decimalSyntax = regexp.MustCompile(`^(-?)([0-9]+)\.([0-9]{1,4})$`)

// decimalOracle parses with a regexp and arbitrary precision.
func decimalOracle(s string) (int64, bool) {
	m := decimalSyntax.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	v, _ := new(big.Int).SetString(m[2]+m[3]+strings.Repeat("0", 4-len(m[3])), 10)
	if m[1] == "-" {
		v.Neg(v)
	}
	return v.Int64(), v.IsInt64()
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"1.0", "-0.5", "922337203685477.5807", "-922337203685477.5808",
		"922337203685477.5808", "1.", ".1", "0.12345", "00.0001", "-", "1.0.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDecimal(s)
		want, ok := decimalOracle(s)
		if (err == nil) != ok || (ok && int64(got) != want) {
			t.Fatalf("ParseDecimal(%q) = %d, %v; oracle %d, %v", s, got, err, want, ok)
		}
	})
}

var durationSyntax = regexp.MustCompile(`^(-?)(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$`)

// durationOracle parses with a regexp and arbitrary precision: every
// component times its unit must fit an i64 (a lone millisecond count may
// be 2⁶³ when negative), and so must the total.
func durationOracle(s string) (int64, bool) {
	m := durationSyntax.FindStringSubmatch(s)
	if m == nil || s == "" || s == "-" {
		return 0, false
	}
	units := []int64{86_400_000, 3_600_000, 60_000, 1000, 1}
	maxI64 := big.NewInt(1<<63 - 1)
	total := new(big.Int)
	for i, q := range m[2:] {
		if q == "" {
			continue
		}
		c, _ := new(big.Int).SetString(q, 10)
		c.Mul(c, big.NewInt(units[i]))
		limit := maxI64
		if i == 4 && m[1] == "-" {
			limit = new(big.Int).Add(maxI64, big.NewInt(1))
		}
		if c.Cmp(limit) > 0 {
			return 0, false
		}
		total.Add(total, c)
	}
	if m[1] == "-" {
		total.Neg(total)
	}
	return total.Int64(), total.IsInt64()
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"1d2h3m4s5ms", "-1ms", "1m1ms", "9223372036854775807ms",
		"-9223372036854775808ms", "106751991168d", "1s1d", "", "-", "ms", "1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDuration(s)
		want, ok := durationOracle(s)
		if (err == nil) != ok || (ok && int64(got) != want) {
			t.Fatalf("ParseDuration(%q) = %d, %v; oracle %d, %v", s, got, err, want, ok)
		}
	})
}

var datetimeSyntax = regexp.MustCompile(
	`^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{3}))?(?:Z|([+-])([0-9]{2})([0-9]{2})))?$`)

// datetimeOracle checks the syntax with a regexp and the calendar with
// package time: a date is valid when time.Date does not normalize it.
func datetimeOracle(s string) (int64, bool) {
	m := datetimeSyntax.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n := func(i int) int {
		v := 0
		for _, c := range m[i] {
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, mo, d, h, mi, sec, ms := n(1), n(2), n(3), n(4), n(5), n(6), n(7)
	date := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if date.Year() != y || int(date.Month()) != mo || date.Day() != d || h > 23 || mi > 59 || sec > 59 {
		return 0, false
	}
	offset := 0
	if m[8] != "" {
		if n(9) >= 24 || n(10) >= 60 {
			return 0, false
		}
		offset = n(9)*60 + n(10)
		if m[8] == "-" {
			offset = -offset
		}
	}
	t := date.Add(time.Duration(h)*time.Hour + time.Duration(mi-offset)*time.Minute +
		time.Duration(sec)*time.Second + time.Duration(ms)*time.Millisecond)
	return t.UnixMilli(), true
}

func FuzzParseDatetime(f *testing.F) {
	for _, s := range []string{"2024-02-29", "2023-02-29", "0000-01-01T00:00:00+2359",
		"9999-12-31T23:59:59.999-2359", "2024-01-01T00:00:00Z", "2024-01-01T24:00:00Z",
		"2024-01-01T00:00:00.000+0130", "2024-01-01T00:00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDatetime(s)
		want, ok := datetimeOracle(s)
		if (err == nil) != ok || (ok && int64(got) != want) {
			t.Fatalf("ParseDatetime(%q) = %d, %v; oracle %d, %v", s, got, err, want, ok)
		}
	})
}

var prefixSyntax = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)

// ipOracle reads addresses with net/netip after applying Cedar's extra
// rules that netip does not share: the length limit, the refusal of
// embedded IPv4, no zones, and the prefix's digit limits.
func ipOracle(s string) (IPAddr, bool) {
	if len(s) > 43 || strings.Count(s, ":") >= 2 && strings.Count(s, ".") >= 2 || strings.Contains(s, "%") {
		return IPAddr{}, false
	}
	addrText, prefixText, hasPrefix := strings.Cut(s, "/")
	addr, err := netip.ParseAddr(addrText)
	if err != nil {
		return IPAddr{}, false
	}
	out := IPAddr{V6: addr.Is6(), Prefix: uint8(addr.BitLen())}
	if addr.Is4() {
		a4 := addr.As4()
		copy(out.Addr[:], a4[:])
	} else {
		out.Addr = addr.As16()
	}
	if hasPrefix {
		maxDigits := 2
		if out.V6 {
			maxDigits = 3
		}
		if !prefixSyntax.MatchString(prefixText) || len(prefixText) > maxDigits {
			return IPAddr{}, false
		}
		p, err := netip.ParsePrefix("0.0.0.0/" + prefixText)
		if out.V6 {
			p, err = netip.ParsePrefix("::/" + prefixText)
		}
		if err != nil {
			return IPAddr{}, false
		}
		out.Prefix = uint8(p.Bits())
	}
	return out, true
}

func FuzzParseIPAddr(f *testing.F) {
	for _, s := range []string{"127.0.0.1", "10.0.0.1/24", "::1", "1::", "::ffff:1.2.3.4", "01.2.3.4",
		"1:2:3:4:5:6:7:8::", "ff00::/8", "::1/129", "1.2.3.4/033", "FE80::1%eth0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseIPAddr(s)
		want, ok := ipOracle(s)
		if (err == nil) != ok || (ok && got != want) {
			t.Fatalf("ParseIPAddr(%q) = %v, %v; oracle %v, %v", s, got, err, want, ok)
		}
	})
}

// FuzzMatch compares the like matcher with a regexp translation.
func FuzzMatch(f *testing.F) {
	f.Add("a*b*c", "aXbYbZc")
	f.Add("*a*a", "aaa")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if !utf8Valid(pattern) || !utf8Valid(s) {
			return
		}
		var re strings.Builder
		re.WriteString(`^(?s:`)
		for _, r := range pattern {
			if r == '*' {
				re.WriteString(`.*`)
			} else {
				re.WriteString(regexp.QuoteMeta(string(r)))
			}
		}
		re.WriteString(`)$`)
		want := regexp.MustCompile(re.String()).MatchString(s)
		if got := Match(pat(pattern), s); got != want {
			t.Fatalf("%q like %q = %v; regexp says %v", s, pattern, got, want)
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "") == s }

// FuzzEvaluate evaluates whatever expression text parses, against the
// fixture request and store: evaluation must end with a value or an
// *Error, never a panic or another kind of error.
func FuzzEvaluate(f *testing.F) {
	for _, s := range []string{`1 + 2`, `principal in Group::"all"`, `context.r has a`,
		`ip("1.2.3.4").isInRange(ip("1.2.3.0/24"))`, `decimal("1.0").lessThan(decimal("2.0"))`,
		`if principal.age > 3 then [1, {a: 2}] else principal.getTag("color")`,
		`datetime("2024-01-01").offset(duration("-1d")).toTime().toHours()`, `"x" like "*x*"`} {
		f.Add(s)
	}
	req, es := fixture()
	f.Fuzz(func(t *testing.T, src string) {
		e, err := parser.ParseExpr("fuzz", []byte(src))
		if err != nil {
			return
		}
		v, err := Evaluate(e, req, es)
		var merr *Error
		if err != nil && !errors.As(err, &merr) {
			t.Fatalf("%s: error %v is not an *Error", src, err)
		}
		if err == nil && v == nil {
			t.Fatalf("%s: no value and no error", src)
		}
	})
}
