package syntax

// The readers desugar `x is T in y` to (x is T) && (x in y) with one node
// x shared by the Is and the In (see Expr). A walker that visits x once
// for each side takes time exponential in the nesting of such tests: 20
// levels of `(if (X is T in y) then ...)` visit the innermost X a million
// times. Walkers therefore treat the pair as one rule, x is T in y, that
// visits x once and applies both tests to its one value or type. Cedar
// expressions have no side effects, so evaluating x once is the same as
// evaluating it twice: `x is T && x in y`, with y evaluated only when
// the Is is true.

// IsInPair reports whether a and b, consecutive operands of an && chain
// (a && b, or a && b && ... with a and b adjacent), are the two halves of
// `x is T in y`: a is `x is T` and b is `x in y` with the same node x.
// Only the same node counts; equal but distinct trees are walked as two
// operands, which costs no more than their size.
func IsInPair(a, b Expr) (is *Is, in *Binary, ok bool) {
	is, ok = a.(*Is)
	if !ok {
		return nil, nil, false
	}
	in, ok = b.(*Binary)
	if !ok || in.Op != OpIn || is.Left == nil || in.Left != is.Left {
		return nil, nil, false
	}
	return is, in, true
}

// AsIsIn reports whether e is `x is T in y` with a shared x: an And whose
// operands are an IsInPair (whatever its Form).
func AsIsIn(e Expr) (is *Is, in *Binary, ok bool) {
	b, ok := e.(*Binary)
	if !ok || b.Op != OpAnd {
		return nil, nil, false
	}
	return IsInPair(b.Left, b.Right)
}
