package engine

// durationUnits are the units of a duration literal, in the only order
// they may appear.
var durationUnits = [...]struct {
	name string
	ms   int64
}{{"d", msPerDay}, {"h", msPerHour}, {"m", msPerMinute}, {"s", msPerSecond}, {"ms", 1}}

// parseDuration reads Cedar's duration syntax,
// -?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)? with at least one
// component, into milliseconds. Any overflow rejects the string.
func parseDuration(s string) (int64, bool) {
	neg := false
	if len(s) > 0 && s[0] == '-' {
		neg = true
		s = s[1:]
	}
	if s == "" {
		return 0, false
	}
	var total int64
	next := 0 // index of the first unit still allowed
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 {
			return 0, false
		}
		// The number takes the sign as it is read, so that the most
		// negative i64 ("-9223372036854775808ms") fits.
		var n int64
		var ok bool
		for j := 0; j < i; j++ {
			if n, ok = mulChecked(n, 10); !ok {
				return 0, false
			}
			digit := int64(s[j] - '0')
			if neg {
				digit = -digit
			}
			if n, ok = addChecked(n, digit); !ok {
				return 0, false
			}
		}
		s = s[i:]
		unit := -1
		switch {
		case len(s) >= 2 && s[:2] == "ms":
			unit = 4
		case len(s) >= 1 && s[0] == 'd':
			unit = 0
		case len(s) >= 1 && s[0] == 'h':
			unit = 1
		case len(s) >= 1 && s[0] == 'm':
			unit = 2
		case len(s) >= 1 && s[0] == 's':
			unit = 3
		}
		if unit < next {
			return 0, false
		}
		next = unit + 1
		s = s[len(durationUnits[unit].name):]
		if n, ok = mulChecked(n, durationUnits[unit].ms); !ok {
			return 0, false
		}
		if total, ok = addChecked(total, n); !ok {
			return 0, false
		}
	}
	return total, true
}
