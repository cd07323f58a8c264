package engine

import (
	"math"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1.0", 10000, true},
		{"1.0000", 10000, true},
		{"00.000", 0, true},
		{"-0.5", -5000, true},
		{"-1.25", -12500, true},
		{"0.0001", 1, true},
		{"-0.0001", -1, true},
		{"922337203685477.5807", math.MaxInt64, true},
		{"-922337203685477.5808", math.MinInt64, true},
		{"922337203685477.5808", 0, false},
		{"-922337203685477.5809", 0, false},
		{"1", 0, false},
		{"1.", 0, false},
		{".1", 0, false},
		{"-.", 0, false},
		{"-", 0, false},
		{"", 0, false},
		{"1.0.", 0, false},
		{"0.12345", 0, false},
		{"+1.0", 0, false},
		{" 1.0", 0, false},
		{"1.0 ", 0, false},
		{"1e3.0", 0, false},
		{"--1.0", 0, false},
		{"١.٠", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseDecimal(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("parseDecimal(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFormatDecimal(t *testing.T) {
	for in, want := range map[int64]string{10000: "1.0000", -5000: "-0.5000", math.MinInt64: "-922337203685477.5808", 1: "0.0001"} {
		if got := formatDecimal(in); got != want {
			t.Errorf("formatDecimal(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestParseIPAddr(t *testing.T) {
	tests := []struct {
		in   string
		ok   bool
		v4   bool
		pfx  uint8
		text string
	}{
		{"127.0.0.1", true, true, 32, "127.0.0.1/32"},
		{"0.0.0.0/0", true, true, 0, "0.0.0.0/0"},
		{"10.0.0.1/24", true, true, 24, "10.0.0.1/24"},
		{"255.255.255.255/32", true, true, 32, ""},
		{"::", true, false, 128, "0:0:0:0:0:0:0:0/128"},
		{"::1", true, false, 128, "0:0:0:0:0:0:0:1/128"},
		{"1::", true, false, 128, ""},
		{"1:2:3:4:5:6:7:8", true, false, 128, ""},
		{"1:2:3:4:5:6::8", true, false, 128, ""},
		{"FFFF::ffff/128", true, false, 128, ""},
		{"::ffff:ff00:1", true, false, 128, ""},
		{"ff00::/8", true, false, 8, ""},
		// rejected
		{"01.0.0.1", false, false, 0, ""},
		{"1.2.3", false, false, 0, ""},
		{"1.2.3.4.5", false, false, 0, ""},
		{"256.0.0.1", false, false, 0, ""},
		{"1.2.3.4/33", false, false, 0, ""},
		{"1.2.3.4/01", false, false, 0, ""},
		{"1.2.3.4/", false, false, 0, ""},
		{"1.2.3.4/1/2", false, false, 0, ""},
		{"1.2.3.4/+1", false, false, 0, ""},
		{"::/129", false, false, 0, ""},
		{"::/0128", false, false, 0, ""},
		{"1:2:3:4:5:6:7:8::", false, false, 0, ""},
		{"::1:2:3:4:5:6:7:8", false, false, 0, ""},
		{"1:2:3:4:5:6:7", false, false, 0, ""},
		{"1::2::3", false, false, 0, ""},
		{":::", false, false, 0, ""},
		{":1::2", false, false, 0, ""},
		{"12345::", false, false, 0, ""},
		{"::ffff:1.2.3.4", false, false, 0, ""},
		{"::1.2.3.4", false, false, 0, ""},
		{"fe80::1%eth0", false, false, 0, ""},
		{"[::1]", false, false, 0, ""},
		{" 1.2.3.4", false, false, 0, ""},
		{"", false, false, 0, ""},
		{"g::", false, false, 0, ""},
		{"1.2.3.4/1 ", false, false, 0, ""},
	}
	for _, tt := range tests {
		ip, ok := parseIPAddr(tt.in)
		if ok != tt.ok {
			t.Errorf("parseIPAddr(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if ip.v4 != tt.v4 || ip.prefix != tt.pfx {
			t.Errorf("parseIPAddr(%q) = v4 %v /%d, want v4 %v /%d", tt.in, ip.v4, ip.prefix, tt.v4, tt.pfx)
		}
		if tt.text != "" && ip.String() != tt.text {
			t.Errorf("parseIPAddr(%q).String() = %q, want %q", tt.in, ip.String(), tt.text)
		}
	}
}

func TestIPAddrMethods(t *testing.T) {
	ip := func(s string) *ipAddr {
		v, ok := parseIPAddr(s)
		if !ok {
			t.Fatalf("bad ip %q", s)
		}
		return v
	}
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"loopback 127.0.0.1", ip("127.0.0.1").isLoopback(), true},
		{"loopback 127.0.0.1/7", ip("127.0.0.1/7").isLoopback(), false},
		{"loopback 127.0.0.1/8", ip("127.0.0.1/8").isLoopback(), true},
		{"loopback ::1", ip("::1").isLoopback(), true},
		{"loopback ::1/127", ip("::1/127").isLoopback(), false},
		{"loopback ::2", ip("::2").isLoopback(), false},
		{"multicast 224.0.0.1", ip("224.0.0.1").isMulticast(), true},
		{"multicast 239.1.1.1/4", ip("239.1.1.1/4").isMulticast(), true},
		{"multicast 224.0.0.1/3", ip("224.0.0.1/3").isMulticast(), false},
		{"multicast ff02::1", ip("ff02::1").isMulticast(), true},
		{"multicast fe02::1", ip("fe02::1").isMulticast(), false},
		{"range 10.0.0.1/24 in 10.0.0.0/24", ip("10.0.0.1/24").isInRange(ip("10.0.0.0/24")), true},
		{"range 10.0.0.0/16 in 10.0.0.0/24", ip("10.0.0.0/16").isInRange(ip("10.0.0.0/24")), false},
		{"range 10.0.1.1 in 10.0.0.0/24", ip("10.0.1.1").isInRange(ip("10.0.0.0/24")), false},
		{"range 10.0.0.255 in 10.0.0.0/24", ip("10.0.0.255").isInRange(ip("10.0.0.0/24")), true},
		{"range v4 in v6", ip("0.0.0.0").isInRange(ip("::/0")), false},
		{"range any v6", ip("1::2").isInRange(ip("::/0")), true},
		{"equal host bits kept", *ip("10.0.0.1/24") == *ip("10.0.0.0/24"), false},
		{"equal /32", *ip("1.2.3.4") == *ip("1.2.3.4/32"), true},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestParseDatetime(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1970-01-01", 0, true},
		{"2024-01-01", 1704067200000, true},
		{"2024-01-01T00:00:00Z", 1704067200000, true},
		{"2024-01-01T00:00:00.001Z", 1704067200001, true},
		{"1970-01-01T00:00:00+0100", -3600000, true},
		{"1970-01-01T00:00:00-0130", 5400000, true},
		{"1970-01-01T00:00:00.500+0000", 500, true},
		{"1969-12-31", -86400000, true},
		{"2024-02-29", 1709164800000, true},
		{"0000-01-01", -62167219200000, true},
		{"9999-12-31T23:59:59-2359", 253402387139000, true},
		{"2023-02-29", 0, false},
		{"1900-02-29", 0, false},
		{"2024-13-01", 0, false},
		{"2024-00-01", 0, false},
		{"2024-04-31", 0, false},
		{"2024-01-01T00:00:00", 0, false},
		{"2024-10-15Z", 0, false},
		{"2024-01-01 ", 0, false},
		{"20240-01-01", 0, false},
		{"ZZ", 0, false},
		{"2024-01-01T00:00Z", 0, false},
		{"2024-01-01T24:00:00Z", 0, false},
		{"2024-01-01T00:60:00Z", 0, false},
		{"2024-01-01T00:00:60Z", 0, false},
		{"2024-01-01T00:00:00.1Z", 0, false},
		{"2024-01-01T00:00:00.1234Z", 0, false},
		{"2024-01-01T00:00:00+2400", 0, false},
		{"2024-01-01T00:00:00+0060", 0, false},
		{"2024-01-01T00:00:00+01", 0, false},
		{"2024-01-01T00:00:00+01:00", 0, false},
		{"2024-1-01", 0, false},
		{"+024-01-01", 0, false},
		{"2024-01-01t00:00:00Z", 0, false},
		{"2024-01-01T00:00:00z", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseDatetime(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("parseDatetime(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDatetimeDayArithmetic(t *testing.T) {
	if d, _ := toDate(-1); d != -msPerDay {
		t.Errorf("toDate(-1) = %d", d)
	}
	if d, _ := toDate(msPerDay + 5); d != msPerDay {
		t.Errorf("toDate(day+5) = %d", d)
	}
	if _, ok := toDate(math.MinInt64); ok {
		t.Errorf("toDate(MinInt64) should overflow")
	}
	if tm := toTime(-1); tm != msPerDay-1 {
		t.Errorf("toTime(-1) = %d", tm)
	}
	if tm := toTime(-msPerDay); tm != 0 {
		t.Errorf("toTime(-day) = %d", tm)
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1h", 3600000, true},
		{"60m", 3600000, true},
		{"1d2h3m4s5ms", 93784005, true},
		{"-1d2h", -93600000, true},
		{"0ms", 0, true},
		{"007s", 7000, true},
		{"1ms", 1, true},
		{"-1500ms", -1500, true},
		{"9223372036854775807ms", math.MaxInt64, true},
		{"9223372036854775808ms", 0, false},
		{"-9223372036854775808ms", math.MinInt64, true},
		{"-9223372036854775809ms", 0, false},
		{"-9223372036854775s808ms", math.MinInt64, true},
		{"-9223372036854776s", 0, false},
		{"106751991167301d", 0, false},
		{"", 0, false},
		{"-", 0, false},
		{"d", 0, false},
		{"1s1d", 0, false},
		{"1s1s", 0, false},
		{"1d-1s", 0, false},
		{"1", 0, false},
		{"1d1", 0, false},
		{" 1d", 0, false},
		{"1d ", 0, false},
		{"1ms1s", 0, false},
		{"1D", 0, false},
		{"1m1ms", 60001, true},
		{"1msms", 0, false},
		{"--1d", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseDuration(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("parseDuration(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLikePattern(t *testing.T) {
	tests := []struct {
		pat, s string
		want   bool
	}{
		{"", "", true},
		{"", "a", false},
		{"*", "", true},
		{"*", "anything", true},
		{"a*", "abc", true},
		{"*c", "abc", true},
		{"a*c", "ac", true},
		{"a*c", "abbbc", true},
		{"a*c", "abbbcd", false},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "acb", false},
		{"*a*", "bab", true},
		{"ab*ba", "aba", false},
		{"日*本", "日本", true},
		{"日*本", "日x本", true},
		{"**", "x", true},
		{"a", "A", false},
	}
	for _, tt := range tests {
		lp := compilePattern(toPattern(tt.pat))
		if got := lp.match(tt.s); got != tt.want {
			t.Errorf("%q like %q = %v, want %v", tt.s, tt.pat, got, tt.want)
		}
	}
}
