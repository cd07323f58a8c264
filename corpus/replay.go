package corpus

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/sync/errgroup"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/model/validator"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Options configure a replay.
type Options struct {
	// Validator validates policy sets and requests for an implementation
	// that has no validator of its own (its Validate returns
	// diff.ErrNoValidator). Usually the reference model. When nil, those
	// checks are skipped, and counted as skipped.
	Validator diff.Implementation

	// Parallel is how many tests are replayed at once; 0 means
	// GOMAXPROCS. Implementations must be safe for concurrent use.
	Parallel int

	// Match, when set, restricts ReplayPaths to the test files whose
	// names it accepts (see WalkMatching).
	Match func(name string) bool

	// Timeout bounds the time one test may take; a test that takes
	// longer fails all its cases and the replay moves on (the stuck call
	// is abandoned, not stopped). 0 means no limit.
	Timeout time.Duration
}

// Report is the outcome of a replay. Each request and each shouldValidate
// check is one case, which passed, failed or was skipped.
type Report struct {
	Impl    string
	Tests   int // tests replayed (load errors excluded)
	Passed  int
	Failed  int
	Skipped int

	// Failures explains every failed case, in the order of the tests and
	// of the cases within a test.
	Failures []*Failure
	// SkipReasons counts skipped cases by reason.
	SkipReasons map[string]int
	// LoadErrors lists the test files that could not be loaded. They are
	// not cases: the input was bad, not the implementation.
	LoadErrors []error
}

// OK reports whether no case failed and every test loaded.
func (r *Report) OK() bool { return r.Failed == 0 && len(r.LoadErrors) == 0 }

// Summary is the one-line count: "N passed, N failed", followed by
// ", N skipped" when cases were skipped.
func (r *Report) Summary() string {
	s := fmt.Sprintf("%d passed, %d failed", r.Passed, r.Failed)
	if r.Skipped > 0 {
		s += fmt.Sprintf(", %d skipped", r.Skipped)
	}
	return s
}

// Failure is one failed case.
type Failure struct {
	File string // the test file
	// Case names the case: `request 3 "description"` or "shouldValidate".
	Case string
	// Detail says what went wrong: a diff of the expected and the actual
	// response (-want +got), or an error.
	Detail string
}

func (f *Failure) String() string {
	return f.File + ": " + f.Case + ": " + f.Detail
}

// Replay runs tests through impl and reports the outcome of every case.
func Replay(impl diff.Implementation, tests []*Test, opts Options) *Report {
	r := newReplayer(impl, opts)
	r.run(func(yield func(*Test, error) error) error {
		for _, t := range tests {
			if err := yield(t, nil); err != nil {
				return err
			}
		}
		return nil
	})
	return r.report()
}

// ReplayPaths loads the tests at paths (see Walk) and replays them as
// they load, without holding them all in memory. Tests that do not load
// are listed in Report.LoadErrors; an unreadable path is returned as an
// error, with the report of what was replayed before it.
func ReplayPaths(impl diff.Implementation, paths []string, opts Options) (*Report, error) {
	r := newReplayer(impl, opts)
	err := r.run(func(yield func(*Test, error) error) error {
		for _, p := range paths {
			if err := WalkMatching(p, opts.Match, yield); err != nil {
				return err
			}
		}
		return nil
	})
	return r.report(), err
}

// replayer replays tests concurrently and keeps their results in the
// order the tests came in.
type replayer struct {
	impl diff.Implementation
	opts Options

	mu      sync.Mutex
	results []*testResult // indexed by the order tests arrived
	loadErr []error
}

type testResult struct {
	passed, failed, skipped int
	failures                []*Failure
	skips                   map[string]int
}

func newReplayer(impl diff.Implementation, opts Options) *replayer {
	if opts.Validator != nil {
		opts.Validator = diff.Guard(opts.Validator)
	}
	return &replayer{impl: diff.Guard(impl), opts: opts}
}

// run replays every test produced by each, in parallel. The only error
// is one from each itself.
func (r *replayer) run(each func(yield func(*Test, error) error) error) error {
	var g errgroup.Group
	n := r.opts.Parallel
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	g.SetLimit(n)
	err := each(func(t *Test, err error) error {
		r.mu.Lock()
		if err != nil {
			r.loadErr = append(r.loadErr, err)
			r.mu.Unlock()
			return nil
		}
		slot := len(r.results)
		r.results = append(r.results, nil)
		r.mu.Unlock()
		g.Go(func() error {
			res := r.replayTestTimed(t)
			r.mu.Lock()
			r.results[slot] = res
			r.mu.Unlock()
			return nil
		})
		return nil
	})
	g.Wait()
	return err
}

func (r *replayer) report() *Report {
	rep := &Report{Impl: r.impl.Name(), Tests: len(r.results), SkipReasons: map[string]int{}, LoadErrors: r.loadErr}
	for _, res := range r.results {
		rep.Passed += res.passed
		rep.Failed += res.failed
		rep.Skipped += res.skipped
		rep.Failures = append(rep.Failures, res.failures...)
		for k, v := range res.skips {
			rep.SkipReasons[k] += v
		}
	}
	return rep
}

func (res *testResult) fail(file, kase, format string, args ...any) {
	res.failed++
	res.failures = append(res.failures, &Failure{File: file, Case: kase, Detail: fmt.Sprintf(format, args...)})
}

func (res *testResult) skip(reason string, n int) {
	if n == 0 {
		return
	}
	res.skipped += n
	if res.skips == nil {
		res.skips = map[string]int{}
	}
	res.skips[reason] += n
}

func requestCase(i int, req *Request) string {
	return fmt.Sprintf("request %d %q", i, req.Description)
}

// replayTestTimed is replayTest within the time limit of the options.
func (r *replayer) replayTestTimed(t *Test) *testResult {
	if r.opts.Timeout <= 0 {
		return r.replayTest(t)
	}
	done := make(chan *testResult, 1) // buffered: an abandoned run can still finish
	go func() { done <- r.replayTest(t) }()
	timer := time.NewTimer(r.opts.Timeout)
	defer timer.Stop()
	select {
	case res := <-done:
		return res
	case <-timer.C:
		res := &testResult{}
		res.fail(t.Name, "all cases", "%s did not finish the test within %v", r.impl.Name(), r.opts.Timeout)
		res.failed += len(t.Requests) // one case per request and the shouldValidate check
		return res
	}
}

// replayTest checks one test: its shouldValidate flag, then each request.
func (r *replayer) replayTest(t *Test) *testResult {
	res := &testResult{}
	in := t.Input()
	reason, err := diff.Support(r.impl, in)
	if err != nil {
		res.fail(t.Name, "all cases", "%v", err)
		res.failed += len(t.Requests) // one case per request and the shouldValidate check
		return res
	}
	if reason != "" {
		res.skip(r.impl.Name()+" does not support "+reason, len(t.Requests)+1)
		return res
	}
	r.checkValidation(t, in, res)

	// Requests that must conform to the schema are checked first; one
	// that does not is a failure and is not authorized (upstream refuses
	// to build it).
	// A request of a test whose entities do not conform, and one that
	// need not conform and does not (an undeclared action, a context of
	// another type), are authorized without the schema: an engine given it
	// refuses them (the official one reads the context with the action's
	// declaration). The model, the reference of saved findings, answers
	// without the schema anyway.
	var groups [2]requestGroup // with the schema, without it
	withoutSchema := *in
	withoutSchema.Schema, withoutSchema.SchemaText = nil, ""
	groups[0].in, groups[1].in = in, &withoutSchema
	for i, req := range t.Requests {
		sreq := req.SyntaxRequest()
		if req.ValidateRequest && t.Schema != nil {
			err := r.validateRequest(t.Schema, sreq)
			if err != nil && !errors.Is(err, diff.ErrNoValidator) {
				res.fail(t.Name, requestCase(i, req), "request validation failed, but the test says the request conforms to the schema: %v", err)
				continue
			}
		}
		g := &groups[0]
		if t.EntitiesDoNotConform || t.Schema != nil && !req.ValidateRequest && validator.ValidateRequest(t.Schema, sreq) != nil {
			g = &groups[1]
		}
		g.reqs = append(g.reqs, sreq)
		g.idx = append(g.idx, i)
	}
	for _, g := range groups {
		if len(g.reqs) > 0 {
			r.authorizeGroup(t, g, res)
		}
	}
	return res
}

// requestGroup is requests of a test (at the indexes idx) authorized
// together with one input.
type requestGroup struct {
	in   *diff.Input
	reqs []*syntax.Request
	idx  []int
}

// authorizeGroup authorizes the requests of g and checks each answer.
func (r *replayer) authorizeGroup(t *Test, g requestGroup, res *testResult) {
	reqs, idx := g.reqs, g.idx
	answers, err := r.impl.Authorize(g.in, reqs)
	if err != nil {
		var inc *diff.InconclusiveError
		if errors.As(err, &inc) {
			res.skip("inconclusive: "+inc.Reason, len(reqs))
			return
		}
		var unsup *diff.UnsupportedError
		if errors.As(err, &unsup) {
			res.skip(r.impl.Name()+" does not support "+unsup.Feature, len(reqs))
			return
		}
		for _, i := range idx {
			res.fail(t.Name, requestCase(i, t.Requests[i]), "%s rejected the test: %v", r.impl.Name(), err)
		}
		return
	}
	for k, a := range answers {
		i := idx[k]
		req := t.Requests[i]
		if a.Err != nil {
			var inc *diff.InconclusiveError
			if errors.As(a.Err, &inc) {
				res.skip("inconclusive: "+inc.Reason, 1)
			} else {
				res.fail(t.Name, requestCase(i, req), "%s could not answer: %v", r.impl.Name(), a.Err)
			}
			continue
		}
		want, got := outcomeOf(req.Expected()), outcomeOf(a.Response.Normalize())
		if d := cmp.Diff(want, got); d != "" {
			detail := "response mismatch (-want +got):\n" + d
			if len(a.Response.Messages) > 0 {
				detail += "errors reported by " + r.impl.Name() + ":\n  " + strings.Join(a.Response.Messages, "\n  ") + "\n"
			}
			res.fail(t.Name, requestCase(i, req), "%s", detail)
			continue
		}
		res.passed++
	}
}

// outcome is the compared part of a response, with the decision spelt
// out so that diffs read well.
type outcome struct {
	Decision string
	Reasons  []string
	Errors   []string
}

func outcomeOf(r diff.Response) outcome {
	return outcome{Decision: r.Decision.String(), Reasons: r.Reasons, Errors: r.Errors}
}

// checkValidation checks the test's shouldValidate flag with the
// implementation's validator, or the fallback one.
func (r *replayer) checkValidation(t *Test, in *diff.Input, res *testResult) {
	if t.Schema == nil {
		res.skip("test has no schema", 1)
		return
	}
	v, err := r.impl.Validate(in)
	if errors.Is(err, diff.ErrNoValidator) && r.opts.Validator != nil {
		v, err = r.opts.Validator.Validate(in)
	}
	switch {
	case r.validatorFailed(t, "shouldValidate", err, res):
	case v.OK != t.ShouldValidate:
		detail := fmt.Sprintf("the test says the policies %s, but the validator says they %s", validates(t.ShouldValidate), validates(v.OK))
		if len(v.Errors) > 0 {
			detail += ":\n  " + strings.Join(v.Errors, "\n  ")
		}
		res.fail(t.Name, "shouldValidate", "%s", detail)
	default:
		res.passed++
	}
	if t.EntitiesDoNotConform {
		r.checkEntitiesRejected(t, in, res)
	}
}

// checkEntitiesRejected checks, for a test whose entities do not conform
// to its schema, that the implementation's detailed validation (the
// validation target's) rejects them.
func (r *replayer) checkEntitiesRejected(t *Test, in *diff.Input, res *testResult) {
	dv, ok := r.impl.(diff.DetailedValidator)
	if !ok {
		res.skip("no entity validation", 1)
		return
	}
	d, err := dv.ValidateInDetail(in, nil)
	switch {
	case r.validatorFailed(t, "entitiesConform", err, res):
	case d.Entities.OK:
		res.fail(t.Name, "entitiesConform", "the test says the entities do not conform to the schema, but the validator accepts them")
	default:
		res.passed++
	}
}

// validatorFailed records a validator's error for the check of t (a
// skip when it has no validator or does not support the test, a failure
// otherwise) and reports whether there was one.
func (r *replayer) validatorFailed(t *Test, check string, err error, res *testResult) bool {
	var unsup *diff.UnsupportedError
	switch {
	case err == nil:
		return false
	case errors.Is(err, diff.ErrNoValidator):
		res.skip("no validator", 1)
	case errors.As(err, &unsup):
		res.skip(r.impl.Name()+" does not support "+unsup.Feature, 1)
	default:
		res.fail(t.Name, check, "validator error: %v", err)
	}
	return true
}

func validates(ok bool) string {
	if ok {
		return "validate"
	}
	return "do not validate"
}

// validateRequest checks a request against the schema with the
// implementation's request validator, or the fallback one.
func (r *replayer) validateRequest(s *syntax.Schema, req *syntax.Request) error {
	err := diff.ErrNoValidator
	if rv, ok := r.impl.(diff.RequestValidator); ok {
		err = rv.ValidateRequest(s, req)
	}
	if errors.Is(err, diff.ErrNoValidator) && r.opts.Validator != nil {
		if rv, ok := r.opts.Validator.(diff.RequestValidator); ok {
			err = rv.ValidateRequest(s, req)
		}
	}
	return err
}
