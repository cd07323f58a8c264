package findings

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// withValueChecks returns t with the check policies of a value finding
// (diff.ValueCheckPolicies, claiming the model's values) added after its
// own, renamed policyN as the saved text numbers them. An integration
// test compares decisions, reasons and erroring policies only; with the
// checks, the reference's expectations say whether each value is the
// model's, so replaying the saved finding catches the wrong value.
func withValueChecks(t *generators.Test) (*generators.Test, error) {
	in := &diff.Input{Policies: t.Policies, Entities: t.Entities, Schema: t.Schema}
	reqs := make([]*syntax.Request, len(t.Requests))
	for i := range t.Requests {
		reqs[i] = &t.Requests[i]
	}
	checks, err := diff.ValueCheckPolicies(diff.Model(), in, reqs)
	if err != nil {
		return nil, err
	}
	ps := &syntax.PolicySet{Policies: slices.Clone(t.Policies.Policies), Links: t.Policies.Links}
	for _, p := range checks {
		c := *p
		c.ID = syntax.DefaultPolicyID(len(ps.Policies))
		ps.Policies = append(ps.Policies, &c)
	}
	out := *t
	out.Policies, out.Expr = ps, nil
	return &out, nil
}
