package diff

import (
	"errors"
	"time"

	"github.com/cedar-crosscheck/crosscheck/model/validator"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ValidateInDetail validates with the reference validator, reporting a
// scope that admits no environment as a warning, as the official engine
// 4.13 does (validator.InapplicableScopeAsWarning).
func (modelImpl) ValidateInDetail(in *Input, reqs []*syntax.Request) (*ValidationDetail, error) {
	if in.Schema == nil {
		return nil, errors.New("validate: the input has no schema")
	}
	d := &ValidationDetail{Policies: newPolicyDetails(in.Policies), Envs: map[string]*RequestEnvs{}, Costs: map[string]time.Duration{}}

	start := time.Now()
	res := validator.Validate(in.Schema, in.Policies, validator.InapplicableScopeAsWarning())
	for _, diag := range res.Errors {
		p := d.policy(diag.PolicyID)
		p.Errors = append(p.Errors, string(diag.Kind))
		p.Messages = append(p.Messages, diag.Error())
	}
	for _, diag := range res.Warnings {
		p := d.policy(diag.PolicyID)
		p.Warnings = append(p.Warnings, string(diag.Kind))
		p.Messages = append(p.Messages, "warning: "+diag.Error())
	}
	for _, p := range d.Policies {
		p.normalize()
	}
	d.Costs[costValidate] = time.Since(start)

	start = time.Now()
	for _, p := range in.Policies.Policies {
		if p == nil || p.IsTemplate() {
			continue
		}
		envs := &RequestEnvs{}
		for _, e := range validator.ValidRequestEnvs(in.Schema, p) {
			envs.Principals = append(envs.Principals, string(e.Principal))
			envs.Actions = append(envs.Actions, e.Action.String())
			envs.Resources = append(envs.Resources, string(e.Resource))
		}
		envs.normalize()
		d.Envs[p.ID] = envs
	}
	d.Costs[costEnvs] = time.Since(start)

	start = time.Now()
	for _, req := range reqs {
		d.Requests = append(d.Requests, conformance(validator.ValidateRequest(in.Schema, req)))
	}
	d.Costs[costRequests] = time.Since(start)

	start = time.Now()
	d.Entities = conformance(validator.ValidateEntities(in.Schema, in.Entities))
	d.Costs[costEntities] = time.Since(start)
	return d, nil
}

// policy returns the detail of id, adding it when a validator reports an
// id the policy set does not have.
func (d *ValidationDetail) policy(id string) *PolicyDetail {
	p := d.Policies[id]
	if p == nil {
		p = &PolicyDetail{}
		d.Policies[id] = p
	}
	return p
}

func conformance(err error) Conformance {
	if err != nil {
		return Conformance{Reason: err.Error()}
	}
	return Conformance{OK: true}
}
