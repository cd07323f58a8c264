package syntax

// MaxNesting is the limit on the nesting depth of an expression (see
// Nesting). It is the same everywhere: the readers of Cedar text and of
// policy JSON reject a deeper condition, and the model and the engine
// report an error for a deeper tree built in code.
//
// The official engine traps its wasm stack far earlier (about 80-130
// levels of sets, parentheses or if-then-else), so tests near this limit
// compare the implementations of this repository only.
const MaxNesting = 512

// Nesting returns the nesting depth of e, or limit+1 as soon as the depth
// is known to exceed limit (so its own recursion stays bounded by limit).
//
// Every operator application, access, call, if-then-else and set or
// record literal adds one level above its deepest operand, with two
// exceptions, so that long flat conditions written by people or
// generated from lists are not mistaken for deep ones:
//
//   - a chain of one left-associative operator family, `a || b || c`,
//     `a && b && c`, `a + b - c` or `a * b * c` (in the tree, the left
//     spine of Binary nodes of the same family), is one level: one above
//     its deepest operand, however many operands it has;
//   - an if-then-else in the else branch of another,
//     `if a then b else if c then d else e`, is at the level of the
//     outer one.
//
// A literal, variable or slot has depth 1.
func Nesting(e Expr, limit int) int {
	n := &nesting{limit: limit}
	return n.depth(e, 0)
}

// TooDeep returns the sub-expression of e at which the nesting depth
// passes limit: the first one Nesting finds at depth limit+1, counted
// from e as 1. It returns nil when Nesting(e, limit) <= limit. Readers
// report their NestingTooDeep errors at its position.
func TooDeep(e Expr, limit int) Expr {
	n := &nesting{limit: limit}
	n.depth(e, 0)
	return n.tooDeep
}

// nesting computes Nesting with a bound: level is the depth of the
// enclosing expression, so that no call recurses more than limit deep.
type nesting struct {
	limit   int
	tooDeep Expr // the first sub-expression found past the limit

	// seen holds the deepest level at which each operand that the
	// readers share between nodes has been visited: x in `x is T in y`
	// (the left of both the Is and the In) and the prefixes of
	// `e has a.b.c` (the left of a Has and of a GetAttr). A second visit
	// at a level no deeper cannot find anything deeper, so it is skipped;
	// without this, nested `is ... in` would take time exponential in
	// the size of the text.
	seen map[Expr]int
}

// revisit reports whether x, about to be visited at level, was already
// visited at that level or deeper; otherwise it records the visit.
func (n *nesting) revisit(x Expr, level int) bool {
	if n.seen == nil {
		n.seen = make(map[Expr]int)
	}
	if l, ok := n.seen[x]; ok && l >= level {
		return true
	}
	n.seen[x] = level
	return false
}

// depth returns level plus the depth of e, capped at limit+1.
func (n *nesting) depth(e Expr, level int) int {
	level++
	if level > n.limit {
		if n.tooDeep == nil {
			n.tooDeep = e
		}
		return n.limit + 1
	}
	deepest := level
	sub := func(x Expr) {
		if deepest <= n.limit {
			deepest = max(deepest, n.depth(x, level))
		}
	}
	shared := func(x Expr) {
		if !n.revisit(x, level) {
			sub(x)
		}
	}
	switch e := e.(type) {
	case *Unary:
		sub(e.Arg)
	case *Binary:
		family := chainFamily(e.Op)
		for {
			sub(e.Right)
			l, ok := e.Left.(*Binary)
			if !ok || family == 0 || chainFamily(l.Op) != family {
				if e.Op == OpIn {
					shared(e.Left)
				} else {
					sub(e.Left)
				}
				break
			}
			e = l
		}
	case *If:
		for {
			sub(e.Cond)
			sub(e.Then)
			next, ok := e.Else.(*If)
			if !ok {
				sub(e.Else)
				break
			}
			e = next
		}
	case *GetAttr:
		shared(e.Left)
	case *Has:
		shared(e.Left)
	case *Like:
		sub(e.Left)
	case *Is:
		shared(e.Left)
	case *SetExpr:
		for _, x := range e.Elems {
			sub(x)
		}
	case *RecordExpr:
		for _, f := range e.Fields {
			sub(f.Value)
		}
	case *Call:
		for _, x := range e.Args {
			sub(x)
		}
	}
	return min(deepest, n.limit+1)
}

// chainFamily groups the binary operators that chain without nesting:
// those Cedar's grammar repeats at one precedence level. Zero means the
// operator does not chain.
func chainFamily(op BinaryOp) int {
	switch op {
	case OpOr:
		return 1
	case OpAnd:
		return 2
	case OpAdd, OpSub:
		return 3
	case OpMul:
		return 4
	}
	return 0
}
