// Chains: a || b || c, a && b && c, a + b - c, a * b * c and else-if
// chains. syntax.Nesting counts each as one level, however long, so they
// are compiled by loops into one closure that loops too: neither the
// compiler nor evaluation recurses along a chain.

package engine

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// link is one operator of a chain and the operand to its right.
type link struct {
	pos   syntax.Pos
	op    syntax.BinaryOp
	right syntax.Expr
}

// chainOf reads e as first op1 a2 op2 ... an, left to right: the left
// spine of one operator family (||, &&, + and -, *) is one chain; any
// other operator is a chain of one link.
func chainOf(e *syntax.Binary) (first syntax.Expr, links []link) {
	family := chainFamily(e.Op)
	n := 1
	for l := e; family != 0; n++ {
		next, ok := l.Left.(*syntax.Binary)
		if !ok || chainFamily(next.Op) != family {
			break
		}
		l = next
	}
	links = make([]link, 0, n)
	for {
		links = append(links, link{e.Pos, e.Op, e.Right})
		l, ok := e.Left.(*syntax.Binary)
		if !ok || family == 0 || chainFamily(l.Op) != family {
			break
		}
		e = l
	}
	slices.Reverse(links)
	return e.Left, links
}

// chainFamily groups the operators Cedar's grammar repeats at one
// precedence level; 0 means the operator does not chain.
func chainFamily(op syntax.BinaryOp) int {
	switch op {
	case syntax.OpOr:
		return 1
	case syntax.OpAnd:
		return 2
	case syntax.OpAdd, syntax.OpSub:
		return 3
	case syntax.OpMul:
		return 4
	}
	return 0
}

// andOr compiles a chain of && (decisive false) or || (decisive true).
// The operands are evaluated left to right; each must be a Bool; the
// first equal to decisive is the result and the rest are not evaluated;
// when none is, the result is !decisive. Constant operands are resolved
// here: a non-decisive Bool is dropped, a decisive one ends the chain.
// Every operand is compiled, even unreachable ones, so that compile
// errors do not depend on constant folding. The two operands of
// `x is T in y` are compiled together, by isIn, and the steps of
// `e has a.b.c` together, by hasPath.
func (c *compiler) andOr(op syntax.BinaryOp, first syntax.Expr, links []link) (node, error) {
	decisive, name := op == syntax.OpOr, op.String()
	var (
		kept   = make([]node, 0, len(links)+1)
		fns    = make([]evalFn, 0, len(links)+1)
		poss   = make([]syntax.Pos, 0, len(links)+1)
		result = !decisive // the value when no kept operand decides
		ended  bool
	)
	operand := func(i int) (syntax.Expr, syntax.Pos) {
		if i < 0 {
			return first, links[0].pos
		}
		return links[i].right, links[i].pos
	}
	for i := -1; i < len(links); i++ {
		x, pos := operand(i)
		var n node
		var err error
		if is, in, ok := isInPair(op, x, links, i); ok {
			n, err = c.isIn(is, in) // both operands, x compiled once
			i++
		} else if steps := hasPathRun(op, first, links, i); steps != nil {
			n, err = c.hasPath(steps) // all the steps, e compiled once
			i += len(steps) - 1
		} else {
			n, err = c.compile(x)
		}
		if err != nil {
			return node{}, err
		}
		switch {
		case ended:
			continue
		case n.isConst && n.val.k == kindBool && n.val.isTrue() != decisive:
			continue
		case n.isConst && n.val.k == kindBool:
			result, ended = decisive, true
			continue
		}
		// A constant of another type raises a type error when reached,
		// so nothing after it is reached either.
		ended = n.isConst
		kept, fns, poss = append(kept, n), append(fns, n.fn()), append(poss, pos)
	}
	final := boolValue(result)
	notBool := func(v value, pos syntax.Pos) *evalError {
		return typeErrorf(pos, "%s: expected bool, got %s", name, v.k)
	}
	var fn evalFn
	switch len(fns) {
	case 0:
		return constNode(final), nil
	case 1:
		f, p := fns[0], poss[0]
		fn = func(en *env) (value, *evalError) {
			v, err := f(en)
			if err != nil {
				return value{}, err
			}
			if v.k != kindBool {
				return value{}, notBool(v, p)
			}
			if v.isTrue() == decisive {
				return v, nil
			}
			return final, nil
		}
	case 2:
		f, g, p, q := fns[0], fns[1], poss[0], poss[1]
		fn = func(en *env) (value, *evalError) {
			v, err := f(en)
			if err != nil {
				return value{}, err
			}
			if v.k != kindBool {
				return value{}, notBool(v, p)
			}
			if v.isTrue() == decisive {
				return v, nil
			}
			if v, err = g(en); err != nil {
				return value{}, err
			}
			if v.k != kindBool {
				return value{}, notBool(v, q)
			}
			if v.isTrue() == decisive {
				return v, nil
			}
			return final, nil
		}
	default:
		fn = func(en *env) (value, *evalError) {
			for i, f := range fns {
				v, err := f(en)
				if err != nil {
					return value{}, err
				}
				if v.k != kindBool {
					return value{}, notBool(v, poss[i])
				}
				if v.isTrue() == decisive {
					return v, nil
				}
			}
			return final, nil
		}
	}
	return fold(fn, true, kept...), nil
}

// isInPair reports whether operand i of an op chain (first when i is -1)
// and the next one are the halves of `x is T in y` (syntax.IsInPair).
func isInPair(op syntax.BinaryOp, x syntax.Expr, links []link, i int) (*syntax.Is, *syntax.Binary, bool) {
	if op != syntax.OpAnd || i+1 >= len(links) {
		return nil, nil, false
	}
	return syntax.IsInPair(x, links[i+1].right)
}

// strictChain compiles a chain of two or more strict operators (+ and -,
// or *) as ((a1 op1 a2) op2 a3) ...: each operand is evaluated, left to
// right, after the operators before it are applied.
func (c *compiler) strictChain(first syntax.Expr, links []link) (node, error) {
	type step struct {
		op  binaryOp
		pos syntax.Pos
		fn  evalFn
	}
	n, err := c.compile(first)
	if err != nil {
		return node{}, err
	}
	nodes, steps, f0 := []node{n}, make([]step, len(links)), n.fn()
	for i, l := range links {
		op, ok := binaryOps[l.op]
		if !ok {
			return node{}, &CompileError{Pos: l.pos, Msg: "unknown binary operator " + l.op.String()}
		}
		n, err := c.compile(l.right)
		if err != nil {
			return node{}, err
		}
		nodes, steps[i] = append(nodes, n), step{op, l.pos, n.fn()}
	}
	return fold(func(en *env) (value, *evalError) {
		a, err := f0(en)
		if err != nil {
			return value{}, err
		}
		for _, s := range steps {
			b, err := s.fn(en)
			if err != nil {
				return value{}, err
			}
			if a, err = s.op(en, s.pos, a, b); err != nil {
				return value{}, err
			}
		}
		return a, nil
	}, true, nodes...), nil
}

// ifThenElse compiles `if c1 then t1 else if c2 then t2 ... else e`: the
// conditions are evaluated in order, each must be a Bool, until one is
// true; then only its branch (the final else when none is). A constant
// false condition drops its arm; a constant true one makes its branch
// the final else.
func (c *compiler) ifThenElse(e *syntax.If) (node, error) {
	type arm struct {
		pos        syntax.Pos
		cond, then evalFn
	}
	var arms []arm
	var els node
	decided := false
	for {
		cond, err := c.compile(e.Cond)
		if err != nil {
			return node{}, err
		}
		then, err := c.compile(e.Then)
		if err != nil {
			return node{}, err
		}
		switch {
		case decided:
		case cond.isConst && cond.val.k == kindBool && cond.val.isTrue():
			els, decided = then, true
		case cond.isConst && cond.val.k == kindBool:
		default:
			arms = append(arms, arm{e.Pos, cond.fn(), then.fn()})
		}
		next, ok := e.Else.(*syntax.If)
		if !ok {
			break
		}
		e = next
	}
	last, err := c.compile(e.Else)
	if err != nil {
		return node{}, err
	}
	if !decided {
		els = last
	}
	if len(arms) == 0 {
		return els, nil
	}
	ef := els.fn()
	if len(arms) == 1 {
		a := arms[0]
		return node{run: func(en *env) (value, *evalError) {
			v, err := a.cond(en)
			if err != nil {
				return value{}, err
			}
			if v.k != kindBool {
				return value{}, typeErrorf(a.pos, "if condition: expected bool, got %s", v.k)
			}
			if v.isTrue() {
				return a.then(en)
			}
			return ef(en)
		}}, nil
	}
	return node{run: func(en *env) (value, *evalError) {
		for _, a := range arms {
			v, err := a.cond(en)
			if err != nil {
				return value{}, err
			}
			if v.k != kindBool {
				return value{}, typeErrorf(a.pos, "if condition: expected bool, got %s", v.k)
			}
			if v.isTrue() {
				return a.then(en)
			}
		}
		return ef(en)
	}}, nil
}
