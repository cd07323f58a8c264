package validator

import "github.com/cedar-crosscheck/crosscheck/syntax"

// A conjunct is one part of a policy's condition: a scope constraint or
// a condition body, negated for an unless body.
type conjunct struct {
	e       syntax.Expr
	negated bool
}

// policyExprs returns a policy's scope as one expression, principalScope
// && (actionScope && resourceScope), and its whole condition as its
// conjuncts: the three scope constraints, then the when bodies and the
// negated unless bodies in order. The condition is typed as their
// conjunction, each conjunct an expression of its own (typeOfCondition).
func policyExprs(p *syntax.Policy) (scope syntax.Expr, cond []conjunct) {
	ps := scopeExpr(syntax.VarPrincipal, p.Principal)
	as := scopeExpr(syntax.VarAction, p.Action)
	rs := scopeExpr(syntax.VarResource, p.Resource)
	cond = []conjunct{{e: ps}, {e: as}, {e: rs}}
	for _, c := range p.Conditions {
		cond = append(cond, conjunct{c.Body, c.Kind == syntax.Unless})
	}
	return and(p.Pos, ps, and(p.Pos, as, rs)), cond
}

func and(pos syntax.Pos, a, b syntax.Expr) syntax.Expr {
	return &syntax.Binary{Pos: pos, Op: syntax.OpAnd, Left: a, Right: b}
}

// scopeExpr is the expression one scope constraint stands for.
func scopeExpr(v syntax.Var, sc syntax.Scope) syntax.Expr {
	x := &syntax.Variable{Pos: sc.Pos, Var: v}
	rhs := func() syntax.Expr {
		if sc.Slot != "" {
			return &syntax.Slot{Pos: sc.Pos, ID: sc.Slot}
		}
		return &syntax.Literal{Pos: sc.Pos, Value: sc.Entity}
	}
	switch sc.Op {
	case syntax.ScopeEq:
		return &syntax.Binary{Pos: sc.Pos, Op: syntax.OpEq, Left: x, Right: rhs()}
	case syntax.ScopeIn:
		return &syntax.Binary{Pos: sc.Pos, Op: syntax.OpIn, Left: x, Right: rhs()}
	case syntax.ScopeIs:
		return &syntax.Is{Pos: sc.Pos, Left: x, Type: sc.Type}
	case syntax.ScopeIsIn:
		return &syntax.Binary{Pos: sc.Pos, Op: syntax.OpAnd, Form: syntax.FormIsIn,
			Left:  &syntax.Is{Pos: sc.Pos, Left: x, Type: sc.Type},
			Right: &syntax.Binary{Pos: sc.Pos, Op: syntax.OpIn, Left: x, Right: rhs()}}
	case syntax.ScopeInSet:
		set := &syntax.SetExpr{Pos: sc.Pos}
		for _, uid := range sc.Entities {
			set.Elems = append(set.Elems, &syntax.Literal{Pos: sc.Pos, Value: uid})
		}
		return &syntax.Binary{Pos: sc.Pos, Op: syntax.OpIn, Left: x, Right: set}
	}
	return &syntax.Literal{Pos: sc.Pos, Value: true}
}

// substituteAction replaces the variable action by the literal uid, so
// that the typing rules for literals decide action tests exactly.
func substituteAction(e syntax.Expr, uid syntax.EntityUID) syntax.Expr {
	return rewrite(e, func(x syntax.Expr) syntax.Expr {
		if v, ok := x.(*syntax.Variable); ok && v.Var == syntax.VarAction {
			return &syntax.Literal{Pos: v.Pos, Value: uid}
		}
		return nil
	})
}

// substituteActionIn replaces the variable action by the literal uid in
// every conjunct.
func substituteActionIn(cond []conjunct, uid syntax.EntityUID) []conjunct {
	out := make([]conjunct, len(cond))
	for i, c := range cond {
		out[i] = conjunct{substituteAction(c.e, uid), c.negated}
	}
	return out
}

// substituteSlots replaces each slot by the uid it is linked to.
func substituteSlots(e syntax.Expr, values map[syntax.SlotID]syntax.EntityUID) syntax.Expr {
	return rewrite(e, func(x syntax.Expr) syntax.Expr {
		if s, ok := x.(*syntax.Slot); ok {
			if uid, ok := values[s.ID]; ok {
				return &syntax.Literal{Pos: s.Pos, Value: uid}
			}
		}
		return nil
	})
}

// rewrite returns a copy of e in which every node for which leaf returns
// a non-nil expression is replaced by it. It is syntax.Rewrite: a node
// shared by several (the x of `x is T in y`, the prefixes of
// `e has a.b.c`) has one copy shared the same way, so that the copy of
// nested is-in and has-path tests costs linear time and typing it stays
// linear.
func rewrite(e syntax.Expr, leaf func(syntax.Expr) syntax.Expr) syntax.Expr {
	return syntax.Rewrite(e, func(x syntax.Expr) (syntax.Expr, bool) {
		r := leaf(x)
		return r, r != nil
	})
}
