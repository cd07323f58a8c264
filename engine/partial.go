// Partial authorization: a request some of whose parts are unknown is
// answered with a decision when the known parts already decide it, and
// otherwise with the residual policies that remain to be decided.

package engine

import (
	"fmt"
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// PartialDecision is the outcome of partial authorization: allow or deny
// when the known parts of the request decide it, unknown otherwise.
type PartialDecision uint8

const (
	PartialDeny PartialDecision = iota
	PartialAllow
	PartialUnknown
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

// PartialResponse is the answer of PartialAuthorize, in the terms of the
// official engine's partial authorizer. The id lists are sorted.
type PartialResponse struct {
	Decision PartialDecision
	// Satisfied are the policies (of either effect) whose condition
	// evaluated to true; Errored those whose evaluation raised an error,
	// which, as in Authorize, never decide anything.
	Satisfied []string
	Errored   []string
	// MayBeDetermining are the policies that could determine the decision
	// once the unknowns are known: with a satisfied forbid, the satisfied
	// and residual forbids; otherwise the satisfied and residual permits
	// and the residual forbids. MustBeDetermining are the policies that
	// determine it whatever the unknowns are: the satisfied forbids if
	// there is a satisfied or residual forbid, else the satisfied permits.
	MayBeDetermining  []string
	MustBeDetermining []string
	// Residuals are the policies whose condition evaluated to neither a
	// value nor an error, in policy set order: each has the policy's id,
	// effect and annotations, an unconstrained scope, and one when
	// condition, the residual. unknown("name") calls stand for the
	// unknowns; a residual may also hold parts of the original policy
	// (with its variables) where partial evaluation of that part failed,
	// as the official engine keeps them.
	Residuals []*syntax.Policy
	// Errors are the errors of the Errored policies, in policy set order.
	Errors []PolicyError
}

// partialSet is what partial authorization needs of a policy set, built
// on first use: each policy's whole condition as one expression, and the
// values of the literals in them, so that evaluation does not build
// (intern, allocate) a literal's value each time it reads it.
type partialSet struct {
	conds []syntax.Expr // indexed like PolicySet.policies
	lits  map[*syntax.Literal]value
}

// partialPolicies returns the policy set's partialSet, building it once.
func (ps *PolicySet) partialPolicies() *partialSet {
	ps.partialOnce.Do(func() {
		pp := &partialSet{conds: make([]syntax.Expr, len(ps.policies)), lits: map[*syntax.Literal]value{}}
		for i, p := range ps.policies {
			pp.conds[i] = policyCondition(p.src)
			syntax.Inspect(pp.conds[i], func(e syntax.Expr) bool {
				if l, ok := e.(*syntax.Literal); ok {
					if v, err := literalValue(l, nil); err == nil {
						pp.lits[l] = v
					}
				}
				return true
			})
		}
		ps.partial = pp
	})
	return ps.partial
}

// PartialAuthorize decides a request some of whose parts are unknown
// (see syntax.PartialRequest) against the policies and entities (nil is
// the empty store). Every policy is partially evaluated: its condition
// (scope and when/unless clauses, combined as the official engine does,
// principal && (action && (resource && (c1 && (c2 && ...))))) gives true,
// false, an error or a residual, and the decision follows:
//
//   - a satisfied forbid: deny;
//   - no satisfied and no residual permit: deny;
//   - otherwise a residual forbid: unknown;
//   - otherwise a satisfied permit: allow, else unknown.
//
// The error is for a request that cannot be read: a context that is not
// a record or fails to evaluate.
func (ps *PolicySet) PartialAuthorize(es *EntityStore, req *syntax.PartialRequest) (PartialResponse, error) {
	pe, err := newPartialEnv(es, req)
	if err != nil {
		return PartialResponse{}, err
	}
	pp := ps.partialPolicies()
	pe.lits = pp.lits
	var resp PartialResponse
	var satPermit, satForbid, resPermit, resForbid []string
	for i, p := range ps.policies {
		if pe.scopeFalse(p) {
			continue
		}
		pe.slots = p.slots
		pe.depth = 0
		pv, evErr := pe.eval(pp.conds[i])
		if evErr == nil && pv.res == nil && pv.v.k != kindBool {
			evErr = typeErrorf(p.pos, "condition: expected bool, got %s", pv.v.k)
		}
		switch {
		case evErr != nil:
			resp.Errored = append(resp.Errored, p.id)
			resp.Errors = append(resp.Errors, PolicyError{PolicyID: p.id, Kind: evErr.kind, Message: evErr.msg, Pos: evErr.pos})
		case pv.res != nil:
			resp.Residuals = append(resp.Residuals, residualPolicy(p, pv.res))
			if p.effect == syntax.Forbid {
				resForbid = append(resForbid, p.id)
			} else {
				resPermit = append(resPermit, p.id)
			}
		case !pv.v.isTrue():
		case p.effect == syntax.Forbid:
			satForbid = append(satForbid, p.id)
		default:
			satPermit = append(satPermit, p.id)
		}
	}
	switch {
	case len(satForbid) > 0, len(satPermit) == 0 && len(resPermit) == 0:
		resp.Decision = PartialDeny
	case len(resForbid) > 0:
		resp.Decision = PartialUnknown
	case len(satPermit) > 0:
		resp.Decision = PartialAllow
	default:
		resp.Decision = PartialUnknown
	}
	resp.Satisfied = sortedIDs(satPermit, satForbid)
	if len(satForbid) > 0 {
		resp.MayBeDetermining = sortedIDs(satForbid, resForbid)
	} else {
		resp.MayBeDetermining = sortedIDs(satPermit, resPermit, resForbid)
	}
	if len(satForbid) == 0 && len(resForbid) == 0 {
		resp.MustBeDetermining = sortedIDs(satPermit)
	} else {
		resp.MustBeDetermining = sortedIDs(satForbid)
	}
	slices.Sort(resp.Errored)
	return resp, nil
}

func sortedIDs(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// residualPolicy is policy p with the residual r as its only condition.
func residualPolicy(p *policy, r syntax.Expr) *syntax.Policy {
	out := &syntax.Policy{Pos: p.pos, ID: p.id, Effect: p.effect,
		Conditions: []syntax.Condition{{Kind: syntax.When, Body: r}}}
	if p.src != nil {
		out.Annotations = slices.Clone(p.src.Annotations)
	}
	return out
}

// newPartialEnv reads the request: each unknown part becomes the
// residual unknown("principal"), unknown("action"), unknown("resource")
// or unknown("context"); a given context is evaluated partially (its
// unknown("name") values stay residual) and must be a record.
func newPartialEnv(es *EntityStore, req *syntax.PartialRequest) (*partialEnv, error) {
	if req == nil {
		return nil, &syntax.Error{Kind: "BadRequest", Msg: "missing partial request"}
	}
	pe := &partialEnv{}
	pe.env.store = es
	for d, u := range [3]*syntax.EntityUID{req.Principal, req.Action, req.Resource} {
		if u == nil {
			pe.vars[d] = residual(syntax.Unknown(syntax.Var(d).String()))
			continue
		}
		id := internUID(*u)
		pe.vars[d] = known(entityValue(id))
		pe.env.uids[d], pe.env.types[d] = id, u.Type
		if es != nil {
			pe.env.ents[d] = es.entities[id]
		}
	}
	switch {
	case req.Context == nil:
		pe.vars[syntax.VarContext] = residual(syntax.Unknown("context"))
	default:
		if err := checkRestricted(req.Context, 0); err != nil {
			return nil, err
		}
		ctx, evErr := pe.eval(req.Context)
		if evErr != nil {
			return nil, &syntax.Error{Pos: evErr.pos, Kind: evErr.kind.String(), Msg: evErr.msg}
		}
		_, isRecordExpr := ctx.res.(*syntax.RecordExpr)
		if ctx.res == nil && ctx.v.k != kindRecord || ctx.res != nil && !isRecordExpr {
			return nil, &syntax.Error{Pos: req.Context.Position(), Kind: "BadContext",
				Msg: fmt.Sprintf("context must be a record, got %s", describe(ctx))}
		}
		pe.vars[syntax.VarContext] = ctx
	}
	return pe, nil
}

func describe(v pval) string {
	if v.res != nil {
		return fmt.Sprintf("%T", v.res)
	}
	return v.v.k.String()
}

// scopeFalse reports whether p's condition is false whatever the
// unknowns: reading the scope constraints in order, one on a known
// variable is false before any constrains an unknown one. Since the
// condition is principal && (action && (resource && ...)), evaluation
// would stop there with false, and scopes never raise errors; this
// checks the compiled scopes instead, which is much faster.
func (pe *partialEnv) scopeFalse(p *policy) bool {
	for d := range p.scopes {
		s := &p.scopes[d]
		switch {
		case s.op == syntax.ScopeAll:
		case pe.vars[d].isResidual():
			return false
		case !s.match(&pe.env, d):
			return true
		}
	}
	return false
}
