package diff

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// validationConformanceFaults is the generators' ConformanceFaultPercent
// for the validation target's tests (when the run's settings leave it 0):
// enough non-conforming requests and entities that request and entity
// validation see both answers often.
const validationConformanceFaults = 30

// targetSettings adjusts the run's generator settings to test index of
// target: its mode, and for the validation target the conformance faults
// and the validator shapes.
func targetSettings(s generators.Settings, target Target, index uint64) generators.Settings {
	s.Mode = target.Mode(index)
	if target == TargetValidation {
		if s.ConformanceFaultPercent == 0 {
			s.ConformanceFaultPercent = validationConformanceFaults
		}
		s.ValidatorShapes = true
	}
	s.ParseChecks = target == TargetParse
	return s
}

// What a detailed validation finding is about (Finding.On).
const (
	onPolicyValidates  = "policy validates"
	onPolicyErrorKinds = "policy error kinds"
	onPolicyWarnings   = "policy warnings"
	onRequestEnvs      = "request environments"
	onRequestValid     = "request validation"
	onEntitiesValid    = "entity validation"
)

// checkValidationDetail compares the model's detailed validation with
// every other DetailedValidator's: per policy whether it validates, its
// error kinds and its warning kinds; per static policy its request
// environments; per request whether it conforms; and whether the entities
// conform. Each difference is a KindValidation finding.
//
// Error kinds are compared as a subset: the model, like the Lean
// specification, stops at the first type error in each request
// environment, while the official typechecker recovers and goes on, so it
// reports more (`decimal("x") + 1 == {}` gives FunctionArgumentValidation
// there and IncompatibleTypes besides). Every kind the model reports must
// be among the official ones. Warnings are compared only on policies that
// validate on both sides, because the official engine's error recovery
// can still conclude that a policy with errors is impossible.
func (c *Config) checkValidationDetail(res *TestResult, in *Input, tc *generators.Test, st *tracker) {
	reqs := make([]*syntax.Request, len(tc.Requests))
	for i := range tc.Requests {
		reqs[i] = &tc.Requests[i]
	}
	st.at("model", "validate in detail")
	want, err := Model().(DetailedValidator).ValidateInDetail(in, reqs)
	if err != nil {
		res.addErr("model", "validate in detail", -1, err)
		return
	}
	res.addCosts("model", want)
	for i, impl := range c.Impls {
		if i == res.Reference || isModel(impl) || res.Validations[i] == nil {
			continue // the reference itself, or skipped or failed above
		}
		dv, ok := impl.(DetailedValidator)
		if !ok {
			continue
		}
		name := impl.Name()
		st.at(name, "validate in detail")
		got, err := dv.ValidateInDetail(in, reqs)
		if errors.Is(err, ErrNoValidator) {
			continue
		}
		if err != nil {
			res.addErr(name, "validate in detail", -1, err)
			continue
		}
		res.addCosts(name, got)
		// An older release classifies some kinds differently
		// (releaseSeverities): compare with the model's verdict at it.
		for _, d := range compareDetails(atReleaseOf(want, name), got, in.Policies) {
			inc(&res.Mismatches, "model vs "+name, 1)
			res.add(KindValidation, []string{"model", name}, []string{d.on}, d.request, d.diff,
				fmt.Sprintf("%s\nmodel: %s\n%s: %s", d.what, d.model, name, d.other))
		}
	}
}

// addCosts adds an implementation's detailed validation costs to the
// result, under "impl: comparison".
func (r *TestResult) addCosts(impl string, d *ValidationDetail) {
	for k, v := range d.Costs {
		if r.ValidationCosts == nil {
			r.ValidationCosts = map[string]int64{}
		}
		r.ValidationCosts[impl+": "+k] += v.Nanoseconds()
	}
}

// detailDiff is one difference between two detailed validations.
type detailDiff struct {
	on           string
	request      int // the request, for onRequestValid; else -1
	what         string
	diff         string
	model, other string
}

// compareDetails lists the differences of got from want, policies in the
// policy set's order.
func compareDetails(want, got *ValidationDetail, ps *syntax.PolicySet) []detailDiff {
	var out []detailDiff
	for _, id := range policyIDs(ps) {
		w, g := want.Policies[id], got.Policies[id]
		if w == nil || g == nil {
			continue
		}
		what := "policy " + id
		show := func(d *PolicyDetail) string {
			return fmt.Sprintf("errors %v warnings %v\n  %s", d.Errors, d.Warnings, strings.Join(d.Messages, "\n  "))
		}
		switch {
		case (len(w.Errors) == 0) != (len(g.Errors) == 0):
			out = append(out, detailDiff{onPolicyValidates, -1, what, cmp.Diff(len(w.Errors) == 0, len(g.Errors) == 0), show(w), show(g)})
		case !subset(w.Errors, g.Errors):
			out = append(out, detailDiff{onPolicyErrorKinds, -1, what, cmp.Diff(w.Errors, g.Errors), show(w), show(g)})
		case len(w.Errors) == 0 && !slices.Equal(w.Warnings, g.Warnings):
			out = append(out, detailDiff{onPolicyWarnings, -1, what, cmp.Diff(w.Warnings, g.Warnings), show(w), show(g)})
		}
	}
	if got.Envs != nil {
		for _, p := range ps.Policies {
			w, g := want.Envs[p.ID], got.Envs[p.ID]
			if w == nil || g == nil || w.equal(g) {
				continue
			}
			show := func(e *RequestEnvs) string {
				return fmt.Sprintf("principals %v actions %v resources %v", e.Principals, e.Actions, e.Resources)
			}
			out = append(out, detailDiff{onRequestEnvs, -1, "policy " + p.ID, cmp.Diff(w, g), show(w), show(g)})
		}
	}
	for j := range min(len(want.Requests), len(got.Requests)) {
		w, g := want.Requests[j], got.Requests[j]
		if w.OK != g.OK {
			out = append(out, detailDiff{onRequestValid, j, fmt.Sprintf("request %d", j), cmp.Diff(w.OK, g.OK), showConformance(w), showConformance(g)})
		}
	}
	if want.Entities.OK != got.Entities.OK {
		out = append(out, detailDiff{onEntitiesValid, -1, "entities", cmp.Diff(want.Entities.OK, got.Entities.OK), showConformance(want.Entities), showConformance(got.Entities)})
	}
	return out
}

// subset reports whether every element of the sorted set a is in the
// sorted set b.
func subset(a, b []string) bool {
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); !ok {
			return false
		}
	}
	return true
}

func showConformance(c Conformance) string {
	if c.OK {
		return "conforms"
	}
	return "does not conform: " + c.Reason
}
