package diff

// RaritySampleEvery is the sampling of the rarity table a run keeps
// (Summary.Rarity): one test in RaritySampleEvery, chosen by a hash of
// its index, is tallied, so a sharded run's table is the same sample
// whatever the shards. Matching every case costs about as much as
// generating the test (BenchmarkRarityHits beside BenchmarkRarityGenerate
// in generators: 0.3 to 0.9 ms a test on a loaded 2-CPU machine), which
// made a run of every target with model and engine about 4% slower per
// CPU second on every test (BenchmarkRunAllRarity: Off against Every);
// one in 4 keeps it near 1%, and a 60-second default run still tallies
// over a thousand tests. 0 turns the tally off (the benchmarks'
// baseline), 1 tallies every test.
var RaritySampleEvery uint64 = 4

// raritySampled reports whether the test at index is in the rarity
// sample.
func raritySampled(index uint64) bool {
	switch RaritySampleEvery {
	case 0:
		return false
	case 1:
		return true
	}
	// splitmix64's finalizer: a test's target is a function of its
	// index modulo the target cycle, which a plain modulo would bias.
	z := index + 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	z ^= z >> 31
	return z%RaritySampleEvery == 0
}
