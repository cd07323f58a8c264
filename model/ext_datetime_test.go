package model

import "testing"

func TestParseDatetime(t *testing.T) {
	const day, hour, minute = 86_400_000, 3_600_000, 60_000
	accept := []struct {
		in   string
		want int64
	}{
		{"1970-01-01", 0},
		{"1970-01-02", day},
		{"1969-12-31", -day},
		{"2024-01-01", 1704067200000},
		{"2024-01-01T00:00:00Z", 1704067200000},
		{"2024-01-01T00:00:00.001Z", 1704067200001},
		{"2024-01-01T00:00:00+0100", 1704067200000 - hour},
		{"2024-01-01T00:00:00-0130", 1704067200000 + hour + 30*minute},
		{"2024-01-01T23:59:59.999+2359", 1704067200000 + day - 1 - day + minute},
		{"2024-02-29", 1709164800000},
		{"2000-02-29", 951782400000},
		{"0000-01-01", -62167219200000},
		{"0000-02-29", -62167219200000 + 59*day},
		{"9999-12-31T23:59:59Z", 253402300799000},
		{"1970-01-01T00:00:00+2359", -(23*hour + 59*minute)},
	}
	for _, c := range accept {
		got, err := ParseDatetime(c.in)
		if err != nil || int64(got) != c.want {
			t.Errorf("ParseDatetime(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	reject := []string{
		"", "2024", "2024-1-01", "24-01-01", "20240-01-01", "2024-01-01Z", "2024-01-01T00:00:00",
		"2024-01-01 ", " 2024-01-01", "2024-01-01T00:00Z", "2024-01-01T00:00:00ZZ", "2024-01-01T00:00:00.1Z",
		"2024-01-01T00:00:00.0001Z", "2024-01-01T00:00:00+01", "2024-01-01T00:00:00+01:00",
		"2024-01-01T00:00:00+2400", "2024-01-01T00:00:00-0060", "2024-01-01T24:00:00Z",
		"2024-01-01T00:60:00Z", "2024-01-01T00:00:60Z", "2024-00-01", "2024-13-01", "2024-01-00",
		"2024-01-32", "2023-02-29", "1900-02-29", "2024-04-31", "2024-01-01t00:00:00Z",
		"2024-01-01T00:00:00z", "２024-01-01", "-2024-01-01", "+2024-01-01", "2024-01-01T00:00:00.000",
	}
	for _, s := range reject {
		if got, err := ParseDatetime(s); err == nil {
			t.Errorf("ParseDatetime(%q) = %d; want an error", s, got)
		}
	}
}

func TestDatetimeToDateToTime(t *testing.T) {
	const day = 86_400_000
	cases := []struct {
		in              int64
		date, timeOfDay int64
	}{
		{0, 0, 0},
		{1, 0, 1},
		{day - 1, 0, day - 1},
		{-1, -day, day - 1},
		{-day, -day, 0},
		{-day - 1, -2 * day, day - 1},
		{9223372036854775807, 9223372036854775807 - 9223372036854775807%day, 9223372036854775807 % day},
	}
	for _, c := range cases {
		d, err := callExtension("toDate", []Value{Datetime(c.in)})
		if err != nil || d != Datetime(c.date) {
			t.Errorf("toDate(%d) = %v, %v; want %d", c.in, d, err, c.date)
		}
		tm, err := callExtension("toTime", []Value{Datetime(c.in)})
		if err != nil || tm != Duration(c.timeOfDay) {
			t.Errorf("toTime(%d) = %v, %v; want %d", c.in, tm, err, c.timeOfDay)
		}
	}
	if _, err := callExtension("toDate", []Value{Datetime(-9223372036854775808)}); err == nil {
		t.Error("toDate(min i64) did not overflow")
	}
	if tm, err := callExtension("toTime", []Value{Datetime(-9223372036854775808)}); err != nil || tm.(Duration) < 0 {
		t.Errorf("toTime(min i64) = %v, %v", tm, err)
	}
}
