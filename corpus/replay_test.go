package corpus

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// fake is an Implementation for testing the replay itself: it answers
// every request with what the test expects, except where told otherwise.
type fake struct {
	tests       []*Test
	unsupported string
	panicky     bool // panics in Unsupported
	noValidator bool
	validOK     *bool                                     // overrides the validation outcome
	alter       func(*syntax.Request, *diff.Response)     // changes an answer
	authErr     error                                     // returned by Authorize
	reqErr      func(*syntax.Request) error               // request validation
	panicOn     func(*syntax.Request) bool                // panics while answering
	answerErr   func(*syntax.Request) error               // an Answer's Err
	validated   *int                                      // counts Validate calls
	hook        func(in *diff.Input, r []*syntax.Request) // sees each Authorize call
}

func (f *fake) Name() string { return "fake" }
func (f *fake) Unsupported(*diff.Input) string {
	if f.panicky {
		panic("fake cannot tell")
	}
	return f.unsupported
}

func (f *fake) expected(in *diff.Input, req *syntax.Request) diff.Response {
	for _, t := range f.tests {
		if t.Name != in.Name {
			continue
		}
		for _, r := range t.Requests {
			if r.Principal == req.Principal && r.Action == req.Action && r.Resource == req.Resource {
				return r.Expected()
			}
		}
	}
	panic("fake: request not found in " + in.Name)
}

func (f *fake) Authorize(in *diff.Input, reqs []*syntax.Request) ([]diff.Answer, error) {
	if f.hook != nil {
		f.hook(in, reqs)
	}
	if f.authErr != nil {
		return nil, f.authErr
	}
	var out []diff.Answer
	for _, req := range reqs {
		if f.panicOn != nil && f.panicOn(req) {
			panic("fake exploded")
		}
		if f.answerErr != nil {
			if err := f.answerErr(req); err != nil {
				out = append(out, diff.Answer{Err: err})
				continue
			}
		}
		resp := f.expected(in, req)
		if f.alter != nil {
			f.alter(req, &resp)
		}
		out = append(out, diff.Answer{Response: resp})
	}
	return out, nil
}

func (f *fake) Validate(in *diff.Input) (diff.Validation, error) {
	if f.validated != nil {
		*f.validated++
	}
	if f.noValidator {
		return diff.Validation{}, diff.ErrNoValidator
	}
	for _, t := range f.tests {
		if t.Name == in.Name {
			ok := t.ShouldValidate
			if f.validOK != nil {
				ok = *f.validOK
			}
			return diff.Validation{OK: ok, Errors: []string{"policy0: made-up error"}}, nil
		}
	}
	return diff.Validation{}, errors.New("unknown test")
}

func (f *fake) ValidateRequest(s *syntax.Schema, req *syntax.Request) error {
	if f.reqErr == nil {
		return diff.ErrNoValidator
	}
	return f.reqErr(req)
}

func isUser(id string) func(*syntax.Request) bool {
	return func(r *syntax.Request) bool { return r.Principal == syntax.NewEntityUID("User", id) }
}

// The layout fixtures hold 2 tests, 5 requests: 7 cases.
func TestReplay(t *testing.T) {
	tests := mustLoad(t, "testdata/layout")
	no := false
	cases := []struct {
		name                    string
		impl                    *fake
		validator               diff.Implementation
		passed, failed, skipped int
		details                 []string // substrings of the failure details, in order
	}{
		{name: "all agree", impl: &fake{}, passed: 7},
		{
			name: "a wrong decision",
			impl: &fake{alter: func(r *syntax.Request, resp *diff.Response) {
				if r.Principal.ID == "ana" && r.Action.ID == "view" {
					resp.Decision, resp.Reasons = diff.Deny, nil
				}
			}},
			passed: 6, failed: 1,
			details: []string{"-want +got", `"allow"`, `"deny"`, "policy0"},
		},
		{
			name: "extra erroring policy",
			impl: &fake{alter: func(r *syntax.Request, resp *diff.Response) {
				if r.Principal.ID == "bo" && r.Action.ID == "edit" {
					resp.Errors = append(resp.Errors, "policy9")
					resp.Messages = []string{"policy9: overflow"}
				}
			}},
			passed: 5, failed: 2, // bo edits in both tests
			details: []string{"policy9", "policy9: overflow"},
		},
		{
			name:   "validation disagrees",
			impl:   &fake{validOK: &no},
			passed: 5, failed: 2,
			details: []string{"the test says the policies validate, but the validator says they do not validate", "made-up error"},
		},
		{name: "unsupported", impl: &fake{unsupported: "templates"}, skipped: 7},
		{
			name: "panic deciding support", impl: &fake{panicky: true}, failed: 7,
			details: []string{"all cases", "fake panicked: fake cannot tell"},
		},
		{name: "no validator, no fallback", impl: &fake{noValidator: true}, passed: 5, skipped: 2},
		{name: "no validator, fallback", impl: &fake{noValidator: true}, validator: &fake{}, passed: 7},
		{
			name:   "panic while answering",
			impl:   &fake{panicOn: isUser("ana")},
			passed: 2, failed: 5, // both tests have an ana request: all their requests fail
			details: []string{"fake panicked: fake exploded", "goroutine"},
		},
		{
			name:   "input rejected",
			impl:   &fake{authErr: errors.New("bad entities")},
			passed: 2, failed: 5,
			details: []string{"fake rejected the test: bad entities"},
		},
		{
			name:   "inconclusive",
			impl:   &fake{authErr: &diff.InconclusiveError{Impl: "fake", Reason: "node died"}},
			passed: 2, skipped: 5,
		},
		{
			name:   "one answer with an error",
			impl:   &fake{answerErr: func(r *syntax.Request) error { return errOn(r, "ana", "no such entity") }},
			passed: 5, failed: 2,
			details: []string{"fake could not answer: no such entity"},
		},
		{
			name:   "request does not conform",
			impl:   &fake{reqErr: func(r *syntax.Request) error { return errOn(r, "ana", "context lacks authenticated") }},
			passed: 5, failed: 2,
			details: []string{"request validation failed", "context lacks authenticated"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.impl.tests = tests
			if f, ok := c.validator.(*fake); ok {
				f.tests = tests
			}
			rep := Replay(c.impl, tests, Options{Validator: c.validator, Parallel: 4})
			if rep.Passed != c.passed || rep.Failed != c.failed || rep.Skipped != c.skipped {
				t.Errorf("got %s, want %d passed, %d failed, %d skipped; failures:\n%s",
					rep.Summary(), c.passed, c.failed, c.skipped, failureText(rep))
			}
			text := failureText(rep)
			for _, d := range c.details {
				if !strings.Contains(text, d) {
					t.Errorf("failures do not mention %q:\n%s", d, text)
				}
			}
			for _, f := range rep.Failures {
				if !strings.HasPrefix(f.File, "testdata") || f.Case == "" {
					t.Errorf("failure without its file or case: %+v", f)
				}
			}
			if rep.OK() != (c.failed == 0) {
				t.Errorf("OK() = %v with %d failures", rep.OK(), c.failed)
			}
		})
	}
}

func errOn(r *syntax.Request, user, msg string) error {
	if r.Principal == syntax.NewEntityUID("User", user) {
		return errors.New(msg)
	}
	return nil
}

func failureText(rep *Report) string {
	var b strings.Builder
	for _, f := range rep.Failures {
		b.WriteString(f.String())
		b.WriteString("\n")
	}
	return b.String()
}

// A request that fails request validation is not sent to the
// implementation; the others of the test are, in one call.
func TestReplayAuthorizesTestOnce(t *testing.T) {
	tests := mustLoad(t, "testdata/layout/tests/photos/1.json")
	calls, sent := 0, 0
	impl := &fake{
		tests:  tests,
		reqErr: func(r *syntax.Request) error { return errOn(r, "ana", "nope") },
		hook:   func(_ *diff.Input, reqs []*syntax.Request) { calls++; sent += len(reqs) },
	}
	rep := Replay(impl, tests, Options{Parallel: 1})
	if calls != 1 || sent != 2 {
		t.Errorf("Authorize called %d times with %d requests, want once with 2", calls, sent)
	}
	if rep.Summary() != "3 passed, 1 failed" {
		t.Errorf("summary %q", rep.Summary())
	}
}

func TestReplayPathsReportsLoadErrors(t *testing.T) {
	tests := mustLoad(t, "testdata/layout")
	rep, err := ReplayPaths(&fake{tests: tests}, []string{"testdata/layout", "testdata/bad/bad_policy.json"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Passed != 7 || rep.Failed != 0 || len(rep.LoadErrors) != 1 || rep.OK() {
		t.Errorf("got %s with %d load errors, OK %v", rep.Summary(), len(rep.LoadErrors), rep.OK())
	}
	if _, err := ReplayPaths(&fake{}, []string{"testdata/missing"}, Options{}); err == nil {
		t.Errorf("an unreadable path is not an error")
	}
}

func TestSummary(t *testing.T) {
	for _, c := range []struct {
		r    Report
		want string
	}{
		{Report{Passed: 3}, "3 passed, 0 failed"},
		{Report{Passed: 3, Failed: 1, Skipped: 2}, "3 passed, 1 failed, 2 skipped"},
	} {
		if got := c.r.Summary(); got != c.want {
			t.Errorf("Summary() = %q, want %q", got, c.want)
		}
	}
}

func TestReplayTimeout(t *testing.T) {
	tests := mustLoad(t, "testdata/layout")
	release := make(chan struct{})
	defer close(release)
	impl := &fake{tests: tests, hook: func(in *diff.Input, _ []*syntax.Request) {
		if strings.Contains(in.Name, "photos") {
			<-release // stuck until the test ends
		}
	}}
	rep := Replay(impl, tests, Options{Timeout: 50 * time.Millisecond})
	if rep.Summary() != "3 passed, 4 failed" {
		t.Errorf("got %s, want the stuck test's 4 cases failed:\n%s", rep.Summary(), failureText(rep))
	}
	if text := failureText(rep); !strings.Contains(text, "did not finish the test within 50ms") || !strings.Contains(text, "photos") {
		t.Errorf("failure does not explain the timeout:\n%s", text)
	}
}
