package diff

import (
	"context"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/generators/coverage"
)

func TestRunTalliesRaritySample(t *testing.T) {
	sum, err := Run(context.Background(), Config{Target: TargetAll, Impls: []Implementation{Model(), Engine()}, Seed: 1, Count: 80, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := range uint64(80) {
		if raritySampled(i) {
			want++
		}
	}
	if sum.Rarity == nil || sum.Rarity.Tests != want || sum.RaritySampleEvery != RaritySampleEvery {
		t.Fatalf("rarity = %+v (sample every %d), want %d tests", sum.Rarity, sum.RaritySampleEvery, want)
	}
	if want == 0 || want == 80 {
		t.Errorf("a sample of one in %d took %d of 80 tests", RaritySampleEvery, want)
	}
}

// TestDefaultMixReachesRarityGoal generates the first 2,000 tests of the
// default run (target all, seed 1) and fails when a rarity case appears
// in fewer than its share of the goal (generators.RarityGoal per
// RarityPer tests: 4 in 2,000), or when the model allows fewer than 25% or
// more than 75% of the authorization targets' requests. `crosscheck gen
// --target all --count 10000 --stats` prints the full table.
func TestDefaultMixReachesRarityGoal(t *testing.T) {
	const n = 2000
	if testing.Short() {
		t.Skip("generates 2,000 tests")
	}
	base := generators.DefaultSettings()
	r := generators.NewRarity()
	cov := coverage.New()
	for i := range uint64(n) {
		tc := generators.Generate(TargetSettings(base, TargetAll, i), 1, i)
		r.AddTest(tc, TargetAll.At(i).Authorizes())
		if TargetAll.At(i).Authorizes() {
			cov.Add(tc, false)
		}
	}
	threshold := generators.RarityGoal * n / generators.RarityPer
	for _, row := range r.Rows() {
		if row.Count < threshold {
			t.Errorf("%s (%s): %d of %d tests, want at least %d", row.Case.Name, row.Case.Area, row.Count, n, threshold)
		}
	}
	if share := cov.AllowShare(); share < 0.25 || share > 0.75 {
		t.Errorf("allow share %.1f%% of %d requests, want 25%% to 75%%", 100*share, cov.Requests)
	}
}
