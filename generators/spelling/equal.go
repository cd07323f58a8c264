package spelling

import (
	"slices"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
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
// and Form marks. printer.Equal, which compares Forms too, answers most
// cases without go-cmp's reflection.
func sameTree(a, b syntax.Expr) bool {
	return printer.Equal(a, b) || cmp.Equal(a, b, sameOptions...)
}

// PolicyDiff returns how policy b differs from a up to what a
// re-spelling may change (positions, Form marks, `action in [A]` versus
// `action in A`), as a go-cmp diff, or "" when they are the same.
func PolicyDiff(a, b *syntax.Policy) string {
	a, b = singleActionIn(a), singleActionIn(b)
	if sameExactly(a, b) {
		return "" // the parse checks compare thousands of policies a second
	}
	return cmp.Diff(a, b, sameOptions...)
}

// sameExactly reports whether two policies are equal field by field up
// to positions, Form marks included: a stricter test than sameOptions,
// so a policy it accepts is one cmp.Diff would find no difference in.
func sameExactly(a, b *syntax.Policy) bool {
	sameScope := func(x, y syntax.Scope) bool {
		return x.Op == y.Op && x.Type == y.Type && x.Entity == y.Entity && x.Slot == y.Slot && slices.Equal(x.Entities, y.Entities)
	}
	sameAnnotation := func(x, y syntax.Annotation) bool {
		return x.Key == y.Key && x.Value == y.Value && x.HasValue == y.HasValue
	}
	sameCondition := func(x, y syntax.Condition) bool { return x.Kind == y.Kind && printer.Equal(x.Body, y.Body) }
	return a.ID == b.ID && a.Effect == b.Effect && slices.EqualFunc(a.Annotations, b.Annotations, sameAnnotation) &&
		sameScope(a.Principal, b.Principal) && sameScope(a.Action, b.Action) && sameScope(a.Resource, b.Resource) &&
		slices.EqualFunc(a.Conditions, b.Conditions, sameCondition)
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
