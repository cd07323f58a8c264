package validator

import "github.com/cedar-crosscheck/crosscheck/syntax"

// A capability records a fact that holds whenever some expression has
// evaluated to true: that Expr has the attribute Attr (established by
// `Expr has Attr`), or that Expr has the tag Tag (established by
// `Expr.hasTag(Tag)`). Optional attributes and tags may be read only under
// a matching capability. Expressions are compared structurally, ignoring
// source positions.
type capability struct {
	expr syntax.Expr
	attr string      // the attribute, when tag is nil
	tag  syntax.Expr // the tag key expression, for a tag capability
}

// capabilities is a set of capabilities; nil is the empty set.
type capabilities []capability

func attrCapability(e syntax.Expr, attr string) capabilities {
	return capabilities{{expr: e, attr: attr}}
}

func tagCapability(e, tag syntax.Expr) capabilities {
	return capabilities{{expr: e, tag: tag}}
}

func (c capability) equal(d capability) bool {
	if (c.tag == nil) != (d.tag == nil) {
		return false
	}
	if c.tag == nil {
		return c.attr == d.attr && exprEqual(c.expr, d.expr)
	}
	return exprEqual(c.tag, d.tag) && exprEqual(c.expr, d.expr)
}

func (cs capabilities) has(c capability) bool {
	for _, d := range cs {
		if d.equal(c) {
			return true
		}
	}
	return false
}

func (cs capabilities) hasAttr(e syntax.Expr, attr string) bool {
	return cs.has(capability{expr: e, attr: attr})
}

func (cs capabilities) hasTag(e, tag syntax.Expr) bool {
	return cs.has(capability{expr: e, tag: tag})
}

// union is the set of capabilities in either set: what is known after
// both operands of && are true.
func (cs capabilities) union(ds capabilities) capabilities {
	if len(ds) == 0 {
		return cs
	}
	out := append(capabilities(nil), cs...)
	for _, d := range ds {
		if !out.has(d) {
			out = append(out, d)
		}
	}
	return out
}

// intersect is the set of capabilities in both sets: what is known after
// one of two alternatives (of || or if) was taken.
func (cs capabilities) intersect(ds capabilities) capabilities {
	var out capabilities
	for _, c := range cs {
		if ds.has(c) {
			out = append(out, c)
		}
	}
	return out
}

// exprEqual is structural equality of expressions, ignoring positions and
// the remembered surface syntax. Record literals compare as maps.
func exprEqual(a, b syntax.Expr) bool {
	if a == b && a != nil {
		return true // one node, such as the shared x of `x is T in y`
	}
	switch a := a.(type) {
	case *syntax.Literal:
		b, ok := b.(*syntax.Literal)
		return ok && a.Value == b.Value
	case *syntax.Variable:
		b, ok := b.(*syntax.Variable)
		return ok && a.Var == b.Var
	case *syntax.Slot:
		b, ok := b.(*syntax.Slot)
		return ok && a.ID == b.ID
	case *syntax.Unary:
		b, ok := b.(*syntax.Unary)
		return ok && a.Op == b.Op && exprEqual(a.Arg, b.Arg)
	case *syntax.Binary:
		b, ok := b.(*syntax.Binary)
		return ok && a.Op == b.Op && exprEqual(a.Left, b.Left) && exprEqual(a.Right, b.Right)
	case *syntax.If:
		b, ok := b.(*syntax.If)
		return ok && exprEqual(a.Cond, b.Cond) && exprEqual(a.Then, b.Then) && exprEqual(a.Else, b.Else)
	case *syntax.GetAttr:
		b, ok := b.(*syntax.GetAttr)
		return ok && a.Attr == b.Attr && exprEqual(a.Left, b.Left)
	case *syntax.Has:
		b, ok := b.(*syntax.Has)
		return ok && a.Attr == b.Attr && exprEqual(a.Left, b.Left)
	case *syntax.Like:
		b, ok := b.(*syntax.Like)
		return ok && patternEqual(a.Pattern, b.Pattern) && exprEqual(a.Left, b.Left)
	case *syntax.Is:
		b, ok := b.(*syntax.Is)
		return ok && a.Type == b.Type && exprEqual(a.Left, b.Left)
	case *syntax.SetExpr:
		b, ok := b.(*syntax.SetExpr)
		return ok && exprsEqual(a.Elems, b.Elems)
	case *syntax.RecordExpr:
		b, ok := b.(*syntax.RecordExpr)
		if !ok || len(a.Fields) != len(b.Fields) {
			return false
		}
		for _, f := range a.Fields {
			g := findField(b.Fields, f.Key)
			if g == nil || !exprEqual(f.Value, g.Value) {
				return false
			}
		}
		return true
	case *syntax.Call:
		b, ok := b.(*syntax.Call)
		return ok && a.Name == b.Name && exprsEqual(a.Args, b.Args)
	}
	return false
}

func exprsEqual(as, bs []syntax.Expr) bool {
	if len(as) != len(bs) {
		return false
	}
	for i := range as {
		if !exprEqual(as[i], bs[i]) {
			return false
		}
	}
	return true
}

func patternEqual(a, b syntax.Pattern) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func findField(fs []syntax.Field, key string) *syntax.Field {
	for i := range fs {
		if fs[i].Key == key {
			return &fs[i]
		}
	}
	return nil
}
