package validator

import "github.com/cedar-crosscheck/crosscheck/syntax"

// typeOfIf: the guard must be boolean. A True guard types only the then
// branch, which may use the guard's capabilities; a False guard types only
// the else branch; otherwise both branches are typed and their types must
// have a least upper bound. Afterwards, the capabilities of the branch
// taken hold (for an unknown guard, those common to both branches).
func (c *checker) typeOfIf(e *syntax.If, caps capabilities) (Type, capabilities, *typeError) {
	tc, cc, err := c.typeOf(e.Cond, caps)
	if err != nil {
		return nil, nil, err
	}
	kind, ok := isBool(tc)
	if !ok {
		return nil, nil, unexpected(e.Cond, tc, "Bool")
	}
	switch kind {
	case True:
		tt, ct, err := c.typeOf(e.Then, caps.union(cc))
		if err != nil {
			return nil, nil, err
		}
		return tt, cc.union(ct), nil
	case False:
		return c.typeOf(e.Else, caps)
	}
	tt, ct, err := c.typeOf(e.Then, caps.union(cc))
	if err != nil {
		return nil, nil, err
	}
	te, ce, err := c.typeOf(e.Else, caps)
	if err != nil {
		return nil, nil, err
	}
	t, ok := lub(tt, te)
	if !ok {
		return nil, nil, errorf(IncompatibleTypes, e, "the branches of this if have incompatible types %s and %s", tt, te)
	}
	return t, cc.union(ct).intersect(ce), nil
}

// typeOfAnd: both operands are boolean, but a False left operand makes the
// whole False without typing the right one (it is never evaluated). The
// right operand is typed with the left one's capabilities; afterwards the
// capabilities of both hold.
func (c *checker) typeOfAnd(e *syntax.Binary, caps capabilities) (Type, capabilities, *typeError) {
	tl, cl, err := c.typeOf(e.Left, caps)
	if err != nil {
		return nil, nil, err
	}
	kl, ok := isBool(tl)
	if !ok {
		return nil, nil, unexpected(e.Left, tl, "Bool")
	}
	if kl == False {
		return boolFalse, nil, nil
	}
	tr, cr, err := c.typeOf(e.Right, caps.union(cl))
	if err != nil {
		return nil, nil, err
	}
	kr, ok := isBool(tr)
	if !ok {
		return nil, nil, unexpected(e.Right, tr, "Bool")
	}
	switch kr {
	case False:
		return boolFalse, nil, nil
	case True:
		return boolOf(kl), cl.union(cr), nil
	}
	return boolAny, cl.union(cr), nil
}

// typeOfOr: both operands are boolean, but a True left operand makes the
// whole True without typing the right one. The right operand cannot use
// the left one's capabilities (it runs when the left was false);
// afterwards only capabilities established by both hold.
func (c *checker) typeOfOr(e *syntax.Binary, caps capabilities) (Type, capabilities, *typeError) {
	tl, cl, err := c.typeOf(e.Left, caps)
	if err != nil {
		return nil, nil, err
	}
	kl, ok := isBool(tl)
	if !ok {
		return nil, nil, unexpected(e.Left, tl, "Bool")
	}
	if kl == True {
		return boolTrue, nil, nil
	}
	tr, cr, err := c.typeOf(e.Right, caps)
	if err != nil {
		return nil, nil, err
	}
	kr, ok := isBool(tr)
	if !ok {
		return nil, nil, unexpected(e.Right, tr, "Bool")
	}
	switch {
	case kl == False:
		return tr, cr, nil
	case kr == True:
		return boolTrue, nil, nil
	case kr == False:
		return boolAny, cl, nil
	}
	return boolAny, cl.intersect(cr), nil
}

// typeOfUnary: `!` needs a boolean and negates True and False; `-` needs
// a Long; isEmpty needs a set of any element type.
func (c *checker) typeOfUnary(e *syntax.Unary, caps capabilities) (Type, *typeError) {
	t, err := c.typeOnly(e.Arg, caps)
	if err != nil {
		return nil, err
	}
	switch e.Op {
	case syntax.OpNot:
		k, ok := isBool(t)
		if !ok {
			return nil, unexpected(e.Arg, t, "Bool")
		}
		switch k {
		case True:
			return boolFalse, nil
		case False:
			return boolTrue, nil
		}
		return boolAny, nil
	case syntax.OpNeg:
		if _, ok := t.(LongType); !ok {
			return nil, unexpected(e.Arg, t, "Long")
		}
		return LongType{}, nil
	case syntax.OpIsEmpty:
		if _, ok := t.(SetType); !ok {
			return nil, unexpected(e.Arg, t, "a set")
		}
		return boolAny, nil
	}
	return nil, errorf(UnexpectedType, e, "unknown unary operator %v", e.Op)
}

// typeOfLike: the operand must be a String.
func (c *checker) typeOfLike(e *syntax.Like, caps capabilities) (Type, *typeError) {
	t, err := c.typeOnly(e.Left, caps)
	if err != nil {
		return nil, err
	}
	if _, ok := t.(StringType); !ok {
		return nil, unexpected(e.Left, t, "String")
	}
	return boolAny, nil
}

// typeOfIs: the operand must be an entity; since its type is exactly
// known, the test is decided statically: True or False.
func (c *checker) typeOfIs(e *syntax.Is, caps capabilities) (Type, *typeError) {
	t, err := c.typeOnly(e.Left, caps)
	if err != nil {
		return nil, err
	}
	et, ok := t.(EntityType)
	if !ok {
		return nil, unexpected(e.Left, t, "an entity")
	}
	if et.Name == e.Type {
		return boolTrue, nil
	}
	return boolFalse, nil
}
