package printer_test

import (
	"math"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

func TestExprText(t *testing.T) {
	ctx := syntax.VarExpr(syntax.VarContext)
	tests := []struct {
		e    syntax.Expr
		want string
	}{
		{syntax.Long(-5), `-5`},
		{syntax.Neg(syntax.Long(5)), `-(5)`},
		{syntax.Neg(syntax.Long(-5)), `--5`},
		{syntax.Neg(syntax.Neg(syntax.Neg(syntax.Neg(syntax.Long(-5))))), `----(-5)`},
		{syntax.Long(math.MinInt64), `-9223372036854775808`},
		{syntax.Not(syntax.Long(-1)), `!(-1)`},
		{syntax.Not(syntax.Neg(ctx)), `!(-context)`},
		{syntax.Neg(syntax.Not(ctx)), `-(!context)`},
		{syntax.Not(syntax.Not(syntax.Not(syntax.Not(syntax.Not(ctx))))), `!!!!(!context)`},
		{&syntax.GetAttr{Left: syntax.Long(-1), Attr: "a"}, `(-1).a`},
		{&syntax.GetAttr{Left: ctx, Attr: "if"}, `context["if"]`},
		{&syntax.GetAttr{Left: ctx, Attr: "a b"}, `context["a b"]`},
		{&syntax.GetAttr{Left: ctx, Attr: "__cedar"}, `context["__cedar"]`},
		{&syntax.Has{Left: ctx, Attr: "__cedar"}, `context has "__cedar"`},
		{&syntax.Has{Left: ctx, Attr: "true"}, `context has "true"`},
		{syntax.Bin(syntax.OpAdd, syntax.Long(1), &syntax.If{Cond: syntax.Bool(true), Then: syntax.Long(1), Else: syntax.Long(2)}),
			`1 + (if true then 1 else 2)`},
		{syntax.Bin(syntax.OpEq, syntax.Bin(syntax.OpEq, syntax.Long(1), syntax.Long(2)), syntax.Bool(true)), `(1 == 2) == true`},
		{syntax.Bin(syntax.OpSub, syntax.Long(1), syntax.Bin(syntax.OpSub, syntax.Long(2), syntax.Long(3))), `1 - (2 - 3)`},
		{syntax.Bin(syntax.OpSub, syntax.Bin(syntax.OpSub, syntax.Long(1), syntax.Long(2)), syntax.Long(-3)), `1 - 2 - -3`},
		{syntax.Bin(syntax.OpIn, &syntax.Is{Left: ctx, Type: "T"}, ctx), `(context is T) in context`},
		{&syntax.Like{Left: ctx, Pattern: syntax.Pattern{{Wildcard: true}, {Char: '*'}, {Char: '"'}, {Char: '\n'}}}, `context like "*\*\"\n"`},
		{&syntax.RecordExpr{Fields: []syntax.Field{{Key: "a", Value: syntax.Long(1)}, {Key: "if", Value: syntax.String("\x00")}}}, `{a: 1, "if": "\0"}`},
		{&syntax.Call{Name: "isInRange", Args: []syntax.Expr{&syntax.Call{Name: "ip", Args: []syntax.Expr{syntax.String("::1")}}, ctx}},
			`ip("::1").isInRange(context)`},
		{syntax.Entity(syntax.EntityUID{Type: "NS::User", ID: `a"b`}), `NS::User::"a\"b"`},
	}
	for _, tc := range tests {
		got := printer.Expr(tc.e)
		if got != tc.want {
			t.Errorf("got %s, want %s", got, tc.want)
		}
		if _, err := parser.ParseExpr("", []byte(got)); err != nil {
			t.Errorf("%s does not parse: %v", got, err)
		}
	}
}

// TestFormsFallBack: a Form whose shape does not match prints the
// desugared tree, which still parses.
func TestFormsFallBack(t *testing.T) {
	ctx := syntax.VarExpr(syntax.VarContext)
	tests := []struct {
		e    syntax.Expr
		want string
	}{
		{&syntax.Unary{Op: syntax.OpNot, Form: syntax.FormNotEq, Arg: syntax.Bin(syntax.OpLess, ctx, ctx)}, `!(context < context)`},
		{&syntax.Binary{Op: syntax.OpAnd, Form: syntax.FormIsIn, Left: &syntax.Is{Left: ctx, Type: "T"}, Right: syntax.Bin(syntax.OpIn, syntax.Long(1), ctx)},
			`context is T && 1 in context`},
		{&syntax.Binary{Op: syntax.OpAnd, Form: syntax.FormHasPath, Left: &syntax.Has{Left: ctx, Attr: "a"}, Right: &syntax.Has{Left: ctx, Attr: "b"}},
			`context has a && context has b`},
	}
	for _, tc := range tests {
		if got := printer.Expr(tc.e); got != tc.want {
			t.Errorf("got %s, want %s", got, tc.want)
		}
	}
}

func TestPolicyLayout(t *testing.T) {
	src := `@id("x") @flag permit(principal in ?principal, action in [Action::"a", Action::"b"], resource is Photo in Album::"x") when { context.a && context.b } unless { false };`
	ps, err := parser.ParsePolicySet("", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := `@id("x")
@flag
permit (
  principal in ?principal,
  action in [Action::"a", Action::"b"],
  resource is Photo in Album::"x"
)
when { context.a && context.b }
unless { false };
`
	if got := printer.PolicySet(ps); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestFormatComments(t *testing.T) {
	src := `// License header

// Doc for the first policy.
@id("first")
// Inside the annotations.
permit(principal == User::"alice", action, resource) // after the scope
// Before when.
when { context.x > 3 && principal has a.b.c } // after when
unless { context.y != "a" } ; // same line as the end
// between
forbid(principal, action, resource) when { [1, -2, -(3), --4].contains(1) && context.a_rather_long_attribute_name < 123456789 && context.another_long_name >= 1 };
// end of file
`
	want := `// License header

// Doc for the first policy.
// Inside the annotations.
@id("first")
permit (
  principal == User::"alice",
  action,
  resource
)
// after the scope
// Before when.
when { context.x > 3 && principal has a.b.c }
// after when
unless { context.y != "a" }; // same line as the end

// between
forbid (principal, action, resource)
when
{
  [1, -2, -(3), --4].contains(1) &&
  context.a_rather_long_attribute_name < 123456789 &&
  context.another_long_name >= 1
};

// end of file
`
	got, err := printer.Format("c.cedar", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	again, err := printer.Format("c.cedar", got)
	if err != nil || string(again) != string(got) {
		t.Errorf("not idempotent:\n%s", again)
	}
	for _, src := range []string{"", "// only\n// comments\n", "\n\n"} {
		got, err := printer.Format("", []byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
		}
		again, _ := printer.Format("", got)
		if string(again) != string(got) {
			t.Errorf("%q: not idempotent: %q then %q", src, got, again)
		}
	}
	if _, err := printer.Format("bad.cedar", []byte("permit(principal, action, resource) when { 1 = 2 };")); err == nil {
		t.Error("Format accepted a bad policy")
	}
}

// TestLongChains: long flat chains, else-if chains and long has paths
// parse and print in linear time (in a loop, not by recursion down the
// chain) and round-trip. Access chains and has paths are nesting, so they
// need a larger MaxDepth.
func TestLongChains(t *testing.T) {
	// Recursion down a chain would need far more stack than this.
	defer debug.SetMaxStack(debug.SetMaxStack(16 << 20))
	const n = 200_000
	tests := []struct {
		src   string
		depth int
	}{
		{"true" + strings.Repeat(" || true", n), 0},
		{"true" + strings.Repeat(" && true", n), 0},
		{"1" + strings.Repeat(" + 1 - 2", n/2), 0},
		{"2" + strings.Repeat(" * 2", n), 0},
		{strings.Repeat("if context.a then 1 else ", n/4) + "0", 0},
		{"context has a" + strings.Repeat(".a", 5000), 10_000},
		{"context" + strings.Repeat(".a", 5000), 10_000},
	}
	for _, tt := range tests {
		var opts []parser.Option
		if tt.depth > 0 {
			opts = append(opts, parser.MaxDepth(tt.depth))
		}
		e, err := parser.ParseExpr("", []byte(tt.src), opts...)
		if err != nil {
			t.Fatalf("%.30q: %v", tt.src, err)
		}
		got := printer.Expr(e)
		if got != tt.src {
			t.Errorf("%.30q: printed %d bytes differ from the source (%d bytes)", tt.src, len(got), len(tt.src))
		}
		// Equal is quadratic on has paths (their nodes are shared within
		// a tree, not between two), so compare the text printed again.
		back, err := parser.ParseExpr("", []byte(got), opts...)
		if err != nil || printer.Expr(back) != got {
			t.Errorf("%.30q: round trip: %v", tt.src, err)
		}
	}
}

// TestScopeLayout: the scope is on one line only when nothing in it is
// constrained, as in the official formatter (a short constrained scope
// is broken too).
func TestScopeLayout(t *testing.T) {
	tests := []struct{ src, want string }{
		{"permit(principal,action,resource);", "permit (principal, action, resource);\n"},
		{"forbid(principal,action,resource) when {true};", "forbid (principal, action, resource)\nwhen { true };\n"},
		{"permit(principal is A,action,resource);", "permit (\n  principal is A,\n  action,\n  resource\n);\n"},
		{"permit(principal,action,resource==A::\"a\");", "permit (\n  principal,\n  action,\n  resource == A::\"a\"\n);\n"},
	}
	for _, tt := range tests {
		got, err := printer.Format("s.cedar", []byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.src, got, tt.want)
		}
	}
}

// TestLongChainPolicy: a policy whose condition is a long chain formats
// with one operand per line.
func TestLongChainPolicy(t *testing.T) {
	defer debug.SetMaxStack(debug.SetMaxStack(16 << 20))
	const n = 100_000
	src := "permit(principal, action, resource) when { context.a" + strings.Repeat(" || context.a", n-1) + " };"
	ps, err := parser.ParsePolicySet("", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	text := printer.PolicySet(ps)
	if got := strings.Count(text, "\n  context.a"); got != n {
		t.Errorf("%d operand lines, want %d", got, n)
	}
	back, err := parser.ParsePolicySet("", []byte(text))
	if err != nil || !printer.Equal(ps.Policies[0].Conditions[0].Body, back.Policies[0].Conditions[0].Body) {
		t.Errorf("round trip: %v", err)
	}
}
