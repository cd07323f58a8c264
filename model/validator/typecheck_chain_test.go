package validator

import (
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

func chainOf(op syntax.BinaryOp, n int, x syntax.Expr) syntax.Expr {
	e := x
	for range n - 1 {
		e = syntax.Bin(op, e, x)
	}
	return e
}

func nots(e syntax.Expr, n int) syntax.Expr {
	for range n {
		e = syntax.Not(e)
	}
	return e
}

func elseIfs(n int, guard, then, last syntax.Expr) syntax.Expr {
	top := &syntax.If{Cond: guard, Then: then}
	at := top
	for range n - 1 {
		next := &syntax.If{Cond: guard, Then: then}
		at.Else, at = next, next
	}
	at.Else = last
	return top
}

// TestTypecheckChainsAndNesting: flat chains of any length type (they are
// one level), true nesting is limited at syntax.MaxNesting, and the limit
// applies to each condition body, not to the policy's conjunction.
func TestTypecheckChainsAndNesting(t *testing.T) {
	const max = syntax.MaxNesting
	long := syntax.Long(1)
	cases := []struct {
		name    string
		e       syntax.Expr
		want    Type   // when no error
		wantErr string // a part of the error message
	}{
		{"and 200000", chainOf(syntax.OpAnd, 200_000, syntax.Bool(true)), boolTrue, ""},
		{"or 200000", chainOf(syntax.OpOr, 200_000, syntax.Bool(false)), boolFalse, ""},
		{"or 2500 then true", syntax.Bin(syntax.OpOr, chainOf(syntax.OpOr, 2500, syntax.Bool(false)), syntax.Bool(true)), boolTrue, ""},
		{"sum 200000", chainOf(syntax.OpAdd, 200_000, long), LongType{}, ""},
		{"product 200000", chainOf(syntax.OpMul, 200_000, long), LongType{}, ""},
		{"sum 2500 with a string", syntax.Bin(syntax.OpSub, chainOf(syntax.OpAdd, 2500, long), syntax.String("x")), nil, "expected Long"},
		{"else-if 200000", elseIfs(200_000, syntax.Bool(false), long, syntax.Long(2)), LongType{}, ""},
		{"else-if 5000 non-bool guard", elseIfs(5000, long, long, long), nil, "expected Bool"},
		{"nested at limit", nots(syntax.Bool(true), max-1), boolFalse, ""},
		{"nested beyond limit", nots(syntax.Bool(true), max), nil, "nested more than"},
		{"nested far beyond limit", nots(syntax.Bool(true), 1_000_000), nil, "nested more than"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ch := &checker{env: &env{}}
			got, _, err := ch.typeOf(c.e, nil)
			switch {
			case c.wantErr != "":
				if err == nil || !strings.Contains(err.msg, c.wantErr) {
					t.Fatalf("got %v, %v; want an error with %q", got, err, c.wantErr)
				}
			case err != nil:
				t.Fatalf("unexpected error %s", err.msg)
			case got != c.want:
				t.Fatalf("got %s, want %s", got, c.want)
			}
		})
	}
	// A policy's condition: an unless body and the fifth condition
	// exactly at the limit type, as each body counts on its own.
	body := nots(syntax.Bool(false), max-1) // true
	p := &syntax.Policy{ID: "p", Conditions: []syntax.Condition{
		{Kind: syntax.When, Body: syntax.Bool(true)}, {Kind: syntax.When, Body: syntax.Bool(true)},
		{Kind: syntax.When, Body: syntax.Bool(true)}, {Kind: syntax.When, Body: syntax.Bool(true)},
		{Kind: syntax.When, Body: body}, {Kind: syntax.Unless, Body: nots(syntax.Bool(true), max-1)},
	}}
	_, cond := policyExprs(p)
	ch := &checker{env: &env{}}
	if got, err := ch.typeOfCondition(cond); err != nil || got != boolTrue {
		t.Errorf("condition with bodies at the limit: %v, %v; want True", got, err)
	}
}
