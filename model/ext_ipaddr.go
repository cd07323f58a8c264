package model

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// IPAddr is an IPv4 or IPv6 address with a prefix length, as written: the
// host bits beyond the prefix are kept, so 10.0.0.1/24 and 10.0.0.0/24 are
// different values that denote the same range.
type IPAddr struct {
	V6     bool
	Addr   [16]byte // big-endian; an IPv4 address uses the first 4 bytes
	Prefix uint8    // 0-32 for IPv4, 0-128 for IPv6
}

func (IPAddr) isValue() {}

// String renders the value as a constructor call: ip("10.0.0.1/24").
func (a IPAddr) String() string { return `ip("` + a.Text() + `")` }

// Text renders the address and prefix: dotted decimal for IPv4, and for
// IPv6 lower-case hex groups with the longest run of two or more zero
// groups written as "::".
func (a IPAddr) Text() string {
	prefix := "/" + strconv.Itoa(int(a.Prefix))
	if !a.V6 {
		return strconv.Itoa(int(a.Addr[0])) + "." + strconv.Itoa(int(a.Addr[1])) + "." +
			strconv.Itoa(int(a.Addr[2])) + "." + strconv.Itoa(int(a.Addr[3])) + prefix
	}
	var groups [8]string
	runStart, runLen, bestStart, bestLen := 0, 0, -1, 1
	for i := range groups {
		g := int(a.Addr[2*i])<<8 | int(a.Addr[2*i+1])
		groups[i] = strconv.FormatInt(int64(g), 16)
		if g != 0 {
			runLen = 0
			continue
		}
		if runLen == 0 {
			runStart = i
		}
		runLen++
		if runLen > bestLen {
			bestStart, bestLen = runStart, runLen
		}
	}
	if bestStart < 0 {
		return strings.Join(groups[:], ":") + prefix
	}
	return strings.Join(groups[:bestStart], ":") + "::" +
		strings.Join(groups[bestStart+bestLen:], ":") + prefix
}

// ipMaxLength is the longest string the ip constructor accepts, in bytes.
const ipMaxLength = 43

// ParseIPAddr reads the argument of the ip constructor: an IPv4 or IPv6
// address, optionally followed by '/' and a prefix length.
//
//   - IPv4 is four decimal octets of 1-3 digits, each at most 255, without
//     leading zeros ("0" is fine, "01" is not).
//   - IPv6 is hex groups of 1-4 digits separated by ':'; one "::" may stand
//     for one or more zero groups; there are no zone ids or brackets, and
//     embedded IPv4 is rejected: any string with two or more ':' and two
//     or more '.' is refused outright.
//   - The prefix is decimal without leading zeros, at most 32 (2 digits)
//     for IPv4 or 128 (3 digits) for IPv6; it defaults to the full width.
//   - The whole string is at most 43 bytes.
func ParseIPAddr(s string) (IPAddr, error) {
	if len(s) > ipMaxLength {
		return IPAddr{}, errors.New("`" + s + "` is too long to be an IP address")
	}
	if strings.Count(s, ":") >= 2 && strings.Count(s, ".") >= 2 {
		return IPAddr{}, errors.New("`" + s + "`: IPv4 embedded in IPv6 is not accepted")
	}
	addrText, prefixText, hasPrefix := strings.Cut(s, "/")
	var a IPAddr
	if v4, ok := parseIPv4(addrText); ok {
		copy(a.Addr[:4], v4[:])
	} else if v6, ok := parseIPv6(addrText); ok {
		a.V6, a.Addr = true, v6
	} else {
		return IPAddr{}, errors.New("`" + addrText + "` is not a valid IP address")
	}
	a.Prefix = uint8(a.width())
	if hasPrefix {
		maxDigits := 2
		if a.V6 {
			maxDigits = 3
		}
		n, ok := parseDecimalNoLeadingZero(prefixText, maxDigits)
		if !ok || n > a.width() {
			return IPAddr{}, errors.New("`" + prefixText + "` is not a valid prefix length")
		}
		a.Prefix = uint8(n)
	}
	return a, nil
}

// parseIPv4 reads a dotted-decimal IPv4 address.
func parseIPv4(s string) (out [4]byte, ok bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return out, false
	}
	for i, p := range parts {
		n, ok := parseDecimalNoLeadingZero(p, 3)
		if !ok || n > 255 {
			return out, false
		}
		out[i] = byte(n)
	}
	return out, true
}

// parseDecimalNoLeadingZero reads 1 to maxDigits ASCII digits with no
// leading zero unless the number is 0 itself.
func parseDecimalNoLeadingZero(s string, maxDigits int) (int, bool) {
	if s == "" || len(s) > maxDigits || !allDigits(s) || (s[0] == '0' && s != "0") {
		return 0, false
	}
	n, _ := strconv.Atoi(s)
	return n, true
}

// parseIPv6 reads an IPv6 address in hex groups, with at most one "::".
func parseIPv6(s string) (out [16]byte, ok bool) {
	var groups []uint16
	if head, tail, compressed := strings.Cut(s, "::"); compressed {
		h, ok1 := parseHexGroups(head)
		t, ok2 := parseHexGroups(tail)
		// "::" must stand for at least one zero group.
		if !ok1 || !ok2 || len(h)+len(t) > 7 {
			return out, false
		}
		groups = append(h, make([]uint16, 8-len(h)-len(t))...)
		groups = append(groups, t...)
	} else {
		g, ok := parseHexGroups(s)
		if !ok || len(g) != 8 {
			return out, false
		}
		groups = g
	}
	for i, g := range groups {
		out[2*i], out[2*i+1] = byte(g>>8), byte(g)
	}
	return out, true
}

// parseHexGroups reads ':'-separated groups of 1-4 hex digits; "" is no
// groups.
func parseHexGroups(s string) ([]uint16, bool) {
	if s == "" {
		return nil, true
	}
	var out []uint16
	for _, p := range strings.Split(s, ":") {
		if p == "" || len(p) > 4 {
			return nil, false
		}
		n, err := strconv.ParseUint(p, 16, 16)
		if err != nil {
			return nil, false
		}
		out = append(out, uint16(n))
	}
	return out, true
}

// width is the number of address bits: 32 or 128.
func (a IPAddr) width() int {
	if a.V6 {
		return 128
	}
	return 32
}

// bounds returns the lowest and highest address of a's range: the address
// with the host bits cleared, and with them set.
func (a IPAddr) bounds() (lo, hi [16]byte) {
	for i := 0; i < a.width()/8; i++ {
		// maskBits is how many bits of byte i belong to the network part.
		maskBits := min(max(int(a.Prefix)-8*i, 0), 8)
		mask := byte(0xff << (8 - maskBits))
		lo[i] = a.Addr[i] & mask
		hi[i] = a.Addr[i] | ^mask
	}
	return lo, hi
}

// IsInRange reports whether a's whole range lies inside r's. Addresses of
// different families are never in each other's range.
func (a IPAddr) IsInRange(r IPAddr) bool {
	if a.V6 != r.V6 {
		return false
	}
	aLo, aHi := a.bounds()
	rLo, rHi := r.bounds()
	return bytes.Compare(rLo[:], aLo[:]) <= 0 && bytes.Compare(aHi[:], rHi[:]) <= 0
}

// Well-known ranges for isLoopback and isMulticast.
var (
	loopbackV4  = mustParseIPAddr("127.0.0.0/8")
	loopbackV6  = mustParseIPAddr("::1/128")
	multicastV4 = mustParseIPAddr("224.0.0.0/4")
	multicastV6 = mustParseIPAddr("ff00::/8")
)

// IsLoopback reports whether a's whole range is loopback: within
// 127.0.0.0/8, or exactly ::1/128.
func (a IPAddr) IsLoopback() bool {
	return a.IsInRange(loopbackV4) || a.IsInRange(loopbackV6)
}

// IsMulticast reports whether a's whole range is multicast: within
// 224.0.0.0/4 or ff00::/8.
func (a IPAddr) IsMulticast() bool {
	return a.IsInRange(multicastV4) || a.IsInRange(multicastV6)
}

func mustParseIPAddr(s string) IPAddr {
	a, err := ParseIPAddr(s)
	if err != nil {
		panic(err)
	}
	return a
}

// ipaddrFunctions are the ip constructor and its methods.
var ipaddrFunctions = map[string]extensionFunction{
	"ip": {1, func(args []Value) (Value, error) {
		s, err := asString(args[0])
		if err != nil {
			return nil, err
		}
		a, perr := ParseIPAddr(string(s))
		if perr != nil {
			return nil, extensionErrorf("ip: %v", perr)
		}
		return a, nil
	}},
	"isIpv4":      ipPredicate(func(a IPAddr) bool { return !a.V6 }),
	"isIpv6":      ipPredicate(func(a IPAddr) bool { return a.V6 }),
	"isLoopback":  ipPredicate(IPAddr.IsLoopback),
	"isMulticast": ipPredicate(IPAddr.IsMulticast),
	"isInRange": {2, func(args []Value) (Value, error) {
		a, err := asIPAddr(args[0])
		if err != nil {
			return nil, err
		}
		r, err := asIPAddr(args[1])
		if err != nil {
			return nil, err
		}
		return Bool(a.IsInRange(r)), nil
	}},
}

// ipPredicate is a method of one ip address returning a Bool.
func ipPredicate(p func(IPAddr) bool) extensionFunction {
	return extensionFunction{1, func(args []Value) (Value, error) {
		a, err := asIPAddr(args[0])
		if err != nil {
			return nil, err
		}
		return Bool(p(a)), nil
	}}
}

func asIPAddr(v Value) (IPAddr, error) {
	a, ok := v.(IPAddr)
	if !ok {
		return IPAddr{}, expectedType("ipaddr", v)
	}
	return a, nil
}
