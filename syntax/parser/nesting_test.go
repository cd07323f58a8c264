package parser_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// wrap returns core inside n copies of open ... close.
func wrap(open, close string, n int, core string) string {
	return strings.Repeat(open, n) + core + strings.Repeat(close, n)
}

// flat returns n copies of term joined by op.
func flat(term, op string, n int) string {
	return strings.Repeat(term+op, n-1) + term
}

// elseIfs returns an else-if chain of n arms.
func elseIfs(n int) string {
	return strings.Repeat("if context.a then 1 else ", n) + "0"
}

// leftParens returns a chain of n terms joined by op, each prefix
// parenthesized as other printers write left-nested trees:
// ((t op t) op t) op t.
func leftParens(term, op string, n int) string {
	return strings.Repeat("(", n-1) + term + strings.Repeat(op+term+")", n-1)
}

// TestNestingLimit: the parser rejects an expression exactly when
// syntax.Nesting says it is deeper than the limit, and parses flat chains,
// else-if chains and runs of parentheses of any length.
func TestNestingLimit(t *testing.T) {
	const max = syntax.MaxNesting
	tests := []struct {
		name string
		src  string
		ok   bool
	}{
		{"sets at the limit", wrap("[", "]", max-1, "1"), true},
		{"sets past the limit", wrap("[", "]", max, "1"), false},
		{"records at the limit", wrap("{a: ", "}", max-1, "1"), true},
		{"records past the limit", wrap("{a: ", "}", max, "1"), false},
		{"negations at the limit", wrap("!(", ")", max-1, "true"), true},
		{"negations past the limit", wrap("!(", ")", max, "true"), false},
		{"right-nested sums at the limit", wrap("1 + (", ")", (max-1)/2, "1"), true},
		{"if in then branches at the limit", wrap("if true then ", " else 0", max-1, "1"), true},
		{"if in then branches past the limit", wrap("if true then ", " else 0", max, "1"), false},
		{"calls past the limit", wrap("context.contains(", ")", max, "1"), false},
		{"attribute chain at the limit", "context" + strings.Repeat(".a", max-1), true},
		{"attribute chain past the limit", "context" + strings.Repeat(".a", max), false},
		// Redundant parentheses cost recursion but no tree level.
		{"sets in parentheses at the limit", wrap("[(", ")]", max-1, "1"), true},
		{"sets in parentheses past the limit", wrap("[(", ")]", max, "1"), false},
		{"redundant parentheses", wrap("(", ")", 100_000, "1"), true},
		{"or chain of 2500", flat("true", " || ", 2500), true},
		{"or chain of 200000", flat("true", " || ", 200_000), true},
		{"and chain of 200000", flat("true", " && ", 200_000), true},
		{"sum chain of 200000", flat("1 + 2", " - ", 100_000), true},
		{"product chain of 200000", flat("2", " * ", 200_000), true},
		{"else-if chain of 5000", elseIfs(5000), true},
		{"else-if chain of 100000", elseIfs(100_000), true},
		{"left-parenthesized chain of 100000", leftParens("true", " || ", 100_000), true},
		// Hostile input fails fast, without exhausting the stack.
		{"100000 open brackets", strings.Repeat("[", 100_000) + "1", false},
		{"100000 open records", strings.Repeat("{a: ", 100_000) + "1", false},
		{"100000 open ifs", strings.Repeat("if true then ", 100_000) + "1", false},
		{"100000 negations", strings.Repeat("!(", 100_000) + "1", false},
		{"100000 sets in parentheses", strings.Repeat("[(", 100_000) + "1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "permit(principal, action, resource) when { " + tt.src + " };"
			ps, err := parser.ParsePolicySet("nest.cedar", []byte(src))
			if tt.ok {
				if err != nil {
					t.Fatalf("got %v, want success", err)
				}
				if n := syntax.Nesting(ps.Policies[0].Conditions[0].Body, max); n > max {
					t.Fatalf("accepted a condition of nesting %d", n)
				}
				return
			}
			if e := syntax.FirstError(err); e == nil || e.Kind != parser.KindNestingTooDeep {
				t.Fatalf("got %v, want %s", err, parser.KindNestingTooDeep)
			}
		})
	}
}

// TestNestingErrorPosition: the error points at the sub-expression where
// the limit is passed.
func TestNestingErrorPosition(t *testing.T) {
	const max = syntax.MaxNesting
	tests := []struct {
		name string
		src  string
		col  int
	}{
		{"innermost literal of sets", wrap("[", "]", max, "1"), max + 1},
		{"innermost literal of negations", wrap("!(", ")", max, "true"), 2*max + 1},
		{"innermost literal after 100000 brackets", strings.Repeat("[", 100_000) + "1", 2*max + 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parser.ParseExpr("e.cedar", []byte(tt.src))
			e := syntax.FirstError(err)
			if e == nil || e.Kind != parser.KindNestingTooDeep || e.Pos.Line != 1 || e.Pos.Column != tt.col {
				t.Fatalf("got %v, want %s at 1:%d", err, parser.KindNestingTooDeep, tt.col)
			}
			if !strings.Contains(e.Msg, "512") {
				t.Errorf("message %q does not name the limit", e.Msg)
			}
		})
	}
}

// TestMaxDepthOption: the limit is an option, with the same rule.
func TestMaxDepthOption(t *testing.T) {
	tests := []struct {
		src   string
		limit int
		ok    bool
	}{
		{wrap("[", "]", 9, "1"), 10, true},
		{wrap("[", "]", 10, "1"), 10, false},
		{wrap("(", ")", 20, "1"), 10, true},
		{flat("1", " + ", 1000), 2, true},
		{flat("1", " == 1 && ", 3), 2, false},
	}
	for _, tt := range tests {
		_, err := parser.ParseExpr("", []byte(tt.src), parser.MaxDepth(tt.limit))
		if tt.ok != (err == nil) {
			t.Errorf("MaxDepth(%d) on %.40q: got %v, want ok=%v", tt.limit, tt.src, err, tt.ok)
		}
	}
}

// TestParenthesizedChains: a left-nested chain written with parentheses
// is the same tree as the flat chain, with the same positions.
func TestParenthesizedChains(t *testing.T) {
	for _, op := range []string{" || ", " && ", " + ", " * "} {
		want, err := parser.ParseExpr("", []byte(flat("1", op, 4)))
		if err != nil {
			t.Fatal(err)
		}
		got, err := parser.ParseExpr("", []byte(leftParens("1", op, 4)))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, ignorePos); diff != "" {
			t.Errorf("%q: (-flat +parenthesized)\n%s", op, diff)
		}
	}
	// Positions: the operand that starts with `(` starts there.
	e, err := parser.ParseExpr("", []byte("((principal).a || true)"))
	if err != nil {
		t.Fatal(err)
	}
	or := e.(*syntax.Binary)
	if or.Pos.Column != 2 || or.Left.Position().Column != 2 {
		t.Errorf("positions: || at %v, .a at %v, want column 2 for both", or.Pos, or.Left.Position())
	}
}
