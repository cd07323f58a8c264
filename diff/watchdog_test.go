package diff

import (
	"context"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// restarting stands for a supervised implementation whose process died
// and is being restarted: each call takes longer than the run's timeout,
// all of it start-up, which its supervisor does not count.
type restarting struct {
	Implementation
	startUp time.Duration
}

func (restarting) Name() string                { return "restarting" }
func (restarting) Health() OracleHealth        { return OracleHealth{} }
func (restarting) Processes() int              { return 0 }
func (r restarting) Unsupported(*Input) string { return "" }
func (r restarting) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	time.Sleep(r.startUp)
	return r.Implementation.Authorize(in, reqs)
}

// TestSupervisedStartUpIsNotATimeout checks that the watchdog leaves the
// timing of a supervised implementation's calls to its supervisor: a
// process start longer than the timeout is not a timeout finding, while
// the same delay in an unsupervised implementation is.
func TestSupervisedStartUpIsNotATimeout(t *testing.T) {
	const timeout = 100 * time.Millisecond
	for _, tt := range []struct {
		name         string
		impls        []Implementation
		wantTimeouts int
	}{
		{"supervised", []Implementation{Model(), restarting{Engine(), 3 * timeout}}, 0},
		{"unsupervised", []Implementation{Model(), slow{Engine(), 3 * timeout}}, 2},
		// The time spent in the supervised call does not count against
		// the unsupervised stage that follows it.
		{"unsupervised after supervised", []Implementation{Model(), restarting{Engine(), 3 * timeout}, slow{Engine(), timeout / 2}}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sum, err := Run(context.Background(), Config{Target: TargetABAC, Impls: tt.impls, Seed: 1, Count: 2, Jobs: 2, Timeout: timeout})
			if err != nil {
				t.Fatal(err)
			}
			if got := sum.FindingsByKind[KindTimeout]; got != tt.wantTimeouts {
				t.Errorf("timeouts %d, want %d (findings %v)", got, tt.wantTimeouts, sum.FindingsByKind)
			}
		})
	}
	if got := supervisedBackstop(timeout); got < 2*time.Minute {
		t.Errorf("backstop %v leaves no room for a process restart", got)
	}
}

// slow is an unsupervised implementation as slow as restarting.
type slow struct {
	Implementation
	delay time.Duration
}

func (slow) Name() string { return "slow" }
func (s slow) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	time.Sleep(s.delay)
	return s.Implementation.Authorize(in, reqs)
}
