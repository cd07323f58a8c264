package parser_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/scaling"

	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

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
			if g := scaling.Growth(t, tt.n, tt.build, parse); g > scaling.MaxGrowth {
				t.Errorf("8 times the input took %.0f times as long", g)
			}
		})
	}
}
