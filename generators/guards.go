package generators

import "github.com/cedar-crosscheck/crosscheck/syntax"

// guard is one `has` or `hasTag` test that must hold before an optional
// step is taken. prefix is the key of the expression tested.
type guard struct {
	expr   syntax.Expr
	prefix string
	attr   string
	tag    bool
}

// usePath builds the expression of p, a path of e, and records the guards its
// optional steps need in g.guards; the enclosing Boolean atom puts them
// in front of itself (see wrapGuards).
func (g *gen) usePath(e *env, p path) syntax.Expr {
	cur := g.root(&p)
	key := p.key
	var buf [maxPathSteps]step
	for _, s := range e.steps(&p, &buf) {
		if !s.required && !g.noise(30) {
			var test syntax.Expr
			if s.tag {
				test = syntax.Bin(syntax.OpHasTag, cloneExpr(cur), g.stringLit(s.attr))
			} else {
				test = &syntax.Has{Left: cloneExpr(cur), Attr: s.attr}
			}
			g.addGuard(guard{expr: test, prefix: key, attr: s.attr, tag: s.tag})
		}
		if s.tag {
			cur = syntax.Bin(syntax.OpGetTag, cur, g.stringLit(s.attr))
			key += ".getTag(" + syntax.Quote(s.attr) + ")"
		} else {
			cur = &syntax.GetAttr{Left: cur, Attr: s.attr}
			key += "." + syntax.Quote(s.attr)
		}
	}
	return cur
}

// addGuard records a guard unless an equal one is already pending.
func (g *gen) addGuard(gd guard) {
	for _, x := range g.guards {
		if x.prefix == gd.prefix && x.attr == gd.attr && x.tag == gd.tag {
			return
		}
	}
	g.guards = append(g.guards, gd)
}

// wrapGuards puts the guards recorded since mark in front of atom:
// `((g1 && g2) && atom)`. Consecutive `has` guards along one chain get
// FormHasPath, so that printers write them as `e has a.b`, when the
// attributes are identifiers (`e has "x y".b` cannot be written).
func (g *gen) wrapGuards(mark int, atom syntax.Expr) syntax.Expr {
	gs := g.guards[mark:]
	if len(gs) == 0 {
		return atom
	}
	var acc syntax.Expr
	chain := false
	for i, gd := range gs {
		if i == 0 {
			acc = gd.expr
			chain = !gd.tag
			continue
		}
		prev := gs[i-1]
		and := syntax.Bin(syntax.OpAnd, acc, gd.expr)
		if chain && !gd.tag && pathIdent(prev.attr) && pathIdent(gd.attr) && prev.prefix+"."+syntax.Quote(prev.attr) == gd.prefix {
			and.Form = syntax.FormHasPath
		} else {
			chain = false
		}
		acc = and
	}
	g.guards = g.guards[:mark]
	return syntax.Bin(syntax.OpAnd, acc, atom)
}

// pathIdent reports whether attr can be written in an extended `has`
// path (`e has a.b`): only unreserved identifiers can.
func pathIdent(attr string) bool { return syntax.IsIdent(attr) && !syntax.ReservedWords[attr] }
