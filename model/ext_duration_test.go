package model

import "testing"

func TestParseDuration(t *testing.T) {
	accept := []struct {
		in   string
		want int64
	}{
		{"0ms", 0},
		{"1ms", 1},
		{"1s", 1000},
		{"1m", 60000},
		{"1h", 3600000},
		{"1d", 86400000},
		{"1d2h3m4s5ms", 86400000 + 2*3600000 + 3*60000 + 4000 + 5},
		{"-1d2h", -(86400000 + 2*3600000)},
		{"-1500ms", -1500},
		{"1m1ms", 60001},
		{"007s", 7000},
		{"2h30m", 9000000},
		{"9223372036854775807ms", 9223372036854775807},
		{"-9223372036854775808ms", -9223372036854775808},
		{"106751991167d", 106751991167 * 86400000},
	}
	for _, c := range accept {
		got, err := ParseDuration(c.in)
		if err != nil || int64(got) != c.want {
			t.Errorf("ParseDuration(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	reject := []string{
		"", "-", "d", "1", "1s1d", "1s1s", "1d-1s", "1d1", "1 d", " 1d", "1d ", "1ms1s", "1y",
		"1.5s", "+1s", "--1s", "1D", "9223372036854775808ms", "-9223372036854775809ms",
		"106751991168d", "9223372036854775807ms1d"[:0] + "1d9223372036854775807ms",
		"-9223372036854775808ms1s"[:0] + "-1s9223372036854775808ms", "18446744073709551616ms",
	}
	for _, s := range reject {
		if got, err := ParseDuration(s); err == nil {
			t.Errorf("ParseDuration(%q) = %d; want an error", s, got)
		}
	}
}

func TestDurationConversions(t *testing.T) {
	cases := []struct {
		fn   string
		in   Duration
		want Long
	}{
		{"toMilliseconds", -1500, -1500},
		{"toSeconds", -1500, -1},
		{"toSeconds", 1999, 1},
		{"toMinutes", -119999, -1},
		{"toHours", 7199999, 1},
		{"toDays", -86400001, -1},
		{"toDays", 86399999, 0},
	}
	for _, c := range cases {
		got, err := callExtension(c.fn, []Value{c.in})
		if err != nil || got != c.want {
			t.Errorf("%s(%d) = %v, %v; want %d", c.fn, c.in, got, err, c.want)
		}
	}
}
