package gotests

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Run checks c against each implementation: every request's decision,
// reasons and erroring policies, request validation where the request
// asks for it, and the shouldValidate flag (with the model's validator
// for an implementation that has none). A part of an answer that
// diff.IsKnownDifference tolerates for that implementation and case is
// logged, not failed. An input an implementation does not support is
// logged and skipped for that implementation.
func Run(t testing.TB, c *Case, impls ...diff.Implementation) {
	t.Helper()
	in, reqs, err := c.Parse()
	if err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	for _, impl := range impls {
		name := impl.Name()
		if reason, err := diff.Support(impl, in); err != nil || reason != "" {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			} else {
				t.Logf("%s: skipped: %s", name, reason)
			}
			continue
		}
		answers, err := impl.Authorize(in, reqs)
		if err != nil {
			t.Errorf("%s: rejects the input: %v", name, err)
			continue
		}
		for i, r := range c.Requests {
			checkAnswer(t, name, c.Name, i, &r, answers[i])
			if r.ValidateRequest {
				if err := validateRequest(impl, in, reqs[i]); err != nil {
					t.Errorf("%s: request %d %q: request validation: %v", name, i, r.Description, err)
				}
			}
		}
		ok, err := validates(impl, in)
		switch {
		case err != nil:
			t.Errorf("%s: validate: %v", name, err)
		case ok != c.ShouldValidate && diff.IsKnownDifference(name, c.Name, 0, diff.WhatShouldValidate):
			t.Logf("%s: validates %v (known difference)", name, ok)
		case ok != c.ShouldValidate:
			t.Errorf("%s: the policies validate: %v, want %v", name, ok, c.ShouldValidate)
		}
	}
}

var ignoreMessages = cmpopts.IgnoreFields(diff.Response{}, "Messages")

// checkAnswer compares one answer with the expected response.
func checkAnswer(t testing.TB, impl, kase string, i int, r *Request, a diff.Answer) {
	t.Helper()
	if a.Err != nil {
		t.Errorf("%s: request %d %q: could not answer: %v", impl, i, r.Description, a.Err)
		return
	}
	want, got := r.Expected(), a.Response.Normalize()
	var unknown []string
	for _, what := range diff.Differences(want, got) {
		if !diff.IsKnownDifference(impl, kase, i, what) {
			unknown = append(unknown, what)
		}
	}
	switch {
	case len(unknown) > 0:
		t.Errorf("%s: request %d %q: wrong %v (-want +got):\n%s\nmessages: %v", impl, i, r.Description, unknown,
			cmp.Diff(want, got, ignoreMessages), got.Messages)
	case !want.Equal(got):
		t.Logf("%s: request %d %q: known difference:\n%s", impl, i, r.Description, cmp.Diff(want, got, ignoreMessages))
	}
}

// validateRequest checks a request against the schema with impl's
// request validator, or the model's.
func validateRequest(impl diff.Implementation, in *diff.Input, req *syntax.Request) error {
	if rv, ok := impl.(diff.RequestValidator); ok {
		err := rv.ValidateRequest(in.Schema, req)
		if !errors.Is(err, diff.ErrNoValidator) {
			return err
		}
	}
	return diff.Model().(diff.RequestValidator).ValidateRequest(in.Schema, req)
}

// validates reports whether impl's validator, or the model's, accepts
// the input's policies.
func validates(impl diff.Implementation, in *diff.Input) (bool, error) {
	v, err := impl.Validate(in)
	if errors.Is(err, diff.ErrNoValidator) {
		v, err = diff.Model().Validate(in)
	}
	return v.OK, err
}

// CedarWasm returns the official engine, closed when t ends, or skips t
// when it is not installed.
func CedarWasm(t testing.TB) diff.Implementation {
	t.Helper()
	w, err := diff.CedarWasm(cedarwasm.Options{})
	if errors.Is(err, cedarwasm.ErrNotInstalled) {
		t.Skipf("official engine not installed: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	return w
}
