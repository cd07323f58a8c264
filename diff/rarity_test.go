package diff

import (
	"context"
	"testing"
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
