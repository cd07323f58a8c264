package model

import "testing"

func TestParseIPAddr(t *testing.T) {
	accept := []struct {
		in   string
		want string // Text() of the result
	}{
		{"127.0.0.1", "127.0.0.1/32"},
		{"0.0.0.0", "0.0.0.0/32"},
		{"255.255.255.255/0", "255.255.255.255/0"},
		{"10.0.0.1/24", "10.0.0.1/24"},
		{"10.0.0.1/32", "10.0.0.1/32"},
		{"::", "::/128"},
		{"::1", "::1/128"},
		{"1::", "1::/128"},
		{"ABCD::ef", "abcd::ef/128"},
		{"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8/128"},
		{"1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0/128"},
		{"::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8/128"},
		{"0001:0:0:0:0:0:0:0001", "1::1/128"},
		{"::ffff:ff00:1", "::ffff:ff00:1/128"},
		{"ff00::/8", "ff00::/8"},
		{"::/0", "::/0"},
		{"::1/128", "::1/128"},
		{"1:0:0:1:0:0:0:1", "1:0:0:1::1/128"},
		{"1111:2222:3333:4444:5555:6666:7777:8888/128", "1111:2222:3333:4444:5555:6666:7777:8888/128"}, // 43 bytes
	}
	for _, c := range accept {
		got, err := ParseIPAddr(c.in)
		if err != nil || got.Text() != c.want {
			t.Errorf("ParseIPAddr(%q) = %s, %v; want %s", c.in, got.Text(), err, c.want)
		}
	}
	reject := []string{
		"", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "00.0.0.0", "256.0.0.1", "1.2.3.1000",
		"1.2.3.-1", "1.2.3.4/33", "1.2.3.4/032", "1.2.3.4/", "1.2.3.4/a", "1.2.3.4/1/2", "1.2.3.4/ 1",
		" 1.2.3.4", "1.2.3.4 ", "1.2.3.4/001",
		":::", "1:::2", "1::2::3", ":1::2", "1::2:", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
		"1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "12345::", "g::", "::1%eth0", "[::1]",
		"::ffff:1.2.3.4", "::1.2.3.4", "::1/129", "::1/0128", "::1/1000",
		"1.2.3.4/3.2:1:2", // 2 colons and 2 dots
		"0000:0000:0000:0000:0000:0000:0000:0000/128x",
		"1111:2222:3333:4444:5555:6666:7777:8888/1280", // 44 bytes: too long
	}
	for _, s := range reject {
		if got, err := ParseIPAddr(s); err == nil {
			t.Errorf("ParseIPAddr(%q) = %s; want an error", s, got.Text())
		}
	}
}

func TestIPAddrMethods(t *testing.T) {
	ip := func(s string) IPAddr { return mustParseIPAddr(s) }
	cases := []struct {
		name string
		got  bool
		want bool
	}{
		{"host in its network", ip("10.0.0.1/24").IsInRange(ip("10.0.0.0/24")), true},
		{"network in host form", ip("10.0.0.0/24").IsInRange(ip("10.0.0.1/24")), true},
		{"single in range", ip("10.0.0.1").IsInRange(ip("10.0.0.0/8")), true},
		{"wider not in narrower", ip("10.0.0.0/8").IsInRange(ip("10.0.0.0/24")), false},
		{"outside", ip("11.0.0.1").IsInRange(ip("10.0.0.0/8")), false},
		{"all", ip("1.2.3.4").IsInRange(ip("0.0.0.0/0")), true},
		{"v6 in range", ip("2001:db8::1").IsInRange(ip("2001:db8::/32")), true},
		{"v6 odd prefix", ip("2001:db8::1/33").IsInRange(ip("2001:db8::/32")), true},
		{"v4 v6", ip("0.0.0.0").IsInRange(ip("::/0")), false},
		{"loopback", ip("127.0.0.1").IsLoopback(), true},
		{"loopback /8", ip("127.255.0.1/8").IsLoopback(), true},
		{"loopback /7", ip("127.0.0.1/7").IsLoopback(), false},
		{"loopback v6", ip("::1").IsLoopback(), true},
		{"loopback v6 /127", ip("::1/127").IsLoopback(), false},
		{"not loopback", ip("128.0.0.1").IsLoopback(), false},
		{"mapped not loopback", ip("::ffff:7f00:1").IsLoopback(), false},
		{"multicast", ip("224.0.0.1").IsMulticast(), true},
		{"multicast /4", ip("239.0.0.0/4").IsMulticast(), true},
		{"multicast /3", ip("224.0.0.0/3").IsMulticast(), false},
		{"multicast v6", ip("ff02::1").IsMulticast(), true},
		{"multicast v6 /7", ip("ff00::/7").IsMulticast(), false},
		{"not multicast", ip("10.0.0.1").IsMulticast(), false},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %v; want %v", c.name, c.got, c.want)
		}
	}
}
