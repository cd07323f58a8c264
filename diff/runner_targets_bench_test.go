package diff

import "testing"

// BenchmarkRunTargets runs model against engine on the targets whose
// throughput issue 13 measures, one test per op (so ns/op is the time of
// a test and allocs/op its allocations). It uses only what the runner
// has long had, so the same file runs on an older commit for a side by
// side comparison (a git worktree of it, then benchstat).
func BenchmarkRunTargets(b *testing.B) {
	for _, target := range []Target{TargetABAC, TargetRBAC, TargetExpr, TargetAll} {
		b.Run(string(target), func(b *testing.B) { benchmarkRun(b, target, Model(), Engine()) })
	}
}
