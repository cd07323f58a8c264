package model

import (
	"errors"
	"math"
	"strconv"
)

// Decimal is a fixed-point number with four fractional digits, stored as
// the value times 10⁴; the range is therefore
// -922337203685477.5808 to 922337203685477.5807.
type Decimal int64

func (Decimal) isValue() {}

// String renders the decimal as a constructor call with all four
// fractional digits, as Cedar prints it: decimal("1.5000").
func (d Decimal) String() string { return `decimal("` + d.Text() + `")` }

// Text renders the decimal with exactly four fractional digits.
func (d Decimal) Text() string {
	sign := ""
	abs := uint64(d) // two's complement: correct magnitude even for MinInt64
	if d < 0 {
		sign, abs = "-", -abs
	}
	frac := strconv.FormatUint(abs%10000+10000, 10)[1:]
	return sign + strconv.FormatUint(abs/10000, 10) + "." + frac
}

// decimalDigits is the number of fractional digits a decimal keeps.
const decimalDigits = 4

// ParseDecimal reads the argument of the decimal constructor: an optional
// '-', one or more ASCII digits, '.', and one to four ASCII digits, with
// nothing around them. The value must fit the range of Decimal.
func ParseDecimal(s string) (Decimal, error) {
	negative := len(s) > 0 && s[0] == '-'
	body := s
	if negative {
		body = s[1:]
	}
	intPart, fracPart, ok := cutDot(body)
	if !ok || !allDigits(intPart) || !allDigits(fracPart) {
		return 0, errors.New("`" + s + "` is not a well-formed decimal value")
	}
	if len(fracPart) > decimalDigits {
		return 0, errors.New("too many digits after the decimal point in `" + s + "`")
	}
	// The magnitude is accumulated negatively when the value is negative so
	// that the most negative decimal, whose magnitude has no positive i64,
	// is reachable.
	sign := int64(1)
	if negative {
		sign = -1
	}
	var v int64
	for _, c := range intPart + padRight(fracPart, decimalDigits) {
		var ok bool
		if v, ok = mulAdd(v, 10, sign*int64(c-'0')); !ok {
			return 0, errors.New("overflow when converting `" + s + "` to decimal")
		}
	}
	return Decimal(v), nil
}

// cutDot splits s at its only '.'; both sides must be non-empty.
func cutDot(s string) (before, after string, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			before, after = s[:i], s[i+1:]
			return before, after, before != "" && after != ""
		}
	}
	return "", "", false
}

// allDigits reports whether s is made only of ASCII digits (true for "").
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// padRight appends '0's to s up to n characters.
func padRight(s string, n int) string {
	for len(s) < n {
		s += "0"
	}
	return s
}

// mulAdd returns v*m + d and whether it fits in an i64.
func mulAdd(v, m, d int64) (int64, bool) {
	p, ok := checkedMul(v, m)
	if !ok {
		return 0, false
	}
	return checkedAdd(p, d)
}

// checkedAdd returns a+b and whether it did not overflow.
func checkedAdd(a, b int64) (int64, bool) {
	s := a + b
	return s, (b >= 0) == (s >= a)
}

// checkedSub returns a-b and whether it did not overflow.
func checkedSub(a, b int64) (int64, bool) {
	d := a - b
	return d, (b >= 0) == (d <= a)
}

// checkedMul returns a*b and whether it did not overflow.
func checkedMul(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	p := a * b
	if (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) || p/b != a {
		return 0, false
	}
	return p, true
}

// decimalFunctions are the decimal constructor and its comparison methods.
var decimalFunctions = map[string]extensionFunction{
	"decimal": {1, func(args []Value) (Value, error) {
		s, err := asString(args[0])
		if err != nil {
			return nil, err
		}
		d, perr := ParseDecimal(string(s))
		if perr != nil {
			return nil, extensionErrorf("decimal: %v", perr)
		}
		return d, nil
	}},
	"lessThan":           decimalComparison(func(a, b Decimal) bool { return a < b }),
	"lessThanOrEqual":    decimalComparison(func(a, b Decimal) bool { return a <= b }),
	"greaterThan":        decimalComparison(func(a, b Decimal) bool { return a > b }),
	"greaterThanOrEqual": decimalComparison(func(a, b Decimal) bool { return a >= b }),
}

// decimalComparison is a method comparing two decimals.
func decimalComparison(cmp func(a, b Decimal) bool) extensionFunction {
	return extensionFunction{2, func(args []Value) (Value, error) {
		a, ok := args[0].(Decimal)
		if !ok {
			return nil, expectedType("decimal", args[0])
		}
		b, ok := args[1].(Decimal)
		if !ok {
			return nil, expectedType("decimal", args[1])
		}
		return Bool(cmp(a, b)), nil
	}}
}
