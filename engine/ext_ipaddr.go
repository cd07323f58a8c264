package engine

import (
	"strconv"
	"strings"
)

// ipAddr is an ipaddr value: the address exactly as written (host bits
// are kept, so 10.0.0.1/24 and 10.0.0.0/24 differ) and its prefix length.
// An IPv4 address uses the first four bytes of addr.
type ipAddr struct {
	addr   [16]byte
	v4     bool
	prefix uint8
}

func (ip *ipAddr) bits() int {
	if ip.v4 {
		return 32
	}
	return 128
}

// parseIPAddr reads Cedar's ipaddr syntax. Cedar is stricter than most
// address parsers: IPv4 octets have no leading zeros, IPv6 has no zones,
// no brackets and no embedded dotted IPv4, `::` must stand for at least
// one group, and the prefix has no leading zeros.
func parseIPAddr(s string) (*ipAddr, bool) {
	if len(s) > 43 {
		return nil, false
	}
	// Cedar rejects any string mixing two colons with two dots, which is
	// how IPv4-embedded IPv6 forms are excluded.
	if strings.Count(s, ":") >= 2 && strings.Count(s, ".") >= 2 {
		return nil, false
	}
	addr, prefix, hasPrefix := strings.Cut(s, "/")
	ip := &ipAddr{}
	if a, ok := parseIPv4(addr); ok {
		copy(ip.addr[:4], a[:])
		ip.v4 = true
	} else if a, ok := parseIPv6(addr); ok {
		ip.addr = a
	} else {
		return nil, false
	}
	ip.prefix = uint8(ip.bits())
	if hasPrefix {
		maxLen := 2
		if !ip.v4 {
			maxLen = 3
		}
		if len(prefix) > maxLen || !allDigits(prefix) || len(prefix) > 1 && prefix[0] == '0' {
			return nil, false
		}
		n, err := strconv.Atoi(prefix)
		if err != nil || n > ip.bits() {
			return nil, false
		}
		ip.prefix = uint8(n)
	}
	return ip, true
}

func parseIPv4(s string) ([4]byte, bool) {
	var out [4]byte
	if strings.Count(s, ".") != 3 {
		return out, false
	}
	for i := range out {
		var p string
		p, s, _ = strings.Cut(s, ".")
		if len(p) == 0 || len(p) > 3 || !allDigits(p) || len(p) > 1 && p[0] == '0' {
			return out, false
		}
		n, _ := strconv.Atoi(p)
		if n > 255 {
			return out, false
		}
		out[i] = byte(n)
	}
	return out, true
}

func parseIPv6(s string) ([16]byte, bool) {
	var out [16]byte
	var groups []uint16
	if head, tail, ok := strings.Cut(s, "::"); ok {
		if strings.Contains(tail, "::") {
			return out, false
		}
		hg, ok1 := parseHexGroups(head)
		tg, ok2 := parseHexGroups(tail)
		if !ok1 || !ok2 || len(hg)+len(tg) > 7 {
			return out, false
		}
		groups = make([]uint16, 8)
		copy(groups, hg)
		copy(groups[8-len(tg):], tg)
	} else {
		g, ok := parseHexGroups(s)
		if !ok || len(g) != 8 {
			return out, false
		}
		groups = g
	}
	for i, g := range groups {
		out[2*i] = byte(g >> 8)
		out[2*i+1] = byte(g)
	}
	return out, true
}

// parseHexGroups reads colon-separated groups of 1 to 4 hex digits; the
// empty string is zero groups.
func parseHexGroups(s string) ([]uint16, bool) {
	if s == "" {
		return nil, true
	}
	out := make([]uint16, 0, strings.Count(s, ":")+1)
	for p := range strings.SplitSeq(s, ":") {
		if len(p) == 0 || len(p) > 4 {
			return nil, false
		}
		var v uint16
		for i := 0; i < len(p); i++ {
			c := p[i]
			var d byte
			switch {
			case '0' <= c && c <= '9':
				d = c - '0'
			case 'a' <= c && c <= 'f':
				d = c - 'a' + 10
			case 'A' <= c && c <= 'F':
				d = c - 'A' + 10
			default:
				return nil, false
			}
			v = v<<4 | uint16(d)
		}
		out = append(out, v)
	}
	return out, true
}

// inPrefix reports whether the first n bits of a and b agree.
func inPrefix(a, b *[16]byte, n int) bool {
	full := n / 8
	for i := 0; i < full; i++ {
		if a[i] != b[i] {
			return false
		}
	}
	if rem := n % 8; rem != 0 {
		mask := byte(0xff << (8 - rem))
		return a[full]&mask == b[full]&mask
	}
	return true
}

// isInRange reports whether every address of ip's range is in r's range.
// Addresses of different versions are never in range of each other.
func (ip *ipAddr) isInRange(r *ipAddr) bool {
	return ip.v4 == r.v4 && ip.prefix >= r.prefix && inPrefix(&ip.addr, &r.addr, int(r.prefix))
}

func (ip *ipAddr) isLoopback() bool {
	if ip.v4 {
		return ip.prefix >= 8 && ip.addr[0] == 127
	}
	var one [16]byte
	one[15] = 1
	return ip.prefix == 128 && ip.addr == one
}

func (ip *ipAddr) isMulticast() bool {
	if ip.v4 {
		return ip.prefix >= 4 && ip.addr[0]&0xf0 == 0xe0
	}
	return ip.prefix >= 8 && ip.addr[0] == 0xff
}

// String renders the address with its prefix, as Cedar prints it.
func (ip *ipAddr) String() string {
	var b strings.Builder
	if ip.v4 {
		for i := 0; i < 4; i++ {
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(strconv.Itoa(int(ip.addr[i])))
		}
	} else {
		for i := 0; i < 8; i++ {
			if i > 0 {
				b.WriteByte(':')
			}
			b.WriteString(strconv.FormatUint(uint64(ip.addr[2*i])<<8|uint64(ip.addr[2*i+1]), 16))
		}
	}
	b.WriteByte('/')
	b.WriteString(strconv.Itoa(int(ip.prefix)))
	return b.String()
}
