package shrink

import (
	"errors"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
)

// SameFinding returns the predicate "the runner, checking the candidate
// as cfg does, finds a finding with f's signature", guarded by
// KeepsWellFormed(start). It works for every kind of finding the runner
// reports (mismatches, properties, validation, round trips, panics,
// errors), with exactly the runner's comparison; a timeout is never
// reproduced (diff.Config.CheckTest has no time limit). A panic of the
// harness while checking a candidate counts as not keeping the finding.
func SameFinding(cfg *diff.Config, f *diff.Finding, start *generators.Test) Predicate {
	want := f.Signature()
	wf := KeepsWellFormed(start)
	return func(c *generators.Test) (keep bool) {
		if !wf(c) {
			return false
		}
		defer func() {
			if recover() != nil {
				keep = false
			}
		}()
		for _, g := range cfg.CheckTest(f.Target, c).Findings {
			if g.Signature() == want {
				return true
			}
		}
		return false
	}
}

// RunFinding minimizes the test of a finding that a run with cfg
// reported, keeping its signature (SameFinding). A finding about one
// request starts from the test cut to that request. The runner's
// OnFinding can call it, then save the result with corpus/findings.
func RunFinding(cfg *diff.Config, f *diff.Finding, b Budget) (*generators.Test, Stats, error) {
	if f.Test == nil {
		return nil, Stats{}, errors.New("the finding has no test")
	}
	if f.Kind == diff.KindTimeout {
		return nil, Stats{}, ErrCannotShrink
	}
	start := OnlyRequest(f.Test, f.Request)
	keep := SameFinding(cfg, f, start)
	if !keep(start) {
		// Cutting the other requests can lose a finding about the test
		// as a whole (a property of the policy set, say): start again
		// from the whole test.
		start = f.Test
		keep = SameFinding(cfg, f, start)
		if !keep(start) {
			return nil, Stats{}, ErrNotReproduced
		}
	}
	t, st := Minimize(start, keep, b)
	return t, st, nil
}
