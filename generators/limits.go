package generators

import "github.com/cedar-crosscheck/crosscheck/syntax"

// Sizes of the shapes ModeLimits builds.
const (
	// LimitsMinChain and LimitsMaxChain bound the number of operands of
	// the flat &&, || and +/- chains and the number of arms of the
	// else-if chains of ModeLimits.
	LimitsMinChain = 1_000
	LimitsMaxChain = 5_000
	// LimitsBelow is how far below syntax.MaxNesting the "just below"
	// deep conditions of ModeLimits go at most.
	LimitsBelow = 8
)

// The shapes of limitCondition, in the order of its draw.
const (
	limitAtMax = iota
	limitBelowMax
	limitAndChain
	limitOrChain
	limitSumChain
	limitElseIf
	limitShapes
)

// limitCondition builds a condition at the nesting limits (ModeLimits)
// from Boolean atoms that type check in e, so that it type checks too:
// truly nested exactly syntax.MaxNesting deep or at most LimitsBelow
// less, or one flat chain of LimitsMinChain to LimitsMaxChain &&, || or
// +/- operands, or an else-if chain of as many arms. A chain's operands
// are mostly fillers that do not decide it (principal == principal for
// &&, its negation for ||), so evaluation runs far along it, with atoms
// scattered among them.
func (g *gen) limitCondition(e *env) syntax.Expr {
	n := g.between(LimitsMinChain, LimitsMaxChain)
	switch g.intn(limitShapes) {
	case limitAtMax:
		return g.nestTo(e, syntax.MaxNesting)
	case limitBelowMax:
		return g.nestTo(e, syntax.MaxNesting-g.between(1, LimitsBelow))
	case limitAndChain:
		return g.boolChain(e, syntax.OpAnd, n)
	case limitOrChain:
		return g.boolChain(e, syntax.OpOr, n)
	case limitSumChain:
		return g.sumChain(e, n)
	}
	return g.elseIfChain(e, n)
}

// nestTo wraps a Boolean atom in Boolean operators that each add one
// level (syntax.Nesting) until the whole is depth levels deep: !x,
// x == true, if x then a else b, and if a then x else false.
func (g *gen) nestTo(e *env, depth int) syntax.Expr {
	x := g.genBool(e, 0)
	for d := syntax.Nesting(x, depth); d < depth; d++ {
		switch g.intn(4) {
		case 0:
			x = syntax.Not(x)
		case 1:
			x = syntax.Bin(syntax.OpEq, x, syntax.Bool(g.chance(50)))
		case 2:
			x = &syntax.If{Cond: x, Then: syntax.Bool(g.chance(50)), Else: syntax.Bool(g.chance(50))}
		default:
			// The filler guard is 2 deep: one more level only above
			// an x at least as deep.
			if d < 2 {
				x = syntax.Not(x)
				continue
			}
			x = &syntax.If{Cond: g.filler(true), Then: x, Else: syntax.Bool(false)}
		}
	}
	return x
}

// filler is a Boolean expression of value v that reads the request, so
// that no implementation can fold it away.
func (g *gen) filler(v bool) syntax.Expr {
	p := syntax.VarExpr(syntax.VarPrincipal)
	eq := syntax.Bin(syntax.OpEq, p, syntax.VarExpr(syntax.VarPrincipal))
	if v {
		return eq
	}
	return syntax.Not(eq)
}

// atoms generates a few Boolean atoms; use returns a fresh copy of one
// of them now and then and a filler otherwise.
func (g *gen) atoms(e *env, fill bool) func() syntax.Expr {
	pool := make([]syntax.Expr, g.between(2, 5))
	for i := range pool {
		pool[i] = g.genBool(e, 0)
	}
	return func() syntax.Expr {
		if g.chance(2) {
			return cloneExpr(pick(g.draw, pool))
		}
		return g.filler(fill)
	}
}

// boolChain is a flat chain of n operands of && or ||.
func (g *gen) boolChain(e *env, op syntax.BinaryOp, n int) syntax.Expr {
	next := g.atoms(e, op == syntax.OpAnd)
	x := next()
	for range n - 1 {
		x = syntax.Bin(op, x, next())
	}
	return x
}

// sumChain compares a flat chain of n Long operands joined by + and -,
// mostly small literals with a generated Long now and then, to a
// literal.
func (g *gen) sumChain(e *env, n int) syntax.Expr {
	term := func() syntax.Expr {
		if g.chance(2) {
			return g.genValue(e, tLong, g.s.MaxDepth)
		}
		return syntax.Long(int64(g.between(-3, 3)))
	}
	x := term()
	for range n - 1 {
		op := syntax.OpAdd
		if g.chance(50) {
			op = syntax.OpSub
		}
		x = syntax.Bin(op, x, term())
	}
	return syntax.Bin(pick(g.draw, []syntax.BinaryOp{syntax.OpEq, syntax.OpLessEq, syntax.OpLess}), x, syntax.Long(int64(g.between(-10, 10))))
}

// elseIfChain is `if c1 then t1 else if c2 then t2 ... else e` with n
// arms: the guards are mostly false fillers, so evaluation runs far
// along the chain.
func (g *gen) elseIfChain(e *env, n int) syntax.Expr {
	guard := g.atoms(e, false)
	branch := g.atoms(e, true)
	top := &syntax.If{Cond: guard(), Then: branch()}
	last := top
	for range n - 1 {
		next := &syntax.If{Cond: guard(), Then: branch()}
		last.Else, last = next, next
	}
	last.Else = branch()
	return top
}
