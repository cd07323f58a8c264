package diff

// targetWeights is how many tests of each target one turn of TargetAll's
// cycle holds; a target it does not name has weight 1. The weights were
// chosen by measurement (README, "Defaults"): a test of each target costs
// a different time with every installed implementation, so the weights
// give the targets comparable shares of the run's time rather than equal
// numbers of tests, leaning towards those that see the most bugs per
// second.
//
// Measured with every implementation and the oracle scheduled (20 s a
// target, seed 1, 2 jobs on a loaded 2-CPU machine), the wall time of a
// test was about: roundtrip 13 ms, expr 46 ms, abac 100 ms, parse 125 ms,
// validation 430 ms, rbac 460 ms, abac-untyped 1.2 s (the last three
// mostly cedar-wasm's: every validation test, and most untyped and rbac
// tests are novel early in a run). The weights give the authorization
// targets about half the time (they compare four implementations, and
// the engine only there), parse a fifth (the only judge of the parser),
// validation and roundtrip the rest, in round numbers.
var targetWeights = map[Target]int{
	TargetABAC:        12,
	TargetABACUntyped: 1,
	TargetRBAC:        2,
	TargetExpr:        12,
	TargetValidation:  2,
	TargetRoundtrip:   40,
	TargetParse:       10,
	TargetPartial:     6,
}

// allCycle is the cycle TargetAll follows: index i runs
// allCycle[i % len(allCycle)].
var allCycle = weightedCycle(allTargets, targetWeights)

// weightedCycle lists each target as many times as its weight (at least
// once), spread out evenly: smooth weighted round robin, in which each
// turn every target gains its weight and the one ahead is taken and
// loses the total. Ties go to the earlier target, so the cycle depends
// only on its arguments.
func weightedCycle(targets []Target, weights map[Target]int) []Target {
	w := make([]int, len(targets))
	total := 0
	for i, t := range targets {
		w[i] = max(weights[t], 1)
		total += w[i]
	}
	credit := make([]int, len(targets))
	cycle := make([]Target, 0, total)
	for range total {
		best := 0
		for i := range targets {
			credit[i] += w[i]
			if credit[i] > credit[best] {
				best = i
			}
		}
		credit[best] -= total
		cycle = append(cycle, targets[best])
	}
	return cycle
}
