package syntax

// The readers desugar `e has a.b.c` to
// ((e has a) && (e.a has b)) && (e.a.b has c), where the prefixes e, e.a
// and e.a.b are shared: the Left of each Has step is a GetAttr whose Left
// is the same node as the Left of the step before (see Expr). A walker
// that visits each prefix once for every reference to it takes time
// exponential in the nesting of such tests: 16 levels of
// `(if E has a.b then context else context)` visit half a million nodes.
// Walkers therefore treat the chain as one rule, e has a.b.c, that visits
// e once and tests the attributes step by step on its value or type:
// `e has a`, then, only when it holds, `e.a has b`, and so on. Cedar
// expressions have no side effects, so this is the same as evaluating
// every step from e again.

// HasPathStep reports whether next continues a has-path test whose last
// step is prev: prev is `p has a` and next is `p.a has b` where p is the
// same node in both and the GetAttr p.a is next's own. Only the same
// node counts; equal but distinct trees are walked as two operands, which
// costs no more than their size.
func HasPathStep(prev, next Expr) (*Has, *GetAttr, bool) {
	p, ok := prev.(*Has)
	if !ok || p.Left == nil {
		return nil, nil, false
	}
	h, ok := next.(*Has)
	if !ok {
		return nil, nil, false
	}
	g, ok := h.Left.(*GetAttr)
	if !ok || g.Left != p.Left || g.Attr != p.Attr {
		return nil, nil, false
	}
	return h, g, true
}

// HasPathRun returns the steps of the has-path test that starts at
// operand i of an && chain (operands in evaluation order): operands i,
// i+1, ... as long as each continues the one before (HasPathStep). It
// returns nil when fewer than two operands form a path.
func HasPathRun(operands []Expr, i int) []*Has {
	first, ok := operands[i].(*Has)
	if !ok {
		return nil
	}
	j := i + 1
	for j < len(operands) {
		if _, _, ok := HasPathStep(operands[j-1], operands[j]); !ok {
			break
		}
		j++
	}
	if j-i < 2 {
		return nil
	}
	steps := make([]*Has, 0, j-i)
	steps = append(steps, first)
	for _, x := range operands[i+1 : j] {
		steps = append(steps, x.(*Has))
	}
	return steps
}

// lastHas is the last step of a has-path test e: e itself when it is a
// Has, the right operand when e is an And whose right operand is a Has.
func lastHas(e Expr) Expr {
	if b, ok := e.(*Binary); ok && b.Op == OpAnd {
		return b.Right
	}
	return e
}

// AsHasPathStep reports whether e is an And whose right operand continues
// the has-path test ending its left operand (HasPathStep): the And of
// `(... && (p has a)) && (p.a has b)` with a shared p. A walker visits
// next and its GetAttr g, but not g.Left, visited with the step before.
func AsHasPathStep(e Expr) (next *Has, g *GetAttr, ok bool) {
	b, ok := e.(*Binary)
	if !ok || b.Op != OpAnd {
		return nil, nil, false
	}
	return HasPathStep(lastHas(b.Left), b.Right)
}
