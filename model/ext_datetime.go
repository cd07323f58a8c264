package model

import (
	"errors"
	"strconv"
)

// Datetime is an instant: signed milliseconds since the Unix epoch, UTC.
type Datetime int64

func (Datetime) isValue() {}

// String renders the datetime as Cedar prints it: an offset from the
// epoch, datetime("1970-01-01").offset(duration("...ms")).
func (t Datetime) String() string {
	return `datetime("1970-01-01").offset(` + Duration(t).String() + `)`
}

// Milliseconds in a day, the unit of toDate and toTime.
const msPerDay = 86_400_000

// ParseDatetime reads the argument of the datetime constructor, which is
// exactly one of
//
//	YYYY-MM-DD
//	YYYY-MM-DDThh:mm:ssZ
//	YYYY-MM-DDThh:mm:ss.SSSZ
//	YYYY-MM-DDThh:mm:ss(+|-)hhmm
//	YYYY-MM-DDThh:mm:ss.SSS(+|-)hhmm
//
// with ASCII digits. The date must exist in the proleptic Gregorian
// calendar (years 0000-9999); hh is 00-23, mm and ss 00-59 (no leap
// second); an offset has hours below 24 and minutes below 60. An offset
// gives local time, so UTC is the local time minus the offset.
func ParseDatetime(s string) (Datetime, error) {
	bad := func(why string) (Datetime, error) {
		return 0, errors.New("`" + s + "` is not a valid datetime: " + why)
	}
	if !matchesLayout(s, "DDDD-DD-DD") {
		return bad("it must start with YYYY-MM-DD")
	}
	year, month, day := digitsAt(s, 0, 4), digitsAt(s, 5, 2), digitsAt(s, 8, 2)
	if month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) {
		return bad("no such date")
	}
	ms := daysFromCivil(year, month, day) * msPerDay
	rest := s[10:]
	if rest == "" {
		return Datetime(ms), nil
	}
	if !matchesLayout(rest, "TDD:DD:DD") {
		return bad("the time must be Thh:mm:ss")
	}
	hour, minute, second := digitsAt(rest, 1, 2), digitsAt(rest, 4, 2), digitsAt(rest, 7, 2)
	rest = rest[9:]
	millis := int64(0)
	if len(rest) > 0 && rest[0] == '.' {
		if !matchesLayout(rest, ".DDD") {
			return bad("milliseconds must be three digits")
		}
		millis = digitsAt(rest, 1, 3)
		rest = rest[4:]
	}
	offsetMinutes := int64(0)
	switch {
	case rest == "Z":
	case len(rest) == 5 && (rest[0] == '+' || rest[0] == '-') && matchesLayout(rest[1:], "DDDD"):
		oh, om := digitsAt(rest, 1, 2), digitsAt(rest, 3, 2)
		if oh >= 24 || om >= 60 {
			return bad("the offset must be below 24 hours and 60 minutes")
		}
		offsetMinutes = oh*60 + om
		if rest[0] == '-' {
			offsetMinutes = -offsetMinutes
		}
	default:
		return bad("it must end with Z, .SSSZ, (+|-)hhmm or .SSS(+|-)hhmm")
	}
	if hour > 23 || minute > 59 || second > 59 {
		return bad("no such time of day")
	}
	ms += ((hour*60+minute-offsetMinutes)*60+second)*1000 + millis
	return Datetime(ms), nil
}

// matchesLayout reports whether s has the length of layout and agrees with
// it character by character, where 'D' in the layout stands for any ASCII
// digit.
func matchesLayout(s, layout string) bool {
	if len(s) < len(layout) {
		return false
	}
	for i := 0; i < len(layout); i++ {
		if layout[i] == 'D' && (s[i] < '0' || s[i] > '9') || layout[i] != 'D' && s[i] != layout[i] {
			return false
		}
	}
	return true
}

// digitsAt reads the n ASCII digits of s starting at i.
func digitsAt(s string, i, n int) int64 {
	v, _ := strconv.ParseInt(s[i:i+n], 10, 64)
	return v
}

// isLeapYear is the Gregorian rule.
func isLeapYear(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// daysInMonth is the length of month m (1-12) of year y.
func daysInMonth(y, m int64) int64 {
	switch m {
	case 2:
		if isLeapYear(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil counts the days from 1970-01-01 to the given proleptic
// Gregorian date (negative before it). It counts in 400-year eras, which
// all have 146097 days, starting each year on March 1 so that the leap
// day is the last day of the year.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yearOfEra := y - era*400
	monthFromMarch := (m + 9) % 12
	dayOfYear := (153*monthFromMarch+2)/5 + d - 1
	dayOfEra := yearOfEra*365 + yearOfEra/4 - yearOfEra/100 + dayOfYear
	return era*146097 + dayOfEra - 719468
}

// floorDiv divides rounding toward negative infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// remEuclid is the remainder of a divided by b>0, in [0, b).
func remEuclid(a, b int64) int64 {
	r := a % b
	if r < 0 {
		r += b
	}
	return r
}

// datetimeFunctions are the datetime constructor and its methods.
var datetimeFunctions = map[string]extensionFunction{
	"datetime": {1, func(args []Value) (Value, error) {
		s, err := asString(args[0])
		if err != nil {
			return nil, err
		}
		t, perr := ParseDatetime(string(s))
		if perr != nil {
			return nil, extensionErrorf("datetime: %v", perr)
		}
		return t, nil
	}},
	// dt.offset(d) is dt shifted by d; overflow is an ExtensionError.
	"offset": {2, func(args []Value) (Value, error) {
		t, err := asDatetime(args[0])
		if err != nil {
			return nil, err
		}
		d, err := asDuration(args[1])
		if err != nil {
			return nil, err
		}
		sum, ok := checkedAdd(int64(t), int64(d))
		if !ok {
			return nil, extensionErrorf("offset: %v.offset(%v) overflows", t, d)
		}
		return Datetime(sum), nil
	}},
	// a.durationSince(b) is a - b; overflow is an ExtensionError.
	"durationSince": {2, func(args []Value) (Value, error) {
		a, err := asDatetime(args[0])
		if err != nil {
			return nil, err
		}
		b, err := asDatetime(args[1])
		if err != nil {
			return nil, err
		}
		diff, ok := checkedSub(int64(a), int64(b))
		if !ok {
			return nil, extensionErrorf("durationSince: %v.durationSince(%v) overflows", a, b)
		}
		return Duration(diff), nil
	}},
	// dt.toDate() is midnight UTC of dt's day: dt minus its Euclidean
	// remainder by a day. It overflows only just above the minimum i64.
	"toDate": {1, func(args []Value) (Value, error) {
		t, err := asDatetime(args[0])
		if err != nil {
			return nil, err
		}
		day, ok := checkedSub(int64(t), remEuclid(int64(t), msPerDay))
		if !ok {
			return nil, extensionErrorf("toDate: %v.toDate() overflows", t)
		}
		return Datetime(day), nil
	}},
	// dt.toTime() is the time since midnight UTC, in [0, 1 day).
	"toTime": {1, func(args []Value) (Value, error) {
		t, err := asDatetime(args[0])
		if err != nil {
			return nil, err
		}
		return Duration(remEuclid(int64(t), msPerDay)), nil
	}},
}

func asDatetime(v Value) (Datetime, error) {
	t, ok := v.(Datetime)
	if !ok {
		return 0, expectedType("datetime", v)
	}
	return t, nil
}
