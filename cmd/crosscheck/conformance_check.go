package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/reports"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// conformanceCheck is the outcome of one check of one test for the
// implementation under test: the requests of a test, its shouldValidate
// flag, or a generated test of one target.
type conformanceCheck struct {
	source  string // the ConformanceSource name
	test    string // the file, or "seed S index I target T"
	check   string
	areas   []string
	outcome reports.Outcome
	feature string // what was unsupported
	detail  string
	// signature groups failures for minimization: the first of each
	// signature is minimized.
	signature string
	knownCase string
	replay    string // replays the original test
	repro     string
	// minimize, when set, minimizes the failure and saves the result;
	// it returns the saved path or a note saying why there is none.
	minimize func(m *minimizer) (path, note string)
	// save, when set, saves the failing input as it is (not minimized)
	// and returns the command that replays it: for the failures whose
	// replay (or repro) command would not show them again.
	save func(m *minimizer) (replay string, err error)
}

// noValidator hides an implementation's validator (Validate returns
// diff.ErrNoValidator), so that a corpus replay checks only the
// requests: conformance checks shouldValidate itself, as a check of the
// validation area. Request validation is kept.
type noValidator struct{ diff.Implementation }

func (noValidator) Validate(*diff.Input) (diff.Validation, error) {
	return diff.Validation{}, diff.ErrNoValidator
}

func (n noValidator) ValidateRequest(s *syntax.Schema, req *syntax.Request) error {
	if rv, ok := n.Implementation.(diff.RequestValidator); ok {
		return rv.ValidateRequest(s, req)
	}
	return diff.ErrNoValidator
}

// validationCheck compares impl's verdict on whether in's policies
// validate with want. known reports whether a difference is documented.
func validationCheck(impl diff.Implementation, in *diff.Input, want bool, known func() string) (o reports.Outcome, feature, detail, knownCase string) {
	v, err := impl.Validate(in)
	var unsup *diff.UnsupportedError
	var inc *diff.InconclusiveError
	switch {
	case errors.Is(err, diff.ErrNoValidator):
		return reports.OutcomeUnsupported, "validate (no validator)", "", ""
	case errors.As(err, &unsup):
		return reports.OutcomeUnsupported, unsup.Feature, "", ""
	case errors.As(err, &inc):
		return reports.OutcomeInconclusive, "", inc.Error(), ""
	case err != nil:
		return reports.OutcomeFailed, "", fmt.Sprintf("%s could not validate: %v", impl.Name(), err), ""
	case v.OK != want:
		detail = fmt.Sprintf("the policies %s, but %s says they %s", validatesWord(want), impl.Name(), validatesWord(v.OK))
		if len(v.Errors) > 0 {
			detail += ":\n  " + strings.Join(v.Errors, "\n  ")
		}
		if kc := known(); kc != "" {
			return reports.OutcomeKnown, "", detail, kc
		}
		return reports.OutcomeFailed, "", detail, ""
	}
	return reports.OutcomePassed, "", "", ""
}

// unsupportedFeature returns the feature res says impl did not support,
// or "".
func unsupportedFeature(res *diff.TestResult, impl string) string {
	for k := range res.Unsupported {
		if f, ok := strings.CutPrefix(k, impl+": "); ok {
			return f
		}
	}
	return ""
}

// involves reports whether a finding names impl.
func involves(f *diff.Finding, impl string) bool {
	for _, n := range f.Impls {
		if n == impl {
			return true
		}
	}
	return false
}

// answersHaveErrors reports whether any answer has erroring policies.
func answersHaveErrors(answers []diff.Answer) bool {
	for _, a := range answers {
		if a.Err == nil && len(a.Response.Errors) > 0 {
			return true
		}
	}
	return false
}

func requestPointers(t *generators.Test) []*syntax.Request {
	out := make([]*syntax.Request, len(t.Requests))
	for i := range t.Requests {
		out[i] = &t.Requests[i]
	}
	return out
}

func validatesWord(ok bool) string {
	if ok {
		return "validate"
	}
	return "do not validate"
}
