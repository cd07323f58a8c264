// Unary and binary operators: logic, arithmetic, comparison and sets.

package engine

import (
	"math"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

func (c *compiler) unary(e *syntax.Unary) (node, error) {
	a, err := c.compile(e.Arg)
	if err != nil {
		return node{}, err
	}
	af, pos := a.fn(), e.Pos
	var fn evalFn
	switch e.Op {
	case syntax.OpNot:
		fn = func(en *env) (value, *evalError) {
			v, err := af(en)
			if err != nil {
				return value{}, err
			}
			if v.k != kindBool {
				return value{}, typeErrorf(pos, "!: expected bool, got %s", v.k)
			}
			return boolValue(!v.isTrue()), nil
		}
	case syntax.OpNeg:
		fn = func(en *env) (value, *evalError) {
			v, err := af(en)
			if err != nil {
				return value{}, err
			}
			if v.k != kindLong {
				return value{}, typeErrorf(pos, "-: expected long, got %s", v.k)
			}
			if v.n == math.MinInt64 {
				return value{}, errorf(Overflow, pos, "integer overflow negating %d", v.n)
			}
			return longValue(-v.n), nil
		}
	case syntax.OpIsEmpty:
		fn = func(en *env) (value, *evalError) {
			v, err := af(en)
			if err != nil {
				return value{}, err
			}
			if v.k != kindSet {
				return value{}, typeErrorf(pos, "isEmpty: expected set, got %s", v.k)
			}
			return boolValue(len(v.set().elems) == 0), nil
		}
	default:
		return node{}, &CompileError{Pos: e.Pos, Msg: "unknown unary operator"}
	}
	return fold(fn, true, a), nil
}

// binary compiles the two-operand operators. Both operands are evaluated,
// left first, before any type check, except for && and ||.
func (c *compiler) binary(e *syntax.Binary) (node, error) {
	switch first, links := chainOf(e); {
	case e.Op == syntax.OpAnd || e.Op == syntax.OpOr:
		return c.andOr(e.Op, first, links)
	case len(links) > 1:
		return c.strictChain(first, links)
	}
	l, err := c.compile(e.Left)
	if err != nil {
		return node{}, err
	}
	r, err := c.compile(e.Right)
	if err != nil {
		return node{}, err
	}
	switch e.Op {
	case syntax.OpIn:
		return c.in(e, l, r), nil
	}
	op, ok := binaryOps[e.Op]
	if !ok {
		return node{}, &CompileError{Pos: e.Pos, Msg: "unknown binary operator " + e.Op.String()}
	}
	pure := e.Op != syntax.OpGetTag && e.Op != syntax.OpHasTag
	lf, pos := l.fn(), e.Pos
	if !pure && r.isConst && r.val.k == kindString {
		// A constant tag name is interned once, here.
		key, rv, getTag := internAttr(r.val.str()), r.val, e.Op == syntax.OpGetTag
		return node{run: func(en *env) (value, *evalError) {
			a, err := lf(en)
			if err != nil {
				return value{}, err
			}
			return tagOp(en, pos, a, rv, key, getTag)
		}}, nil
	}
	if r.isConst {
		rv := r.val
		return fold(func(en *env) (value, *evalError) {
			a, err := lf(en)
			if err != nil {
				return value{}, err
			}
			return op(en, pos, a, rv)
		}, pure, l), nil
	}
	rf := r.fn()
	return fold(func(en *env) (value, *evalError) {
		a, err := lf(en)
		if err != nil {
			return value{}, err
		}
		b, err := rf(en)
		if err != nil {
			return value{}, err
		}
		return op(en, pos, a, b)
	}, pure, l, r), nil
}

type binaryOp func(en *env, pos syntax.Pos, a, b value) (value, *evalError)

var binaryOps = map[syntax.BinaryOp]binaryOp{
	syntax.OpEq: func(_ *env, _ syntax.Pos, a, b value) (value, *evalError) {
		return boolValue(a.equal(b)), nil
	},
	syntax.OpLess:   func(_ *env, pos syntax.Pos, a, b value) (value, *evalError) { return compare(pos, "<", a, b, false) },
	syntax.OpLessEq: func(_ *env, pos syntax.Pos, a, b value) (value, *evalError) { return compare(pos, "<=", a, b, true) },
	syntax.OpAdd:    arith("+", addChecked),
	syntax.OpSub:    arith("-", subChecked),
	syntax.OpMul:    arith("*", mulChecked),
	syntax.OpContains: func(_ *env, pos syntax.Pos, a, b value) (value, *evalError) {
		if a.k != kindSet {
			return value{}, typeErrorf(pos, "contains: expected set, got %s", a.k)
		}
		return boolValue(a.set().contains(b)), nil
	},
	syntax.OpContainsAll: func(_ *env, pos syntax.Pos, a, b value) (value, *evalError) {
		if a.k != kindSet || b.k != kindSet {
			return value{}, typeErrorf(pos, "containsAll: expected two sets, got %s and %s", a.k, b.k)
		}
		return boolValue(a.set().containsAll(b.set())), nil
	},
	syntax.OpContainsAny: func(_ *env, pos syntax.Pos, a, b value) (value, *evalError) {
		if a.k != kindSet || b.k != kindSet {
			return value{}, typeErrorf(pos, "containsAny: expected two sets, got %s and %s", a.k, b.k)
		}
		return boolValue(a.set().containsAny(b.set())), nil
	},
	syntax.OpHasTag: func(en *env, pos syntax.Pos, a, b value) (value, *evalError) {
		if b.k != kindString {
			return value{}, typeErrorf(pos, "hasTag: expected entity and string, got %s and %s", a.k, b.k)
		}
		return tagOp(en, pos, a, b, internAttr(b.str()), false)
	},
	syntax.OpGetTag: func(en *env, pos syntax.Pos, a, b value) (value, *evalError) {
		if b.k != kindString {
			return value{}, typeErrorf(pos, "getTag: expected entity and string, got %s and %s", a.k, b.k)
		}
		return tagOp(en, pos, a, b, internAttr(b.str()), true)
	},
}

func arith(name string, f func(a, b int64) (int64, bool)) binaryOp {
	return func(_ *env, pos syntax.Pos, a, b value) (value, *evalError) {
		if a.k != kindLong || b.k != kindLong {
			return value{}, typeErrorf(pos, "%s: expected two longs, got %s and %s", name, a.k, b.k)
		}
		n, ok := f(a.n, b.n)
		if !ok {
			return value{}, errorf(Overflow, pos, "integer overflow: %d %s %d", a.n, name, b.n)
		}
		return longValue(n), nil
	}
}

// compare is < and <= on longs, datetimes and durations of the same kind.
func compare(pos syntax.Pos, name string, a, b value, orEqual bool) (value, *evalError) {
	if a.k != b.k || a.k != kindLong && a.k != kindDatetime && a.k != kindDuration {
		return value{}, typeErrorf(pos, "%s: expected two longs, datetimes or durations, got %s and %s", name, a.k, b.k)
	}
	if orEqual {
		return boolValue(a.n <= b.n), nil
	}
	return boolValue(a.n < b.n), nil
}
