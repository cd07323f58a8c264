package shrink

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/model/validator"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// A Predicate reports whether a candidate test still fails in the way
// being minimized.
type Predicate func(*generators.Test) bool

// Input returns t as the implementations take it.
func Input(t *generators.Test) *diff.Input {
	name := fmt.Sprintf("seed %d index %d (shrunk)", t.Seed, t.Index)
	return &diff.Input{Name: name, Policies: t.Policies, Entities: t.Entities, Schema: t.Schema}
}

// Answers asks impl about every request of t. An input the
// implementation rejects gives every request that error; an input it
// does not support gives every request an error saying so.
func Answers(impl diff.Implementation, t *generators.Test) []diff.Answer {
	in := Input(t)
	out := make([]diff.Answer, len(t.Requests))
	fail := func(err error) []diff.Answer {
		for i := range out {
			out[i] = diff.Answer{Err: err}
		}
		return out
	}
	if reason, err := diff.Support(impl, in); err != nil {
		return fail(err)
	} else if reason != "" {
		return fail(&unsupportedError{impl.Name(), reason})
	}
	reqs := make([]*syntax.Request, len(t.Requests))
	for i := range t.Requests {
		reqs[i] = &t.Requests[i]
	}
	answers, err := impl.Authorize(in, reqs)
	if err != nil {
		return fail(err)
	}
	return answers
}

type unsupportedError struct{ impl, reason string }

func (e *unsupportedError) Error() string { return e.impl + " does not support " + e.reason }

// Differences names what differs between two answers, as the
// differential runner does: nil when they agree (two answers that are
// both errors agree), "answer" when exactly one is an error, and
// otherwise some of "decision", "reasons" and "errors".
func Differences(a, b diff.Answer) []string {
	switch {
	case a.Err != nil && b.Err != nil:
		return nil
	case a.Err != nil || b.Err != nil:
		return []string{"answer"}
	}
	return diff.Differences(a.Response, b.Response)
}

// Outcome describes how the implementations after the first (the
// reference) answer request req of t differently from it: one
// "name: on,on" part per implementation that disagrees, joined with
// "; ", or "" when they all agree. An unsupported input is an outcome of
// its own, so that shrinking never wanders into one.
func Outcome(impls []diff.Implementation, t *generators.Test, req int) string {
	if len(impls) == 0 || req < 0 || req >= len(t.Requests) {
		return ""
	}
	answers := make([][]diff.Answer, len(impls))
	for i, im := range impls {
		answers[i] = Answers(im, t)
	}
	var parts []string
	for i := 1; i < len(impls); i++ {
		a, b := answers[0][req], answers[i][req]
		var ue *unsupportedError
		if errors.As(a.Err, &ue) || errors.As(b.Err, &ue) {
			parts = append(parts, impls[i].Name()+": unsupported")
			continue
		}
		if on := Differences(a, b); on != nil {
			parts = append(parts, impls[i].Name()+": "+strings.Join(on, ","))
		}
	}
	return strings.Join(parts, "; ")
}

// FirstMismatch returns the first request of t on which some
// implementation answers differently from impls[0], and the outcome
// there; -1 when they agree on every request.
func FirstMismatch(impls []diff.Implementation, t *generators.Test) (req int, outcome string) {
	for i := range t.Requests {
		if o := Outcome(impls, t, i); o != "" {
			return i, o
		}
	}
	return -1, ""
}

// OnlyRequest returns t with request req alone (t itself when req is
// out of range), the first cut of every minimization of a per-request
// failure.
func OnlyRequest(t *generators.Test, req int) *generators.Test {
	if req < 0 || req >= len(t.Requests) || len(t.Requests) == 1 {
		return t
	}
	return with(t, func(c *generators.Test) { c.Requests = []syntax.Request{t.Requests[req]} })
}

// SameOutcome returns the predicate "some request of the candidate has
// outcome" (see Outcome), guarded by KeepsWellFormed(t).
func SameOutcome(impls []diff.Implementation, t *generators.Test, outcome string) Predicate {
	wf := KeepsWellFormed(t)
	return func(c *generators.Test) bool {
		if !wf(c) {
			return false
		}
		for i := range c.Requests {
			if Outcome(impls, c, i) == outcome {
				return true
			}
		}
		return false
	}
}

// KeepsWellFormed returns a predicate that keeps what t has of the
// three properties the test format relies on: its entities conform to
// its schema, and each request (by position) passes request validation.
// A candidate that loses one could not be saved and loaded again as it
// was shrunk, or would test something else (an input rejected at the
// door rather than the bug).
func KeepsWellFormed(t *generators.Test) Predicate {
	if t.Schema == nil {
		return func(*generators.Test) bool { return true }
	}
	entitiesOK := validator.ValidateEntities(t.Schema, t.Entities) == nil
	requestOK := make([]bool, len(t.Requests))
	for i := range t.Requests {
		requestOK[i] = validator.ValidateRequest(t.Schema, &t.Requests[i]) == nil
	}
	return func(c *generators.Test) bool {
		if c.Schema == nil {
			return false
		}
		if entitiesOK && validator.ValidateEntities(c.Schema, c.Entities) != nil {
			return false
		}
		if len(c.Requests) == len(requestOK) {
			for i := range c.Requests {
				if requestOK[i] && validator.ValidateRequest(c.Schema, &c.Requests[i]) != nil {
					return false
				}
			}
			return true
		}
		// After the requests were cut, a request must keep what it had
		// wherever it came from: every valid one stays valid.
		allOK := !slices.Contains(requestOK, false)
		if allOK {
			for i := range c.Requests {
				if validator.ValidateRequest(c.Schema, &c.Requests[i]) != nil {
					return false
				}
			}
		}
		return true
	}
}

// Validates reports whether impl's validator accepts t's policies, with
// the reference model's validator when impl has none.
func Validates(impl diff.Implementation, t *generators.Test) (bool, error) {
	v, err := impl.Validate(Input(t))
	if errors.Is(err, diff.ErrNoValidator) {
		v, err = diff.Model().Validate(Input(t))
	}
	return v.OK, err
}
