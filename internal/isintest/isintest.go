// Package isintest holds the inputs of the tests that pin `x is T in y`
// as linear in every walker: nested is-in tests, built programmatically,
// and small cases to compare the shared form the readers build (one node
// x under the Is and the In) with the same tree with x copied, which the
// walkers treat as two separate operands.
package isintest

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Nested is an expression of n nested is-in tests, well typed (a User
// principal, Group parents): n times X -> (if (X is User in Group::"g")
// then principal else principal), from X = principal, and then one
// more test, `X is User in Group::"g"`, so that it is a Bool. A walker
// that visits x twice per test visits the innermost principal 2^(n+1)
// times.
func Nested(n int) string {
	x := "principal"
	for range n {
		x = "(if (" + x + ` is User in Group::"g") then principal else principal)`
	}
	return x + ` is User in Group::"g"`
}

// NestedUntyped is n nested is-in tests applied to the previous result,
// `((principal is User in Group::"g") is User in Group::"g") ...`: it
// fails at run time (the second test is on a Bool), but compiling,
// printing or walking it must still be linear.
func NestedUntyped(n int) string {
	x := "principal"
	for range n {
		x = "(" + x + ` is User in Group::"g")`
	}
	return x
}

// Policy is `permit(principal, action, resource) when { cond };`.
func Policy(cond string) string {
	return "permit(principal, action, resource) when { " + cond + " };"
}

// Cases are small expressions with is-in tests, for comparing the shared
// and the copied forms: true, false, errors in x, in the Is, in y and in
// the In, a y skipped because the Is is false, sets, chains around the
// test, and nested tests. The principal is expected to be a User in
// Group "g" (and not "h"); the resource a Photo; context has no "missing".
var Cases = []string{
	`principal is User in Group::"g"`,
	`principal is User in Group::"h"`,
	`principal is Group in Group::"g"`,
	`principal is Group in (1 + "a")`,
	`principal is User in (1 + "a")`,
	`1 is User in Group::"g"`,
	`(1 + "a") is User in Group::"g"`,
	`context.missing is User in Group::"g"`,
	`principal is User in [Group::"g", Group::"h"]`,
	`principal is User in [Group::"h"]`,
	`principal is User in [1]`,
	`principal is User in 1`,
	`principal is User in principal`,
	`resource is User in Group::"g"`,
	`resource is Photo in Group::"g"`,
	`principal is User in Group::"g" && false`,
	`principal is User in Group::"g" && 1`,
	`principal is User in Group::"h" && 1`,
	`true && principal is User in Group::"g"`,
	`principal is User in Group::"g" || 1`,
	`principal is User in Group::"g" && principal is User in Group::"h"`,
	`principal is User in Group::"g" && resource is Photo in Group::"g" && true`,
	`!(principal is User in Group::"g")`,
	`if principal is User in Group::"g" then 1 else 2`,
	`(if (principal is User in Group::"g") then principal else resource) is User in Group::"g"`,
	`(if (principal is User in Group::"h") then principal else resource) is User in Group::"g"`,
	Nested(3),
	NestedUntyped(3),
}

// Unshare returns a copy of e in which the x of every `x is T in y` is
// copied for the In, so that no node is shared: the tree the walkers
// handle as the two operands x is T and x in y.
func Unshare(e syntax.Expr) syntax.Expr {
	return copyExpr(e, true)
}

// Copy returns a deep copy of e that keeps the sharing of each is-in.
func Copy(e syntax.Expr) syntax.Expr {
	return copyExpr(e, false)
}

func copyExpr(e syntax.Expr, unshare bool) syntax.Expr {
	cp := func(x syntax.Expr) syntax.Expr { return copyExpr(x, unshare) }
	switch e := e.(type) {
	case *syntax.Literal:
		c := *e
		return &c
	case *syntax.Variable:
		c := *e
		return &c
	case *syntax.Slot:
		c := *e
		return &c
	case *syntax.Unary:
		c := *e
		c.Arg = cp(e.Arg)
		return &c
	case *syntax.Binary:
		c := *e
		if is, in, ok := syntax.AsIsIn(e); ok {
			ci, cn := *is, *in
			ci.Left = cp(is.Left)
			cn.Left = ci.Left
			if unshare {
				cn.Left = cp(is.Left)
			}
			cn.Right = cp(in.Right)
			c.Left, c.Right = &ci, &cn
			return &c
		}
		c.Left, c.Right = cp(e.Left), cp(e.Right)
		return &c
	case *syntax.If:
		return &syntax.If{Pos: e.Pos, Cond: cp(e.Cond), Then: cp(e.Then), Else: cp(e.Else)}
	case *syntax.GetAttr:
		return &syntax.GetAttr{Pos: e.Pos, Left: cp(e.Left), Attr: e.Attr}
	case *syntax.Has:
		return &syntax.Has{Pos: e.Pos, Left: cp(e.Left), Attr: e.Attr}
	case *syntax.Like:
		return &syntax.Like{Pos: e.Pos, Left: cp(e.Left), Pattern: e.Pattern}
	case *syntax.Is:
		return &syntax.Is{Pos: e.Pos, Left: cp(e.Left), Type: e.Type}
	case *syntax.SetExpr:
		c := &syntax.SetExpr{Pos: e.Pos}
		for _, x := range e.Elems {
			c.Elems = append(c.Elems, cp(x))
		}
		return c
	case *syntax.RecordExpr:
		c := &syntax.RecordExpr{Pos: e.Pos}
		for _, f := range e.Fields {
			c.Fields = append(c.Fields, syntax.Field{Key: f.Key, Value: cp(f.Value)})
		}
		return c
	case *syntax.Call:
		c := &syntax.Call{Pos: e.Pos, Name: e.Name}
		for _, x := range e.Args {
			c.Args = append(c.Args, cp(x))
		}
		return c
	}
	return e
}

// Shared counts the is-in tests of e whose x is shared (syntax.AsIsIn),
// each distinct node once.
func Shared(e syntax.Expr) int {
	n := 0
	syntax.Inspect(e, func(x syntax.Expr) bool {
		if _, _, ok := syntax.AsIsIn(x); ok {
			n++
		}
		return true
	})
	return n
}

// Linear reports whether costs measured at n and 2n levels grow at most
// about linearly (at most 3 times, plus slack), where x visited twice per
// level would make them 2^n times larger.
func Linear(at, at2 float64) bool {
	return at2 <= 3*at+64
}
