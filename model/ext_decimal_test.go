package model

import "testing"

func TestParseDecimal(t *testing.T) {
	accept := []struct {
		in   string
		want Decimal
	}{
		{"1.0", 10000},
		{"1.0000", 10000},
		{"0.1", 1000},
		{"00.000", 0},
		{"-0.5", -5000},
		{"-0.0001", -1},
		{"-1.2345", -12345},
		{"12.34", 123400},
		{"922337203685477.5807", 9223372036854775807},
		{"-922337203685477.5808", -9223372036854775808},
		{"000000000000000000001.5", 15000},
	}
	for _, c := range accept {
		got, err := ParseDecimal(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseDecimal(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	reject := []string{"", "1", "1.", ".1", "-.", "-", "-1", "1.0.", "1.0.0", "0.12345",
		"922337203685477.5808", "-922337203685477.5809", "9223372036854775808.0",
		"+1.0", "1e3", " 1.0", "1.0 ", "1,0", "--1.0", "1.-0", "١.٠", "0x1.0"}
	for _, s := range reject {
		if got, err := ParseDecimal(s); err == nil {
			t.Errorf("ParseDecimal(%q) = %d; want an error", s, got)
		}
	}
}

func TestDecimalText(t *testing.T) {
	for _, c := range []struct {
		d    Decimal
		want string
	}{{10000, "1.0000"}, {-5000, "-0.5000"}, {-1, "-0.0001"}, {0, "0.0000"},
		{-9223372036854775808, "-922337203685477.5808"}} {
		if got := c.d.Text(); got != c.want {
			t.Errorf("Decimal(%d).Text() = %q; want %q", int64(c.d), got, c.want)
		}
	}
}
