package validator

import "github.com/cedar-crosscheck/crosscheck/syntax"

// andOperand is an operand of an && chain, or, when is is set, the two
// adjacent operands `x is T` and `x in y` of `x is T in y` (e is then
// the Is). When path is set, e is step number step of the has-path test
// path (see typeOfHasPathStep).
type andOperand struct {
	e    syntax.Expr
	is   *syntax.Is
	in   *syntax.Binary
	path *hasPathTyping
	step int
}

// isInConjuncts groups the operands of an && chain, pairing the halves
// of each `x is T in y` (syntax.IsInPair).
func isInConjuncts(operands []syntax.Expr) []andOperand {
	out := make([]andOperand, 0, len(operands))
	for i := 0; i < len(operands); i++ {
		if i+1 < len(operands) {
			if is, in, ok := syntax.IsInPair(operands[i], operands[i+1]); ok {
				out = append(out, andOperand{e: is, is: is, in: in})
				i++
				continue
			}
		}
		if steps := syntax.HasPathRun(operands, i); steps != nil {
			p := &hasPathTyping{steps: steps, prefix: make([]Type, len(steps))}
			for k, h := range steps {
				out = append(out, andOperand{e: h, path: p, step: k})
			}
			i += len(steps) - 1
			continue
		}
		out = append(out, andOperand{e: operands[i]})
	}
	return out
}

// typeOfIsIn types `x is T in y`, the operands `x is T` and `x in y` of
// an && chain, as one operand: x is typed once, and its type serves both
// tests. The Is is decided statically (typeOfIs): False makes the whole
// False, and y is not typed; True makes the whole the type of x in y
// (typeOfIn). Neither establishes capabilities. This is the rule for &&
// on the two operands (both are typed with the same capabilities, since
// the Is establishes none), but it types x once rather than twice, which
// for nested is-in tests is linear time rather than exponential.
func (c *checker) typeOfIsIn(is *syntax.Is, in *syntax.Binary, caps capabilities) (Type, *typeError) {
	c.depth++ // the level of the Is, and of the In
	defer func() { c.depth-- }()
	if c.depth > syntax.MaxNesting {
		return nil, errorf(UnexpectedType, is, "expression nested more than %d levels deep", syntax.MaxNesting)
	}
	tx, err := c.typeOnly(is.Left, caps)
	if err != nil {
		return nil, err
	}
	et, ok := tx.(EntityType)
	if !ok {
		return nil, unexpected(is.Left, tx, "an entity")
	}
	if et.Name != is.Type {
		return boolFalse, nil
	}
	ty, err := c.typeOnly(in.Right, caps)
	if err != nil {
		return nil, err
	}
	return c.typeOfIn(in, tx, ty)
}
