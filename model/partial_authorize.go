package model

import (
	"sort"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// PartialDecision is the outcome of partial authorization: a decision
// already known whatever the unknowns turn out to be, or Undecided.
type PartialDecision uint8

const (
	PartialDeny PartialDecision = iota
	PartialAllow
	Undecided
)

func (d PartialDecision) String() string {
	switch d {
	case PartialAllow:
		return "allow"
	case PartialDeny:
		return "deny"
	}
	return "unknown"
}

// PartialResponse is the answer to a partial request. Each id list is
// sorted.
type PartialResponse struct {
	Decision PartialDecision
	// Satisfied: policies whose condition is true; Errored: policies whose
	// evaluation failed (Errors gives the errors).
	Satisfied, Errored []string
	Errors             []PolicyError
	// MayBeDetermining and MustBeDetermining: see classify.
	MayBeDetermining, MustBeDetermining []string
	// Residuals are the policies left undecided, in policy order: each
	// with its id and effect, an unconstrained scope and one `when` whose
	// body is the residual of its condition.
	Residuals []*syntax.Policy
}

// PartialAuthorize authorizes a request with unknowns. Each policy's
// condition (Condition) is partially evaluated (partial.go): true makes it
// satisfied, false not satisfied, an error errored (and, as in Authorize,
// skipped), a residual leaves it undecided. The decision and the
// classification follow from those four policyGroups (classify).
//
// The error result is for input that cannot be authorized at all, as in
// Authorize.
func PartialAuthorize(ps *syntax.PolicySet, es *Entities, req *syntax.PartialRequest) (PartialResponse, error) {
	policies, err := LinkedPolicies(ps)
	if err != nil {
		return PartialResponse{}, err
	}
	env, err := NewPartialEnv(req, es)
	if err != nil {
		return PartialResponse{}, err
	}
	var g policyGroups
	var resp PartialResponse
	for _, p := range policies {
		c, err := env.PartialCondition(p)
		switch {
		case err != nil:
			resp.Errored = append(resp.Errored, p.ID)
			resp.Errors = append(resp.Errors, policyError(p.ID, err))
		case c.IsResidual():
			g.add(p.Effect, &g.residualPermits, &g.residualForbids, p.ID)
			resp.Residuals = append(resp.Residuals, residualPolicy(p, c.Residual))
		case c.Value == Bool(true):
			g.add(p.Effect, &g.satisfiedPermits, &g.satisfiedForbids, p.ID)
		}
	}
	g.classify(&resp)
	for _, ids := range [][]string{resp.Satisfied, resp.Errored, resp.MayBeDetermining, resp.MustBeDetermining} {
		sort.Strings(ids)
	}
	return resp, nil
}

// policyGroups sorts the policies that can still be true by effect.
type policyGroups struct {
	satisfiedPermits, satisfiedForbids []string
	residualPermits, residualForbids   []string
}

func (g *policyGroups) add(effect syntax.Effect, permits, forbids *[]string, id string) {
	if effect == syntax.Permit {
		*permits = append(*permits, id)
	} else {
		*forbids = append(*forbids, id)
	}
}

// classify decides what the policyGroups allow to decide, as the official
// engine does:
//
//   - a satisfied forbid denies; with no permit satisfied or undecided the
//     default deny holds; a satisfied permit allows when no forbid is
//     undecided; otherwise the decision waits for the unknowns.
//   - may be determining: with a satisfied forbid, the satisfied and the
//     undecided forbids; otherwise the satisfied and undecided permits and
//     the undecided forbids.
//   - must be determining: with no forbid satisfied or undecided, the
//     satisfied permits; otherwise the satisfied forbids.
func (g *policyGroups) classify(resp *PartialResponse) {
	anySatForbid, anyResForbid := len(g.satisfiedForbids) > 0, len(g.residualForbids) > 0
	switch {
	case anySatForbid:
		resp.Decision = PartialDeny
	case len(g.satisfiedPermits) == 0 && len(g.residualPermits) == 0:
		resp.Decision = PartialDeny
	case len(g.satisfiedPermits) > 0 && !anyResForbid:
		resp.Decision = PartialAllow
	default:
		resp.Decision = Undecided
	}
	resp.Satisfied = concat(g.satisfiedPermits, g.satisfiedForbids)
	if anySatForbid {
		resp.MayBeDetermining = concat(g.satisfiedForbids, g.residualForbids)
	} else {
		resp.MayBeDetermining = concat(g.satisfiedPermits, g.residualPermits, g.residualForbids)
	}
	if !anySatForbid && !anyResForbid {
		resp.MustBeDetermining = concat(g.satisfiedPermits)
	} else {
		resp.MustBeDetermining = concat(g.satisfiedForbids)
	}
}

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// residualPolicy is policy p reduced to its residual condition r.
func residualPolicy(p *syntax.Policy, r syntax.Expr) *syntax.Policy {
	return &syntax.Policy{ID: p.ID, Effect: p.Effect, Annotations: p.Annotations,
		Conditions: []syntax.Condition{{Kind: syntax.When, Body: r}}}
}

// PartialCondition partially evaluates a linked policy's condition,
// Condition(p), conjunct by conjunct as Satisfied does (each condition
// body counts on its own for the nesting limit; an unless body is
// negated after it is evaluated): known conjuncts must be Bools and are
// decided as by &&, and from the first residual conjunct on the rest is
// kept as partialAndOr keeps it.
func (env *PartialEnv) PartialCondition(p *syntax.Policy) (Partial, error) {
	conjuncts := []syntax.Expr{scopeExpr(syntax.VarPrincipal, p.Principal),
		scopeExpr(syntax.VarAction, p.Action), scopeExpr(syntax.VarResource, p.Resource)}
	negated := []bool{false, false, false}
	for _, c := range p.Conditions {
		conjuncts = append(conjuncts, c.Body)
		negated = append(negated, c.Kind == syntax.Unless)
	}
	for i, e := range conjuncts {
		c, err := env.partialConjunct(e, negated[i])
		if err != nil {
			return Partial{}, err
		}
		if c.IsResidual() {
			acc := c.Residual
			if i > 0 {
				acc = syntax.Bin(syntax.OpAnd, syntax.Bool(true), acc)
			}
			for j := i + 1; j < len(conjuncts); j++ {
				acc = syntax.Bin(syntax.OpAnd, acc, env.bestEffortConjunct(conjuncts[j], negated[j]))
			}
			return residual(acc), nil
		}
		b, err := asBool(c.Value)
		if err != nil {
			return Partial{}, err
		}
		if !b {
			return Known(Bool(false)), nil
		}
	}
	return Known(Bool(true)), nil
}

// partialConjunct partially evaluates one conjunct, negated for an unless
// body.
func (env *PartialEnv) partialConjunct(e syntax.Expr, negate bool) (Partial, error) {
	c, err := env.PartialEval(e)
	if err != nil || !negate {
		return c, err
	}
	if c.IsResidual() {
		return residual(syntax.Not(c.Residual)), nil
	}
	v, err := applyUnary(syntax.OpNot, c.Value)
	return Known(v), err
}

// bestEffortConjunct is a conjunct after a residual one: evaluated as far
// as possible, or as written (negated for unless) when that fails.
func (env *PartialEnv) bestEffortConjunct(e syntax.Expr, negate bool) syntax.Expr {
	c, err := env.partialConjunct(e, negate)
	if err != nil {
		if negate {
			return syntax.Not(e)
		}
		return e
	}
	return c.Expr()
}
