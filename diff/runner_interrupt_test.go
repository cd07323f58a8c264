package diff

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// slowStart is an implementation whose warm-up never ends (an official
// engine whose Node.js processes take long to start).
type slowStart struct {
	Implementation
	release <-chan struct{}
}

func (s slowStart) Name() string { return "slow-start" }
func (s slowStart) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	if in.Name == "warm-up" {
		<-s.release
	}
	return s.Implementation.Authorize(in, reqs)
}

func TestInterruptDuringWarmUp(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	sum, err := Run(ctx, Config{Target: TargetABAC, Impls: []Implementation{Model(), slowStart{Engine(), release}}, Seed: 1, Duration: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	// Before, warm-up waited for warmUpTimeout (a minute) whatever ctx said.
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("an interrupted run took %v to return", el)
	}
	if !sum.Interrupted || sum.Tests != 0 || sum.Verdict() != "INCOMPLETE (interrupted)" || sum.Succeeded() {
		t.Errorf("interrupted %v, %d tests, verdict %q", sum.Interrupted, sum.Tests, sum.Verdict())
	}
}

func TestVerdict(t *testing.T) {
	for _, c := range []struct {
		name        string
		sum         Summary
		want        string
		succeeded   bool
		textContent string
	}{
		{"pass", Summary{Tests: 2, Passed: 2, RequestsCompared: 16}, "PASS", true, "PASS\n2 passed, 0 failed\n"},
		{"validations count", Summary{Tests: 1, Passed: 1, ValidationsCompared: 1}, "PASS", true, "PASS\n"},
		{"round trips count", Summary{Tests: 1, Passed: 1, TestsByTarget: map[Target]int{TargetRoundtrip: 1}}, "PASS", true, "PASS\n"},
		{"fail", Summary{Tests: 2, Passed: 1, Failed: 1, RequestsCompared: 16}, "FAIL", false, "FAIL\n1 passed, 1 failed\n"},
		{"fail interrupted", Summary{Tests: 2, Failed: 2, Interrupted: true}, "FAIL (interrupted)", false, "FAIL (interrupted)\n"},
		{"interrupted", Summary{Tests: 2, Passed: 2, RequestsCompared: 16, Interrupted: true}, "INCOMPLETE (interrupted)", false, "INCOMPLETE (interrupted)\n"},
		{"nothing compared", Summary{Tests: 3, Passed: 3, Requests: 24}, "INCOMPLETE (nothing compared)", false, "INCOMPLETE (nothing compared)\n"},
		{"no test", Summary{}, "INCOMPLETE (nothing compared)", false, "INCOMPLETE (nothing compared)\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.sum.Verdict(); got != c.want {
				t.Errorf("Verdict() = %q, want %q", got, c.want)
			}
			if got := c.sum.Succeeded(); got != c.succeeded {
				t.Errorf("Succeeded() = %v", got)
			}
			var b strings.Builder
			c.sum.WriteText(&b)
			if !strings.Contains(b.String(), c.textContent) {
				t.Errorf("text summary lacks %q:\n%s", c.textContent, b.String())
			}
		})
	}
}

func TestNothingComparedRun(t *testing.T) {
	sum, err := Run(context.Background(), Config{Target: TargetABAC, Impls: []Implementation{Model(), unsupported{Engine()}}, Seed: 1, Count: 3})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Tests != 3 || sum.Failed != 0 || sum.Verdict() != "INCOMPLETE (nothing compared)" {
		t.Errorf("%d tests, %d failed, verdict %q", sum.Tests, sum.Failed, sum.Verdict())
	}
}

func TestCheckCompares(t *testing.T) {
	for _, c := range []struct {
		target Target
		impls  []Implementation
		err    string // "" for none
	}{
		{TargetABAC, []Implementation{Model(), Engine()}, ""},
		{TargetABAC, []Implementation{Model()}, "target abac compares the answers of implementations: it needs at least two, have model"},
		{TargetExpr, []Implementation{Engine()}, "needs at least two, have engine"},
		{TargetAll, []Implementation{Model()}, "target all compares"},
		{TargetAll, []Implementation{Model(), Engine()}, ""},
		{TargetRoundtrip, []Implementation{Model()}, ""},
		{TargetValidation, []Implementation{Model(), Engine()}, "none of model, engine has one that runs compare"},
		{TargetValidation, []Implementation{Model(), CedarGo()}, "none of model, cedar-go"},
		// A validator is all the validation target needs; the model is
		// the reference even when not named.
		{TargetValidation, []Implementation{Engine(), validating{Engine()}}, ""},
	} {
		cfg := Config{Target: c.target, Impls: c.impls}
		err := cfg.CheckCompares()
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s %v: %v", c.target, c.impls, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s %v: error %v, want %q", c.target, c.impls, err, c.err)
		}
	}
}

// validating is an implementation with a validator (the model's).
type validating struct{ Implementation }

func (validating) Name() string                           { return "validating" }
func (validating) Validate(in *Input) (Validation, error) { return Model().Validate(in) }
