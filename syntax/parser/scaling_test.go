package parser_test

import (
	"fmt"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// growth returns how many times longer parse takes on build(8n) than on
// build(n). It measures the CPU time of the process, not the wall clock,
// and takes the fastest of a few runs of each, so that a busy machine
// does not make a linear parser look quadratic. Linear parsing gives
// about 8, quadratic about 64.
func growth(tb testing.TB, n int, build func(n int) string, parse func(src []byte) error) float64 {
	tb.Helper()
	best := func(src []byte) time.Duration {
		var min time.Duration
		for i := 0; i < 3; i++ {
			runtime.GC()
			start := cpuTime(tb)
			if err := parse(src); err != nil {
				tb.Fatal(err)
			}
			if d := cpuTime(tb) - start; i == 0 || d < min {
				min = d
			}
		}
		return max(min, time.Millisecond)
	}
	small, large := best([]byte(build(n))), best([]byte(build(8*n)))
	tb.Logf("n=%d: %v, 8n: %v", n, small, large)
	return float64(large) / float64(small)
}

// cpuTime returns the CPU time the process has used.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// maxGrowth is the largest growth accepted for an input 8 times larger:
// well above linear (8) and n log n, well below quadratic (64).
const maxGrowth = 20

const policyHead = "permit(principal, action, resource)"

// TestParseScales: every kind of large input parses in time about linear
// in its size.
func TestParseScales(t *testing.T) {
	if testing.Short() {
		t.Skip("measures parse times")
	}
	lines := func(n int, f func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(f(i))
		}
		return b.String()
	}
	tests := []struct {
		name  string
		n     int
		build func(n int) string
	}{
		{"annotations", 12_500, func(n int) string {
			return lines(n, func(i int) string { return fmt.Sprintf("@a%d(\"x\")\n", i) }) + policyHead + ";"
		}},
		{"record fields", 12_500, func(n int) string {
			return policyHead + " when { {" + lines(n, func(i int) string { return fmt.Sprintf("a%d: %d, ", i, i) }) + "} has a };"
		}},
		{"policies", 12_500, func(n int) string {
			return lines(n, func(i int) string { return fmt.Sprintf("permit(principal == User::\"%d\", action, resource);\n", i) })
		}},
		{"set elements", 12_500, func(n int) string {
			return policyHead + " when { [" + lines(n, func(i int) string { return fmt.Sprintf("%d, ", i) }) + "].isEmpty() };"
		}},
		{"action scope entities", 12_500, func(n int) string {
			return "permit(principal, action in [" + lines(n, func(i int) string { return fmt.Sprintf("Action::\"%d\", ", i) }) + "], resource);"
		}},
		{"string with escapes", 100_000, func(n int) string {
			return policyHead + " when { context.a == \"" + strings.Repeat(`\n\u{1F600}a`, n) + "\" };"
		}},
		{"like pattern", 100_000, func(n int) string {
			return policyHead + " when { context.a like \"" + strings.Repeat(`*\*a`, n) + "\" };"
		}},
		{"or chain", 12_500, func(n int) string {
			return policyHead + " when { " + strings.Repeat("context.a || ", n) + "true };"
		}},
		{"else-if chain", 12_500, func(n int) string {
			return policyHead + " when { " + strings.Repeat("if context.a then 1 else ", n) + "0 };"
		}},
		{"redundant parentheses", 12_500, func(n int) string {
			return policyHead + " when { " + strings.Repeat("(", n) + "true" + strings.Repeat(")", n) + " };"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parse := func(src []byte) error {
				_, err := parser.ParsePolicySet("big.cedar", src)
				return err
			}
			if g := growth(t, tt.n, tt.build, parse); g > maxGrowth {
				t.Errorf("8 times the input took %.0f times as long", g)
			}
		})
	}
}
