package generators

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// The rarity cases of values and operators: records and sets, the four
// extensions, i64 arithmetic and like (boundary_families.go writes them).
// Each is a predicate over one evaluated node, so it counts only where
// the case is really evaluated.

func init() {
	rs := func(name, desc string, on nodeKind, p func(syntax.Expr) bool) {
		registerNodeRarity("records-sets", name, desc, on, p)
	}
	rs("record-eq-diff-keys", "== / != between record literals with different key sets ({a:1} vs {a:1,b:2})", binaryNode, func(e syntax.Expr) bool {
		a, b, ok := binaryOf(e, syntax.OpEq)
		ra, okA := a.(*syntax.RecordExpr)
		rb, okB := b.(*syntax.RecordExpr)
		return ok && okA && okB && recordKeys(ra) != recordKeys(rb)
	})
	rs("record-eq-nested", "== / != between record literals with a nested record", binaryNode, func(e syntax.Expr) bool {
		a, b, ok := binaryOf(e, syntax.OpEq)
		ra, okA := a.(*syntax.RecordExpr)
		rb, okB := b.(*syntax.RecordExpr)
		return ok && okA && okB && (hasRecordField(ra) || hasRecordField(rb))
	})
	rs("set-eq-duplicates", "== / != between set literals, one with a duplicate element ([1,1] vs [1])", binaryNode, func(e syntax.Expr) bool {
		a, b, ok := binaryOf(e, syntax.OpEq)
		return ok && isSet(a) && isSet(b) && (hasDuplicates(a) || hasDuplicates(b))
	})
	rs("set-of-records-diff-keys", "a set literal of records with different key sets", anyNode, func(e syntax.Expr) bool {
		s, ok := e.(*syntax.SetExpr)
		if !ok {
			return false
		}
		keys := map[string]bool{}
		for _, x := range s.Elems {
			if r, ok := x.(*syntax.RecordExpr); ok {
				keys[recordKeys(r)] = true
			}
		}
		return len(keys) > 1
	})
	rs("contains-record-diff-keys", "contains/containsAll/containsAny of records whose key sets differ", binaryNode, func(e syntax.Expr) bool {
		a, b, ok := setMethodOf(e)
		if !ok {
			return false
		}
		ka, kb := elemRecordKeys(a), elemRecordKeys(b)
		if r, ok := b.(*syntax.RecordExpr); ok {
			kb = []string{recordKeys(r)}
		}
		return len(ka) > 0 && len(kb) > 0 && !slices.Equal(ka, kb)
	})
	rs("empty-record-vs-set", "{} compared with or contained in a set against []", binaryNode, func(e syntax.Expr) bool {
		a, b, ok := binaryOf(e, syntax.OpEq)
		if !ok {
			a, b, ok = binaryOf(e, syntax.OpContains)
		}
		empty := func(x syntax.Expr) bool {
			if r, ok := x.(*syntax.RecordExpr); ok {
				return len(r.Fields) == 0
			}
			s, ok := x.(*syntax.SetExpr)
			return ok && len(s.Elems) == 1 && isEmptyRecord(s.Elems[0])
		}
		return ok && (empty(a) && isEmptySet(b) || empty(b) && isEmptySet(a))
	})
	rs("set-method-duplicates", "containsAll/containsAny with a duplicate element in a set literal", binaryNode, func(e syntax.Expr) bool {
		a, b, ok := setMethodOf(e)
		_, isContains := e.(*syntax.Binary)
		return ok && isContains && e.(*syntax.Binary).Op != syntax.OpContains && (hasDuplicates(a) || hasDuplicates(b))
	})
	rs("set-method-empty", "contains/containsAll/containsAny on or with the empty set literal", binaryNode, func(e syntax.Expr) bool {
		a, b, ok := setMethodOf(e)
		return ok && (isEmptySet(a) || isEmptySet(b))
	})
	rs("in-set-duplicates", "`in` a set literal with a duplicate element", binaryNode, func(e syntax.Expr) bool {
		_, b, ok := binaryOf(e, syntax.OpIn)
		return ok && isSet(b) && hasDuplicates(b)
	})
	rs("in-set-non-entity", "`in` an empty set literal or one with a non-entity element", binaryNode, func(e syntax.Expr) bool {
		_, b, ok := binaryOf(e, syntax.OpIn)
		s, isSet := b.(*syntax.SetExpr)
		if !ok || !isSet {
			return false
		}
		return len(s.Elems) == 0 || slices.ContainsFunc(s.Elems, func(x syntax.Expr) bool {
			l, ok := x.(*syntax.Literal)
			if !ok {
				return false
			}
			_, isEntity := l.Value.(syntax.EntityUID)
			return !isEntity
		})
	})

	ex := func(name, desc string, on nodeKind, p func(syntax.Expr) bool) {
		registerNodeRarity("extensions", name, desc, on, p)
	}
	// lit: a literal of ctor whose text has a shape (rarity_literals.go).
	lit := func(ctor string, shape func(string) bool) func(syntax.Expr) bool {
		return func(e syntax.Expr) bool {
			s, ok := extLiteral(e, ctor)
			return ok && shape(s)
		}
	}
	ex("datetime-offset-2359", "datetime with offset +2359 or -2359 (accepted)", callNode, lit("datetime", datetimeOffset2359))
	ex("datetime-offset-2400", "datetime with offset hours 24 or more (rejected)", callNode, lit("datetime", datetimeOffsetHours24))
	ex("datetime-offset-0060", "datetime with offset minutes 60 or more (rejected)", callNode, lit("datetime", datetimeOffsetMinutes60))
	ex("datetime-date-only", "datetime of a date only", callNode, lit("datetime", datetimeDateOnly))
	ex("datetime-millis", "datetime with milliseconds", callNode, lit("datetime", datetimeMillis))
	ex("datetime-utc-z", "datetime ending in Z", callNode, lit("datetime", datetimeUTC))
	ex("datetime-invalid-day", "datetime on a day its month does not have (2023-02-29, 04-31, day 00/32, month 00)", callNode, func(e syntax.Expr) bool {
		s, ok := extLiteral(e, "datetime")
		return ok && invalidDay(s)
	})
	ex("datetime-leap-day", "datetime on 02-29 of a leap year (2024-02-29)", callNode, func(e syntax.Expr) bool {
		s, ok := extLiteral(e, "datetime")
		var y int
		return ok && len(s) >= 10 && s[4:10] == "-02-29" && scanYear(s, &y) && leap(y)
	})
	ex("datetime-year-bounds", "datetime in year 0000 or 9999", callNode, lit("datetime", datetimeYearBounds))
	ex("datetime-year-beyond", "datetime whose year is not 4 digits (rejected)", callNode, lit("datetime", datetimeYearBeyond))
	ex("datetime-conv-before-epoch", "toDate/toTime of a datetime before 1970", callNode, func(e syntax.Expr) bool {
		c, ok := e.(*syntax.Call)
		if !ok || (c.Name != "toDate" && c.Name != "toTime") || len(c.Args) != 1 {
			return false
		}
		s, ok := extLiteral(c.Args[0], "datetime")
		var y int
		return ok && scanYear(s, &y) && y < 1970
	})
	ex("datetime-offset-overflow", "offset of a datetime literal by a duration of 2^62 ms or more", callNode, func(e syntax.Expr) bool {
		c, ok := e.(*syntax.Call)
		if !ok || c.Name != "offset" || len(c.Args) != 2 {
			return false
		}
		_, okD := extLiteral(c.Args[0], "datetime")
		s, okU := extLiteral(c.Args[1], "duration")
		ms, valid, _ := durationMillis(s)
		return okD && okU && valid && (ms >= 1<<62 || ms <= -(1<<62))
	})
	ex("datetime-since-overflow", "durationSince with an offset datetime far from the epoch", callNode, func(e syntax.Expr) bool {
		c, ok := e.(*syntax.Call)
		return ok && c.Name == "durationSince" && slices.ContainsFunc(c.Args, func(x syntax.Expr) bool {
			o, ok := x.(*syntax.Call)
			return ok && o.Name == "offset"
		})
	})
	ex("decimal-4-digits", "decimal with 4 fraction digits (accepted)", callNode, lit("decimal", decimalFraction4))
	ex("decimal-5-digits", "decimal with 5 or more fraction digits (rejected)", callNode, lit("decimal", decimalFraction5))
	ex("decimal-bounds", "decimal at its max or min (922337203685477.5807, -922337203685477.5808)", callNode, lit("decimal", decimalBounds))
	ex("decimal-beyond-bounds", "decimal just beyond its range or far beyond (rejected)", callNode, lit("decimal", decimalBeyondBounds))
	ex("decimal-missing-part", "decimal without integer or fraction digits (1., .5)", callNode, lit("decimal", decimalMissingPart))
	ex("decimal-leading-zeros", "decimal with leading zeros (007.5)", callNode, lit("decimal", decimalLeadingZeros))
	ex("decimal-eq-scale", "== between decimals written with different fraction lengths (1.0 vs 1.0000)", binaryNode, func(e syntax.Expr) bool {
		a, b, ok := binaryOf(e, syntax.OpEq)
		sa, okA := extLiteral(a, "decimal")
		sb, okB := extLiteral(b, "decimal")
		return ok && okA && okB && fractionLen(sa) != fractionLen(sb)
	})
	ex("ip-v4-prefix-0-32", "IPv4 with prefix /0 or /32", callNode, lit("ip", ipV4Prefix0or32))
	ex("ip-v4-prefix-33", "IPv4 with a prefix above 32 (rejected)", callNode, lit("ip", ipV4PrefixOver32))
	ex("ip-v6-prefix-128", "IPv6 with prefix /0 or /128", callNode, lit("ip", ipV6Prefix0or128))
	ex("ip-v6-prefix-129", "IPv6 with a prefix above 128 (rejected)", callNode, lit("ip", ipV6PrefixOver128))
	ex("ip-leading-zero", "IP with a leading zero in a v4 octet or a prefix (rejected)", callNode, lit("ip", ipLeadingZero))
	ex("ip-v6-embedded-v4", "IPv6 with an embedded dotted IPv4 (rejected)", callNode, lit("ip", ipV6EmbeddedV4))
	ex("ip-inrange-mixed", "isInRange between an IPv4 and an IPv6 literal", callNode, func(e syntax.Expr) bool {
		c, ok := e.(*syntax.Call)
		if !ok || c.Name != "isInRange" || len(c.Args) != 2 {
			return false
		}
		a, okA := extLiteral(c.Args[0], "ip")
		b, okB := extLiteral(c.Args[1], "ip")
		return okA && okB && strings.Contains(a, ":") != strings.Contains(b, ":")
	})
	ex("ip-range-host-bits", "an IP range literal with host bits set, in isInRange, ==, isLoopback or isMulticast", anyNode, func(e syntax.Expr) bool {
		var args []syntax.Expr
		switch x := e.(type) {
		case *syntax.Call:
			if x.Name == "isInRange" || x.Name == "isLoopback" || x.Name == "isMulticast" {
				args = x.Args
			}
		case *syntax.Binary:
			if x.Op == syntax.OpEq {
				args = []syntax.Expr{x.Left, x.Right}
			}
		}
		return slices.ContainsFunc(args, func(a syntax.Expr) bool {
			s, ok := extLiteral(a, "ip")
			if !ok {
				return false
			}
			p, err := netip.ParsePrefix(s)
			return err == nil && p.Masked() != p
		})
	})
	ex("duration-all-units", "duration with all five units", callNode, lit("duration", durationAllUnits))
	ex("duration-wrong-order", "duration with units out of order or repeated (30m1h, rejected)", callNode, func(e syntax.Expr) bool {
		s, ok := extLiteral(e, "duration")
		_, valid, wellFormed := durationMillis(s)
		return ok && !valid && !wellFormed && unitsOutOfOrder(s)
	})
	ex("duration-negative", "a negative duration", callNode, func(e syntax.Expr) bool {
		s, ok := extLiteral(e, "duration")
		_, valid, _ := durationMillis(s)
		return ok && valid && strings.HasPrefix(s, "-")
	})
	ex("duration-overflow", "a well-formed duration beyond i64 milliseconds (rejected)", callNode, func(e syntax.Expr) bool {
		s, ok := extLiteral(e, "duration")
		_, valid, wellFormed := durationMillis(s)
		return ok && wellFormed && !valid
	})
	ex("duration-bounds", "a duration of 2^62 ms or more either way (near the i64 bounds)", callNode, func(e syntax.Expr) bool {
		s, ok := extLiteral(e, "duration")
		ms, valid, _ := durationMillis(s)
		return ok && valid && (ms >= 1<<62 || ms <= -(1<<62))
	})
	ex("duration-conv-truncation", "toSeconds..toDays of a negative or inexact duration, or toMilliseconds of a bound", callNode, func(e syntax.Expr) bool {
		c, ok := e.(*syntax.Call)
		if !ok || len(c.Args) != 1 {
			return false
		}
		unit := map[string]int64{"toMilliseconds": 1, "toSeconds": 1000, "toMinutes": 60000, "toHours": 3600000, "toDays": 86400000}[c.Name]
		s, okD := extLiteral(c.Args[0], "duration")
		ms, valid, _ := durationMillis(s)
		if !okD || !valid || unit == 0 {
			return false
		}
		if unit == 1 {
			return ms <= -(1<<62) || ms >= 1<<62
		}
		return ms < 0 || ms%unit != 0
	})

	ar := func(name, desc string, on nodeKind, p func(syntax.Expr) bool) {
		registerNodeRarity("arithmetic", name, desc, on, p)
	}
	ar("long-add-bound", "+ of literals with a result near, at or beyond an i64 bound", binaryNode, arithAtBound(syntax.OpAdd))
	ar("long-sub-bound", "- of literals with a result near, at or beyond an i64 bound", binaryNode, arithAtBound(syntax.OpSub))
	ar("long-mul-bound", "* of literals with a result near, at or beyond an i64 bound", binaryNode, arithAtBound(syntax.OpMul))
	ar("long-neg-min", "unary minus of the i64 minimum", anyNode, func(e syntax.Expr) bool {
		u, ok := e.(*syntax.Unary)
		if !ok || u.Op != syntax.OpNeg {
			return false
		}
		v, ok := constValue(u.Arg)
		return ok && v.Cmp(bigMin) == 0
	})
	ar("long-compare-bounds", "< or <= with an i64 bound as an operand", binaryNode, func(e syntax.Expr) bool {
		a, b, ok := binaryOf(e, syntax.OpLess)
		if !ok {
			a, b, ok = binaryOf(e, syntax.OpLessEq)
		}
		return ok && (isBoundLiteral(a) || isBoundLiteral(b))
	})

	lk := func(name, desc string, p func(*syntax.Like) bool) {
		registerNodeRarity("like", name, desc, likeNode, func(e syntax.Expr) bool {
			l, ok := e.(*syntax.Like)
			return ok && p(l)
		})
	}
	lk("like-overlap", "like whose first and last literal runs overlap in a string literal (\"aba\" like \"ab*ba\")", func(l *syntax.Like) bool {
		s, ok := stringLiteral(l.Left)
		first, last, ok2 := patternEnds(l.Pattern)
		return ok && ok2 && strings.HasPrefix(s, first) && strings.HasSuffix(s, last) &&
			utf8.RuneCountInString(s) < utf8.RuneCountInString(first)+utf8.RuneCountInString(last)
	})
	lk("like-consecutive-stars", "like pattern with consecutive wildcards", func(l *syntax.Like) bool {
		for i := 1; i < len(l.Pattern); i++ {
			if l.Pattern[i].Wildcard && l.Pattern[i-1].Wildcard {
				return true
			}
		}
		return false
	})
	lk("like-escaped-star", "like pattern with an escaped, literal star", func(l *syntax.Like) bool {
		return slices.ContainsFunc(l.Pattern, func(p syntax.PatternElem) bool { return !p.Wildcard && p.Char == '*' })
	})
	lk("like-empty", "like with an empty pattern or an empty string literal", func(l *syntax.Like) bool {
		s, ok := stringLiteral(l.Left)
		return len(l.Pattern) == 0 || ok && s == ""
	})
	lk("like-non-ascii", "like with a non-ASCII character in the pattern or the string literal", func(l *syntax.Like) bool {
		s, ok := stringLiteral(l.Left)
		return ok && !isASCII(s) || slices.ContainsFunc(l.Pattern, func(p syntax.PatternElem) bool { return !p.Wildcard && p.Char >= utf8.RuneSelf })
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func binaryOf(e syntax.Expr, op syntax.BinaryOp) (a, b syntax.Expr, ok bool) {
	x, ok := e.(*syntax.Binary)
	if !ok || x.Op != op {
		return nil, nil, false
	}
	return x.Left, x.Right, true
}

func setMethodOf(e syntax.Expr) (a, b syntax.Expr, ok bool) {
	x, ok := e.(*syntax.Binary)
	if !ok || (x.Op != syntax.OpContains && x.Op != syntax.OpContainsAll && x.Op != syntax.OpContainsAny) {
		return nil, nil, false
	}
	return x.Left, x.Right, true
}

func recordKeys(r *syntax.RecordExpr) string {
	keys := make([]string, len(r.Fields))
	for i, f := range r.Fields {
		keys[i] = f.Key
	}
	slices.Sort(keys)
	return strings.Join(keys, "\x00")
}

// elemRecordKeys returns the sorted distinct key sets of the record
// elements of a set literal.
func elemRecordKeys(e syntax.Expr) []string {
	s, ok := e.(*syntax.SetExpr)
	if !ok {
		return nil
	}
	var out []string
	for _, x := range s.Elems {
		if r, ok := x.(*syntax.RecordExpr); ok {
			out = append(out, recordKeys(r))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func hasRecordField(r *syntax.RecordExpr) bool {
	return slices.ContainsFunc(r.Fields, func(f syntax.Field) bool { _, ok := f.Value.(*syntax.RecordExpr); return ok })
}

func isSet(e syntax.Expr) bool { _, ok := e.(*syntax.SetExpr); return ok }

func isEmptySet(e syntax.Expr) bool { s, ok := e.(*syntax.SetExpr); return ok && len(s.Elems) == 0 }

func isEmptyRecord(e syntax.Expr) bool {
	r, ok := e.(*syntax.RecordExpr)
	return ok && len(r.Fields) == 0
}

// hasDuplicates reports whether a set literal holds two elements written
// alike (literals, variables, and records of them).
func hasDuplicates(e syntax.Expr) bool {
	s, ok := e.(*syntax.SetExpr)
	if !ok {
		return false
	}
	seen := map[string]bool{}
	for _, x := range s.Elems {
		k, ok := simpleKey(x)
		if !ok {
			continue
		}
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

func simpleKey(e syntax.Expr) (string, bool) {
	switch x := e.(type) {
	case *syntax.Literal:
		return fmt.Sprintf("%T:%v", x.Value, x.Value), true
	case *syntax.Variable:
		return "var:" + x.Var.String(), true
	case *syntax.RecordExpr:
		var sb strings.Builder
		sb.WriteString("{")
		for _, f := range x.Fields {
			k, ok := simpleKey(f.Value)
			if !ok {
				return "", false
			}
			fmt.Fprintf(&sb, "%q:%s,", f.Key, k)
		}
		return sb.String() + "}", true
	}
	return "", false
}

// extLiteral returns the string of a constructor call ctor("...") (ctor
// "ip" or "ipaddr" both name ip).
func extLiteral(e syntax.Expr, ctor string) (string, bool) {
	if ctor == "ipaddr" {
		ctor = "ip"
	}
	c, ok := e.(*syntax.Call)
	if !ok || c.Name != ctor || len(c.Args) != 1 {
		return "", false
	}
	return stringLiteral(c.Args[0])
}

func stringLiteral(e syntax.Expr) (string, bool) {
	l, ok := e.(*syntax.Literal)
	if !ok {
		return "", false
	}
	s, ok := l.Value.(string)
	return s, ok
}

func scanYear(s string, y *int) bool {
	if len(s) < 5 || s[4] != '-' {
		return false
	}
	_, err := fmt.Sscanf(s[:4], "%04d", y)
	return err == nil
}

func leap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// invalidDay reports whether s starts with a well-formed date (four,
// two and two digits, dash-separated) that is not a calendar date.
func invalidDay(s string) bool {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	y, okY := digitsValue(s[:4])
	mo, okM := digitsValue(s[5:7])
	d, okD := digitsValue(s[8:10])
	if !okY || !okM || !okD {
		return false
	}
	if mo < 1 || mo > 12 {
		return true
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[mo-1]
	if mo == 2 && leap(y) {
		days = 29
	}
	return d < 1 || d > days
}

// digitsValue is the value of a short run of ASCII digits.
func digitsValue(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func fractionLen(s string) int {
	i := strings.IndexByte(s, '.')
	if i < 0 {
		return -1
	}
	return len(s) - i - 1
}

var durationUnitRe = regexp.MustCompile(`(\d+)(ms|d|h|m|s)`)

// durationMillis reads a duration literal: wellFormed when it is an
// optional minus and digit-unit pairs in Cedar's order, each unit at
// most once; valid when also its value fits i64 milliseconds. It runs on
// every duration literal of the tests the rarity table samples, so it
// reads the text by hand: no regexp, no big numbers.
func durationMillis(s string) (ms int64, valid, wellFormed bool) {
	negative := strings.HasPrefix(s, "-")
	rest := strings.TrimPrefix(s, "-")
	if rest == "" {
		return 0, false, false
	}
	// magnitude is the absolute value in ms while it is at most
	// 2^63 (|MinInt64|); over records that it went beyond.
	var magnitude uint64
	over := false
	next := 0
	for rest != "" {
		digits := 0
		for digits < len(rest) && '0' <= rest[digits] && rest[digits] <= '9' {
			digits++
		}
		unit, scale, width := durationUnit(rest[digits:])
		if digits == 0 || width == 0 || unit < next {
			return 0, false, false
		}
		next = unit + 1
		n, err := strconv.ParseUint(rest[:digits], 10, 64)
		hi, lo := bits.Mul64(n, scale)
		sum, carry := bits.Add64(magnitude, lo, 0)
		over = over || err != nil || hi != 0 || carry != 0 || sum > 1<<63
		magnitude = sum
		rest = rest[digits+width:]
	}
	switch {
	case over || !negative && magnitude > math.MaxInt64:
		return 0, false, true
	case negative:
		return int64(-magnitude), true, true // -2^63 wraps to itself
	}
	return int64(magnitude), true, true
}

// durationUnit reads the unit that s starts with: its place in Cedar's
// order (d h m s ms), its length in ms, and its width in bytes (0 when
// s starts with none).
func durationUnit(s string) (unit int, scale uint64, width int) {
	if strings.HasPrefix(s, "ms") {
		return 4, 1, 2
	}
	if s == "" {
		return 0, 0, 0
	}
	switch s[0] {
	case 'd':
		return 0, 86400000, 1
	case 'h':
		return 1, 3600000, 1
	case 'm':
		return 2, 60000, 1
	case 's':
		return 3, 1000, 1
	}
	return 0, 0, 0
}

// unitsOutOfOrder reports whether a duration's units come out of Cedar's
// order or repeat.
func unitsOutOfOrder(s string) bool {
	order := map[string]int{"d": 0, "h": 1, "m": 2, "s": 3, "ms": 4}
	last := -1
	for _, m := range durationUnitRe.FindAllStringSubmatch(s, -1) {
		o := order[m[2]]
		if o <= last {
			return true
		}
		last = o
	}
	return false
}

func literalValue(e syntax.Expr) (*big.Int, bool) {
	l, ok := e.(*syntax.Literal)
	if !ok {
		return nil, false
	}
	v, ok := l.Value.(int64)
	if !ok {
		return nil, false
	}
	return big.NewInt(v), true
}

// constValue returns the exact value of a Long literal, or of +, - or *
// on two of them.
func constValue(e syntax.Expr) (*big.Int, bool) {
	if v, ok := literalValue(e); ok {
		return v, true
	}
	x, ok := e.(*syntax.Binary)
	if !ok {
		return nil, false
	}
	a, okA := literalValue(x.Left)
	b, okB := literalValue(x.Right)
	if !okA || !okB {
		return nil, false
	}
	switch x.Op {
	case syntax.OpAdd:
		return a.Add(a, b), true
	case syntax.OpSub:
		return a.Sub(a, b), true
	case syntax.OpMul:
		return a.Mul(a, b), true
	}
	return nil, false
}

func isBoundLiteral(e syntax.Expr) bool {
	l, ok := e.(*syntax.Literal)
	if !ok {
		return false
	}
	v, ok := l.Value.(int64)
	return ok && (v == math.MaxInt64 || v == math.MinInt64)
}

var (
	bigMin = big.NewInt(math.MinInt64)
	// nearMax and nearMin are 2^33 inside the bounds: a result there is
	// close enough that a wrong overflow check is likely to show.
	nearMax = big.NewInt(math.MaxInt64 - 1<<33)
	nearMin = big.NewInt(math.MinInt64 + 1<<33)
)

// arithAtBound is the predicate of op on two Long literals whose exact
// result is within 2^33 of an i64 bound, at it or beyond it.
func arithAtBound(op syntax.BinaryOp) func(syntax.Expr) bool {
	return func(e syntax.Expr) bool {
		a, b, ok := binaryOf(e, op)
		if !ok {
			return false
		}
		x, okA := literalValue(a)
		y, okB := literalValue(b)
		if !okA || !okB {
			return false
		}
		r := new(big.Int)
		switch op {
		case syntax.OpAdd:
			r.Add(x, y)
		case syntax.OpSub:
			r.Sub(x, y)
		default:
			r.Mul(x, y)
		}
		return r.Cmp(nearMax) >= 0 || r.Cmp(nearMin) <= 0
	}
}

// patternEnds returns the literal runs before the first and after the
// last wildcard of a pattern with a wildcard and both runs non-empty.
func patternEnds(p syntax.Pattern) (first, last string, ok bool) {
	i := slices.IndexFunc(p, func(e syntax.PatternElem) bool { return e.Wildcard })
	if i <= 0 || p[len(p)-1].Wildcard {
		return "", "", false
	}
	j := len(p) - 1
	for !p[j-1].Wildcard {
		j--
	}
	var a, b strings.Builder
	for _, e := range p[:i] {
		a.WriteRune(e.Char)
	}
	for _, e := range p[j:] {
		b.WriteRune(e.Char)
	}
	return a.String(), b.String(), true
}
