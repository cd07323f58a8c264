package syntax

// Inspect traverses e depth first, in evaluation order (operands left to
// right): it calls f(e); if f returns true, Inspect visits each
// sub-expression of e in turn, each node once: the x of `x is T in y`,
// shared by the Is and the In, is visited under the Is only, and the
// prefix p of a has-path step `p.a has b` (see HasPathStep) under the step
// before only (so that nested is-in and has-path tests cost linear time). Like go/ast.Inspect, it is the one walk of
// the tree that tools share; evaluators and printers keep their own
// switches because each case means something different there.
//
// It keeps an explicit stack rather than recursing, so that chains and
// else-if chains as long as the input cost no call stack.
func Inspect(e Expr, f func(Expr) bool) {
	// A visit's skip says what under x was visited already: for the In
	// of `x is T in y` (see IsInPair), its x, visited with the Is, so
	// only y is visited; for a has-path step `p.a has b` (see
	// HasPathStep), its p, visited with the step before, so only the
	// GetAttr p.a is, without anything under it.
	type visit struct {
		x    Expr
		skip uint8
	}
	const (
		skipInLeft = 1 + iota
		skipHasPrefix
		skipAll
	)
	// Both start on the stack: most policies' trees fit.
	var stackBuf [32]visit
	var kidsBuf [8]Expr
	stack := append(stackBuf[:0], visit{x: e})
	kids := kidsBuf[:0] // the children of one node; reused
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if v.x == nil || !f(v.x) {
			continue
		}
		switch v.skip {
		case skipInLeft:
			stack = append(stack, visit{x: v.x.(*Binary).Right})
			continue
		case skipHasPrefix:
			stack = append(stack, visit{x: v.x.(*Has).Left, skip: skipAll})
			continue
		case skipAll:
			continue
		}
		if is, in, ok := AsIsIn(v.x); ok {
			stack = append(stack, visit{x: in, skip: skipInLeft}, visit{x: is})
			continue
		}
		if next, _, ok := AsHasPathStep(v.x); ok {
			stack = append(stack, visit{x: next, skip: skipHasPrefix}, visit{x: v.x.(*Binary).Left})
			continue
		}
		kids = AppendChildren(kids[:0], v.x)
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, visit{x: kids[i]})
		}
	}
}

// Any reports whether pred holds for e or for one of its sub-expressions.
func Any(e Expr, pred func(Expr) bool) bool {
	found := false
	Inspect(e, func(x Expr) bool {
		if found {
			return false
		}
		found = pred(x)
		return !found
	})
	return found
}

// Children returns the direct sub-expressions of e in evaluation order;
// nil for a leaf (literal, variable, slot). The slice may be e's own
// (a set's or a call's): it must not be modified.
func Children(e Expr) []Expr {
	switch e := e.(type) {
	case *SetExpr:
		return e.Elems
	case *Call:
		return e.Args
	}
	return AppendChildren(nil, e)
}

// AppendChildren appends the direct sub-expressions of e to dst in
// evaluation order and returns the extended slice: a walk that reuses
// dst allocates nothing per node.
func AppendChildren(dst []Expr, e Expr) []Expr {
	switch e := e.(type) {
	case *Unary:
		return append(dst, e.Arg)
	case *Binary:
		return append(dst, e.Left, e.Right)
	case *If:
		return append(dst, e.Cond, e.Then, e.Else)
	case *GetAttr:
		return append(dst, e.Left)
	case *Has:
		return append(dst, e.Left)
	case *Like:
		return append(dst, e.Left)
	case *Is:
		return append(dst, e.Left)
	case *SetExpr:
		return append(dst, e.Elems...)
	case *RecordExpr:
		for _, f := range e.Fields {
			dst = append(dst, f.Value)
		}
		return dst
	case *Call:
		return append(dst, e.Args...)
	}
	return dst
}
