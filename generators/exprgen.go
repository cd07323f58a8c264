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
	boolClass, boolPaths := e.classOfType(tBool)
	if boolPaths > 0 {
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
		return g.boolLit(g.intn(2) == 1)
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
		return g.usePath(e, g.pickOfType(e, boolClass, boolPaths))
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
	return g.boolLit(true)
}

// pickType chooses the operand type of a comparison: usually the type of
// some available path, so that data is compared with data or literals.
func (g *gen) pickType(e *env) syntax.Type {
	if g.chance(70) {
		if cs := e.typeClasses(); len(cs) > 0 {
			return pick(g.draw, cs).typ
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
	class, paths := e.classOfType(t)
	pathW := 0
	if paths > 0 {
		pathW = 4
	}
	usePath := func() syntax.Expr { return g.usePath(e, g.pickOfType(e, class, paths)) }
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
				return g.longLiteral(g.longLit())
			case 1:
				return usePath()
			case 2:
				op := pick(g.draw, []syntax.BinaryOp{syntax.OpAdd, syntax.OpSub, syntax.OpMul})
				var right syntax.Expr = g.longLiteral(pick(g.draw, smallLongPool))
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
				return g.pickString(stringValues)
			case 1:
				return usePath()
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
			return g.entityLit(g.entityOf(t.Name))
		case 1:
			return usePath()
		case 2:
			return syntax.VarExpr(pick(g.draw, vars))
		default:
			return g.genIf(e, t, d)
		}
	case *syntax.SetType:
		if g.weighted([]int{3, pathW}) == 1 {
			return usePath()
		}
		n := g.between(1, g.s.MaxWidth)
		set := &syntax.SetExpr{}
		for range n {
			set.Elems = append(set.Elems, g.genValue(e, t.Elem, d))
		}
		return set
	case *syntax.RecordType:
		if paths > 0 && (g.chance(70) || !allRequired(t)) {
			return usePath()
		}
		rec := &syntax.RecordExpr{}
		for _, at := range g.attrs(t) {
			rec.Fields = append(rec.Fields, syntax.Field{Key: at.name, Value: g.genValue(e, at.Type, d)})
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
			return usePath()
		case 2:
			return g.genTimeMethod(e, t.Name, d)
		default:
			return g.genIf(e, t, d)
		}
	}
	return g.boolLit(false)
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
