package engine

import "github.com/cedar-crosscheck/crosscheck/syntax"

// isIn partially evaluates the And e that is `x is T in y` (see
// syntax.AsIsIn) as one rule that evaluates x once: the results, errors
// and residuals are those of andOr on `(x is T) && (x in y)`, with a
// residual x shared by the residual Is and In instead of built twice.
func (pe *partialEnv) isIn(e *syntax.Binary, is *syntax.Is, in *syntax.Binary) (pval, *evalError) {
	pe.depth++ // the level of the Is, and of the In
	defer func() { pe.depth-- }()
	if pe.depth > maxPartialDepth {
		return pval{}, errorf(RecursionLimit, is.Pos, "expression nested more than %d levels deep", syntax.MaxNesting)
	}
	x, err := pe.eval(is.Left)
	if err != nil {
		return pval{}, err
	}
	if x.isResidual() {
		// The Is stays residual; the In is kept evaluated as far as
		// possible, or as written when y raises an error (bestEffort).
		isRes := &syntax.Is{Pos: is.Pos, Left: x.res, Type: is.Type}
		var inRes syntax.Expr = in
		if y, err := pe.eval(in.Right); err == nil {
			inRes = &syntax.Binary{Pos: in.Pos, Op: syntax.OpIn, Left: x.res, Right: y.expr()}
		}
		return residual(&syntax.Binary{Pos: e.Pos, Op: syntax.OpAnd, Left: isRes, Right: inRes}), nil
	}
	if x.v.k != kindEntity {
		return pval{}, typeErrorf(is.Pos, "is: expected entity, got %s", x.v.k)
	}
	if x.v.euid().Value().Type != is.Type {
		return known(falseValue), nil
	}
	y, err := pe.eval(in.Right)
	if err != nil {
		return pval{}, err
	}
	if y.isResidual() {
		inRes := &syntax.Binary{Pos: in.Pos, Op: syntax.OpIn, Left: x.expr(), Right: y.res}
		return residual(&syntax.Binary{Pos: e.Pos, Op: syntax.OpAnd, Left: syntax.Bool(true), Right: inRes}), nil
	}
	v, err := inValues(&pe.env, in.Pos, x.v, y.v)
	return known(v), err
}
