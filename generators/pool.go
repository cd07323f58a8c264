package generators

import "math"

// The constant pools. Data and policy literals draw from the same pools,
// so that equal values on both sides of a comparison are likely, and
// each pool leads with the edge cases that implementations get wrong.

// longCommon holds everyday Longs, led by 0 and -1; longEdge the i64
// bounds and values near overflow (products of two of them, or of one
// and a small number, overflow).
var (
	longCommon = []int64{0, -1, 1, 2, 7, 10, 42, 100, -100, 1000}
	longEdge   = []int64{
		math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1,
		1 << 32, -(1 << 31), 1 << 62, 3037000499, -3037000500,
	}
)

// smallLongPool is used where an operand of arithmetic is wanted: it
// keeps overflow possible but rare.
var smallLongPool = []int64{0, 1, -1, 2, 3, 5, 10, 42, -7, 100}

// stringPool holds the strings of attribute values, tag keys, tag
// values and entity ids: empty, case variants, a star (a literal in
// data, a wildcard candidate in patterns), escapes and non-ASCII, and
// "héllo" in two Unicode normal forms (Cedar compares strings exactly).
var stringPool = []string{
	"", "a", "alice", "bob", "Alice", "admin", "read", "a*b", "foo bar",
	"héllo", "he\u0301llo", "x\ny", `q"uote`, "back\\slash", "0", "ab", "abc", "🦀", "*",
}

// idPool holds entity ids.
var idPool = []string{"alice", "bob", "", "carol", "a b", "0", "ü", "x::y", "dave", "eve", `q"\`}

// enumPool holds the ids of enumerated entity types.
var enumPool = []string{"red", "green", "blue", "", "on", "off"}

// Extension literal strings: valid ones (with the edge cases of each
// format) and invalid ones (each a different way to be wrong).
var (
	decimalValid = []string{
		"0.0", "1.5", "1.50", "-0.5", "12.3456", "3.14", "100.0", "00.000", "-1.0001", "-0.0",
		"922337203685477.5807", "-922337203685477.5808",
	}
	decimalInvalid = []string{"1", "1.", ".1", "0.12345", "922337203685477.5808", "abc", "", "+1.0", "1e3"}

	ipValid = []string{
		"127.0.0.1", "10.0.0.1/24", "10.0.0.0/8", "192.168.1.1", "::1", "ff02::1",
		"224.0.0.1", "0.0.0.0/0", "::/0", "2001:db8::/32", "127.0.0.1/7", "::ffff:ff00:1",
		"255.255.255.255", "10.0.0.0/24", "127.0.0.0/8", "192.168.1.1/32", "::1/128", "FF02::1",
	}
	ipInvalid = []string{
		"01.2.3.4", "1.2.3", "::ffff:1.2.3.4", "1.2.3.4/33", "1.2.3.4%eth0", "[::1]",
		"1.2.3.4/", "256.0.0.1", "", "1::2::3",
	}

	datetimeValid = []string{
		"2024-01-01", "1970-01-01", "2024-02-29T12:30:00Z", "2024-10-15T11:35:00.123Z",
		"2024-10-15T11:35:00+0100", "0000-01-01", "9999-12-31T23:59:59-2359",
		"2000-01-01T00:00:00.000-0530", "1969-12-31T23:59:59Z", "2024-01-01T00:00:00Z",
		"2023-12-31T23:00:00-0100",
	}
	datetimeInvalid = []string{
		"2023-02-29", "2024-10-15Z", "2024-10-15T11:35:00", "24-01-01", "2024-13-01",
		"2024-01-01T24:00:00Z", "2024-01-01 ", "",
	}

	durationValid = []string{
		"1h", "30m", "-1d", "1d2h3m4s5ms", "0ms", "1500ms", "-1500ms", "90s", "1d",
		"-2h30m", "60m", "3600s", "9223372036854775807ms",
	}
	durationInvalid = []string{"", "-", "1s1d", "d", "1h ", "1.5h", "1s1s", "1d-1s"}
)

// The valid pools hold equal values written differently (decimal "1.5"
// and "1.50", ip "192.168.1.1" and "192.168.1.1/32", datetime
// "2024-01-01" and "2024-01-01T00:00:00Z", duration "1h", "60m" and
// "3600s"), because equality is by value.

// extValid and extInvalid map an extension type to its literal pools.
var (
	extValid = map[string][]string{
		"decimal": decimalValid, "ipaddr": ipValid, "datetime": datetimeValid, "duration": durationValid,
	}
	extInvalid = map[string][]string{
		"decimal": decimalInvalid, "ipaddr": ipInvalid, "datetime": datetimeInvalid, "duration": durationInvalid,
	}
	// extConstructor is the constructor function of each extension type.
	extConstructor = map[string]string{
		"decimal": "decimal", "ipaddr": "ip", "datetime": "datetime", "duration": "duration",
	}
)

// extTypes lists the extension types in a fixed order.
var extTypes = []string{"decimal", "ipaddr", "datetime", "duration"}

// Names for schema elements.
var (
	typeNamePool = []string{
		"User", "Group", "Document", "Folder", "Team", "Device", "Role", "Photo", "Album", "Account",
		"Region", "Org", "Repo", "Issue", "Service", "Tenant",
	}
	namespacePool = []string{"App", "Acme::Core", "N"}
	attrNamePool  = []string{
		"name", "age", "level", "owner", "labels", "email", "active", "score", "addr",
		"created", "ttl", "balance", "manager", "info", "members", "limit", "nick", "if", "x y",
	}
	actionNamePool = []string{"view", "edit", "delete", "share", "comment", "list", "create", "admin op"}
	groupNamePool  = []string{"readOnly", "write", "all"}
)
