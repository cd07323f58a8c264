package shrink

import (
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// The weights of Cost. A request, a policy or an entity outweighs
// anything inside it, so removing one is always progress even when what
// remains is rearranged; an expression node outweighs the digits and
// letters of a literal.
const (
	costRequest   = 10000
	costPolicy    = 2000
	costEntity    = 500
	costDecl      = 100 // an entity type or action of the schema
	costField     = 40  // an attribute, tag, parent, annotation or schema attribute
	costCondition = 20
	costNode      = 10 // an expression node, a scope constraint, a set element
)

// Cost measures the size of a test: a weighted count of its requests,
// policies, entities and their parts, schema declarations and expression
// nodes, plus the length of its literals. Minimize accepts only
// candidates that cost strictly less than the test they come from.
func Cost(t *generators.Test) int {
	c := len(t.Requests) * costRequest
	for i := range t.Requests {
		r := &t.Requests[i]
		c += exprCost(r.Context) + len(r.Principal.ID) + len(r.Resource.ID)
	}
	if t.Policies != nil {
		for _, p := range t.Policies.Policies {
			c += policyCost(p)
		}
		c += len(t.Policies.Links) * costPolicy
	}
	for _, e := range t.Entities {
		c += costEntity + costField*(len(e.Attrs)+len(e.Tags)+len(e.Parents)) + len(e.UID.ID)
		for _, p := range e.Parents {
			c += len(p.ID)
		}
		if e.Tags != nil {
			c++ // an empty tag list still prints as "tags": {}
		}
		for _, f := range e.Attrs {
			c += exprCost(f.Value)
		}
		for _, f := range e.Tags {
			c += exprCost(f.Value)
		}
	}
	return c + schemaCost(t.Schema)
}

func policyCost(p *syntax.Policy) int {
	c := costPolicy + costField*len(p.Annotations) + costCondition*len(p.Conditions)
	for _, s := range []syntax.Scope{p.Principal, p.Action, p.Resource} {
		if s.Op != syntax.ScopeAll {
			c += costNode*(1+len(s.Entities)) + len(s.Entity.ID)
			for _, u := range s.Entities {
				c += len(u.ID)
			}
		}
	}
	if p.Effect == syntax.Forbid {
		c++ // permit is the simpler effect
	}
	for _, cd := range p.Conditions {
		c += exprCost(cd.Body)
	}
	return c
}

func schemaCost(s *syntax.Schema) int {
	if s == nil {
		return 0
	}
	c := 0
	for _, d := range s.EntityTypes {
		c += costDecl + costField*len(d.MemberOfTypes) + typeCost(d.Shape) + len(d.Enum)*costField
		if d.Tags != nil {
			c += costField + typeCost(d.Tags)
		}
	}
	for _, a := range s.Actions {
		c += costDecl + costField*len(a.MemberOf)
		if a.AppliesTo != nil {
			c += costField*(len(a.AppliesTo.PrincipalTypes)+len(a.AppliesTo.ResourceTypes)) + typeCost(a.AppliesTo.Context)
		}
	}
	return c
}

func typeCost(t syntax.Type) int {
	switch t := t.(type) {
	case *syntax.SetType:
		return 1 + typeCost(t.Elem)
	case *syntax.RecordType:
		if t == nil {
			return 0
		}
		c := 0
		for _, a := range t.Attrs {
			c += costField + typeCost(a.Type)
		}
		return c
	}
	return 1
}

// exprCost is the cost of an expression: costNode per node plus the size
// of its literals.
func exprCost(e syntax.Expr) int {
	if e == nil {
		return 0
	}
	c := costNode
	switch e := e.(type) {
	case *syntax.Literal:
		c += literalCost(e.Value)
	case *syntax.Like:
		c += len(e.Pattern)
	case *syntax.GetAttr:
		c += len(e.Attr)
	case *syntax.Has:
		c += len(e.Attr)
	case *syntax.RecordExpr:
		for _, f := range e.Fields {
			c += len(f.Key)
		}
	}
	for _, x := range children(e) {
		c += exprCost(x)
	}
	return c
}

// literalCost orders literals of one node: true before false, and
// shorter numbers and strings first.
func literalCost(v syntax.LiteralValue) int {
	switch v := v.(type) {
	case bool:
		if v {
			return 0
		}
		return 1
	case int64:
		n := 0
		if v < 0 {
			n++
		}
		for v != 0 {
			n++
			v /= 10
		}
		return n
	case string:
		return len(v)
	case syntax.EntityUID:
		return 2 + len(v.ID)
	}
	return 0
}

// Nodes counts the nodes of an expression.
func Nodes(e syntax.Expr) int {
	if e == nil {
		return 0
	}
	n := 1
	for _, x := range children(e) {
		n += Nodes(x)
	}
	return n
}

// PolicyNodes counts the AST nodes of a policy set: one per scope
// constraint that is not "all", plus the nodes of every condition.
func PolicyNodes(ps *syntax.PolicySet) int {
	if ps == nil {
		return 0
	}
	n := 0
	for _, p := range ps.Policies {
		for _, s := range []syntax.Scope{p.Principal, p.Action, p.Resource} {
			if s.Op != syntax.ScopeAll {
				n++
			}
		}
		for _, cd := range p.Conditions {
			n += Nodes(cd.Body)
		}
	}
	return n
}

// children returns the direct sub-expressions of e, in source order.
func children(e syntax.Expr) []syntax.Expr {
	switch e := e.(type) {
	case *syntax.Unary:
		return []syntax.Expr{e.Arg}
	case *syntax.Binary:
		return []syntax.Expr{e.Left, e.Right}
	case *syntax.If:
		return []syntax.Expr{e.Cond, e.Then, e.Else}
	case *syntax.GetAttr:
		return []syntax.Expr{e.Left}
	case *syntax.Has:
		return []syntax.Expr{e.Left}
	case *syntax.Like:
		return []syntax.Expr{e.Left}
	case *syntax.Is:
		return []syntax.Expr{e.Left}
	case *syntax.SetExpr:
		return e.Elems
	case *syntax.RecordExpr:
		out := make([]syntax.Expr, len(e.Fields))
		for i, f := range e.Fields {
			out[i] = f.Value
		}
		return out
	case *syntax.Call:
		return e.Args
	}
	return nil
}

// withChild returns a copy of e with its i-th child (in the order of
// children) replaced by c.
func withChild(e syntax.Expr, i int, c syntax.Expr) syntax.Expr {
	switch e := e.(type) {
	case *syntax.Unary:
		n := *e
		n.Arg = c
		return &n
	case *syntax.Binary:
		n := *e
		if i == 0 {
			n.Left = c
		} else {
			n.Right = c
		}
		return &n
	case *syntax.If:
		n := *e
		switch i {
		case 0:
			n.Cond = c
		case 1:
			n.Then = c
		default:
			n.Else = c
		}
		return &n
	case *syntax.GetAttr:
		n := *e
		n.Left = c
		return &n
	case *syntax.Has:
		n := *e
		n.Left = c
		return &n
	case *syntax.Like:
		n := *e
		n.Left = c
		return &n
	case *syntax.Is:
		n := *e
		n.Left = c
		return &n
	case *syntax.SetExpr:
		return &syntax.SetExpr{Pos: e.Pos, Elems: replaced(e.Elems, i, c)}
	case *syntax.RecordExpr:
		f := e.Fields[i]
		f.Value = c
		return &syntax.RecordExpr{Pos: e.Pos, Fields: replaced(e.Fields, i, f)}
	case *syntax.Call:
		return &syntax.Call{Pos: e.Pos, Name: e.Name, Args: replaced(e.Args, i, c)}
	}
	return e
}
