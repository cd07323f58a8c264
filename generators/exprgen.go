package generators

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Types the expression generator asks for by name.
var (
	tLong   = &syntax.PrimitiveType{Kind: syntax.LongType}
	tString = &syntax.PrimitiveType{Kind: syntax.StringType}
	tBool   = &syntax.PrimitiveType{Kind: syntax.BoolType}
)

func tExt(name string) *syntax.ExtensionType { return &syntax.ExtensionType{Name: name} }

// noise reports, in untyped mode only, whether to break typing at this
// point; pct is the probability in percent.
func (g *gen) noise(pct int) bool { return g.s.Mode == ModeUntyped && g.chance(pct) }

// leaf reports whether depth leaves room for no further compound node.
func (g *gen) leaf(depth int) bool { return depth >= g.s.MaxDepth }

// genBool generates a Boolean expression that type checks in e. The
// guards its attribute accesses need come first: `guards && atom`.
func (g *gen) genBool(e *env, depth int) syntax.Expr {
	mark := len(g.guards)
	return g.wrapGuards(mark, g.boolAtom(e, depth))
}

// The kinds of Boolean expression, in the order of boolAtom's weights.
const (
	bLit = iota
	bEq
	bOrder
	bIn
	bHas
	bLike
	bIs
	bTag
	bSet
	bExt
	bPath
	bNot
	bAndOr
	bIf
	bAction
	bNarrow
	bKinds
)

func (g *gen) boolAtom(e *env, depth int) syntax.Expr {
	w := make([]int, bKinds)
	w[bLit] = 1
	w[bEq] = 6
	w[bOrder] = 4
	w[bIn] = 5
	w[bHas] = 3
	if g.s.Like {
		w[bLike] = 3
	}
	w[bIs] = 2
	if g.s.Tags {
		w[bTag] = 3
	}
	w[bSet] = 5
	if g.s.Extensions {
		w[bExt] = 4
	}
	if len(e.pathsOf(tBool)) > 0 {
		w[bPath] = 2
	}
	if !g.leaf(depth) {
		w[bNot] = 2
		w[bAndOr] = 4
		w[bIf] = 1
		if e.principal == "" || e.resource == "" || len(e.actions) > 1 {
			w[bNarrow] = 4
		}
	}
	w[bAction] = 2
	d := depth + 1
	switch g.weighted(w) {
	case bLit:
		return syntax.Bool(g.intn(2) == 1)
	case bEq:
		t := g.pickType(e)
		eq := syntax.Bin(syntax.OpEq, g.genValue(e, t, d), g.genValue(e, t, d))
		if g.chance(30) {
			return &syntax.Unary{Op: syntax.OpNot, Arg: eq, Form: syntax.FormNotEq}
		}
		return eq
	case bOrder:
		return g.genOrder(e, d)
	case bIn:
		return g.genIn(e, d)
	case bHas:
		return g.genHas(e)
	case bLike:
		return &syntax.Like{Left: g.genValue(e, tString, d), Pattern: g.genPattern()}
	case bIs:
		return g.genIs(e, d)
	case bTag:
		return g.genTag(e, d)
	case bSet:
		return g.genSetOp(e, d)
	case bExt:
		return g.genExtBool(e, d)
	case bPath:
		return g.usePath(pick(g.draw, e.pathsOf(tBool)))
	case bNot:
		return syntax.Not(g.genBool(e, d))
	case bAndOr:
		op := syntax.OpAnd
		if g.intn(2) == 1 {
			op = syntax.OpOr
		}
		return syntax.Bin(op, g.genBool(e, d), g.genBool(e, d))
	case bIf:
		return &syntax.If{Cond: g.genBool(e, d), Then: g.genBool(e, d), Else: g.genBool(e, d)}
	case bAction:
		return g.genActionTest(e)
	case bNarrow:
		return g.genNarrow(e, d)
	}
	return syntax.Bool(true)
}

// pickType chooses the operand type of a comparison: usually the type of
// some available path, so that data is compared with data or literals.
func (g *gen) pickType(e *env) syntax.Type {
	if g.chance(70) {
		var ts []syntax.Type
		seen := map[string]bool{}
		for _, p := range e.paths {
			k := typeKey(p.typ)
			if !p.noValue && !seen[k] {
				seen[k] = true
				ts = append(ts, p.typ)
			}
		}
		if len(ts) > 0 {
			return pick(g.draw, ts)
		}
	}
	return g.basicType()
}

// basicType returns a type that always has literals.
func (g *gen) basicType() syntax.Type {
	w := []int{4, 4, 2, 3, 0, 1, 1}
	if g.s.Extensions {
		w[4] = 4
	}
	switch g.weighted(w) {
	case 0:
		return tLong
	case 1:
		return tString
	case 2:
		return tBool
	case 3:
		return &syntax.EntityRefType{Name: pick(g.draw, g.si.types)}
	case 4:
		return tExt(pick(g.draw, extTypes))
	case 5:
		return &syntax.SetType{Elem: tLong}
	default:
		return &syntax.SetType{Elem: tString}
	}
}

// genValue generates an expression of type t.
func (g *gen) genValue(e *env, t syntax.Type, depth int) syntax.Expr {
	if g.noise(20) {
		t = g.basicType()
	}
	leaf := g.leaf(depth)
	d := depth + 1
	paths := e.pathsOf(t)
	pathW := 0
	if len(paths) > 0 {
		pathW = 4
	}
	compound := func(w int) int {
		if leaf {
			return 0
		}
		return w
	}
	switch t := t.(type) {
	case *syntax.PrimitiveType:
		switch t.Kind {
		case syntax.BoolType:
			return g.genBool(e, depth)
		case syntax.LongType:
			durW := 0
			if g.s.Extensions {
				durW = compound(2)
			}
			switch g.weighted([]int{4, pathW, compound(3), compound(1), durW, compound(1)}) {
			case 0:
				return syntax.Long(g.longLit())
			case 1:
				return g.usePath(pick(g.draw, paths))
			case 2:
				op := pick(g.draw, []syntax.BinaryOp{syntax.OpAdd, syntax.OpSub, syntax.OpMul})
				var right syntax.Expr = syntax.Long(pick(g.draw, smallLongPool))
				if op != syntax.OpMul && g.chance(30) {
					right = g.genValue(e, tLong, d)
				}
				return syntax.Bin(op, g.genValue(e, tLong, d), right)
			case 3:
				return syntax.Neg(g.genValue(e, tLong, d))
			case 4:
				m := pick(g.draw, []string{"toMilliseconds", "toSeconds", "toMinutes", "toHours", "toDays"})
				return &syntax.Call{Name: m, Args: []syntax.Expr{g.genValue(e, tExt("duration"), d)}}
			default:
				return g.genIf(e, t, d)
			}
		default: // String
			switch g.weighted([]int{4, pathW, compound(1)}) {
			case 0:
				return syntax.String(pick(g.draw, stringPool))
			case 1:
				return g.usePath(pick(g.draw, paths))
			default:
				return g.genIf(e, t, d)
			}
		}
	case *syntax.EntityRefType:
		var vars []syntax.Var
		if e.principal == t.Name {
			vars = append(vars, syntax.VarPrincipal)
		}
		if e.resource == t.Name {
			vars = append(vars, syntax.VarResource)
		}
		varW := 0
		if len(vars) > 0 {
			varW = 3
		}
		switch g.weighted([]int{4, pathW, varW, compound(1)}) {
		case 0:
			return syntax.Entity(g.entityOf(t.Name))
		case 1:
			return g.usePath(pick(g.draw, paths))
		case 2:
			return syntax.VarExpr(pick(g.draw, vars))
		default:
			return g.genIf(e, t, d)
		}
	case *syntax.SetType:
		if g.weighted([]int{3, pathW}) == 1 {
			return g.usePath(pick(g.draw, paths))
		}
		n := g.between(1, g.s.MaxWidth)
		set := &syntax.SetExpr{}
		for range n {
			set.Elems = append(set.Elems, g.genValue(e, t.Elem, d))
		}
		return set
	case *syntax.RecordType:
		if len(paths) > 0 && (g.chance(70) || !allRequired(t)) {
			return g.usePath(pick(g.draw, paths))
		}
		rec := &syntax.RecordExpr{}
		for _, k := range sortedAttrs(t) {
			rec.Fields = append(rec.Fields, syntax.Field{Key: k, Value: g.genValue(e, t.Attrs[k].Type, d)})
		}
		return rec
	case *syntax.ExtensionType:
		methW := 0
		if t.Name == "datetime" || t.Name == "duration" {
			methW = compound(2)
		}
		switch g.weighted([]int{4, pathW, methW, compound(1)}) {
		case 0:
			return g.policyExtLit(t.Name)
		case 1:
			return g.usePath(pick(g.draw, paths))
		case 2:
			return g.genTimeMethod(e, t.Name, d)
		default:
			return g.genIf(e, t, d)
		}
	}
	return syntax.Bool(false)
}

// allRequired reports whether every attribute of rt is required, which a
// record literal needs to have type rt.
func allRequired(rt *syntax.RecordType) bool {
	for _, a := range rt.Attrs {
		if !a.Required {
			return false
		}
	}
	return true
}

// genIf generates `if c then a else b` of type t.
func (g *gen) genIf(e *env, t syntax.Type, d int) syntax.Expr {
	return &syntax.If{Cond: g.genBool(e, d), Then: g.genValue(e, t, d), Else: g.genValue(e, t, d)}
}

// genTimeMethod generates a datetime or duration from the methods that
// return one: offset and toDate, or durationSince and toTime.
func (g *gen) genTimeMethod(e *env, ext string, d int) syntax.Expr {
	dt := func() syntax.Expr { return g.genValue(e, tExt("datetime"), d) }
	if ext == "datetime" {
		if g.intn(2) == 0 {
			return &syntax.Call{Name: "offset", Args: []syntax.Expr{dt(), g.genValue(e, tExt("duration"), d)}}
		}
		return &syntax.Call{Name: "toDate", Args: []syntax.Expr{dt()}}
	}
	if g.intn(2) == 0 {
		return &syntax.Call{Name: "durationSince", Args: []syntax.Expr{dt(), dt()}}
	}
	return &syntax.Call{Name: "toTime", Args: []syntax.Expr{dt()}}
}

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
	var entityPaths []path
	for _, p := range e.paths {
		if _, ok := p.typ.(*syntax.EntityRefType); ok && len(p.steps) > 0 {
			entityPaths = append(entityPaths, p)
		}
	}
	pathW := 0
	if len(entityPaths) > 0 {
		pathW = 3
	}
	switch g.weighted([]int{5, 4, pathW, 1}) {
	case 0:
		return syntax.VarExpr(syntax.VarPrincipal), e.principal
	case 1:
		return syntax.VarExpr(syntax.VarResource), e.resource
	case 2:
		p := pick(g.draw, entityPaths)
		return g.usePath(p), p.typ.(*syntax.EntityRefType).Name
	}
	t := pick(g.draw, g.si.types)
	return syntax.Entity(g.entityOf(t)), t
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
		return syntax.Bin(syntax.OpIn, lhs, syntax.Entity(g.ancestorFor(t)))
	case 1:
		first := g.ancestorFor(t)
		set := &syntax.SetExpr{Elems: []syntax.Expr{syntax.Entity(first)}}
		for range g.intn(g.s.MaxWidth) {
			set.Elems = append(set.Elems, syntax.Entity(g.entityOf(first.Type)))
		}
		return syntax.Bin(syntax.OpIn, lhs, set)
	}
	// An entity or set of entities from the data.
	var cands []path
	for _, p := range e.paths {
		switch pt := p.typ.(type) {
		case *syntax.EntityRefType:
			cands = append(cands, p)
		case *syntax.SetType:
			if _, ok := pt.Elem.(*syntax.EntityRefType); ok {
				cands = append(cands, p)
			}
		}
	}
	if len(cands) == 0 {
		return syntax.Bin(syntax.OpIn, lhs, syntax.Entity(g.ancestorFor(t)))
	}
	return syntax.Bin(syntax.OpIn, lhs, g.usePath(pick(g.draw, cands)))
}

// genHas generates `x has a` on an entity or record, usually for an
// attribute that x's type declares.
func (g *gen) genHas(e *env) syntax.Expr {
	var cands []path
	for _, p := range e.paths {
		switch t := p.typ.(type) {
		case *syntax.RecordType:
			cands = append(cands, p)
		case *syntax.EntityRefType:
			if d := g.si.def(t.Name); d != nil && !d.IsEnum() {
				cands = append(cands, p)
			}
		}
	}
	if len(cands) == 0 || g.noise(30) {
		v := syntax.VarExpr(pick(g.draw, []syntax.Var{syntax.VarPrincipal, syntax.VarResource, syntax.VarContext}))
		return &syntax.Has{Left: v, Attr: pick(g.draw, attrNamePool)}
	}
	p := pick(g.draw, cands)
	var declared []string
	switch t := p.typ.(type) {
	case *syntax.RecordType:
		declared = sortedAttrs(t)
	case *syntax.EntityRefType:
		declared = sortedAttrs(g.si.def(t.Name).Shape)
	}
	attr := pick(g.draw, attrNamePool)
	if len(declared) > 0 && g.chance(80) {
		attr = pick(g.draw, declared)
	}
	return &syntax.Has{Left: g.usePath(p), Attr: attr}
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
		in := syntax.Bin(syntax.OpIn, cloneExpr(lhs), syntax.Entity(g.ancestorFor(t)))
		return &syntax.Binary{Op: syntax.OpAnd, Left: is, Right: in, Form: syntax.FormIsIn}
	}
	return is
}

// genTag generates a tag test: a comparison of a guarded getTag value,
// or a bare hasTag.
func (g *gen) genTag(e *env, d int) syntax.Expr {
	var tagPaths []path
	for _, p := range e.paths {
		if n := len(p.steps); n > 0 && p.steps[n-1].tag {
			tagPaths = append(tagPaths, p)
		}
	}
	if len(tagPaths) > 0 && g.chance(70) {
		p := pick(g.draw, tagPaths)
		v := g.usePath(p)
		if st, ok := p.typ.(*syntax.SetType); ok {
			return syntax.Bin(syntax.OpContains, v, g.genValue(e, st.Elem, d))
		}
		return syntax.Bin(syntax.OpEq, v, g.genValue(e, p.typ, d))
	}
	lhs, _ := g.entityExpr(e, d)
	return syntax.Bin(syntax.OpHasTag, lhs, syntax.String(pick(g.draw, tagKeyPool)))
}

// genSetOp generates contains, containsAll, containsAny or isEmpty.
func (g *gen) genSetOp(e *env, d int) syntax.Expr {
	var st *syntax.SetType
	var sets []*syntax.SetType
	for _, p := range e.paths {
		if s, ok := p.typ.(*syntax.SetType); ok {
			sets = append(sets, s)
		}
	}
	if len(sets) > 0 && g.chance(70) {
		st = pick(g.draw, sets)
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
	all := append(append([]syntax.EntityUID(nil), g.si.actions...), g.si.groups...)
	switch g.intn(3) {
	case 0:
		return syntax.Bin(syntax.OpEq, act, syntax.Entity(pick(g.draw, all)))
	case 1:
		return syntax.Bin(syntax.OpIn, act, syntax.Entity(pick(g.draw, all)))
	}
	set := &syntax.SetExpr{}
	for _, a := range distinct(g.draw, all, g.between(1, 2)) {
		set.Elems = append(set.Elems, syntax.Entity(a))
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
		test = syntax.Bin(syntax.OpEq, syntax.VarExpr(syntax.VarAction), syntax.Entity(a))
		sub = g.newEnv([]syntax.EntityUID{a}, g.principalTypesOf(a, e.principals), g.resourceTypesOf(a, e.resources))
	}
	return syntax.Bin(syntax.OpAnd, test, g.genBool(sub, d))
}

// policyExtLit returns an extension constructor call for a policy. Typed
// and rbac policies get valid literals, which the validator requires.
// Untyped and expr tests also get invalid ones: from the pool of known
// bad forms, or a valid literal with one random edit, which probes the
// corners of the four literal parsers.
func (g *gen) policyExtLit(ext string) *syntax.Call {
	bad := 0
	switch g.s.Mode {
	case ModeUntyped:
		bad = 30
	case ModeExpr:
		bad = 20
	}
	if !g.chance(bad) {
		return g.extLit(ext, false)
	}
	if g.intn(2) == 0 {
		return g.extLit(ext, true)
	}
	s := mutate(g.draw, pick(g.draw, extValid[ext]))
	return &syntax.Call{Name: extConstructor[ext], Args: []syntax.Expr{syntax.String(s)}}
}

// mutationChars are the characters the extension literal formats are
// made of, plus a few that none of them allow.
const mutationChars = "0123456789.:-+/TZabcdefABCDEFhmsdx %\u0660"

// mutate applies one random edit to s: replace, insert or delete a
// character, or duplicate a piece of it.
func mutate(d draw, s string) string {
	r := []rune(s)
	chars := []rune(mutationChars)
	if len(r) == 0 {
		return string(pick(d, chars))
	}
	i := d.intn(len(r))
	switch d.intn(4) {
	case 0:
		r[i] = pick(d, chars)
	case 1:
		r = append(r[:i], append([]rune{pick(d, chars)}, r[i:]...)...)
	case 2:
		r = append(r[:i], r[i+1:]...)
	default:
		j := i + d.intn(len(r)-i)
		r = append(r[:j], append(append([]rune(nil), r[i:j+1]...), r[j:]...)...)
	}
	return string(r)
}
