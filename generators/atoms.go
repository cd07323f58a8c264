package generators

import "github.com/cedar-crosscheck/crosscheck/syntax"

// genOrder generates <, <=, > or >= between Longs, datetimes or
// durations.
func (g *gen) genOrder(e *env, d int) syntax.Expr {
	t := syntax.Type(tLong)
	if g.s.Extensions && g.chance(40) {
		t = tExt(pick(g.draw, []string{"datetime", "duration"}))
	}
	l, r := g.genValue(e, t, d), g.genValue(e, t, d)
	switch g.intn(4) {
	case 0:
		return syntax.Bin(syntax.OpLess, l, r)
	case 1:
		return syntax.Bin(syntax.OpLessEq, l, r)
	case 2:
		return &syntax.Unary{Op: syntax.OpNot, Arg: syntax.Bin(syntax.OpLessEq, l, r), Form: syntax.FormGreater}
	default:
		return &syntax.Unary{Op: syntax.OpNot, Arg: syntax.Bin(syntax.OpLess, l, r), Form: syntax.FormGreaterEq}
	}
}

// entityExpr returns an entity-valued expression and its type when that
// is known ("" when it is a request variable whose type the scope does
// not fix).
func (g *gen) entityExpr(e *env, d int) (syntax.Expr, syntax.EntityType) {
	entityPaths := e.countPaths(isEntityAccess)
	pathW := 0
	if entityPaths > 0 {
		pathW = 3
	}
	switch g.weighted([]int{5, 4, pathW, 1}) {
	case 0:
		return syntax.VarExpr(syntax.VarPrincipal), e.principal
	case 1:
		return syntax.VarExpr(syntax.VarResource), e.resource
	case 2:
		p := g.pickPath(e, isEntityAccess, entityPaths)
		return g.usePath(e, p), p.typ.(*syntax.EntityRefType).Name
	}
	t := pick(g.draw, g.si.types)
	return g.entityLit(g.entityOf(t)), t
}

// ancestorFor returns an entity literal that an entity of type t is
// likely to be in: a real ancestor of one, or failing that one of them.
func (g *gen) ancestorFor(t syntax.EntityType) syntax.EntityUID {
	if t == "" {
		t = pick(g.draw, g.si.types)
	}
	uids := g.st.byType[t]
	if len(uids) > 0 {
		u := pick(g.draw, uids)
		if anc := g.st.ancestors[u]; len(anc) > 0 && g.chance(80) {
			return pick(g.draw, anc)
		}
		if g.chance(50) {
			return u
		}
	}
	// Some entity of a type t can be in.
	var cands []syntax.EntityType
	for _, at := range g.si.types {
		if g.si.ancestorTypes[t][at] {
			cands = append(cands, at)
		}
	}
	if len(cands) == 0 || g.chance(20) {
		return g.entityOf(t)
	}
	return g.entityOf(pick(g.draw, cands))
}

// genIn generates `x in y` with y an entity, a set of entities of one
// type, or an entity-valued attribute.
func (g *gen) genIn(e *env, d int) syntax.Expr {
	lhs, t := g.entityExpr(e, d)
	switch g.weighted([]int{6, 3, 2}) {
	case 0:
		return syntax.Bin(syntax.OpIn, lhs, g.entityLit(g.ancestorFor(t)))
	case 1:
		first := g.ancestorFor(t)
		set := &syntax.SetExpr{Elems: []syntax.Expr{g.entityLit(first)}}
		for range g.intn(g.s.MaxWidth) {
			set.Elems = append(set.Elems, g.entityLit(g.entityOf(first.Type)))
		}
		return syntax.Bin(syntax.OpIn, lhs, set)
	}
	// An entity or set of entities from the data.
	n := e.countPaths(isEntityOrSet)
	if n == 0 {
		return syntax.Bin(syntax.OpIn, lhs, g.entityLit(g.ancestorFor(t)))
	}
	return syntax.Bin(syntax.OpIn, lhs, g.usePath(e, g.pickPath(e, isEntityOrSet, n)))
}

// genHas generates `x has a` on an entity or record, usually for an
// attribute that x's type declares.
func (g *gen) genHas(e *env) syntax.Expr {
	hasAttrs := func(p *path) bool {
		switch t := p.typ.(type) {
		case *syntax.RecordType:
			return true
		case *syntax.EntityRefType:
			d := g.si.def(t.Name)
			return d != nil && !d.IsEnum()
		}
		return false
	}
	n := e.countPaths(hasAttrs)
	if n == 0 || g.noise(30) {
		v := syntax.VarExpr(pick(g.draw, []syntax.Var{syntax.VarPrincipal, syntax.VarResource, syntax.VarContext}))
		return &syntax.Has{Left: v, Attr: pick(g.draw, attrNamePool)}
	}
	p := g.pickPath(e, hasAttrs, n)
	var declared []attr
	switch t := p.typ.(type) {
	case *syntax.RecordType:
		declared = g.attrs(t)
	case *syntax.EntityRefType:
		declared = g.attrs(g.si.def(t.Name).Shape)
	}
	name := pick(g.draw, attrNamePool)
	if len(declared) > 0 && g.chance(80) {
		name = pick(g.draw, declared).name
	}
	return &syntax.Has{Left: g.usePath(e, p), Attr: name}
}

// genPattern makes a `like` pattern from a string in use: the string
// itself, or with wildcards in place of some of its characters.
func (g *gen) genPattern() syntax.Pattern {
	s := []rune(pick(g.draw, stringPool))
	var pat syntax.Pattern
	mode := g.intn(5)
	for i, r := range s {
		if mode == 1 && i == 0 || mode == 3 && g.chance(30) {
			pat = append(pat, syntax.PatternElem{Wildcard: true})
			if mode == 1 {
				continue
			}
		}
		pat = append(pat, syntax.PatternElem{Char: r})
	}
	if mode == 2 || mode == 4 || len(pat) == 0 && g.chance(50) {
		pat = append(pat, syntax.PatternElem{Wildcard: true})
	}
	return pat
}

// genIs generates `x is T` or `x is T in y`.
func (g *gen) genIs(e *env, d int) syntax.Expr {
	lhs, t := g.entityExpr(e, d)
	if t == "" || g.chance(40) {
		t = pick(g.draw, g.si.types)
	}
	is := &syntax.Is{Left: lhs, Type: t}
	if g.chance(30) {
		in := syntax.Bin(syntax.OpIn, cloneExpr(lhs), g.entityLit(g.ancestorFor(t)))
		return &syntax.Binary{Op: syntax.OpAnd, Left: is, Right: in, Form: syntax.FormIsIn}
	}
	return is
}

// genTag generates a tag test: a comparison of a guarded getTag value,
// or a bare hasTag.
func (g *gen) genTag(e *env, d int) syntax.Expr {
	if n := e.countPaths(isTagAccess); n > 0 && g.chance(70) {
		p := g.pickPath(e, isTagAccess, n)
		v := g.usePath(e, p)
		if st, ok := p.typ.(*syntax.SetType); ok {
			return syntax.Bin(syntax.OpContains, v, g.genValue(e, st.Elem, d))
		}
		return syntax.Bin(syntax.OpEq, v, g.genValue(e, p.typ, d))
	}
	lhs, _ := g.entityExpr(e, d)
	return syntax.Bin(syntax.OpHasTag, lhs, g.pickString(tagKeyValues))
}

// genSetOp generates contains, containsAll, containsAny or isEmpty.
func (g *gen) genSetOp(e *env, d int) syntax.Expr {
	var st *syntax.SetType
	if n := e.countPaths(isSetPath); n > 0 && g.chance(70) {
		st = g.pickPath(e, isSetPath, n).typ.(*syntax.SetType)
	} else {
		elem := g.basicType()
		if _, ok := elem.(*syntax.SetType); ok {
			elem = tLong
		}
		st = &syntax.SetType{Elem: elem}
	}
	set := g.genValue(e, st, d)
	switch g.weighted([]int{4, 2, 2, 1}) {
	case 0:
		return syntax.Bin(syntax.OpContains, set, g.genValue(e, st.Elem, d))
	case 1:
		return syntax.Bin(syntax.OpContainsAll, set, g.genValue(e, st, d))
	case 2:
		return syntax.Bin(syntax.OpContainsAny, set, g.genValue(e, st, d))
	}
	return syntax.IsEmpty(set)
}

// genExtBool generates a decimal comparison method or an ipaddr test.
func (g *gen) genExtBool(e *env, d int) syntax.Expr {
	if g.intn(2) == 0 {
		m := pick(g.draw, []string{"lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual"})
		return &syntax.Call{Name: m, Args: []syntax.Expr{g.genValue(e, tExt("decimal"), d), g.genValue(e, tExt("decimal"), d)}}
	}
	ip := g.genValue(e, tExt("ipaddr"), d)
	m := pick(g.draw, []string{"isIpv4", "isIpv6", "isLoopback", "isMulticast", "isInRange", "isInRange"})
	if m == "isInRange" {
		return &syntax.Call{Name: m, Args: []syntax.Expr{ip, g.genValue(e, tExt("ipaddr"), d)}}
	}
	return &syntax.Call{Name: m, Args: []syntax.Expr{ip}}
}

// genActionTest generates a test of the action variable.
func (g *gen) genActionTest(e *env) syntax.Expr {
	act := syntax.VarExpr(syntax.VarAction)
	all := g.si.all
	switch g.intn(3) {
	case 0:
		return syntax.Bin(syntax.OpEq, act, g.entityLit(pick(g.draw, all)))
	case 1:
		return syntax.Bin(syntax.OpIn, act, g.entityLit(pick(g.draw, all)))
	}
	set := &syntax.SetExpr{}
	var buf [2]syntax.EntityUID
	for _, a := range distinctInto(g.draw, buf[:0], all, g.between(1, 2)) {
		set.Elems = append(set.Elems, g.entityLit(a))
	}
	return syntax.Bin(syntax.OpIn, act, set)
}

// genNarrow fixes a request type the scope left open and then talks
// about it: `principal is T && c`, `resource is T && c` or
// `action == A && c`, where c may use T's attributes or A's context. In
// the environments where the test is statically false, && short
// circuits, so c need only type check where it holds.
func (g *gen) genNarrow(e *env, d int) syntax.Expr {
	var opts []int
	if e.principal == "" {
		opts = append(opts, 0)
	}
	if e.resource == "" {
		opts = append(opts, 1)
	}
	if len(e.actions) > 1 {
		opts = append(opts, 2)
	}
	if len(opts) == 0 {
		return g.genBool(e, d)
	}
	var test syntax.Expr
	var sub *env
	switch pick(g.draw, opts) {
	case 0:
		t := pick(g.draw, e.principals)
		test = &syntax.Is{Left: syntax.VarExpr(syntax.VarPrincipal), Type: t}
		sub = g.newEnv(e.actions, []syntax.EntityType{t}, e.resources)
	case 1:
		t := pick(g.draw, e.resources)
		test = &syntax.Is{Left: syntax.VarExpr(syntax.VarResource), Type: t}
		sub = g.newEnv(e.actions, e.principals, []syntax.EntityType{t})
	default:
		a := pick(g.draw, e.actions)
		test = syntax.Bin(syntax.OpEq, syntax.VarExpr(syntax.VarAction), g.entityLit(a))
		sub = g.newEnv([]syntax.EntityUID{a}, g.principalTypesOf(a, e.principals), g.resourceTypesOf(a, e.resources))
	}
	body := g.genBool(sub, d)
	g.releaseEnv(sub)
	return syntax.Bin(syntax.OpAnd, test, body)
}

// Path predicates for countPaths and pickPath.

// isEntityAccess matches the entity-typed attribute and tag accesses.
func isEntityAccess(p *path) bool {
	_, ok := p.typ.(*syntax.EntityRefType)
	return ok && p.depth > 0
}

// isEntityOrSet matches entities and sets of entities.
func isEntityOrSet(p *path) bool {
	switch t := p.typ.(type) {
	case *syntax.EntityRefType:
		return true
	case *syntax.SetType:
		_, ok := t.Elem.(*syntax.EntityRefType)
		return ok
	}
	return false
}

// isTagAccess matches the paths whose last step is a getTag.
func isTagAccess(p *path) bool {
	return p.depth > 0 && p.last.tag
}

// isSetPath matches the set-typed paths.
func isSetPath(p *path) bool {
	_, ok := p.typ.(*syntax.SetType)
	return ok
}
