package engine

import (
	"sort"
	"sync"

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

// Response is the result of Authorize: the decision and why.
type Response struct {
	Decision    Decision
	Diagnostics Diagnostics
}

// Diagnostics explains a decision. Reasons are the ids of the policies
// that determined it: the satisfied permits for Allow, the satisfied
// forbids for Deny (none for the default deny). Errors lists every policy
// whose evaluation failed, of either effect; such policies are skipped.
// Both lists are in policy set order.
type Diagnostics struct {
	Reasons []string
	Errors  []PolicyError
}

// PolicyError is an evaluation error in one policy.
type PolicyError struct {
	PolicyID string
	Kind     ErrorKind
	Message  string
	Pos      syntax.Pos // the failing expression, when known
}

func (e PolicyError) Error() string {
	s := "policy " + e.PolicyID + ": " + e.Kind.String() + ": " + e.Message
	if e.Pos.IsValid() {
		s = e.Pos.String() + ": " + s
	}
	return s
}

// scratch is the per-call state of one authorization, pooled so that an
// authorization allocates nothing once warmed up.
type scratch struct {
	env     env
	ps      *PolicySet
	permits []int32
	forbids []int32
	errs    []policyErr

	// visited[i] == epoch marks policy i as evaluated in this call, for
	// the policies the index files under several keys.
	visited []uint32
	epoch   uint32
}

type policyErr struct {
	i   int32
	err *evalError
}

var zeroUID = internUID(syntax.EntityUID{})

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// run evaluates policy i and records the outcome.
func (sc *scratch) run(i int32) {
	if sc.ps.index.multi[i] {
		if sc.visited[i] == sc.epoch {
			return
		}
		sc.visited[i] = sc.epoch
	}
	p := sc.ps.policies[i]
	ok, err := p.eval(&sc.env)
	switch {
	case err != nil:
		sc.errs = append(sc.errs, policyErr{i, err})
	case !ok:
	case p.effect == syntax.Forbid:
		sc.forbids = append(sc.forbids, i)
	default:
		sc.permits = append(sc.permits, i)
	}
}

// Authorize decides the request against the policies and entities.
func (ps *PolicySet) Authorize(es *EntityStore, req Request) Response {
	var resp Response
	ps.AuthorizeTo(es, req, &resp)
	return resp
}

// IsAuthorized is Authorize in the shape of cedar-go's API: the decision
// and its diagnostics.
func (ps *PolicySet) IsAuthorized(es *EntityStore, req Request) (Decision, Diagnostics) {
	resp := ps.Authorize(es, req)
	return resp.Decision, resp.Diagnostics
}

// AuthorizeTo is Authorize writing into resp, reusing the capacity of its
// slices: with a reused Response, a warmed-up authorization does not
// allocate (unless a policy raises an error or builds a set or record).
func (ps *PolicySet) AuthorizeTo(es *EntityStore, req Request, resp *Response) {
	sc := scratchPool.Get().(*scratch)
	sc.ps = ps
	en := &sc.env
	en.store = es
	for d := 0; d < 3; d++ {
		if req.uids[d] == (uid{}) {
			// A zero Request (not built by NewRequest) names the entity
			// with empty type and id.
			req.uids[d] = zeroUID
		}
		en.vars[d] = entityValue(req.uids[d])
		en.uids[d] = req.uids[d]
		en.types[d] = req.types[d]
		en.ents[d] = nil
		if es != nil {
			en.ents[d] = es.entities[req.uids[d]]
		}
	}
	en.vars[syntax.VarContext] = req.context
	if req.context.k == kindNone {
		en.vars[syntax.VarContext] = recordOf(emptyRecord)
	}
	sc.permits, sc.forbids, sc.errs = sc.permits[:0], sc.forbids[:0], sc.errs[:0]
	sc.startEpoch(len(ps.policies))

	ps.index.candidates(en, sc)

	reasons := sc.permits
	resp.Decision = Allow
	if len(sc.forbids) > 0 || len(sc.permits) == 0 {
		reasons = sc.forbids
		resp.Decision = Deny
	}
	sortInt32(reasons)
	resp.Diagnostics.Reasons = resp.Diagnostics.Reasons[:0]
	for _, i := range reasons {
		resp.Diagnostics.Reasons = append(resp.Diagnostics.Reasons, ps.policies[i].id)
	}
	resp.Diagnostics.Errors = resp.Diagnostics.Errors[:0]
	if len(sc.errs) > 0 {
		sort.Slice(sc.errs, func(a, b int) bool { return sc.errs[a].i < sc.errs[b].i })
		for _, e := range sc.errs {
			resp.Diagnostics.Errors = append(resp.Diagnostics.Errors, PolicyError{
				PolicyID: ps.policies[e.i].id, Kind: e.err.kind, Message: e.err.msg, Pos: e.err.pos})
		}
	}
	*en = env{}
	sc.ps = nil
	clear(sc.errs)
	scratchPool.Put(sc)
}

// startEpoch begins a call over n policies: policies marked in earlier
// calls count as unvisited.
func (sc *scratch) startEpoch(n int) {
	if len(sc.visited) < n {
		sc.visited = make([]uint32, n)
		sc.epoch = 0
	}
	sc.epoch++
	if sc.epoch == 0 { // wrapped around: old marks could collide
		clear(sc.visited)
		sc.epoch = 1
	}
}

// sortInt32 sorts a short slice in place (insertion sort: reasons are few
// and this does not allocate).
func sortInt32(s []int32) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
