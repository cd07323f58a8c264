package diff

import (
	"slices"
	"time"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// DetailedValidator is implemented by the implementations whose
// validation the validation target compares in detail: the model and
// cedar-wasm. ValidateInDetail validates in.Policies against in.Schema
// (which must not be nil) policy by policy, lists each static policy's
// request environments, and checks each request and the entities against
// the schema.
type DetailedValidator interface {
	ValidateInDetail(in *Input, reqs []*syntax.Request) (*ValidationDetail, error)
}

// ValidationDetail is one implementation's detailed validation of a
// test. Kinds are the model validator's names (validator.Kind); an
// official message that the mapping table (validation_kinds.go) does not
// know becomes the kind "unmapped: <message>", so that it shows up as a
// difference instead of being dropped.
type ValidationDetail struct {
	// Policies holds, by policy, template and link id, the error and
	// warning kinds found. Every id of the policy set is there, with empty
	// lists when nothing was found.
	Policies map[string]*PolicyDetail
	// Envs holds, by static policy id, the request environments in which
	// the policy can apply (getValidRequestEnvsPolicy); nil when not
	// computed.
	Envs map[string]*RequestEnvs
	// Requests holds, in the order of the requests, whether each request
	// conforms to the schema.
	Requests []Conformance
	// Entities says whether the entities conform to the schema.
	Entities Conformance
	// Costs holds the time spent on each comparison's work, by
	// comparison (see the cost* constants).
	Costs map[string]time.Duration
}

// The comparisons of the validation target, the keys of
// ValidationDetail.Costs.
const (
	costValidate = "validate"
	costEnvs     = "request envs"
	costRequests = "request validation"
	costEntities = "entity validation"
)

// PolicyDetail is what a validator found about one policy: the sorted
// sets of error and warning kinds, and the messages (for people, never
// compared).
type PolicyDetail struct {
	Errors   []string
	Warnings []string
	Messages []string
}

// RequestEnvs is the union of a policy's valid request environments,
// component by component (the official engine answers that way): sorted
// sets of principal types, actions written as entity uids, and resource
// types.
type RequestEnvs struct {
	Principals, Actions, Resources []string
}

// Conformance is whether a request, or an entity set, conforms to a
// schema, and when not the reason.
type Conformance struct {
	OK     bool
	Reason string
}

// comparedWarnings are the warning kinds both the model and the official
// engine report; others (the official Unicode lints) are not compared.
var comparedWarnings = map[string]bool{"ImpossiblePolicy": true, "InvalidActionApplication": true}

// policyIDs lists the ids of ps's policies, templates and links.
func policyIDs(ps *syntax.PolicySet) []string {
	var ids []string
	if ps == nil {
		return nil
	}
	for _, p := range ps.Policies {
		if p != nil {
			ids = append(ids, p.ID)
		}
	}
	for _, l := range ps.Links {
		ids = append(ids, l.NewID)
	}
	return ids
}

func newPolicyDetails(ps *syntax.PolicySet) map[string]*PolicyDetail {
	out := map[string]*PolicyDetail{}
	for _, id := range policyIDs(ps) {
		out[id] = &PolicyDetail{}
	}
	return out
}

// normalize sorts the kind sets and drops the warnings not compared.
func (d *PolicyDetail) normalize() {
	d.Errors = sortedSet(d.Errors)
	d.Warnings = sortedSet(slices.DeleteFunc(d.Warnings, func(k string) bool { return !comparedWarnings[k] }))
	slices.Sort(d.Messages)
}

func (e *RequestEnvs) normalize() {
	e.Principals, e.Actions, e.Resources = sortedSet(e.Principals), sortedSet(e.Actions), sortedSet(e.Resources)
}

func (e *RequestEnvs) equal(o *RequestEnvs) bool {
	return slices.Equal(e.Principals, o.Principals) && slices.Equal(e.Actions, o.Actions) && slices.Equal(e.Resources, o.Resources)
}

// ValidateInDetail forwards to the wrapped implementation when it
// validates in detail, and returns ErrNoValidator otherwise.
func (g guarded) ValidateInDetail(in *Input, reqs []*syntax.Request) (d *ValidationDetail, err error) {
	dv, ok := g.impl.(DetailedValidator)
	if !ok {
		return nil, ErrNoValidator
	}
	defer g.recover(&err)
	return dv.ValidateInDetail(in, reqs)
}
