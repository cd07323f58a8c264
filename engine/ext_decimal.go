package engine

import (
	"math"
	"strconv"
)

// decimalScale is 10^4: decimals are stored as fixed-point int64 with four
// fractional digits.
const decimalScale = 10000

// parseDecimal reads Cedar's decimal syntax, -?[0-9]+\.[0-9]{1,4}, into
// the value times 10^4. It rejects anything outside the int64 range, and
// applies the sign to the whole number, fraction included.
func parseDecimal(s string) (int64, bool) {
	neg := false
	if len(s) > 0 && s[0] == '-' {
		neg = true
		s = s[1:]
	}
	dot := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			dot = i
			break
		}
	}
	if dot <= 0 || dot == len(s)-1 {
		return 0, false
	}
	intPart, frac := s[:dot], s[dot+1:]
	if len(frac) > 4 || !allDigits(intPart) || !allDigits(frac) {
		return 0, false
	}
	// Accumulate with the final sign so that the most negative value,
	// whose magnitude does not fit an int64, is accepted.
	sign := int64(1)
	if neg {
		sign = -1
	}
	var v int64
	var ok bool
	for i := 0; i < len(intPart); i++ {
		if v, ok = mulChecked(v, 10); !ok {
			return 0, false
		}
		if v, ok = addChecked(v, sign*int64(intPart[i]-'0')); !ok {
			return 0, false
		}
	}
	if v, ok = mulChecked(v, decimalScale); !ok {
		return 0, false
	}
	var f int64
	for i := 0; i < 4; i++ {
		f *= 10
		if i < len(frac) {
			f += int64(frac[i] - '0')
		}
	}
	if v, ok = addChecked(v, sign*f); !ok {
		return 0, false
	}
	return v, true
}

// formatDecimal renders a decimal the way Cedar prints it: four
// fractional digits.
func formatDecimal(v int64) string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = uint64(-(v + 1)) + 1 // magnitude, safe for MinInt64
	}
	intPart := strconv.FormatUint(u/decimalScale, 10)
	frac := strconv.FormatUint(u%decimalScale+decimalScale, 10)[1:]
	if neg {
		intPart = "-" + intPart
	}
	return intPart + "." + frac
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func addChecked(a, b int64) (int64, bool) {
	c := a + b
	if (c > a) != (b > 0) {
		return 0, false
	}
	return c, true
}

func subChecked(a, b int64) (int64, bool) {
	c := a - b
	if (c < a) != (b > 0) {
		return 0, false
	}
	return c, true
}

func mulChecked(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	c := a * b
	if (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) || c/b != a {
		return 0, false
	}
	return c, true
}
