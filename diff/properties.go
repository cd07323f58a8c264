package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/model/validator"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Property names a property every Cedar implementation has, checked on
// the reference's answers to every generated test of an authorization
// target.
type Property string

const (
	// PropExplicitPermit: a request is allowed only because of a permit:
	// an Allow has at least one reason, and every reason is a permit.
	PropExplicitPermit Property = "explicit-permit"
	// PropForbidOverrides: a satisfied forbid wins: a reason that is a
	// forbid means Deny, and every reason of a Deny is a forbid.
	PropForbidOverrides Property = "forbid-overrides-permit"
	// PropPolicyOrder: the answer does not depend on the order of the
	// policies (checked by answering again with the list reversed, on
	// one generated test in PolicyOrderSample, and on every test
	// CheckTest checks).
	PropPolicyOrder Property = "policy-order"
	// PropValidatorSoundness: when the model's validator accepts the
	// policies, the entities conform to the schema and the request passes
	// request validation, evaluation raises no type error and reads no
	// missing attribute or tag. Only EntityDoesNotExist, Overflow and
	// ExtensionError remain possible.
	PropValidatorSoundness Property = "validator-soundness"
)

// PolicyOrderSample: a run checks the policy-order property on the tests
// whose index is a multiple of it. The check answers every request a
// second time, and a policy set whose answer depends on the order shows
// it on many tests.
const PolicyOrderSample = 8

// PolicyOrderNote says, for a report, how a run with the given
// PolicyOrderSample checks the policy-order property.
func PolicyOrderNote(every int) string {
	if every <= 1 {
		return "policy-order is checked on every test: each request is answered again with the policies reversed"
	}
	return fmt.Sprintf("policy-order is checked on a sample, one test in %d (those whose index is a multiple of %d): "+
		"each of their requests is answered again with the policies reversed; the other properties on every answer", every, every)
}

// Properties lists every property.
func Properties() []Property {
	return []Property{PropExplicitPermit, PropForbidOverrides, PropPolicyOrder, PropValidatorSoundness}
}

// policyEffects maps the id of every policy that takes part in
// authorization (static policies and template links) to its effect.
func policyEffects(ps *syntax.PolicySet) map[string]syntax.Effect {
	out := make(map[string]syntax.Effect, len(ps.Policies)+len(ps.Links))
	for _, p := range ps.Policies {
		if !p.IsTemplate() {
			out[p.ID] = p.Effect
		}
	}
	for _, l := range ps.Links {
		if t := ps.Policy(l.TemplateID); t != nil {
			out[l.NewID] = t.Effect
		}
	}
	return out
}

// decisionViolations checks the explicit-permit and forbid-overrides
// properties of one response and describes each violation.
func decisionViolations(effects map[string]syntax.Effect, r Response) map[Property]string {
	if !violatesDecision(effects, r) {
		return nil // the common case, without building the lists below
	}
	var out map[Property]string
	add := func(p Property, format string, args ...any) {
		if out == nil {
			out = map[Property]string{}
		}
		out[p] = fmt.Sprintf(format, args...)
	}
	var permits, forbids, unknown []string
	for _, id := range r.Reasons {
		switch e, ok := effects[id]; {
		case !ok:
			unknown = append(unknown, id)
		case e == syntax.Permit:
			permits = append(permits, id)
		default:
			forbids = append(forbids, id)
		}
	}
	if len(unknown) > 0 {
		add(PropExplicitPermit, "reasons %v name no policy of the set", unknown)
	}
	if r.Decision == Allow {
		if len(r.Reasons) == 0 {
			add(PropExplicitPermit, "allow without a reason")
		} else if len(forbids) > 0 {
			add(PropExplicitPermit, "allow with forbid reasons %v", forbids)
		}
		if len(forbids) > 0 {
			add(PropForbidOverrides, "satisfied forbids %v, yet allow", forbids)
		}
	} else if len(permits) > 0 {
		add(PropForbidOverrides, "deny with permit reasons %v", permits)
	}
	return out
}

// violatesDecision reports whether decisionViolations finds anything.
func violatesDecision(effects map[string]syntax.Effect, r Response) bool {
	permits, forbids := 0, 0
	for _, id := range r.Reasons {
		switch e, ok := effects[id]; {
		case !ok:
			return true
		case e == syntax.Permit:
			permits++
		default:
			forbids++
		}
	}
	if r.Decision == Allow {
		return len(r.Reasons) == 0 || forbids > 0
	}
	return permits > 0
}

// reversedPolicies returns ps with its policies and its links in reverse
// order (the policies themselves are shared).
func reversedPolicies(ps *syntax.PolicySet) *syntax.PolicySet {
	out := &syntax.PolicySet{Policies: slices.Clone(ps.Policies), Links: slices.Clone(ps.Links)}
	slices.Reverse(out.Policies)
	slices.Reverse(out.Links)
	return out
}

// unsoundKinds are the error kinds that a validated policy set never
// raises on conforming entities and requests.
func unsoundKind(k model.ErrorKind) bool {
	return k == model.TypeError || k == model.AttrDoesNotExist || k == model.TagDoesNotExist
}

// soundness decides the validator soundness property for the requests of
// one test lazily: the schema checks (policies, entities, each request)
// run only when an answer holds an error of a kind a validated policy set
// cannot raise, which is rare, so the property costs almost nothing.
type soundness struct {
	in *Input

	checked  bool // whether policiesOK and entitiesOK are known
	policies bool // the model's validator accepts the policies
	entities bool // the entities conform to the schema
}

// violation returns a description of the violation for request req whose
// model answer had errors of the given kinds, or "" when there is none.
func (s *soundness) violation(req *syntax.Request, kinds []model.ErrorKind, resp Response) string {
	var bad []string
	for _, k := range kinds {
		if unsoundKind(k) {
			bad = append(bad, k.String())
		}
	}
	if len(bad) == 0 || s.in.Schema == nil {
		return ""
	}
	if !s.checked {
		s.checked = true
		s.policies = validator.Validate(s.in.Schema, s.in.Policies).OK()
		s.entities = s.policies && validator.ValidateEntities(s.in.Schema, s.in.Entities) == nil
	}
	if !s.policies || !s.entities || validator.ValidateRequest(s.in.Schema, req) != nil {
		return ""
	}
	return fmt.Sprintf("the policies validate, the entities and the request conform, yet evaluation raised %s: %s",
		strings.Join(bad, ", "), strings.Join(resp.Messages, "; "))
}
