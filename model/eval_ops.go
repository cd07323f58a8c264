package model

import (
	"math"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// applyUnary applies !, - or isEmpty to an evaluated operand.
func applyUnary(op syntax.UnaryOp, v Value) (Value, error) {
	switch op {
	case syntax.OpNot:
		b, err := asBool(v)
		if err != nil {
			return nil, err
		}
		return Bool(!b), nil
	case syntax.OpNeg:
		i, err := asLong(v)
		if err != nil {
			return nil, err
		}
		if i == math.MinInt64 {
			return nil, errorf(Overflow, "-(%d) overflows", i)
		}
		return Long(-i), nil
	case syntax.OpIsEmpty:
		s, err := asSet(v)
		if err != nil {
			return nil, err
		}
		return Bool(len(s) == 0), nil
	}
	return nil, typeErrorf("unknown unary operator %s", op)
}

// applyBinary applies a strict binary operator to evaluated operands.
func (env *Env) applyBinary(op syntax.BinaryOp, a, b Value) (Value, error) {
	switch op {
	case syntax.OpEq:
		return Bool(Equal(a, b)), nil
	case syntax.OpLess:
		return compare(a, b, func(c int) bool { return c < 0 })
	case syntax.OpLessEq:
		return compare(a, b, func(c int) bool { return c <= 0 })
	case syntax.OpAdd:
		return arith(a, b, "+", checkedAdd)
	case syntax.OpSub:
		return arith(a, b, "-", checkedSub)
	case syntax.OpMul:
		return arith(a, b, "*", checkedMul)
	case syntax.OpIn:
		return env.in(a, b)
	case syntax.OpContains:
		s, err := asSet(a)
		if err != nil {
			return nil, err
		}
		return Bool(s.Contains(b)), nil
	case syntax.OpContainsAll, syntax.OpContainsAny:
		s, err := asSet(a)
		if err != nil {
			return nil, err
		}
		t, err := asSet(b)
		if err != nil {
			return nil, err
		}
		if op == syntax.OpContainsAll {
			return Bool(subset(t, s)), nil
		}
		return Bool(intersects(s, t)), nil
	case syntax.OpHasTag:
		return env.hasTag(a, b)
	case syntax.OpGetTag:
		return env.getTag(a, b)
	}
	return nil, typeErrorf("unknown binary operator %s", op)
}

// compare orders two Longs, two datetimes or two durations; any other pair
// of operands, including two decimals, is a TypeError.
func compare(a, b Value, holds func(c int) bool) (Value, error) {
	var x, y int64
	switch a := a.(type) {
	case Long:
		b, ok := b.(Long)
		if !ok {
			return nil, expectedType("long", b)
		}
		x, y = int64(a), int64(b)
	case Datetime:
		b, ok := b.(Datetime)
		if !ok {
			return nil, expectedType("datetime", b)
		}
		x, y = int64(a), int64(b)
	case Duration:
		b, ok := b.(Duration)
		if !ok {
			return nil, expectedType("duration", b)
		}
		x, y = int64(a), int64(b)
	default:
		return nil, typeErrorf("cannot order values of type %s", typeName(a))
	}
	switch {
	case x < y:
		return Bool(holds(-1)), nil
	case x > y:
		return Bool(holds(1)), nil
	}
	return Bool(holds(0)), nil
}

// arith applies checked 64-bit arithmetic to two Longs.
func arith(a, b Value, name string, op func(x, y int64) (int64, bool)) (Value, error) {
	x, err := asLong(a)
	if err != nil {
		return nil, err
	}
	y, err := asLong(b)
	if err != nil {
		return nil, err
	}
	r, ok := op(x, y)
	if !ok {
		return nil, errorf(Overflow, "%d %s %d overflows", x, name, y)
	}
	return Long(r), nil
}

// intersects reports whether s and t have a common element.
func intersects(s, t Set) bool {
	inT := t.keys()
	for _, x := range s {
		if inT[key(x)] {
			return true
		}
	}
	return false
}

// in is the hierarchy test `a in b`. a must be an entity; b is an entity,
// or a set whose elements must all be entities. a is in entity e when a is
// e or e is an ancestor of a. An entity absent from the store has no
// ancestors, which is not an error.
func (env *Env) in(a, b Value) (Value, error) {
	uid, err := asEntity(a)
	if err != nil {
		return nil, err
	}
	var targets []syntax.EntityUID
	switch b := b.(type) {
	case EntityUID:
		targets = []syntax.EntityUID{syntax.EntityUID(b)}
	case Set:
		for _, x := range b {
			t, err := asEntity(x)
			if err != nil {
				return nil, err
			}
			targets = append(targets, t)
		}
	default:
		return nil, expectedType("entity or set", b)
	}
	for _, t := range targets {
		if env.descendantOrSelf(uid, t) {
			return Bool(true), nil
		}
	}
	return Bool(false), nil
}

// descendantOrSelf is the rule for `uid in ancestor` on two entities:
// uid == ancestor, or ancestor is one of uid's ancestors in the store.
func (env *Env) descendantOrSelf(uid, ancestor syntax.EntityUID) bool {
	return uid == ancestor || env.Entities.Ancestors(uid)[ancestor]
}
