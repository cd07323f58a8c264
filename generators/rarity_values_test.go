package generators

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// The readers of the rarity predicates are written by hand for speed;
// these tests check them against straightforward regexp and big.Int
// readings of the same definitions, on every string of a small alphabet
// and on random longer ones.

var (
	oracleDurationRe = regexp.MustCompile(`^(\d+)(ms|d|h|m|s)`)
	oracleDateRe     = regexp.MustCompile(`^(\d{4})-(\d\d)-(\d\d)`)
)

func oracleDurationMillis(s string) (int64, bool, bool) {
	body := strings.TrimPrefix(s, "-")
	if body == "" {
		return 0, false, false
	}
	order := map[string]int{"d": 0, "h": 1, "m": 2, "s": 3, "ms": 4}
	scale := []int64{86400000, 3600000, 60000, 1000, 1}
	total, next := new(big.Int), 0
	for rest := body; rest != ""; {
		m := oracleDurationRe.FindStringSubmatch(rest)
		if m == nil || order[m[2]] < next {
			return 0, false, false
		}
		next = order[m[2]] + 1
		n, _ := new(big.Int).SetString(m[1], 10)
		total.Add(total, n.Mul(n, big.NewInt(scale[order[m[2]]])))
		rest = rest[len(m[0]):]
	}
	if strings.HasPrefix(s, "-") {
		total.Neg(total)
	}
	if !total.IsInt64() {
		return 0, false, true
	}
	return total.Int64(), true, true
}

func oracleInvalidDay(s string) bool {
	m := oracleDateRe.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	var y, mo, d int
	fmt.Sscanf(m[1]+" "+m[2]+" "+m[3], "%d %d %d", &y, &mo, &d)
	if mo < 1 || mo > 12 {
		return true
	}
	days := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[mo-1]
	if mo == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d < 1 || d > days
}

// strings over alphabet of every length up to n.
func allStrings(alphabet []string, n int) []string {
	out, level := []string{""}, []string{""}
	for range n {
		var nextLevel []string
		for _, p := range level {
			for _, a := range alphabet {
				nextLevel = append(nextLevel, p+a)
			}
		}
		out, level = append(out, nextLevel...), nextLevel
	}
	return out
}

func TestDurationMillisAgreesWithOracle(t *testing.T) {
	bounds := []string{"9223372036854775807", "9223372036854775808", "9223372036854775809", "106751991167", "106751991168", "18446744073709551616", "99999999999999999999999"}
	cases := allStrings([]string{"-", "1", "0", "d", "h", "m", "s", "ms", "x"}, 4)
	for _, b := range bounds {
		for _, u := range []string{"ms", "s", "m", "h", "d"} {
			cases = append(cases, b+u, "-"+b+u, "1d"+b+u, "-1d"+b+u, b+u+"1ms")
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	parts := []string{"-", "0", "7", "12", "9223372036854775", "d", "h", "m", "s", "ms", "1d", "2h", "3m", "4s", "5ms"}
	for range 20000 {
		var sb strings.Builder
		for range r.IntN(8) {
			sb.WriteString(parts[r.IntN(len(parts))])
		}
		cases = append(cases, sb.String())
	}
	for _, s := range cases {
		ms, valid, wellFormed := durationMillis(s)
		wms, wvalid, wwellFormed := oracleDurationMillis(s)
		if ms != wms || valid != wvalid || wellFormed != wwellFormed {
			t.Fatalf("durationMillis(%q) = %d, %v, %v; want %d, %v, %v", s, ms, valid, wellFormed, wms, wvalid, wwellFormed)
		}
	}
}

func TestInvalidDayAgreesWithOracle(t *testing.T) {
	var cases []string
	for _, y := range []string{"2023", "2024", "1900", "2000", "0000", "9999", "202x", "+202"} {
		for mo := -1; mo <= 13; mo++ {
			for d := -1; d <= 33; d++ {
				cases = append(cases, fmt.Sprintf("%s-%02d-%02d", y, mo, d), fmt.Sprintf("%s-%02d-%02dT00:00:00Z", y, mo, d))
			}
		}
	}
	cases = append(cases, "", "2024", "2024-02", "2024-02-2", "2024/02/29", "2024-0a-01", "2024-01-0a")
	for _, s := range cases {
		if got, want := invalidDay(s), oracleInvalidDay(s); got != want {
			t.Fatalf("invalidDay(%q) = %v, want %v", s, got, want)
		}
	}
}
