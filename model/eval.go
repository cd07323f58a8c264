package model

import (
	"errors"
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// maxDepth bounds how deeply nested a restricted value (an entity
// attribute, tag or context) the model evaluates, so that hostile input
// errors instead of exhausting the stack. Expressions have their own
// limit, syntax.MaxNesting, counted by the rule of syntax.Nesting.
const maxDepth = 10_000

// Env is what an expression is evaluated against: the request (principal,
// action and resource are EntityUIDs, context evaluated) and the entity store.
type Env struct {
	Principal, Action, Resource Value
	Context                     Record
	Entities                    *Entities
}

// NewEnv evaluates the request's context, which must be a restricted
// expression whose value is a record (a nil context is the empty record).
func NewEnv(req *syntax.Request, es *Entities) (*Env, error) {
	if req == nil {
		return nil, errors.New("no request")
	}
	env := &Env{
		Principal: EntityUID(req.Principal),
		Action:    EntityUID(req.Action),
		Resource:  EntityUID(req.Resource),
		Entities:  es,
	}
	if req.Context == nil {
		env.Context = Record{}
		return env, nil
	}
	v, err := evalRestricted(req.Context, 0)
	if err != nil {
		return nil, fmt.Errorf("context: %w", err)
	}
	rec, ok := v.(Record)
	if !ok {
		return nil, fmt.Errorf("context must be a record, got %s", typeName(v))
	}
	env.Context = rec
	return env, nil
}

// Evaluate evaluates e for the request against the store. Evaluation errors
// are *Error values; a request whose context is not a record is a plain
// error.
func Evaluate(e syntax.Expr, req *syntax.Request, es *Entities) (Value, error) {
	env, err := NewEnv(req, es)
	if err != nil {
		return nil, err
	}
	return env.Eval(e)
}

// Eval evaluates e in env. Every error it returns is an *Error. An
// expression nested deeper than syntax.MaxNesting (by the rule of
// syntax.Nesting) fails with RecursionLimit when evaluation reaches a
// subexpression beyond the limit; one that is never reached, such as the
// right operand of `true || e`, is not an error.
func (env *Env) Eval(e syntax.Expr) (Value, error) {
	return env.eval(e, 0)
}

// eval evaluates e (see evalForm) and positions an error at e when no
// inner expression claimed it: the error's position is that of the
// innermost expression that raised it.
func (env *Env) eval(e syntax.Expr, outer int) (Value, error) {
	v, err := env.evalForm(e, outer)
	if err != nil {
		return nil, at(err, e.Position())
	}
	return v, nil
}

// evalForm is the evaluator: one case per expression form. Operands are
// evaluated left to right, each completely, before the operator looks at
// them; only &&, || and if-then-else skip evaluating an operand.
//
// outer is the nesting level of the enclosing expression (0 at the top),
// counted as syntax.Nesting counts it: a chain of one operator family and
// an else-if chain are one level, evaluated by a loop.
func (env *Env) evalForm(e syntax.Expr, outer int) (Value, error) {
	level := outer + 1
	if level > syntax.MaxNesting {
		return nil, errorf(RecursionLimit, "expression nested more than %d levels deep", syntax.MaxNesting)
	}
	switch e := e.(type) {
	case *syntax.Literal:
		return literalValue(e)
	case *syntax.Variable:
		return env.variable(e.Var)
	case *syntax.Slot:
		return nil, typeErrorf("unlinked slot %s", e.ID)
	case *syntax.If:
		return env.evalIf(e, level)
	case *syntax.Unary:
		arg, err := env.eval(e.Arg, level)
		if err != nil {
			return nil, err
		}
		return applyUnary(e.Op, arg)
	case *syntax.Binary:
		if chainFamily(e.Op) == 0 { // one operator: no chain to flatten
			return env.evalStrictChain([]syntax.Expr{e.Left, e.Right}, []syntax.BinaryOp{e.Op}, level)
		}
		operands, ops := chain(e)
		switch e.Op {
		case syntax.OpAnd, syntax.OpOr:
			return env.evalAndOr(e.Op, operands, level)
		}
		return env.evalStrictChain(operands, ops, level)
	case *syntax.GetAttr:
		v, err := env.eval(e.Left, level)
		if err != nil {
			return nil, err
		}
		return env.getAttr(v, e.Attr)
	case *syntax.Has:
		v, err := env.eval(e.Left, level)
		if err != nil {
			return nil, err
		}
		return env.hasAttr(v, e.Attr)
	case *syntax.Like:
		v, err := env.eval(e.Left, level)
		if err != nil {
			return nil, err
		}
		s, err := asString(v)
		if err != nil {
			return nil, err
		}
		return Bool(Match(e.Pattern, string(s))), nil
	case *syntax.Is:
		v, err := env.eval(e.Left, level)
		if err != nil {
			return nil, err
		}
		u, err := asEntity(v)
		if err != nil {
			return nil, err
		}
		return Bool(u.Type == e.Type), nil
	case *syntax.SetExpr:
		elems, err := env.evalList(e.Elems, level)
		if err != nil {
			return nil, err
		}
		return NewSet(elems...), nil
	case *syntax.RecordExpr:
		return env.evalRecord(e, level)
	case *syntax.Call:
		args, err := env.evalList(e.Args, level)
		if err != nil {
			return nil, err
		}
		return callExtension(e.Name, args)
	}
	return nil, typeErrorf("unknown expression %T", e)
}

// literalValue is the value of a literal.
func literalValue(e *syntax.Literal) (Value, error) {
	switch v := e.Value.(type) {
	case bool:
		return Bool(v), nil
	case int64:
		return Long(v), nil
	case string:
		return String(v), nil
	case syntax.EntityUID:
		return EntityUID(v), nil
	}
	return nil, typeErrorf("literal of unknown type %T", e.Value)
}

// variable is the value of principal, action, resource or context.
func (env *Env) variable(v syntax.Var) (Value, error) {
	switch v {
	case syntax.VarPrincipal:
		return env.Principal, nil
	case syntax.VarAction:
		return env.Action, nil
	case syntax.VarResource:
		return env.Resource, nil
	case syntax.VarContext:
		return env.Context, nil
	}
	return nil, typeErrorf("unknown variable %s", v)
}

// evalIf evaluates `if c1 then t1 else if c2 then t2 ... else e`: the
// conditions in order, each of which must be a Bool, until one is true,
// and then only the branch it selects (the final else when none is).
func (env *Env) evalIf(e *syntax.If, level int) (Value, error) {
	for {
		c, err := env.eval(e.Cond, level)
		if err != nil {
			return nil, err
		}
		b, err := asBool(c)
		if err != nil {
			return nil, err
		}
		if b {
			return env.eval(e.Then, level)
		}
		next, ok := e.Else.(*syntax.If)
		if !ok {
			return env.eval(e.Else, level)
		}
		e = next
	}
}

// evalAndOr evaluates a chain a1 && a2 && ... && an, or the same with ||,
// left to right. Each operand evaluated must be a Bool; the first one
// equal to the decisive value (false for &&, true for ||) is the result
// and the operands after it are not evaluated at all; when none is, the
// result is the last one. (This is a && b applied left to right: the
// right operand is evaluated only when the left one does not decide.)
// The two operands of `x is T in y` are evaluated together, by evalIsIn,
// and the steps of `e has a.b.c` together, by evalHasPath.
func (env *Env) evalAndOr(op syntax.BinaryOp, operands []syntax.Expr, level int) (Value, error) {
	decisive := op == syntax.OpOr
	for i := 0; i < len(operands); i++ {
		var v Value
		var err error
		if is, in, ok := isInAt(op, operands, i); ok {
			v, err = env.evalIsIn(is, in, level)
			i++ // the In was the next operand
		} else if steps := hasPathAt(op, operands, i); steps != nil {
			v, err = env.evalHasPath(steps, level)
			i += len(steps) - 1 // the steps were the next operands
		} else {
			v, err = env.eval(operands[i], level)
		}
		if err != nil {
			return nil, err
		}
		b, err := asBool(v)
		if err != nil {
			return nil, err
		}
		if b == decisive {
			return Bool(decisive), nil
		}
	}
	return Bool(!decisive), nil
}

// evalStrictChain evaluates a1 op1 a2 op2 ... an for strict operators
// (both operands always evaluated) as ((a1 op1 a2) op2 ...) op(n-1) an:
// each operand is evaluated, left to right, after the operators before it
// have been applied.
func (env *Env) evalStrictChain(operands []syntax.Expr, ops []syntax.BinaryOp, level int) (Value, error) {
	acc, err := env.eval(operands[0], level)
	if err != nil {
		return nil, err
	}
	for i, op := range ops {
		v, err := env.eval(operands[i+1], level)
		if err != nil {
			return nil, err
		}
		if acc, err = env.applyBinary(op, acc, v); err != nil {
			return nil, err
		}
	}
	return acc, nil
}

// evalList evaluates expressions in order, stopping at the first error.
func (env *Env) evalList(es []syntax.Expr, level int) ([]Value, error) {
	out := make([]Value, len(es))
	for i, x := range es {
		v, err := env.eval(x, level)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// evalRecord evaluates a record literal's fields in sorted key order, as
// the Rust engine does (it stores them in a sorted map first). The order
// is observable only as which error a record with two failing fields
// reports.
func (env *Env) evalRecord(e *syntax.RecordExpr, level int) (Value, error) {
	byKey := make(map[string]syntax.Expr, len(e.Fields))
	for _, f := range e.Fields {
		byKey[f.Key] = f.Value
	}
	rec := make(Record, len(e.Fields))
	for _, k := range sortedKeys(byKey) {
		v, err := env.eval(byKey[k], level)
		if err != nil {
			return nil, err
		}
		rec[k] = v
	}
	return rec, nil
}

func asBool(v Value) (bool, error) {
	b, ok := v.(Bool)
	if !ok {
		return false, expectedType("bool", v)
	}
	return bool(b), nil
}

func asLong(v Value) (int64, error) {
	i, ok := v.(Long)
	if !ok {
		return 0, expectedType("long", v)
	}
	return int64(i), nil
}

func asEntity(v Value) (syntax.EntityUID, error) {
	u, ok := v.(EntityUID)
	if !ok {
		return syntax.EntityUID{}, expectedType("entity", v)
	}
	return syntax.EntityUID(u), nil
}

func asSet(v Value) (Set, error) {
	s, ok := v.(Set)
	if !ok {
		return nil, expectedType("set", v)
	}
	return s, nil
}
