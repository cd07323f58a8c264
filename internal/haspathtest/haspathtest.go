// Package haspathtest holds the inputs of the tests that pin
// `e has a.b.c` as linear in every walker: nested has-path tests, built
// programmatically, and small cases to compare the shared form the
// readers build (the prefixes e, e.a, ... one node each, under the Has
// steps and the GetAttr of the next) with the same tree copied
// (isintest.Unshare), which the walkers treat as separate operands.
package haspathtest

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Context is the context the cases expect: `context has a.b.c` holds,
// context.a.b.c is a Long, context.a.s a String, context.n a Long.
const Context = `{a: {b: {c: 1}, s: "x"}, n: 1}`

// Nested is an expression of n nested has-path tests, well typed for
// Context: n times X -> (if X has a.b then context else context), from
// X = context, and then `X has a.b`, so that it is a Bool (true). A
// walker that visits each prefix once per reference visits the innermost
// context 2^(n+1) times.
func Nested(n int) string {
	x := "context"
	for range n {
		x = "(if " + x + " has a.b then context else context)"
	}
	return x + " has a.b"
}

// Policy is `permit(principal, action, resource) when { cond };`.
func Policy(cond string) string {
	return "permit(principal, action, resource) when { " + cond + " };"
}

// Cases are small expressions with has-path tests, for comparing the
// shared and the copied forms: true, false at each step (later steps not
// read), errors in e and in a step, entities in and out of the store,
// chains around the test, and nested tests. The principal is expected
// to be User "alice" with attributes {a: {b: 1}}, User "bob" absent from
// the store, and the context Context.
var Cases = []string{
	`context has a.b`,
	`context has a.b.c`,
	`context has a.z`,
	`context has z.b`,
	`context has z.b.c`,
	`context has a.z.c`,
	`context has a.b.c.d`,
	`context has n.x`,
	`context has a.s.x`,
	`context has z.s.x`,
	`principal has a.b`,
	`principal has a.b.c`,
	`principal has z.b`,
	`User::"bob" has a.b`,
	`1 has a.b`,
	`(1 + "a") has a.b`,
	`context.missing has a.b`,
	`context has a.b && false`,
	`context has a.b && 1`,
	`context has z.b && 1`,
	`true && context has a.b`,
	`context has a.b || 1`,
	`context has a.b && context has a.z`,
	`context has a.b && context.a has b.c`,
	`context has a.b.c && context has n && context has a.s`,
	`!(context has a.b)`,
	`if context has a.b then 1 else 2`,
	`(if context has a.b then context else 1) has a.b`,
	`(if context has z.b then context else 1) has a.b`,
	`{x: context}.x has a.b.c`,
	Nested(3),
}

// Shared counts the has-path steps of e whose prefix is shared
// (syntax.AsHasPathStep), each distinct node once.
func Shared(e syntax.Expr) int {
	n := 0
	syntax.Inspect(e, func(x syntax.Expr) bool {
		if _, _, ok := syntax.AsHasPathStep(x); ok {
			n++
		}
		return true
	})
	return n
}
