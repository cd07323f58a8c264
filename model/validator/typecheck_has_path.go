package validator

import "github.com/cedar-crosscheck/crosscheck/syntax"

// hasPathTyping is the typing of the steps of `e has a1.a2...an`, the
// adjacent operands `e has a1`, `e.a1 has a2`, ... of an && chain (see
// syntax.HasPathRun): prefix[k] is the type of step k's operand
// e.a1...ak, once that step has been typed.
type hasPathTyping struct {
	steps  []*syntax.Has
	prefix []Type
}

// typeOfHasPathStep types step k of a has-path test, the operand
// `e.a1...ak has a(k+1)` of its && chain, with the capabilities of the
// steps before it (conjoin types the steps in order and stops at a False
// one): by the rule for has on the type of its operand, which is, for
// step 0, the type of e, and otherwise the rule for the access
// e.a1...ak on the type of e.a1...a(k-1) found by the step before. This
// is the rule for && on the steps typed apart, but it types e once: for
// nested has-path tests, linear time rather than exponential. (The
// capabilities that the steps establish are on e.a1..., which contain
// e, so they cannot change the type of e or of an access already typed.)
func (c *checker) typeOfHasPathStep(p *hasPathTyping, k int, caps capabilities) (Type, capabilities, *typeError) {
	step := p.steps[k]
	c.depth++ // the level of the Has
	defer func() { c.depth-- }()
	if c.depth+k > syntax.MaxNesting {
		return nil, nil, errorf(UnexpectedType, step, "expression nested more than %d levels deep", syntax.MaxNesting)
	}
	var t Type
	var err *typeError
	if k == 0 {
		t, err = c.typeOnly(step.Left, caps)
	} else {
		t, err = c.getAttrOnType(step.Left.(*syntax.GetAttr), p.prefix[k-1], caps)
	}
	if err != nil {
		return nil, nil, err
	}
	p.prefix[k] = t
	return c.hasOnType(step, t, caps)
}
