package spelling

import (
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// sameOptions compare trees up to what a re-spelling may change:
// positions, the Form marks of sugar, and nil versus empty lists.
var sameOptions = []cmp.Option{
	cmpopts.IgnoreTypes(syntax.Pos{}),
	cmpopts.IgnoreFields(syntax.Unary{}, "Form"),
	cmpopts.IgnoreFields(syntax.Binary{}, "Form"),
	cmpopts.EquateEmpty(),
}

// sameTree reports whether two expressions are one tree up to positions
// and Form marks.
func sameTree(a, b syntax.Expr) bool { return cmp.Equal(a, b, sameOptions...) }

// PolicyDiff returns how policy b differs from a up to what a
// re-spelling may change (positions, Form marks, `action in [A]` versus
// `action in A`), as a go-cmp diff, or "" when they are the same.
func PolicyDiff(a, b *syntax.Policy) string {
	return cmp.Diff(singleActionIn(a), singleActionIn(b), sameOptions...)
}

// singleActionIn rewrites the action scope `in [A]` to `in A`.
func singleActionIn(p *syntax.Policy) *syntax.Policy {
	if p.Action.Op != syntax.ScopeInSet || len(p.Action.Entities) != 1 {
		return p
	}
	c := *p
	c.Action = syntax.Scope{Op: syntax.ScopeIn, Entity: p.Action.Entities[0]}
	return &c
}
