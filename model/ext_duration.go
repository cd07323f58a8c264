package model

import (
	"errors"
	"strconv"
)

// Duration is a signed span of time in milliseconds.
type Duration int64

func (Duration) isValue() {}

// String renders the duration as a constructor call in milliseconds, as
// Cedar prints it: duration("90000ms").
func (d Duration) String() string { return `duration("` + strconv.FormatInt(int64(d), 10) + `ms")` }

// durationUnits are the units of a duration string in the order they must
// appear, each with its length in milliseconds.
var durationUnits = []struct {
	name string
	ms   int64
}{{"d", 86_400_000}, {"h", 3_600_000}, {"m", 60_000}, {"s", 1000}, {"ms", 1}}

// ParseDuration reads the argument of the duration constructor: an
// optional '-' followed by one or more quantity-unit pairs, such as
// "1d2h3m4s5ms". Quantities are ASCII digits (leading zeros allowed);
// units are d, h, m, s and ms, each at most once and in that order; the
// '-' negates every component. The total, and each component, must fit a
// signed 64-bit count of milliseconds.
func ParseDuration(s string) (Duration, error) {
	rest, negative := s, false
	if len(rest) > 0 && rest[0] == '-' {
		rest, negative = rest[1:], true
	}
	quantities := make([]string, len(durationUnits))
	next, found := 0, false // next: the first unit still allowed
	for rest != "" {
		digits := leadingDigits(rest)
		unit := durationUnitAt(rest[len(digits):])
		if digits == "" || unit < next {
			return 0, errors.New("`" + s + "` is not a well-formed duration")
		}
		quantities[unit] = digits
		rest = rest[len(digits)+len(durationUnits[unit].name):]
		next, found = unit+1, true
	}
	if !found {
		return 0, errors.New("`" + s + "` is not a well-formed duration")
	}
	return sumDuration(s, quantities, negative)
}

// sumDuration adds up the components of a duration from the smallest
// unit to the largest, as Rust does, failing on overflow at any step.
func sumDuration(s string, quantities []string, negative bool) (Duration, error) {
	overflow := errors.New("duration `" + s + "` overflows a 64-bit count of milliseconds")
	var total int64
	for unit := len(durationUnits) - 1; unit >= 0; unit-- {
		if quantities[unit] == "" {
			continue
		}
		q, err := strconv.ParseUint(quantities[unit], 10, 64)
		if err != nil {
			return 0, overflow
		}
		// A lone millisecond count may be exactly 2⁶³ when negative.
		if negative && unit == len(durationUnits)-1 && q == 1<<63 {
			total = -1 << 63
			continue
		}
		if q > 1<<63-1 {
			return 0, overflow
		}
		component, ok := checkedMul(int64(q), durationUnits[unit].ms)
		if ok && negative {
			total, ok = checkedSub(total, component)
		} else if ok {
			total, ok = checkedAdd(total, component)
		}
		if !ok {
			return 0, overflow
		}
	}
	return Duration(total), nil
}

// leadingDigits returns the ASCII digits at the start of s.
func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// durationUnitAt returns the index in durationUnits of the unit at the
// start of s, or -1. "ms" is tried before "m".
func durationUnitAt(s string) int {
	switch {
	case len(s) >= 2 && s[:2] == "ms":
		return 4
	case s == "":
		return -1
	}
	switch s[0] {
	case 'd':
		return 0
	case 'h':
		return 1
	case 'm':
		return 2
	case 's':
		return 3
	}
	return -1
}

// durationFunctions are the duration constructor and its conversions.
var durationFunctions = map[string]extensionFunction{
	"duration": {1, func(args []Value) (Value, error) {
		s, err := asString(args[0])
		if err != nil {
			return nil, err
		}
		d, perr := ParseDuration(string(s))
		if perr != nil {
			return nil, extensionErrorf("duration: %v", perr)
		}
		return d, nil
	}},
	// Each conversion truncates toward zero, like Go's and Rust's integer
	// division.
	"toMilliseconds": durationConversion(1),
	"toSeconds":      durationConversion(1000),
	"toMinutes":      durationConversion(60_000),
	"toHours":        durationConversion(3_600_000),
	"toDays":         durationConversion(86_400_000),
}

// durationConversion is a method returning the duration in whole units of
// unitMs milliseconds, truncated toward zero.
func durationConversion(unitMs int64) extensionFunction {
	return extensionFunction{1, func(args []Value) (Value, error) {
		d, err := asDuration(args[0])
		if err != nil {
			return nil, err
		}
		return Long(int64(d) / unitMs), nil
	}}
}

func asDuration(v Value) (Duration, error) {
	d, ok := v.(Duration)
	if !ok {
		return 0, expectedType("duration", v)
	}
	return d, nil
}
