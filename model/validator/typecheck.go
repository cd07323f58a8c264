package validator

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// checker types expressions in one request environment. depth is the
// nesting level (syntax.Nesting) of the expression being typed: deeper
// than syntax.MaxNesting is an error, so that a hostile input cannot
// exhaust the stack, and chains, which are one level, are typed by loops.
type checker struct {
	env   *env
	depth int
}

// typeError is a typing failure: the first one stops the typing of the
// policy in this environment, as in the Lean specification.
type typeError struct {
	kind Kind
	pos  syntax.Pos
	msg  string
}

func errorf(kind Kind, e syntax.Expr, format string, args ...any) *typeError {
	return &typeError{kind: kind, pos: e.Position(), msg: fmt.Sprintf(format, args...)}
}

// typeOf gives the type of e, assuming the capabilities caps hold, and
// the capabilities that hold when e evaluates to true.
func (c *checker) typeOf(e syntax.Expr, caps capabilities) (Type, capabilities, *typeError) {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > syntax.MaxNesting && e != nil {
		return nil, nil, errorf(UnexpectedType, e, "expression nested more than %d levels deep", syntax.MaxNesting)
	}
	switch e := e.(type) {
	case *syntax.Literal:
		return noCaps(c.typeOfLiteral(e))
	case *syntax.Variable:
		return noCaps(c.typeOfVariable(e))
	case *syntax.Slot:
		return noCaps(c.typeOfSlot(e))
	case *syntax.If:
		return c.typeOfIf(e, caps)
	case *syntax.Binary:
		switch operands := chain(e); e.Op {
		case syntax.OpAnd:
			return c.typeOfAnd(operands, caps)
		case syntax.OpOr:
			return c.typeOfOr(operands, caps)
		case syntax.OpAdd, syntax.OpSub, syntax.OpMul:
			return noCaps(c.typeOfArithmetic(operands, caps))
		}
		return c.typeOfBinary(e, caps)
	case *syntax.Unary:
		return noCaps(c.typeOfUnary(e, caps))
	case *syntax.Like:
		return noCaps(c.typeOfLike(e, caps))
	case *syntax.Is:
		return noCaps(c.typeOfIs(e, caps))
	case *syntax.Has:
		return c.typeOfHas(e, caps)
	case *syntax.GetAttr:
		return noCaps(c.typeOfGetAttr(e, caps))
	case *syntax.SetExpr:
		return noCaps(c.typeOfSet(e, caps))
	case *syntax.RecordExpr:
		return noCaps(c.typeOfRecord(e, caps))
	case *syntax.Call:
		return noCaps(c.typeOfCall(e, caps))
	}
	return nil, nil, &typeError{kind: UnexpectedType, msg: fmt.Sprintf("unknown expression node %T", e)}
}

// noCaps is the result of a rule that establishes no capabilities.
func noCaps(t Type, err *typeError) (Type, capabilities, *typeError) { return t, nil, err }

// typeOnly types e and drops the capabilities it establishes: operands of
// operators other than &&, || and if pass no facts on.
func (c *checker) typeOnly(e syntax.Expr, caps capabilities) (Type, *typeError) {
	t, _, err := c.typeOf(e, caps)
	return t, err
}

// typeOfLiteral: true has type True, false has type False; numbers are
// Long and strings String; an entity literal has its entity type, provided
// the schema declares it (with a valid id, for an enumerated type) or it
// is a declared action.
func (c *checker) typeOfLiteral(e *syntax.Literal) (Type, *typeError) {
	switch v := e.Value.(type) {
	case bool:
		if v {
			return boolTrue, nil
		}
		return boolFalse, nil
	case int64:
		return LongType{}, nil
	case string:
		return StringType{}, nil
	case syntax.EntityUID:
		if c.env.isKnownUID(v) {
			return EntityType{v.Type}, nil
		}
		return nil, unknownUIDError(c.env.schemaIndex, e, v)
	}
	return nil, errorf(UnexpectedType, e, "literal of unsupported Go type %T", e.Value)
}

// typeOfVariable: principal and resource have the environment's entity
// types, context its context record type. The variable action is replaced
// by its literal before typing; if it remains, it has the action's type.
func (c *checker) typeOfVariable(e *syntax.Variable) (Type, *typeError) {
	switch e.Var {
	case syntax.VarPrincipal:
		return EntityType{c.env.principal}, nil
	case syntax.VarAction:
		return EntityType{c.env.action.Type}, nil
	case syntax.VarResource:
		return EntityType{c.env.resource}, nil
	case syntax.VarContext:
		return c.env.context, nil
	}
	return nil, errorf(UnexpectedType, e, "unknown variable %v", e.Var)
}

// typeOfSlot: a template slot has the entity type assumed for it in this
// environment.
func (c *checker) typeOfSlot(e *syntax.Slot) (Type, *typeError) {
	var t syntax.EntityType
	switch e.ID {
	case syntax.SlotPrincipal:
		t = c.env.principalSlot
	case syntax.SlotResource:
		t = c.env.resourceSlot
	}
	if t == "" {
		return nil, errorf(UnexpectedType, e, "slot %s is not allowed here", e.ID)
	}
	return EntityType{t}, nil
}

func unexpected(e syntax.Expr, got Type, want string) *typeError {
	return errorf(UnexpectedType, e, "expected %s, but this expression has type %s", want, got)
}
