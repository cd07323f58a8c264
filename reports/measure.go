package reports

import (
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/generators/coverage"
)

// MeasureEvaluation finds out which constructs the run's tests evaluated
// without error, for the coverage section: it generates the run's tests
// again (a test is determined by seed, index and target, so they are the
// same tests), from the first index of the run's shard on, evaluates
// each authorization test's policies with the reference model, and
// records the counts in r.Coverage. settings must be the generator
// settings of the run (generators.DefaultSettings() for crosscheck run).
//
// It stops after maxTests tests, after budget, or at the number of tests
// the run had, whichever comes first, and reports how many tests it
// measured. Tests of the validation, roundtrip and parse targets are not
// evaluated by a run and are skipped. It does nothing, and returns 0,
// when r has no coverage section or its settings cannot be read.
func MeasureEvaluation(r *Report, settings generators.Settings, maxTests int, budget time.Duration) int {
	if r.Coverage == nil {
		return 0
	}
	target, err := diff.ParseTarget(r.Settings.Target)
	if err != nil {
		return 0
	}
	shard, shards := uint64(0), uint64(1)
	if r.Settings.Shard != "" {
		if shard, shards, err = parseShardName(r.Settings.Shard); err != nil {
			return 0
		}
	}
	c := coverage.New()
	deadline := time.Now().Add(budget)
	measured := 0
	for k := 0; k < r.Totals.Tests && measured < maxTests && time.Now().Before(deadline); k++ {
		index := shard + uint64(k)*shards
		switch target.At(index) {
		case diff.TargetValidation, diff.TargetRoundtrip, diff.TargetParse:
			continue
		}
		s := settings
		s.Mode = target.Mode(index)
		c.Add(generators.Generate(s, r.Settings.Seed, index), true)
		measured++
	}
	if measured == 0 {
		return 0
	}
	r.Coverage.SetEvaluation(c.Evaluated, c.EvalErrors)
	r.Coverage.EvaluationTests = measured
	return measured
}
