package model

import "github.com/cedar-crosscheck/crosscheck/syntax"

// partialIsIn partially evaluates `x is T in y`, the adjacent operands
// `x is T` and `x in y` of an && chain at level, as one rule that
// evaluates x once (see evalIsIn). It returns the Is's result and, when
// that is not a known false, the In's: its value when the Is is a known
// true, and, when the Is is residual, the In evaluated as far as possible
// (bestEffort), the next conjunct of the residual. The results are those
// of evaluating the two operands one after the other, with the residual x
// shared by both residuals instead of built twice.
func (env *PartialEnv) partialIsIn(is *syntax.Is, in *syntax.Binary, level int) (isPart, inPart Partial, err error) {
	isLevel := level + 1 // the level of the Is, and of the In
	if isLevel > syntax.MaxNesting {
		return Partial{}, Partial{}, at(errorf(RecursionLimit, "expression nested more than %d levels deep", syntax.MaxNesting), is.Position())
	}
	x, err := env.peval(is.Left, isLevel)
	if err != nil {
		return Partial{}, Partial{}, at(err, is.Position())
	}
	if x.IsResidual() {
		isPart = residual(&syntax.Is{Left: x.Residual, Type: is.Type})
		y, err := env.peval(in.Right, isLevel)
		if err != nil {
			return isPart, residual(in), nil // bestEffort: the In as written
		}
		return isPart, residual(syntax.Bin(syntax.OpIn, x.Residual, y.Expr())), nil
	}
	u, err := asEntity(x.Value)
	if err != nil {
		return Partial{}, Partial{}, at(err, is.Position())
	}
	if u.Type != is.Type {
		return Known(Bool(false)), Partial{}, nil
	}
	y, err := env.peval(in.Right, isLevel)
	if err != nil {
		return Partial{}, Partial{}, at(err, in.Position())
	}
	if y.IsResidual() {
		return Known(Bool(true)), residual(syntax.Bin(syntax.OpIn, x.Expr(), y.Residual)), nil
	}
	v, err := env.ops.applyBinary(syntax.OpIn, x.Value, y.Value)
	if err != nil {
		return Partial{}, Partial{}, at(err, in.Position())
	}
	return Known(Bool(true)), Known(v), nil
}
