package model

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// evalIsIn evaluates `x is T in y`, the adjacent operands `x is T` and
// `x in y` of an && chain evaluated at level (see syntax.IsInPair), as
// one rule: x is evaluated once; it must be an entity; when its type is
// not T the result is false and y is not evaluated; otherwise the result
// is x in y. This is `x is T && x in y` (expressions have no side
// effects, so the second x would have the same value), with the same
// errors at the same positions, but it visits x once: nested is-in
// tests cost linear time, not exponential.
func (env *Env) evalIsIn(is *syntax.Is, in *syntax.Binary, level int) (Value, error) {
	isLevel := level + 1 // the level of the Is, and of the In
	if isLevel > syntax.MaxNesting {
		return nil, at(errorf(RecursionLimit, "expression nested more than %d levels deep", syntax.MaxNesting), is.Position())
	}
	x, err := env.eval(is.Left, isLevel)
	if err != nil {
		return nil, at(err, is.Position())
	}
	u, err := asEntity(x)
	if err != nil {
		return nil, at(err, is.Position())
	}
	if u.Type != is.Type {
		return Bool(false), nil
	}
	y, err := env.eval(in.Right, isLevel)
	if err != nil {
		return nil, at(err, in.Position())
	}
	v, err := env.applyBinary(syntax.OpIn, x, y)
	if err != nil {
		return nil, at(err, in.Position())
	}
	return v, nil
}

// isInAt reports whether operands i and i+1 of an op chain are the two
// halves of `x is T in y`, to be evaluated by evalIsIn.
func isInAt(op syntax.BinaryOp, operands []syntax.Expr, i int) (*syntax.Is, *syntax.Binary, bool) {
	if op != syntax.OpAnd || i+1 >= len(operands) {
		return nil, nil, false
	}
	return syntax.IsInPair(operands[i], operands[i+1])
}
