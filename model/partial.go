package model

import (
	"errors"
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Partial evaluation evaluates an expression whose request has unknowns
// (syntax.PartialRequest) as far as the known parts allow. Its result
// (Partial) is a value when the unknowns do not matter, or a residual:
// an expression, with unknown("name") calls standing for the unknowns,
// that means what the original means once the unknowns are known. The
// rules follow the official engine's partial evaluator (Cedar 4.13):
//
//   - An unknown request part or context value is the residual
//     unknown(name): "principal", "action", "resource", "context", or the
//     name the context gives it. A context with unknowns inside is a
//     residual record literal of its fields (known fields as values).
//   - An error met while evaluating is raised at once, as in concrete
//     evaluation, even if the expression also has unknowns: the operands
//     of every strict operator, set, record and extension call are all
//     evaluated, left to right, before a residual is built, so
//     `unknown("x") + (1 + "a")` is an error, not a residual.
//   - An operator, extension call, `like` or `is` with a residual operand
//     is a residual of the same operator over the operands' partial
//     results (known ones written back as values).
//   - `&&` and `||`: a known left operand is decided as in concrete
//     evaluation (it must be a Bool; false && _ and true || _ short
//     circuit; true && r stays `true && r`, so that r is still checked to
//     be a Bool). A residual left operand leaves `r && b` (`r || b`)
//     where b is the right operand evaluated as far as possible, or the
//     right operand as written when that raises an error: errors behind
//     a residual are kept in the residual, not raised.
//   - if-then-else with a residual condition is a residual if-then-else
//     whose branches are evaluated as far as possible in the same way
//     (an erroring branch is kept as written).
//   - `.attr` and `has attr` on a residual record literal: when the
//     literal is projectable (only literals, unknowns, variables, sets and
//     records inside) the field is selected (`.attr`, an error when
//     missing) or its presence decided (`has`); otherwise `.attr` of a
//     missing field is an error now, and the rest stays a residual. On
//     any other residual both stay residuals.
//
// Partial authorization (PartialAuthorize) classifies each policy by its
// condition's partial result: satisfied (true), not satisfied (false),
// errored, or a residual; see partial_authorize.go.
//
// Partial is a partial result: Value when the value is known, otherwise
// Residual. Exactly one of them is set.
type Partial struct {
	Value    Value
	Residual syntax.Expr
}

// Known is the partial result of a known value.
func Known(v Value) Partial { return Partial{Value: v} }

// residual is the partial result r.
func residual(r syntax.Expr) Partial { return Partial{Residual: r} }

// IsResidual reports whether p is a residual.
func (p Partial) IsResidual() bool { return p.Residual != nil }

// Expr writes p as an expression: the residual, or the value's expression.
func (p Partial) Expr() syntax.Expr {
	if p.Residual != nil {
		return p.Residual
	}
	return ValueExpr(p.Value)
}

// PartialEnv is what an expression is partially evaluated against: the
// request's parts, each known or unknown, and the entity store.
type PartialEnv struct {
	Principal, Action, Resource, Context Partial
	// ops evaluates operators on known values (hierarchy, attributes of
	// entities) against the store.
	ops *Env
}

// NewPartialEnv evaluates the partial request's context (a restricted
// record expression whose values may be unknown("name") calls; nil is an
// unknown context).
func NewPartialEnv(req *syntax.PartialRequest, es *Entities) (*PartialEnv, error) {
	if req == nil {
		return nil, errors.New("no request")
	}
	env := &PartialEnv{
		Principal: requestEntity(req.Principal, syntax.VarPrincipal),
		Action:    requestEntity(req.Action, syntax.VarAction),
		Resource:  requestEntity(req.Resource, syntax.VarResource),
		Context:   residual(syntax.Unknown(syntax.VarContext.String())),
		ops:       &Env{Entities: es},
	}
	if req.Context == nil {
		return env, nil
	}
	c, err := partialRestricted(req.Context, 0)
	if err != nil {
		return nil, fmt.Errorf("context: %w", err)
	}
	if err := contextIsRecord(c); err != nil {
		return nil, err
	}
	env.Context = c
	return env, nil
}

// requestEntity is a request part: the entity when known, else unknown(v).
func requestEntity(u *syntax.EntityUID, v syntax.Var) Partial {
	if u == nil {
		return residual(syntax.Unknown(v.String()))
	}
	return Known(EntityUID(*u))
}

func contextIsRecord(c Partial) error {
	if c.IsResidual() {
		if _, ok := c.Residual.(*syntax.RecordExpr); ok {
			return nil
		}
		return errors.New("context must be a record")
	}
	if _, ok := c.Value.(Record); !ok {
		return fmt.Errorf("context must be a record, got %s", typeName(c.Value))
	}
	return nil
}

// partialRestricted evaluates a restricted expression that may hold
// unknown("name") calls: like evalRestricted, but a set, record or
// extension call with a residual inside is a residual.
func partialRestricted(e syntax.Expr, depth int) (Partial, error) {
	if depth > maxDepth {
		return Partial{}, errorf(RecursionLimit, "value nested more than %d deep", maxDepth)
	}
	if _, ok := syntax.UnknownName(e); ok {
		return residual(e), nil
	}
	var parts []Partial
	for _, x := range restrictedChildren(e) {
		p, err := partialRestricted(x, depth+1)
		if err != nil {
			return Partial{}, err
		}
		parts = append(parts, p)
	}
	if !anyResidual(parts) {
		v, err := evalRestricted(e, depth)
		return Known(v), err
	}
	return residual(rebuild(e, parts)), nil
}

// restrictedChildren are the sub-expressions of a restricted expression.
func restrictedChildren(e syntax.Expr) []syntax.Expr {
	switch e.(type) {
	case *syntax.SetExpr, *syntax.RecordExpr, *syntax.Call:
		return syntax.Children(e)
	}
	return nil
}

// rebuild is e (a set, record literal or call) over the partial results
// of its sub-expressions, in the order of syntax.Children.
func rebuild(e syntax.Expr, parts []Partial) syntax.Expr {
	exprs := make([]syntax.Expr, len(parts))
	for i, p := range parts {
		exprs[i] = p.Expr()
	}
	switch e := e.(type) {
	case *syntax.SetExpr:
		return &syntax.SetExpr{Elems: exprs}
	case *syntax.RecordExpr:
		out := &syntax.RecordExpr{}
		for i, f := range e.Fields {
			out.Fields = append(out.Fields, syntax.Field{Key: f.Key, Value: exprs[i]})
		}
		return out
	case *syntax.Call:
		return &syntax.Call{Name: e.Name, Args: exprs}
	}
	panic(fmt.Sprintf("rebuild: %T", e))
}

func anyResidual(parts []Partial) bool {
	for _, p := range parts {
		if p.IsResidual() {
			return true
		}
	}
	return false
}
