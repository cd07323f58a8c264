package parser_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

var fuzzSeeds = []string{
	`permit(principal, action, resource);`,
	`@id("a") forbid(principal == User::"a", action in [Action::"x", Action::"y",], resource is T in R::"r") when { context.a.b has c.d } unless { -9223372036854775808 < --1 };`,
	`permit(principal in ?principal, action, resource == ?resource) when { ip("1.2.3.4").isInRange(ip("1.0.0.0/8")) && context like "a*\*" };`,
	`permit(principal, action, resource) when { if context["if"] then {a: [1, "b\u{1F600}"]} else principal is NS::User };`,
	`permit(principal, action, resource) when { !!(1 != 2) || 3 > 4 && 5 >= 6 && [].isEmpty() && x.getTag("t") };`,
	"// comment\npermit(principal, action, resource) // trailing\nwhen { \"multi\nline\" };",
	`permit(principal, action, resource) when { ((((((1)))))) };`,
	`permit(principal, action, resource) when { 1 < 2 < 3 };`,
	`permit(principal, action, resource) when { "\x7f\0\'\"" == decimal("1.0").lessThan(decimal("2.0")) };`,
}

// FuzzParse: parsing arbitrary bytes never panics or hangs, and whatever
// parses prints to text that parses back to the same AST.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, tc := range errorCases {
		f.Add([]byte(tc.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if ps, err := parser.ParsePolicySet("fuzz", src); err == nil {
			text := printer.PolicySet(ps)
			back, err := parser.ParsePolicySet("printed", []byte(text))
			if err != nil {
				t.Fatalf("printed policy set does not parse: %v\n%s", err, text)
			}
			if diff := cmp.Diff(ps, back, ignorePos); diff != "" {
				t.Fatalf("round trip changed the AST:\n%s\n(-want +got)\n%s", text, diff)
			}
		}
		if e, err := parser.ParseExpr("fuzz", src); err == nil {
			text := printer.Expr(e)
			back, err := parser.ParseExpr("printed", []byte(text))
			if err != nil {
				t.Fatalf("printed expression does not parse: %v\n%s", err, text)
			}
			if diff := cmp.Diff(e, back, ignorePos); diff != "" {
				t.Fatalf("round trip changed the AST:\n%s\n(-want +got)\n%s", text, diff)
			}
		}
	})
}
