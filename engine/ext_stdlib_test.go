package engine

import (
	"math/rand"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// The extension parsers are written by hand because Cedar's syntax is
// stricter than the standard library's. These tests check them against
// the standard library on random input: whatever Cedar accepts, the
// standard library must read to the same value.

func TestIPAddrAgreesWithNetip(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	alphabet := "0123456789abcdefABCDEF:./%"
	accepted := 0
	for i := 0; i < 200_000; i++ {
		var b strings.Builder
		for j := rng.Intn(20); j >= 0; j-- {
			b.WriteByte(alphabet[rng.Intn(len(alphabet))])
		}
		s := b.String()
		ip, ok := parseIPAddr(s)
		if !ok {
			continue
		}
		accepted++
		pfx, err := netip.ParsePrefix(ip.String())
		if err != nil {
			t.Fatalf("%q accepted, but netip rejects %q: %v", s, ip.String(), err)
		}
		addr, err := netip.ParseAddr(strings.SplitN(s, "/", 2)[0])
		if err != nil {
			t.Fatalf("%q accepted by Cedar rules, rejected by netip: %v", s, err)
		}
		want := addr.As16()
		got := ip.addr
		if ip.v4 {
			a4 := addr.As4()
			want = [16]byte{}
			copy(want[:4], a4[:])
		}
		if got != want || pfx.Bits() != int(ip.prefix) || addr.Is4() != ip.v4 {
			t.Fatalf("%q: got %v/%d v4=%v, netip %v/%d", s, got, ip.prefix, ip.v4, addr, pfx.Bits())
		}
	}
	if accepted < 100 {
		t.Fatalf("only %d random strings accepted; the generator is too weak", accepted)
	}
}

func TestDatetimeAgreesWithTime(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	two := func(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }
	checked := 0
	for i := 0; i < 100_000; i++ {
		y := rng.Intn(10000)
		s := string([]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10)}) +
			"-" + two(rng.Intn(14)) + "-" + two(rng.Intn(33))
		layout := "2006-01-02"
		switch rng.Intn(3) {
		case 1:
			s += "T" + two(rng.Intn(25)) + ":" + two(rng.Intn(61)) + ":" + two(rng.Intn(61)) + "Z"
			layout = "2006-01-02T15:04:05Z"
		case 2:
			sign := "+"
			if rng.Intn(2) == 0 {
				sign = "-"
			}
			s += "T" + two(rng.Intn(25)) + ":" + two(rng.Intn(61)) + ":" + two(rng.Intn(61)) + "." +
				two(rng.Intn(100)) + string(byte('0'+rng.Intn(10))) + sign + two(rng.Intn(24)) + two(rng.Intn(60))
			// Offsets stay in Cedar's range: Go accepts offsets of 24
			// hours and more, which Cedar rejects (see TestParseDatetime).
			layout = "2006-01-02T15:04:05.000-0700"
		}
		got, ok := parseDatetime(s)
		want, err := time.Parse(layout, s)
		if ok != (err == nil) {
			t.Fatalf("%q: Cedar ok=%v, time.Parse err=%v", s, ok, err)
		}
		if ok && got != want.UnixMilli() {
			t.Fatalf("%q: got %d, time.Parse %d", s, got, want.UnixMilli())
		}
		if ok {
			checked++
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d valid datetimes generated", checked)
	}
}
