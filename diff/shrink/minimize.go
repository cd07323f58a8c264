package shrink

import (
	"time"

	"github.com/leanovate/gopter"

	"github.com/cedar-crosscheck/crosscheck/generators"
)

// Budget bounds a minimization. A zero field means the default.
type Budget struct {
	// Steps is the most candidates the predicate is asked about
	// (default 20000).
	Steps int
	// Time is the longest a minimization runs (default 30s).
	Time time.Duration
}

func (b Budget) normalized() Budget {
	if b.Steps <= 0 {
		b.Steps = 20000
	}
	if b.Time <= 0 {
		b.Time = 30 * time.Second
	}
	return b
}

// Stats describes a finished minimization.
type Stats struct {
	Steps    int           // candidates the predicate was asked about
	Accepted int           // candidates that kept the failure
	Elapsed  time.Duration // wall time
	// OutOfBudget reports that the budget ran out before the test was
	// minimal: a candidate not yet tried might still have kept the
	// failure.
	OutOfBudget bool
	// Before and After are Cost of the test before and after.
	Before, After int
}

// Minimize shrinks t greedily with TestShrinker: it asks keep about the
// candidates of the current test in stream order, moves to the first
// one that costs less and that keep accepts, and starts over from it.
// It stops when no candidate of the current test is accepted, or when
// the budget runs out, and returns the smallest test accepted (t itself
// when none was).
//
// keep must report whether a candidate still fails in the same way as t
// (see the oracles of this package); Minimize does not call it on t.
func Minimize(t *generators.Test, keep func(*generators.Test) bool, b Budget) (*generators.Test, Stats) {
	return MinimizeWith(TestShrinker, t, keep, b)
}

// MinimizeWith is Minimize with another shrinker of *generators.Test.
func MinimizeWith(shrinker gopter.Shrinker, t *generators.Test, keep func(*generators.Test) bool, b Budget) (*generators.Test, Stats) {
	b = b.normalized()
	start := time.Now()
	deadline := start.Add(b.Time)
	cur, cost := t, Cost(t)
	st := Stats{Before: cost}
	for improved := true; improved; {
		improved = false
		s := shrinker(cur)
		for v, ok := s(); ok; v, ok = s() {
			cand := v.(*generators.Test)
			c := Cost(cand)
			if c >= cost {
				continue
			}
			if st.Steps >= b.Steps || time.Now().After(deadline) {
				st.OutOfBudget = true
				improved = false
				break
			}
			st.Steps++
			if keep(cand) {
				cur, cost = cand, c
				st.Accepted++
				improved = true
				break
			}
		}
	}
	st.Elapsed = time.Since(start)
	st.After = cost
	return cur, st
}
