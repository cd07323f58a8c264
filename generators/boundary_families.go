package generators

import (
	"math"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// The boundary families, one per value/operator rarity case (the same
// name). See boundary.go.

func init() {
	const (
		maxL = int64(math.MaxInt64)
		minL = int64(math.MinInt64)
	)
	small := func(g *gen) int64 { return pick(g.draw, []int64{0, 1, 2, -1}) }
	principal := func() syntax.Expr { return syntax.VarExpr(syntax.VarPrincipal) }
	setMethod := func(g *gen, a, b syntax.Expr) syntax.Expr {
		op := pick(g.draw, []syntax.BinaryOp{syntax.OpContainsAll, syntax.OpContainsAny})
		if g.intn(2) == 0 {
			a, b = b, a
		}
		return syntax.Bin(op, a, b)
	}
	arith := func(op syntax.BinaryOp, pairs ...[2]int64) func(g *gen) syntax.Expr {
		return func(g *gen) syntax.Expr {
			p := pick(g.draw, pairs)
			return syntax.Bin(op, syntax.Long(p[0]), syntax.Long(p[1]))
		}
	}

	addBoundaryFamilies(
		// records and sets
		boundaryFamily{name: "record-eq-diff-keys", gen: func(g *gen) syntax.Expr {
			x := small(g)
			return g.eqOrNot(rec("a", x), rec("a", x, "b", small(g)))
		}},
		boundaryFamily{name: "record-eq-nested", typed: true, gen: func(g *gen) syntax.Expr {
			return g.eqOrNot(rec("a", rec("b", small(g)), "c", "x"), rec("c", "x", "a", rec("b", small(g))))
		}},
		boundaryFamily{name: "set-eq-duplicates", typed: true, gen: func(g *gen) syntax.Expr {
			x, y := small(g), small(g)
			return g.eqOrNot(set(x, x, y), set(y, x))
		}},
		boundaryFamily{name: "set-of-records-diff-keys", gen: func(g *gen) syntax.Expr {
			x := small(g)
			s := set(rec("a", x), rec("a", x, "b", 2))
			if g.intn(2) == 0 {
				return g.eqOrNot(s, set(rec("a", x, "b", 2), rec("a", x)))
			}
			return syntax.Bin(syntax.OpContains, s, rec("b", 2, "a", small(g)))
		}},
		boundaryFamily{name: "contains-record-diff-keys", gen: func(g *gen) syntax.Expr {
			x := small(g)
			if g.intn(2) == 0 {
				return syntax.Bin(syntax.OpContains, set(rec("a", x, "b", 2)), rec("a", x))
			}
			return setMethod(g, set(rec("a", x)), set(rec("a", x, "b", 2)))
		}},
		boundaryFamily{name: "empty-record-vs-set", gen: func(g *gen) syntax.Expr {
			if g.intn(3) == 0 {
				return syntax.Bin(syntax.OpContains, set(rec()), set())
			}
			return g.eqOrNot(rec(), set())
		}},
		boundaryFamily{name: "set-method-duplicates", typed: true, gen: func(g *gen) syntax.Expr {
			x, y := small(g), small(g)
			return setMethod(g, set(x, x), set(y, x, y))
		}},
		boundaryFamily{name: "set-method-empty", gen: func(g *gen) syntax.Expr {
			if g.intn(3) == 0 {
				return syntax.Bin(syntax.OpContains, set(), lit(small(g)))
			}
			return setMethod(g, set(), pick(g.draw, []syntax.Expr{set(), set(small(g))}))
		}},
		boundaryFamily{name: "in-set-duplicates", typed: true, gen: func(g *gen) syntax.Expr {
			return syntax.Bin(syntax.OpIn, principal(), set(principal(), principal()))
		}},
		boundaryFamily{name: "in-set-non-entity", gen: func(g *gen) syntax.Expr {
			return syntax.Bin(syntax.OpIn, principal(), pick(g.draw, []syntax.Expr{set(principal(), 1), set(), set("a", principal())}))
		}},

		// datetime
		boundaryFamily{name: "datetime-offset-2359", typed: true, kind: kDatetime, gen: extOf("datetime",
			"2024-01-01T00:00:00+2359", "2024-01-01T00:00:00-2359", "1970-01-01T00:00:00.000+2359",
			"0000-01-01T00:00:00+2359", "9999-12-31T23:59:59-2359", "2024-02-29T23:59:59.999-2359")},
		boundaryFamily{name: "datetime-offset-2400", kind: kDatetime, gen: extOf("datetime",
			"2024-01-01T00:00:00+2400", "2024-01-01T00:00:00-2400", "1970-01-01T00:00:00.000+2459", "2024-01-01T00:00:00+9900")},
		boundaryFamily{name: "datetime-offset-0060", kind: kDatetime, gen: extOf("datetime",
			"2024-01-01T00:00:00+0060", "2024-01-01T00:00:00-0060", "2024-01-01T00:00:00.000+2360", "2024-01-01T00:00:00+0099")},
		boundaryFamily{name: "datetime-date-only", typed: true, kind: kDatetime, gen: extOf("datetime",
			"2024-02-29", "1970-01-01", "0000-01-01", "9999-12-31", "1969-12-31")},
		boundaryFamily{name: "datetime-millis", typed: true, kind: kDatetime, gen: extOf("datetime",
			"1969-12-31T23:59:59.999Z", "2024-10-15T11:35:00.001Z", "1970-01-01T00:00:00.000+0001", "9999-12-31T23:59:59.999Z")},
		boundaryFamily{name: "datetime-invalid-day", kind: kDatetime, gen: extOf("datetime",
			"2023-02-29", "1900-02-29", "2024-04-31", "2024-01-32", "2024-00-10", "2023-02-29T00:00:00Z")},
		boundaryFamily{name: "datetime-leap-day", typed: true, kind: kDatetime, gen: extOf("datetime",
			"2024-02-29", "2000-02-29T12:00:00Z", "0000-02-29", "1968-02-29T23:59:59.999Z")},
		boundaryFamily{name: "datetime-year-bounds", typed: true, kind: kDatetime, gen: extOf("datetime",
			"0000-01-01", "9999-12-31T23:59:59.999Z", "0000-01-01T00:00:00+2359", "9999-12-31T23:59:59-2359")},
		boundaryFamily{name: "datetime-year-beyond", kind: kDatetime, gen: extOf("datetime",
			"10000-01-01", "-0001-01-01", "999-12-31", "+2024-01-01")},
		boundaryFamily{name: "datetime-conv-before-epoch", typed: true, kind: kDatetime, gen: func(g *gen) syntax.Expr {
			return call("toDate", ext("datetime", pick(g.draw, beforeEpoch)))
		}},
		boundaryFamily{name: "datetime-conv-before-epoch", typed: true, kind: kDuration, gen: func(g *gen) syntax.Expr {
			return call("toTime", ext("datetime", pick(g.draw, beforeEpoch)))
		}},
		boundaryFamily{name: "datetime-offset-overflow", typed: true, kind: kDatetime, gen: func(g *gen) syntax.Expr {
			d := ext("datetime", pick(g.draw, []string{"9999-12-31T23:59:59.999Z", "0000-01-01", "1970-01-01"}))
			du := ext("duration", pick(g.draw, []string{"9223372036854775807ms", "-9223372036854775808ms", "106751991167d", "-106751991167d"}))
			return call("offset", d, du)
		}},
		boundaryFamily{name: "datetime-since-overflow", typed: true, kind: kDuration, gen: func(g *gen) syntax.Expr {
			far := call("offset", ext("datetime", "1970-01-01"), ext("duration", pick(g.draw, []string{"9223372036854775807ms", "-9223372036854775808ms", "9223372036854775000ms"})))
			other := ext("datetime", pick(g.draw, []string{"1969-12-31", "1970-01-01", "9999-12-31"}))
			if g.intn(2) == 0 {
				return call("durationSince", far, other)
			}
			return call("durationSince", other, far)
		}},

		// decimal
		boundaryFamily{name: "decimal-4-digits", typed: true, kind: kDecimal, gen: extOf("decimal", "1.2345", "-0.0001", "0.9999", "-922337203685477.5807")},
		boundaryFamily{name: "decimal-5-digits", kind: kDecimal, gen: extOf("decimal", "1.23450", "0.00001", "-0.12345")},
		boundaryFamily{name: "decimal-bounds", typed: true, kind: kDecimal, gen: extOf("decimal", "922337203685477.5807", "-922337203685477.5808")},
		boundaryFamily{name: "decimal-beyond-bounds", kind: kDecimal, gen: extOf("decimal", "922337203685477.5808", "-922337203685477.5809", "1000000000000000.0", "9223372036854775808.0")},
		boundaryFamily{name: "decimal-missing-part", kind: kDecimal, gen: extOf("decimal", "1.", ".5", "-.5", "-1.", ".", "-")},
		boundaryFamily{name: "decimal-leading-zeros", typed: true, kind: kDecimal, gen: extOf("decimal", "007.5", "-00.1000", "00.0", "-0000.0001")},
		boundaryFamily{name: "decimal-eq-scale", typed: true, gen: func(g *gen) syntax.Expr {
			return g.eqOrNot(ext("decimal", pick(g.draw, []string{"1.0", "-0.5", "0.0"})), ext("decimal", pick(g.draw, []string{"1.0000", "-0.5000", "-0.00", "00.000"})))
		}},

		// ipaddr
		boundaryFamily{name: "ip-v4-prefix-0-32", typed: true, kind: kIP, gen: extOf("ipaddr", "0.0.0.0/0", "1.2.3.4/32", "10.0.0.1/0", "255.255.255.255/32", "127.0.0.1/32")},
		boundaryFamily{name: "ip-v4-prefix-33", kind: kIP, gen: extOf("ipaddr", "1.2.3.4/33", "0.0.0.0/99", "127.0.0.1/320")},
		boundaryFamily{name: "ip-v6-prefix-128", typed: true, kind: kIP, gen: extOf("ipaddr", "::1/128", "ff02::1/128", "::/128", "::/0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")},
		boundaryFamily{name: "ip-v6-prefix-129", kind: kIP, gen: extOf("ipaddr", "::1/129", "::/200", "ff02::1/1280")},
		boundaryFamily{name: "ip-leading-zero", kind: kIP, gen: extOf("ipaddr", "01.2.3.4", "10.0.0.01", "1.2.3.4/08", "127.000.0.1", "::1/0128")},
		boundaryFamily{name: "ip-v6-embedded-v4", kind: kIP, gen: extOf("ipaddr", "::ffff:1.2.3.4", "::1.2.3.4", "64:ff9b::192.0.2.33", "::ffff:127.0.0.1/128")},
		boundaryFamily{name: "ip-inrange-mixed", typed: true, gen: func(g *gen) syntax.Expr {
			v4 := ext("ipaddr", pick(g.draw, []string{"0.0.0.0", "127.0.0.1", "0.0.0.0/0"}))
			v6 := ext("ipaddr", pick(g.draw, []string{"::/0", "::ffff:7f00:1", "::1", "::"}))
			if g.intn(2) == 0 {
				return call("isInRange", v4, v6)
			}
			return call("isInRange", v6, v4)
		}},
		boundaryFamily{name: "ip-range-host-bits", typed: true, gen: func(g *gen) syntax.Expr {
			switch g.intn(4) {
			case 0:
				return call("isInRange", ext("ipaddr", pick(g.draw, []string{"10.0.0.5", "10.0.1.0", "10.0.0.1/24"})), ext("ipaddr", pick(g.draw, []string{"10.0.0.1/24", "10.0.0.200/25", "10.0.0.255/31"})))
			case 1:
				return g.eqOrNot(ext("ipaddr", "10.0.0.1/24"), ext("ipaddr", pick(g.draw, []string{"10.0.0.0/24", "10.0.0.1/24", "10.0.0.1"})))
			case 2:
				return call("isLoopback", ext("ipaddr", pick(g.draw, []string{"127.0.0.1/7", "127.255.255.255/8", "::1/127", "::3/126"})))
			}
			return call("isMulticast", ext("ipaddr", pick(g.draw, []string{"224.0.0.1/3", "239.255.255.255/4", "ff00::1/7", "ff01::/8"})))
		}},

		// duration
		boundaryFamily{name: "duration-all-units", typed: true, kind: kDuration, gen: extOf("duration", "1d2h3m4s5ms", "-1d23h59m59s999ms", "0d0h0m0s0ms", "00d01h02m03s004ms")},
		boundaryFamily{name: "duration-wrong-order", kind: kDuration, gen: extOf("duration", "30m1h", "1ms1s", "1s1d", "1h1h", "1m1d")},
		boundaryFamily{name: "duration-negative", typed: true, kind: kDuration, gen: extOf("duration", "-1500ms", "-1d", "-0ms", "-59s", "-1h30m")},
		boundaryFamily{name: "duration-overflow", kind: kDuration, gen: extOf("duration", "9223372036854775808ms", "106751991168d", "-9223372036854775809ms", "9223372036854776s", "106751991167d7h12m55s808ms")},
		boundaryFamily{name: "duration-bounds", typed: true, kind: kDuration, gen: extOf("duration", "9223372036854775807ms", "-9223372036854775808ms", "106751991167d", "-106751991167d7h12m55s808ms", "106751991167d7h12m55s807ms")},
		boundaryFamily{name: "duration-conv-truncation", typed: true, kind: kLong, gen: func(g *gen) syntax.Expr {
			if g.intn(6) == 0 {
				return call("toMilliseconds", ext("duration", pick(g.draw, []string{"-9223372036854775808ms", "9223372036854775807ms"})))
			}
			d := ext("duration", pick(g.draw, []string{"-1500ms", "-1ms", "1999ms", "-86399999ms", "-9223372036854775808ms", "-1d1ms"}))
			return call(pick(g.draw, []string{"toSeconds", "toMinutes", "toHours", "toDays"}), d)
		}},

		// long arithmetic
		boundaryFamily{name: "long-add-bound", typed: true, kind: kLong, gen: arith(syntax.OpAdd,
			[2]int64{maxL, 1}, [2]int64{minL, -1}, [2]int64{maxL, maxL}, [2]int64{minL, minL}, [2]int64{maxL - 1, 1}, [2]int64{-1, minL + 1})},
		boundaryFamily{name: "long-sub-bound", typed: true, kind: kLong, gen: arith(syntax.OpSub,
			[2]int64{minL, 1}, [2]int64{0, minL}, [2]int64{maxL, -1}, [2]int64{-1, maxL}, [2]int64{minL + 1, 1}, [2]int64{-1, minL})},
		boundaryFamily{name: "long-mul-bound", typed: true, kind: kLong, gen: arith(syntax.OpMul,
			[2]int64{3037000500, 3037000500}, [2]int64{3037000499, 3037000499}, [2]int64{minL, -1}, [2]int64{maxL, 2},
			[2]int64{-4611686018427387904, 2}, [2]int64{4611686018427387904, 2}, [2]int64{4294967296, 2147483648}, [2]int64{4294967296, -2147483648})},
		boundaryFamily{name: "long-neg-min", typed: true, kind: kLong, gen: func(g *gen) syntax.Expr {
			if g.intn(2) == 0 {
				return syntax.Neg(syntax.Long(minL))
			}
			return syntax.Neg(syntax.Bin(syntax.OpSub, syntax.Long(minL+1), syntax.Long(1)))
		}},
		boundaryFamily{name: "long-compare-bounds", typed: true, gen: func(g *gen) syntax.Expr {
			b, o := syntax.Long(pick(g.draw, []int64{maxL, minL})), syntax.Long(pick(g.draw, []int64{maxL, minL, maxL - 1, minL + 1, 0, -1}))
			if g.intn(2) == 0 {
				b, o = o, b
			}
			return syntax.Bin(pick(g.draw, []syntax.BinaryOp{syntax.OpLess, syntax.OpLessEq}), b, o)
		}},

		// like
		boundaryFamily{name: "like-overlap", typed: true, gen: likeOf(
			[2]string{"aba", "ab*ba"}, [2]string{"a", "a*a"}, [2]string{"ab", "ab*b"}, [2]string{"aa", "aa*a"}, [2]string{"abab", "aba*bab"})},
		boundaryFamily{name: "like-consecutive-stars", typed: true, gen: likeOf(
			[2]string{"ab", "a**b"}, [2]string{"", "**"}, [2]string{"xa", "*a**"}, [2]string{"a", "**a**"})},
		boundaryFamily{name: "like-escaped-star", typed: true, gen: likeOf(
			[2]string{"a*b", `a\*b`}, [2]string{"ab", `a\*b`}, [2]string{"a*", `a\**`}, [2]string{"*", `\*`}, [2]string{"x", `*\**`})},
		boundaryFamily{name: "like-empty", typed: true, gen: likeOf(
			[2]string{"", ""}, [2]string{"a", ""}, [2]string{"", "*"}, [2]string{"", "a"})},
		boundaryFamily{name: "like-non-ascii", typed: true, gen: likeOf(
			[2]string{"héllo", "h*o"}, [2]string{"🦀🦀", "🦀*🦀"}, [2]string{"é", "e*"}, [2]string{"he\u0301llo", "h*llo"}, [2]string{"🦀", "?"}, [2]string{"ü", "ü"})},
	)
}

// beforeEpoch are datetimes before 1970, where toDate and toTime round
// towards negative infinity.
var beforeEpoch = []string{"1969-12-31T23:59:59.999Z", "1969-12-31", "0000-01-01T00:00:00.001Z", "1969-12-31T12:00:00+0100", "1969-12-31T00:00:00.001-0001"}

// likeOf returns a family generator of `s like p` on one of the (string,
// pattern) pairs, the pattern written as Cedar text writes it (`\*` a
// literal star).
func likeOf(pairs ...[2]string) func(g *gen) syntax.Expr {
	return func(g *gen) syntax.Expr {
		p := pick(g.draw, pairs)
		return &syntax.Like{Left: syntax.String(p[0]), Pattern: parsePatternText(p[1])}
	}
}

// parsePatternText reads pattern text: `*` a wildcard, `\*` a literal
// star, anything else a literal character.
func parsePatternText(s string) syntax.Pattern {
	var pat syntax.Pattern
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		switch {
		case rs[i] == '\\' && i+1 < len(rs) && rs[i+1] == '*':
			pat = append(pat, syntax.PatternElem{Char: '*'})
			i++
		case rs[i] == '*':
			pat = append(pat, syntax.PatternElem{Wildcard: true})
		default:
			pat = append(pat, syntax.PatternElem{Char: rs[i]})
		}
	}
	return pat
}
