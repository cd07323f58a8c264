package main

import (
	"fmt"
	"io"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/generators/coverage"
)

// defaultMixRarity tallies the rarity cases over the tests that the
// default run (`crosscheck run`: target all) checks at indexes start to
// start+count-1 of seed, generated from base, and the model's decisions
// on the requests of those that compare authorization answers.
func defaultMixRarity(base generators.Settings, seed int64, start, count uint64) (*generators.Rarity, *coverage.Coverage) {
	r := generators.NewRarity()
	cov := coverage.New()
	for k := range count {
		i := start + k
		t := generators.Generate(diff.TargetSettings(base, diff.TargetAll, i), seed, i)
		auth := diff.TargetAll.At(i).Authorizes()
		r.AddTest(t, auth)
		if auth {
			cov.Add(t, false)
		}
	}
	return r, cov
}

// writeDefaultMixRarity prints the rarity table of defaultMixRarity and
// the Allow share of its requests.
func writeDefaultMixRarity(w io.Writer, base generators.Settings, seed int64, start, count uint64) {
	r, cov := defaultMixRarity(base, seed, start, count)
	fmt.Fprintf(w, "default run mix (target all, seed %d, indexes %d..%d):\n", seed, start, start+count-1)
	r.Write(w)
	fmt.Fprintf(w, "allow share: %.1f%% of %d requests of the authorization targets (goal 25%%..75%%)\n", 100*cov.AllowShare(), cov.Requests)
}
