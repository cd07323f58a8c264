package generators

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// cloneExpr returns a deep copy of e. Generated trees never share nodes,
// so that fault injection and shrinking can edit one place safely.
func cloneExpr(e syntax.Expr) syntax.Expr {
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
		c.Arg = cloneExpr(e.Arg)
		return &c
	case *syntax.Binary:
		c := *e
		c.Left, c.Right = cloneExpr(e.Left), cloneExpr(e.Right)
		return &c
	case *syntax.If:
		return &syntax.If{Pos: e.Pos, Cond: cloneExpr(e.Cond), Then: cloneExpr(e.Then), Else: cloneExpr(e.Else)}
	case *syntax.GetAttr:
		return &syntax.GetAttr{Pos: e.Pos, Left: cloneExpr(e.Left), Attr: e.Attr}
	case *syntax.Has:
		return &syntax.Has{Pos: e.Pos, Left: cloneExpr(e.Left), Attr: e.Attr}
	case *syntax.Like:
		return &syntax.Like{Pos: e.Pos, Left: cloneExpr(e.Left), Pattern: slices.Clone(e.Pattern)}
	case *syntax.Is:
		return &syntax.Is{Pos: e.Pos, Left: cloneExpr(e.Left), Type: e.Type}
	case *syntax.SetExpr:
		c := &syntax.SetExpr{Pos: e.Pos, Elems: make([]syntax.Expr, len(e.Elems))}
		for i, x := range e.Elems {
			c.Elems[i] = cloneExpr(x)
		}
		return c
	case *syntax.RecordExpr:
		c := &syntax.RecordExpr{Pos: e.Pos, Fields: make([]syntax.Field, len(e.Fields))}
		for i, f := range e.Fields {
			c.Fields[i] = syntax.Field{Key: f.Key, Value: cloneExpr(f.Value)}
		}
		return c
	case *syntax.Call:
		c := &syntax.Call{Pos: e.Pos, Name: e.Name, Args: make([]syntax.Expr, len(e.Args))}
		for i, x := range e.Args {
			c.Args[i] = cloneExpr(x)
		}
		return c
	}
	return e
}

// clonePolicy returns a deep copy of p.
func clonePolicy(p *syntax.Policy) *syntax.Policy {
	c := *p
	c.Annotations = slices.Clone(p.Annotations)
	c.Principal.Entities = slices.Clone(p.Principal.Entities)
	c.Action.Entities = slices.Clone(p.Action.Entities)
	c.Resource.Entities = slices.Clone(p.Resource.Entities)
	c.Conditions = make([]syntax.Condition, len(p.Conditions))
	for i, cd := range p.Conditions {
		c.Conditions[i] = syntax.Condition{Pos: cd.Pos, Kind: cd.Kind, Body: cloneExpr(cd.Body)}
	}
	return &c
}
