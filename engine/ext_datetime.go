package engine

const (
	msPerSecond = 1000
	msPerMinute = 60 * msPerSecond
	msPerHour   = 60 * msPerMinute
	msPerDay    = 24 * msPerHour
)

// parseDatetime reads one of Cedar's five datetime forms into
// milliseconds since the Unix epoch (UTC):
//
//	YYYY-MM-DD
//	YYYY-MM-DDThh:mm:ssZ
//	YYYY-MM-DDThh:mm:ss.SSSZ
//	YYYY-MM-DDThh:mm:ss(+|-)hhmm
//	YYYY-MM-DDThh:mm:ss.SSS(+|-)hhmm
//
// The date must exist in the proleptic Gregorian calendar; seconds stop
// at 59 and offsets at 23 hours 59 minutes.
func parseDatetime(s string) (int64, bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	year, ok1 := digitsN(s[0:4])
	month, ok2 := digitsN(s[5:7])
	day, ok3 := digitsN(s[8:10])
	if !ok1 || !ok2 || !ok3 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return 0, false
	}
	ms := daysFromCivil(year, month, day) * msPerDay
	if len(s) == 10 {
		return ms, true
	}
	rest := s[10:]
	if len(rest) < 10 || rest[0] != 'T' || rest[3] != ':' || rest[6] != ':' {
		return 0, false
	}
	hh, ok1 := digitsN(rest[1:3])
	mm, ok2 := digitsN(rest[4:6])
	ss, ok3 := digitsN(rest[7:9])
	if !ok1 || !ok2 || !ok3 || hh > 23 || mm > 59 || ss > 59 {
		return 0, false
	}
	ms += hh*msPerHour + mm*msPerMinute + ss*msPerSecond
	rest = rest[9:]
	if rest[0] == '.' {
		if len(rest) < 4 {
			return 0, false
		}
		frac, ok := digitsN(rest[1:4])
		if !ok {
			return 0, false
		}
		ms += frac
		rest = rest[4:]
	}
	switch {
	case rest == "Z":
		return ms, true
	case len(rest) == 5 && (rest[0] == '+' || rest[0] == '-'):
		oh, ok1 := digitsN(rest[1:3])
		om, ok2 := digitsN(rest[3:5])
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return 0, false
		}
		off := oh*msPerHour + om*msPerMinute
		// Local time minus the offset is UTC.
		if rest[0] == '+' {
			return ms - off, true
		}
		return ms + off, true
	}
	return 0, false
}

// digitsN reads a fixed-width run of ASCII digits.
func digitsN(s string) (int64, bool) {
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, len(s) > 0
}

func isLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int64) int64 {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the number of days from 1970-01-01 to y-m-d in
// the proleptic Gregorian calendar (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// toDate floors a datetime to the start of its UTC day.
func toDate(ms int64) (int64, bool) {
	r := ms % msPerDay
	if r < 0 {
		r += msPerDay
	}
	return subChecked(ms, r)
}

// toTime is the time elapsed since the start of the datetime's UTC day.
func toTime(ms int64) int64 {
	r := ms % msPerDay
	if r < 0 {
		r += msPerDay
	}
	return r
}
