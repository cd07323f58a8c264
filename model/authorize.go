package model

import (
	"errors"
	"sort"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Decision is the outcome of an authorization request.
type Decision uint8

const (
	Deny Decision = iota
	Allow
)

func (d Decision) String() string {
	if d == Allow {
		return "allow"
	}
	return "deny"
}

// Response is the answer to an authorization request.
type Response struct {
	Decision Decision
	// Reasons are the ids of the policies that determined the decision:
	// the satisfied permits when allowed, the satisfied forbids when
	// denied (empty for a default deny). Sorted.
	Reasons []string
	// Errors are the policies whose evaluation failed, sorted by id.
	Errors []PolicyError
}

// PolicyError is the error one policy's evaluation ended with; Pos is
// where (see Error).
type PolicyError struct {
	PolicyID string
	Kind     ErrorKind
	Message  string
	Pos      syntax.Pos
}

// Authorize decides a request. Every policy (static or linked) is
// evaluated; a policy is satisfied when its condition evaluates to true.
// The request is allowed iff some permit is satisfied and no forbid is.
// A policy whose evaluation fails is skipped: it is neither satisfied nor
// unsatisfied, and is only reported in Errors.
//
// The error result is only for input that cannot be authorized at all: a
// bad template link, or a context that is not a record.
func Authorize(ps *syntax.PolicySet, es *Entities, req *syntax.Request) (Response, error) {
	policies, err := NewPolicies(ps)
	if err != nil {
		return Response{}, err
	}
	return policies.Authorize(es, req)
}

// Policies are the linked policies of a policy set, each with the
// conjuncts of its condition built once, to authorize many requests.
type Policies struct {
	policies  []*syntax.Policy
	conjuncts [][]conjunct
}

// NewPolicies links ps (see LinkedPolicies) and builds every condition.
func NewPolicies(ps *syntax.PolicySet) (*Policies, error) {
	policies, err := LinkedPolicies(ps)
	if err != nil {
		return nil, err
	}
	out := &Policies{policies: policies, conjuncts: make([][]conjunct, len(policies))}
	for i, p := range policies {
		out.conjuncts[i] = conjuncts(p)
	}
	return out, nil
}

// Authorize decides a request as the function Authorize does.
func (ps *Policies) Authorize(es *Entities, req *syntax.Request) (Response, error) {
	env, err := NewEnv(req, es)
	if err != nil {
		return Response{}, err
	}
	var permits, forbids []string
	var resp Response
	for i, p := range ps.policies {
		satisfied, err := env.satisfiesAll(ps.conjuncts[i])
		switch {
		case err != nil:
			resp.Errors = append(resp.Errors, policyError(p.ID, err))
		case satisfied && p.Effect == syntax.Permit:
			permits = append(permits, p.ID)
		case satisfied && p.Effect == syntax.Forbid:
			forbids = append(forbids, p.ID)
		}
	}
	if len(forbids) == 0 && len(permits) > 0 {
		resp.Decision, resp.Reasons = Allow, permits
	} else {
		resp.Decision, resp.Reasons = Deny, forbids
	}
	sort.Strings(resp.Reasons)
	sort.Slice(resp.Errors, func(i, j int) bool { return resp.Errors[i].PolicyID < resp.Errors[j].PolicyID })
	return resp, nil
}

// policyError records err as the error of the policy id.
func policyError(id string, err error) PolicyError {
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Kind: TypeError, Message: err.Error()}
	}
	return PolicyError{PolicyID: id, Kind: e.Kind, Message: e.Message, Pos: e.Pos}
}

// Satisfied evaluates a linked policy's condition, which must be a Bool.
// It evaluates Condition(p) conjunct by conjunct, left to right, each
// scope constraint and each condition body as an expression of its own
// (an unless body is negated after it is evaluated, with the type error
// of !): the same result, but the nesting limit (Eval) applies to each
// condition body as the parsers and the engine apply it, not to the
// conjunction that joins them.
func (env *Env) Satisfied(p *syntax.Policy) (bool, error) {
	return env.satisfiesAll(conjuncts(p))
}

// conjunct is one conjunct of a policy's condition: a scope constraint,
// or a condition body, negated for unless.
type conjunct struct {
	expr   syntax.Expr
	negate bool
}

// conjuncts are the conjuncts of Condition(p), in order.
func conjuncts(p *syntax.Policy) []conjunct {
	out := []conjunct{{expr: scopeExpr(syntax.VarPrincipal, p.Principal)},
		{expr: scopeExpr(syntax.VarAction, p.Action)}, {expr: scopeExpr(syntax.VarResource, p.Resource)}}
	for _, c := range p.Conditions {
		out = append(out, conjunct{expr: c.Body, negate: c.Kind == syntax.Unless})
	}
	return out
}

// satisfiesAll evaluates the conjuncts left to right, stopping at the
// first that is false or fails.
func (env *Env) satisfiesAll(cs []conjunct) (bool, error) {
	for _, c := range cs {
		if ok, err := env.satisfies(c.expr, c.negate); !ok || err != nil {
			return false, err
		}
	}
	return true, nil
}

// satisfies evaluates one conjunct of a policy's condition, negated for an
// unless body: its value must be a Bool.
func (env *Env) satisfies(e syntax.Expr, negate bool) (bool, error) {
	v, err := env.Eval(e)
	if err != nil {
		return false, err
	}
	b, err := asBool(v)
	if err != nil {
		return false, err
	}
	return b != negate, nil
}

// Condition is the expression a policy means:
//
//	principalScope && (actionScope && (resourceScope && conditions))
//
// where the conditions are `when` bodies and negated `unless` bodies
// joined by && in order (true when there are none).
func Condition(p *syntax.Policy) syntax.Expr {
	var conds syntax.Expr = syntax.Bool(true)
	for i := len(p.Conditions) - 1; i >= 0; i-- {
		c := p.Conditions[i]
		body := c.Body
		if c.Kind == syntax.Unless {
			body = syntax.Not(body)
		}
		if i == len(p.Conditions)-1 {
			conds = body
		} else {
			conds = syntax.Bin(syntax.OpAnd, body, conds)
		}
	}
	return and(scopeExpr(syntax.VarPrincipal, p.Principal),
		and(scopeExpr(syntax.VarAction, p.Action),
			and(scopeExpr(syntax.VarResource, p.Resource), conds)))
}

func and(a, b syntax.Expr) syntax.Expr { return syntax.Bin(syntax.OpAnd, a, b) }

// scopeExpr is the expression a scope constraint on variable v means.
// A slot left in the scope evaluates to an error.
func scopeExpr(v syntax.Var, s syntax.Scope) syntax.Expr {
	x := syntax.VarExpr(v)
	var rhs syntax.Expr = syntax.Entity(s.Entity)
	if s.Slot != "" {
		rhs = &syntax.Slot{ID: s.Slot}
	}
	switch s.Op {
	case syntax.ScopeEq:
		return syntax.Bin(syntax.OpEq, x, rhs)
	case syntax.ScopeIn:
		return syntax.Bin(syntax.OpIn, x, rhs)
	case syntax.ScopeIs:
		return &syntax.Is{Left: x, Type: s.Type}
	case syntax.ScopeIsIn:
		return and(&syntax.Is{Left: x, Type: s.Type}, syntax.Bin(syntax.OpIn, x, rhs))
	case syntax.ScopeInSet:
		elems := make([]syntax.Expr, len(s.Entities))
		for i, u := range s.Entities {
			elems[i] = syntax.Entity(u)
		}
		return syntax.Bin(syntax.OpIn, x, &syntax.SetExpr{Elems: elems})
	}
	return syntax.Bool(true) // ScopeAll
}
