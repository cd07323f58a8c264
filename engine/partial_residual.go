// Residual expressions: building them, and the policy condition that
// partial authorization evaluates.

package engine

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// pval is the result of partial evaluation: a value, or, when res is not
// nil, a residual expression whose value depends on the unknowns.
type pval struct {
	v   value
	res syntax.Expr
}

func known(v value) pval          { return pval{v: v} }
func residual(e syntax.Expr) pval { return pval{res: e} }
func (p pval) isResidual() bool   { return p.res != nil }

// expr is p as an expression: the residual, or the value written back
// as Value.Expr writes it.
func (p pval) expr() syntax.Expr {
	if p.res != nil {
		return p.res
	}
	return valueExpr(p.v)
}

// projectable reports whether a residual record or set can be looked
// into without evaluating anything that could fail: every part of it is
// a literal, an unknown, a variable, or a set or record of those. This is
// the official engine's test; an extension value inside (decimal("1.0"),
// written back as a call) makes a record not projectable.
func projectable(e syntax.Expr) bool {
	switch e := e.(type) {
	case *syntax.Literal, *syntax.Variable:
		return true
	case *syntax.Call:
		_, ok := syntax.UnknownName(e)
		return ok
	case *syntax.SetExpr:
		for _, x := range e.Elems {
			if !projectable(x) {
				return false
			}
		}
		return true
	case *syntax.RecordExpr:
		for _, f := range e.Fields {
			if !projectable(f.Value) {
				return false
			}
		}
		return true
	}
	return false
}

// policyCondition is the whole condition of a policy as one expression,
// shaped as the official engine builds it, so that residuals have the
// same shape: principal && (action && (resource && body)), where each
// scope constraint is an expression on its variable (true when
// unconstrained) and body is c1 && (c2 && ...) over the when clauses and
// the negated unless clauses (true when there are none).
func policyCondition(p *syntax.Policy) syntax.Expr {
	body := syntax.Expr(nil)
	for i := len(p.Conditions) - 1; i >= 0; i-- {
		c := p.Conditions[i]
		e := c.Body
		if c.Kind == syntax.Unless {
			e = &syntax.Unary{Pos: c.Pos, Op: syntax.OpNot, Arg: e}
		}
		if body == nil {
			body = e
		} else {
			body = &syntax.Binary{Pos: c.Pos, Op: syntax.OpAnd, Left: e, Right: body}
		}
	}
	if body == nil {
		body = syntax.Bool(true)
	}
	r := scopeExpr(syntax.VarResource, p.Resource)
	a := scopeExpr(syntax.VarAction, p.Action)
	pr := scopeExpr(syntax.VarPrincipal, p.Principal)
	return syntax.Bin(syntax.OpAnd, pr, syntax.Bin(syntax.OpAnd, a, syntax.Bin(syntax.OpAnd, r, body)))
}

// scopeExpr is one scope constraint as an expression on variable v. A
// template slot stays a Slot, evaluated from the link's values.
func scopeExpr(v syntax.Var, s syntax.Scope) syntax.Expr {
	x := &syntax.Variable{Pos: s.Pos, Var: v}
	target := func() syntax.Expr {
		if s.Slot != "" {
			return &syntax.Slot{Pos: s.Pos, ID: s.Slot}
		}
		return &syntax.Literal{Pos: s.Pos, Value: s.Entity}
	}
	switch s.Op {
	case syntax.ScopeEq:
		return &syntax.Binary{Pos: s.Pos, Op: syntax.OpEq, Left: x, Right: target()}
	case syntax.ScopeIn:
		return &syntax.Binary{Pos: s.Pos, Op: syntax.OpIn, Left: x, Right: target()}
	case syntax.ScopeIs:
		return &syntax.Is{Pos: s.Pos, Left: x, Type: s.Type}
	case syntax.ScopeIsIn:
		return &syntax.Binary{Pos: s.Pos, Op: syntax.OpAnd,
			Left:  &syntax.Is{Pos: s.Pos, Left: x, Type: s.Type},
			Right: &syntax.Binary{Pos: s.Pos, Op: syntax.OpIn, Left: x, Right: target()}}
	case syntax.ScopeInSet:
		set := &syntax.SetExpr{Pos: s.Pos}
		for _, u := range s.Entities {
			set.Elems = append(set.Elems, &syntax.Literal{Pos: s.Pos, Value: u})
		}
		return &syntax.Binary{Pos: s.Pos, Op: syntax.OpIn, Left: x, Right: set}
	}
	return &syntax.Literal{Pos: s.Pos, Value: true}
}
