package model

import "github.com/cedar-crosscheck/crosscheck/syntax"

// Substitute replaces each unknown("name") call in e whose name values
// gives by that expression (a restricted expression: a value written as
// ValueExpr writes it); other unknowns stay. It is how a residual is
// evaluated once its unknowns are known: substitute, then evaluate
// concretely. e is not changed.
func Substitute(e syntax.Expr, values map[string]syntax.Expr) syntax.Expr {
	if name, ok := syntax.UnknownName(e); ok {
		if v, ok := values[name]; ok {
			return v
		}
		return e
	}
	sub := func(x syntax.Expr) syntax.Expr { return Substitute(x, values) }
	switch e := e.(type) {
	case *syntax.Unary:
		c := *e
		c.Arg = sub(e.Arg)
		return &c
	case *syntax.Binary:
		c := *e
		if is, in, ok := syntax.AsIsIn(e); ok {
			// x is T in y: x is substituted once and stays shared.
			x := sub(is.Left)
			ci, cn := *is, *in
			ci.Left, cn.Left, cn.Right = x, x, sub(in.Right)
			c.Left, c.Right = &ci, &cn
			return &c
		}
		c.Left, c.Right = sub(e.Left), sub(e.Right)
		return &c
	case *syntax.If:
		c := *e
		c.Cond, c.Then, c.Else = sub(e.Cond), sub(e.Then), sub(e.Else)
		return &c
	case *syntax.GetAttr:
		c := *e
		c.Left = sub(e.Left)
		return &c
	case *syntax.Has:
		c := *e
		c.Left = sub(e.Left)
		return &c
	case *syntax.Like:
		c := *e
		c.Left = sub(e.Left)
		return &c
	case *syntax.Is:
		c := *e
		c.Left = sub(e.Left)
		return &c
	case *syntax.SetExpr:
		c := &syntax.SetExpr{Pos: e.Pos, Elems: make([]syntax.Expr, len(e.Elems))}
		for i, x := range e.Elems {
			c.Elems[i] = sub(x)
		}
		return c
	case *syntax.RecordExpr:
		c := &syntax.RecordExpr{Pos: e.Pos, Fields: make([]syntax.Field, len(e.Fields))}
		for i, f := range e.Fields {
			c.Fields[i] = syntax.Field{Key: f.Key, Value: sub(f.Value)}
		}
		return c
	case *syntax.Call:
		c := &syntax.Call{Pos: e.Pos, Name: e.Name, Args: make([]syntax.Expr, len(e.Args))}
		for i, x := range e.Args {
			c.Args[i] = sub(x)
		}
		return c
	}
	return e
}

// SubstitutePolicy is p with Substitute applied to its condition bodies.
func SubstitutePolicy(p *syntax.Policy, values map[string]syntax.Expr) *syntax.Policy {
	c := *p
	c.Conditions = make([]syntax.Condition, len(p.Conditions))
	for i, cond := range p.Conditions {
		c.Conditions[i] = syntax.Condition{Kind: cond.Kind, Body: Substitute(cond.Body, values)}
	}
	return &c
}
