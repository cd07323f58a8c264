package validator

import "github.com/cedar-crosscheck/crosscheck/syntax"

// typeOfIf types `if c1 then t1 else if c2 then t2 ... else e`, an
// else-if chain being one level (syntax.Nesting), by the rule for one if
// applied along the chain: each guard must be boolean. A True guard types
// only its then branch, which may use the guard's capabilities, and ends
// the chain; a False guard types only what follows (its else branch);
// otherwise both are typed and their types must have a least upper bound.
// Afterwards, the capabilities of the branch taken hold (for an unknown
// guard, those common to both branches). All the guards are typed with
// the capabilities that hold before the if.
func (c *checker) typeOfIf(e *syntax.If, caps capabilities) (Type, capabilities, *typeError) {
	// open are the arms with an unknown guard, whose types join with
	// the type of the rest of the chain.
	type arm struct {
		e    *syntax.If
		t    Type
		caps capabilities
	}
	var open []arm
	var t Type
	var tc capabilities
	for {
		tg, cg, err := c.typeOf(e.Cond, caps)
		if err != nil {
			return nil, nil, err
		}
		kind, ok := isBool(tg)
		if !ok {
			return nil, nil, unexpected(e.Cond, tg, "Bool")
		}
		if kind != False {
			tt, ct, err := c.typeOf(e.Then, caps.union(cg))
			if err != nil {
				return nil, nil, err
			}
			if kind == True {
				t, tc = tt, cg.union(ct)
				break
			}
			open = append(open, arm{e, tt, cg.union(ct)})
		}
		next, ok := e.Else.(*syntax.If)
		if !ok {
			if t, tc, err = c.typeOf(e.Else, caps); err != nil {
				return nil, nil, err
			}
			break
		}
		e = next
	}
	for i := len(open) - 1; i >= 0; i-- {
		a := open[i]
		joined, ok := lub(a.t, t)
		if !ok {
			return nil, nil, errorf(IncompatibleTypes, a.e, "the branches of this if have incompatible types %s and %s", a.t, t)
		}
		t, tc = joined, a.caps.intersect(tc)
	}
	return t, tc, nil
}

// typeOfAnd types a chain a1 && a2 && ... by the rule for && applied left
// to right (conjoin). The two operands of `x is T in y` are typed
// together, by typeOfIsIn, as one operand; the steps of `e has a.b.c`
// are typed one by one, but e only once (typeOfHasPathStep).
func (c *checker) typeOfAnd(operands []syntax.Expr, caps capabilities) (Type, capabilities, *typeError) {
	conjuncts := isInConjuncts(operands)
	return conjoin(len(conjuncts), caps, func(i int, caps capabilities) (BoolKind, capabilities, *typeError) {
		var t Type
		var ct capabilities
		var err *typeError
		if x := conjuncts[i]; x.is != nil {
			t, err = c.typeOfIsIn(x.is, x.in, caps)
		} else if x.path != nil {
			t, ct, err = c.typeOfHasPathStep(x.path, x.step, caps)
		} else {
			t, ct, err = c.typeOf(x.e, caps)
		}
		if err != nil {
			return 0, nil, err
		}
		k, ok := isBool(t)
		if !ok {
			return 0, nil, unexpected(conjuncts[i].e, t, "Bool")
		}
		return k, ct, nil
	})
}

// typeOfCondition types a policy's condition: the conjunction of its
// conjuncts by the rule for && (conjoin), an unless body negated by the
// rule for !. Each conjunct is typed as an expression of its own, so that
// the nesting limit applies to each condition body, as the parsers, the
// model and the engine apply it, and not to the conjunction.
func (c *checker) typeOfCondition(cond []conjunct) (Type, *typeError) {
	t, _, err := conjoin(len(cond), nil, func(i int, caps capabilities) (BoolKind, capabilities, *typeError) {
		t, ct, err := c.typeOf(cond[i].e, caps)
		if err == nil && cond[i].negated {
			t, err = negation(cond[i].e, t)
			ct = nil
		}
		if err != nil {
			return 0, nil, err
		}
		k, ok := isBool(t)
		if !ok {
			return 0, nil, unexpected(cond[i].e, t, "Bool")
		}
		return k, ct, nil
	})
	return t, err
}

// conjoin is the rule for && applied left to right to n operands, the
// i-th of which operand(i, caps) types as a boolean: both operands are
// boolean, but a False left operand makes the whole False without typing
// the right one (it is never evaluated). The right operand is typed with
// the left one's capabilities; afterwards the capabilities of both hold.
func conjoin(n int, caps capabilities, operand func(int, capabilities) (BoolKind, capabilities, *typeError)) (Type, capabilities, *typeError) {
	kl, cl, err := operand(0, caps)
	if err != nil {
		return nil, nil, err
	}
	for i := 1; i < n && kl != False; i++ {
		kr, cr, err := operand(i, caps.union(cl))
		if err != nil {
			return nil, nil, err
		}
		switch kr {
		case False:
			kl = False
		case True:
			cl = cl.union(cr)
		default:
			kl, cl = AnyBool, cl.union(cr)
		}
	}
	if kl == False {
		return boolFalse, nil, nil
	}
	return boolOf(kl), cl, nil
}

// typeOfOr types a chain a1 || a2 || ... by the rule for || applied left
// to right: both operands are boolean, but a True left operand makes the
// whole True without typing the right one. The right operand cannot use
// the left one's capabilities (it runs when the left was false);
// afterwards only capabilities established by both hold.
func (c *checker) typeOfOr(operands []syntax.Expr, caps capabilities) (Type, capabilities, *typeError) {
	tl, cl, err := c.typeOf(operands[0], caps)
	if err != nil {
		return nil, nil, err
	}
	kl, ok := isBool(tl)
	if !ok {
		return nil, nil, unexpected(operands[0], tl, "Bool")
	}
	for _, right := range operands[1:] {
		if kl == True {
			cl = nil
			break
		}
		tr, cr, err := c.typeOf(right, caps)
		if err != nil {
			return nil, nil, err
		}
		kr, ok := isBool(tr)
		if !ok {
			return nil, nil, unexpected(right, tr, "Bool")
		}
		switch {
		case kl == False:
			kl, cl = kr, cr
		case kr == True:
			kl, cl = True, nil
		case kr == False:
			kl = AnyBool
		default:
			kl, cl = AnyBool, cl.intersect(cr)
		}
	}
	return boolOf(kl), cl, nil
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
		return negation(e.Arg, t)
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

// negation is the rule for !: the operand arg, of type t, must be
// boolean; ! swaps True and False.
func negation(arg syntax.Expr, t Type) (Type, *typeError) {
	k, ok := isBool(t)
	if !ok {
		return nil, unexpected(arg, t, "Bool")
	}
	switch k {
	case True:
		return boolFalse, nil
	case False:
		return boolTrue, nil
	}
	return boolAny, nil
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
