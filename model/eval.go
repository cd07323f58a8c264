package model

import (
	"errors"
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// maxDepth bounds how deeply nested an expression or value the model
// evaluates, so that hostile input errors instead of exhausting the stack.
const maxDepth = 10_000

// Env is what an expression is evaluated against: the request, with its
// context already evaluated, and the entity store.
type Env struct {
	Principal, Action, Resource EntityUID
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
		Context:   Record{},
		Entities:  es,
	}
	if req.Context == nil {
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

// Eval evaluates e in env. Every error it returns is an *Error.
func (env *Env) Eval(e syntax.Expr) (Value, error) {
	return env.eval(e, 0)
}

// eval evaluates e (see evalForm) and positions an error at e when no
// inner expression claimed it: the error's position is that of the
// innermost expression that raised it.
func (env *Env) eval(e syntax.Expr, depth int) (Value, error) {
	v, err := env.evalForm(e, depth)
	if err != nil {
		return nil, at(err, e.Position())
	}
	return v, nil
}

// evalForm is the evaluator: one case per expression form. Operands are
// evaluated left to right, each completely, before the operator looks at
// them; only &&, || and if-then-else skip evaluating an operand.
func (env *Env) evalForm(e syntax.Expr, depth int) (Value, error) {
	if depth > maxDepth {
		return nil, errorf(RecursionLimit, "expression nested more than %d deep", maxDepth)
	}
	depth++
	switch e := e.(type) {
	case *syntax.Literal:
		return literalValue(e)
	case *syntax.Variable:
		return env.variable(e.Var)
	case *syntax.Slot:
		return nil, typeErrorf("unlinked slot %s", e.ID)
	case *syntax.If:
		return env.evalIf(e, depth)
	case *syntax.Unary:
		arg, err := env.eval(e.Arg, depth)
		if err != nil {
			return nil, err
		}
		return applyUnary(e.Op, arg)
	case *syntax.Binary:
		switch e.Op {
		case syntax.OpAnd, syntax.OpOr:
			return env.evalAndOr(e, depth)
		}
		left, err := env.eval(e.Left, depth)
		if err != nil {
			return nil, err
		}
		right, err := env.eval(e.Right, depth)
		if err != nil {
			return nil, err
		}
		return env.applyBinary(e.Op, left, right)
	case *syntax.GetAttr:
		v, err := env.eval(e.Left, depth)
		if err != nil {
			return nil, err
		}
		return env.getAttr(v, e.Attr)
	case *syntax.Has:
		v, err := env.eval(e.Left, depth)
		if err != nil {
			return nil, err
		}
		return env.hasAttr(v, e.Attr)
	case *syntax.Like:
		v, err := env.eval(e.Left, depth)
		if err != nil {
			return nil, err
		}
		s, err := asString(v)
		if err != nil {
			return nil, err
		}
		return Bool(Match(e.Pattern, string(s))), nil
	case *syntax.Is:
		v, err := env.eval(e.Left, depth)
		if err != nil {
			return nil, err
		}
		u, err := asEntity(v)
		if err != nil {
			return nil, err
		}
		return Bool(u.Type == e.Type), nil
	case *syntax.SetExpr:
		elems, err := env.evalList(e.Elems, depth)
		if err != nil {
			return nil, err
		}
		return NewSet(elems...), nil
	case *syntax.RecordExpr:
		return env.evalRecord(e, depth)
	case *syntax.Call:
		args, err := env.evalList(e.Args, depth)
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

// evalIf evaluates the condition, which must be a Bool, and then only the
// branch it selects.
func (env *Env) evalIf(e *syntax.If, depth int) (Value, error) {
	c, err := env.eval(e.Cond, depth)
	if err != nil {
		return nil, err
	}
	b, err := asBool(c)
	if err != nil {
		return nil, err
	}
	if b {
		return env.eval(e.Then, depth)
	}
	return env.eval(e.Else, depth)
}

// evalAndOr evaluates a && b and a || b. The left operand must be a Bool;
// if it decides the result (false for &&, true for ||) the right operand
// is not evaluated at all, otherwise the right operand must be a Bool and
// is the result.
func (env *Env) evalAndOr(e *syntax.Binary, depth int) (Value, error) {
	l, err := env.eval(e.Left, depth)
	if err != nil {
		return nil, err
	}
	lb, err := asBool(l)
	if err != nil {
		return nil, err
	}
	if decided := e.Op == syntax.OpOr; lb == decided {
		return Bool(decided), nil
	}
	r, err := env.eval(e.Right, depth)
	if err != nil {
		return nil, err
	}
	rb, err := asBool(r)
	if err != nil {
		return nil, err
	}
	return Bool(rb), nil
}

// evalList evaluates expressions in order, stopping at the first error.
func (env *Env) evalList(es []syntax.Expr, depth int) ([]Value, error) {
	out := make([]Value, len(es))
	for i, x := range es {
		v, err := env.eval(x, depth)
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
func (env *Env) evalRecord(e *syntax.RecordExpr, depth int) (Value, error) {
	byKey := map[string]syntax.Expr{}
	for _, f := range e.Fields {
		byKey[f.Key] = f.Value
	}
	rec := Record{}
	for _, k := range sortedKeys(byKey) {
		v, err := env.eval(byKey[k], depth)
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
