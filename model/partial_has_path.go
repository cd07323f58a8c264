package model

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// A has-path test `e has a1.a2...an` (n >= 2) is written by the readers
// as a chain of && in the FormHasPath form:
//
//	((e has a1) && (e.a1 has a2)) && ... && (e.a1...a(n-1) has an)
//
// Partially, when e is a residual, the official engine keeps the test
// whole: the residual is `r has a1.a2...an` over e's residual r, not the
// chain of its steps with r substituted in each. It is one test, also
// when it is the left operand of a longer && chain: a chain of && is
// split into operands only down to a has-path test, never inside it.

// hasPath reads a FormHasPath chain as its base and path.
func hasPath(e *syntax.Binary) (base syntax.Expr, path []string, ok bool) {
	var steps []*syntax.Has // the right operands, last step first
	var x syntax.Expr = e
	for {
		b, isAnd := x.(*syntax.Binary)
		if !isAnd || b.Op != syntax.OpAnd || b.Form != syntax.FormHasPath {
			break
		}
		h, isHas := b.Right.(*syntax.Has)
		if !isHas {
			return nil, nil, false
		}
		steps = append(steps, h)
		x = b.Left
	}
	first, isHas := x.(*syntax.Has)
	if !isHas || len(steps) == 0 {
		return nil, nil, false
	}
	base, path = first.Left, []string{first.Attr}
	for _, h := range slices.Backward(steps) {
		path = append(path, h.Attr)
	}
	// Step k tests path[k] on base.path[0]...path[k-1].
	for k := 1; k < len(path); k++ {
		at := steps[len(steps)-k].Left
		for j := k - 1; j >= 0; j-- {
			g, isGet := at.(*syntax.GetAttr)
			if !isGet || g.Attr != path[j] {
				return nil, nil, false
			}
			at = g.Left
		}
		if !printer.Equal(at, base) {
			return nil, nil, false
		}
	}
	return base, path, true
}

// hasPathTest writes `base has path[0].path[1]...` in the readers' form.
func hasPathTest(base syntax.Expr, path []string) syntax.Expr {
	var out syntax.Expr = &syntax.Has{Left: base, Attr: path[0]}
	at := base
	for i := 1; i < len(path); i++ {
		at = &syntax.GetAttr{Left: at, Attr: path[i-1]}
		out = &syntax.Binary{Op: syntax.OpAnd, Form: syntax.FormHasPath, Left: out, Right: &syntax.Has{Left: at, Attr: path[i]}}
	}
	return out
}

// partialHasPath is a has-path test with a residual base kept whole, or
// with a known base tested step by step (partialHasPathKnown); ok is
// false when e is not a has-path test (then the steps are evaluated as
// the && chain they are).
func (env *PartialEnv) partialHasPath(e *syntax.Binary, level int) (p Partial, ok bool, err error) {
	base, path, isPath := hasPath(e)
	if !isPath {
		return Partial{}, false, nil
	}
	b, err := env.peval(base, level)
	if err != nil {
		return Partial{}, true, err
	}
	if !b.IsResidual() {
		return env.partialHasPathKnown(e, b.Value)
	}
	return residual(hasPathTest(b.Residual, path)), true, nil
}

// partialHasPathKnown is a has-path test whose base is known to be v: the
// steps tested one by one on v, then on its attributes, as evalHasPath
// does, so that the base is evaluated once (evaluating the steps as the
// && chain they are would evaluate it again for each, which for nested
// tests is exponential). ok is false when the steps do not share their
// prefixes (a tree built in code); they are then evaluated as a chain.
func (env *PartialEnv) partialHasPathKnown(e *syntax.Binary, v Value) (p Partial, ok bool, err error) {
	operands, _ := chain(e)
	steps := syntax.HasPathRun(operands, 0)
	if len(steps) != len(operands) {
		return Partial{}, false, nil
	}
	for k, step := range steps {
		if k > 0 {
			if v, err = env.ops.getAttr(v, steps[k-1].Attr); err != nil {
				return Partial{}, true, at(err, step.Left.Position())
			}
		}
		found, err := env.ops.hasAttr(v, step.Attr)
		if err != nil {
			return Partial{}, true, at(err, step.Position())
		}
		if found == Bool(false) {
			return Known(Bool(false)), true, nil
		}
	}
	return Known(Bool(true)), true, nil
}

// partialChain is chain for partial evaluation: the operands of a chain
// of && stop at a has-path test, which is one operand.
func partialChain(e *syntax.Binary) ([]syntax.Expr, []syntax.BinaryOp) {
	if e.Op != syntax.OpAnd || e.Form == syntax.FormHasPath {
		return chain(e) // a has-path test itself, with a known base: its steps
	}
	var operands []syntax.Expr
	var ops []syntax.BinaryOp
	var x syntax.Expr = e
	for {
		b, ok := x.(*syntax.Binary)
		if !ok || b.Op != syntax.OpAnd || b.Form == syntax.FormHasPath {
			operands = append(operands, x)
			break
		}
		operands, ops = append(operands, b.Right), append(ops, b.Op)
		x = b.Left
	}
	slices.Reverse(operands)
	slices.Reverse(ops)
	return operands, ops
}
