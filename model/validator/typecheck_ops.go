package validator

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// typeOfBinary types both operands (neither passes capabilities on) and
// applies the rule of the operator.
func (c *checker) typeOfBinary(e *syntax.Binary, caps capabilities) (Type, capabilities, *typeError) {
	tl, err := c.typeOnly(e.Left, caps)
	if err != nil {
		return nil, nil, err
	}
	tr, err := c.typeOnly(e.Right, caps)
	if err != nil {
		return nil, nil, err
	}
	switch e.Op {
	case syntax.OpEq:
		return noCaps(typeOfEq(e, tl, tr))
	case syntax.OpIn:
		return noCaps(c.typeOfIn(e, tl, tr))
	case syntax.OpLess, syntax.OpLessEq:
		return noCaps(typeOfComparison(e, tl, tr))
	case syntax.OpContains, syntax.OpContainsAll, syntax.OpContainsAny:
		return noCaps(typeOfContains(e, tl, tr))
	case syntax.OpHasTag:
		return c.typeOfHasTag(e, tl, tr, caps)
	case syntax.OpGetTag:
		return noCaps(c.typeOfGetTag(e, tl, tr, caps))
	}
	return nil, nil, errorf(UnexpectedType, e, "unknown binary operator %v", e.Op)
}

// typeOfEq: two literals compare exactly (True or False). Otherwise the
// operand types must have a least upper bound (Bool), except that two
// different entity types make the comparison False; any other pair, such
// as Long and String, is an error.
func typeOfEq(e *syntax.Binary, tl, tr Type) (Type, *typeError) {
	if l, ok := e.Left.(*syntax.Literal); ok {
		if r, ok := e.Right.(*syntax.Literal); ok {
			if l.Value == r.Value {
				return boolTrue, nil
			}
			return boolFalse, nil
		}
	}
	if _, ok := lub(tl, tr); ok {
		return boolAny, nil
	}
	_, le := tl.(EntityType)
	_, re := tr.(EntityType)
	if le && re {
		return boolFalse, nil
	}
	return nil, errorf(IncompatibleTypes, e, "== compares values of incompatible types %s and %s", tl, tr)
}

// typeOfIn: the left operand is an entity, the right an entity or a set
// of entities. An action literal on the left and action literals on the
// right are decided exactly by the action hierarchy. Otherwise the result
// is Bool when the left type may be a descendant of the right type under
// the closure of memberOfTypes, and False when it cannot be.
func (c *checker) typeOfIn(e *syntax.Binary, tl, tr Type) (Type, *typeError) {
	lt, ok := tl.(EntityType)
	if !ok {
		return nil, unexpected(e.Left, tl, "an entity")
	}
	var rt EntityType
	switch t := tr.(type) {
	case EntityType:
		rt = t
	case SetType:
		et, ok := t.Elem.(EntityType)
		if !ok {
			return nil, unexpected(e.Right, tr, "an entity or a set of entities")
		}
		rt = et
	default:
		return nil, unexpected(e.Right, tr, "an entity or a set of entities")
	}
	if action, ok := c.actionLiteral(e.Left); ok {
		if groups, ok := entityLiterals(e.Right); ok {
			for _, g := range groups {
				if c.env.actionDescendentOf(action, g) {
					return boolTrue, nil
				}
			}
			return boolFalse, nil
		}
	}
	if c.env.typeDescendentOf(lt.Name, rt.Name) {
		return boolAny, nil
	}
	return boolFalse, nil
}

// actionLiteral returns the uid of e if e is a literal naming a declared
// action.
func (c *checker) actionLiteral(e syntax.Expr) (syntax.EntityUID, bool) {
	if l, ok := e.(*syntax.Literal); ok {
		if uid, ok := l.Value.(syntax.EntityUID); ok && c.env.isAction(uid) {
			return uid, true
		}
	}
	return syntax.EntityUID{}, false
}

// entityLiterals returns the uids of an entity literal or of a set
// literal whose elements are all entity literals.
func entityLiterals(e syntax.Expr) ([]syntax.EntityUID, bool) {
	switch e := e.(type) {
	case *syntax.Literal:
		uid, ok := e.Value.(syntax.EntityUID)
		return []syntax.EntityUID{uid}, ok
	case *syntax.SetExpr:
		out := make([]syntax.EntityUID, 0, len(e.Elems))
		for _, x := range e.Elems {
			l, ok := x.(*syntax.Literal)
			if !ok {
				return nil, false
			}
			uid, ok := l.Value.(syntax.EntityUID)
			if !ok {
				return nil, false
			}
			out = append(out, uid)
		}
		return out, true
	}
	return nil, false
}

// typeOfComparison: < and <= compare two Longs, two datetimes or two
// durations.
func typeOfComparison(e *syntax.Binary, tl, tr Type) (Type, *typeError) {
	switch tl.(type) {
	case LongType:
		if _, ok := tr.(LongType); ok {
			return boolAny, nil
		}
		return nil, unexpected(e.Right, tr, "Long")
	case ExtType:
		name := tl.(ExtType).Name
		if name == "datetime" || name == "duration" {
			if tr == tl {
				return boolAny, nil
			}
			return nil, unexpected(e.Right, tr, name)
		}
	}
	return nil, unexpected(e.Left, tl, "Long, datetime or duration")
}

// typeOfArithmetic types a chain of + and -, or of *: every operand is a
// Long, and so is the result. Overflow is a run-time error, not a type
// error.
// As for two operands, the first two are typed before either is checked.
func (c *checker) typeOfArithmetic(operands []syntax.Expr, caps capabilities) (Type, *typeError) {
	var first Type
	for i, x := range operands {
		t, err := c.typeOnly(x, caps)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			first = t
			continue
		}
		if _, ok := first.(LongType); i == 1 && !ok {
			return nil, unexpected(operands[0], first, "Long")
		}
		if _, ok := t.(LongType); !ok {
			return nil, unexpected(x, t, "Long")
		}
	}
	return LongType{}, nil
}

// typeOfContains: the receiver is a set. For contains, the element type
// and the argument type must have a least upper bound; for containsAll
// and containsAny the argument is a set too, and the two element types
// must have one.
func typeOfContains(e *syntax.Binary, tl, tr Type) (Type, *typeError) {
	sl, ok := tl.(SetType)
	if !ok {
		return nil, unexpected(e.Left, tl, "a set")
	}
	other := tr
	if e.Op != syntax.OpContains {
		sr, ok := tr.(SetType)
		if !ok {
			return nil, unexpected(e.Right, tr, "a set")
		}
		other = sr.Elem
	}
	if _, ok := lub(sl.Elem, other); !ok {
		return nil, errorf(IncompatibleTypes, e, "%s compares elements of type %s with values of incompatible type %s", e.Op, sl.Elem, other)
	}
	return boolAny, nil
}
