package syntax

import "slices"

// Rewrite returns a copy of e in which every node for which replace
// returns (r, true) is r, and every other node is a fresh copy with its
// sub-expressions rewritten; replace is not called inside a replaced
// node, and a nil replace copies the whole tree. e is not changed.
//
// A sub-expression that e shares (the operand x of `x is T in y`, the
// prefixes of `e has a.b.c`) is rewritten once and stays shared in the
// copy, so that rewriting costs the size of the tree as written, not of
// the tree with its sharing unfolded (which is exponential in nesting).
func Rewrite(e Expr, replace func(Expr) (Expr, bool)) Expr {
	rw := rewriter{replace: replace, done: map[Expr]Expr{}}
	return rw.expr(e)
}

// RewritePolicy is p with Rewrite applied to its condition bodies; its
// scope, annotations and conditions are copied too.
func RewritePolicy(p *Policy, replace func(Expr) (Expr, bool)) *Policy {
	c := *p
	c.Annotations = slices.Clone(p.Annotations)
	c.Principal.Entities = slices.Clone(p.Principal.Entities)
	c.Action.Entities = slices.Clone(p.Action.Entities)
	c.Resource.Entities = slices.Clone(p.Resource.Entities)
	c.Conditions = make([]Condition, len(p.Conditions))
	rw := rewriter{replace: replace, done: map[Expr]Expr{}}
	for i, cd := range p.Conditions {
		c.Conditions[i] = Condition{Pos: cd.Pos, Kind: cd.Kind, Body: rw.expr(cd.Body)}
	}
	return &c
}

type rewriter struct {
	replace func(Expr) (Expr, bool)
	done    map[Expr]Expr // each node rewritten so far, by identity
}

func (rw *rewriter) expr(e Expr) Expr {
	if e == nil {
		return nil
	}
	if r, ok := rw.done[e]; ok {
		return r
	}
	r := rw.node(e)
	rw.done[e] = r
	return r
}

func (rw *rewriter) node(e Expr) Expr {
	if rw.replace != nil {
		if r, ok := rw.replace(e); ok {
			return r
		}
	}
	switch e := e.(type) {
	case *Literal:
		c := *e
		return &c
	case *Variable:
		c := *e
		return &c
	case *Slot:
		c := *e
		return &c
	case *Unary:
		c := *e
		c.Arg = rw.expr(e.Arg)
		return &c
	case *Binary:
		c := *e
		c.Left, c.Right = rw.expr(e.Left), rw.expr(e.Right)
		return &c
	case *If:
		c := *e
		c.Cond, c.Then, c.Else = rw.expr(e.Cond), rw.expr(e.Then), rw.expr(e.Else)
		return &c
	case *GetAttr:
		c := *e
		c.Left = rw.expr(e.Left)
		return &c
	case *Has:
		c := *e
		c.Left = rw.expr(e.Left)
		return &c
	case *Like:
		c := *e
		c.Left = rw.expr(e.Left)
		c.Pattern = slices.Clone(e.Pattern)
		return &c
	case *Is:
		c := *e
		c.Left = rw.expr(e.Left)
		return &c
	case *SetExpr:
		c := *e
		c.Elems = make([]Expr, len(e.Elems))
		for i, x := range e.Elems {
			c.Elems[i] = rw.expr(x)
		}
		return &c
	case *RecordExpr:
		c := *e
		c.Fields = make([]Field, len(e.Fields))
		for i, f := range e.Fields {
			c.Fields[i] = Field{Key: f.Key, Value: rw.expr(f.Value)}
		}
		return &c
	case *Call:
		c := *e
		c.Args = make([]Expr, len(e.Args))
		for i, x := range e.Args {
			c.Args[i] = rw.expr(x)
		}
		return &c
	}
	return e
}
