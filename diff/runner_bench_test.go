package diff

import (
	"context"
	"testing"
	"time"
)

// BenchmarkRunABAC measures the default run, model against engine on the
// abac target, on all CPUs. It reports requests compared per second of
// wall time (the goal is 30,000 on two cores) and per CPU second, which
// is the fairer figure on a shared machine.
func BenchmarkRunABAC(b *testing.B) {
	benchmarkRun(b, TargetABAC, Model(), Engine())
}

// BenchmarkRunAll is the same over every target.
func BenchmarkRunAll(b *testing.B) {
	benchmarkRun(b, TargetAll, Model(), Engine())
}

func benchmarkRun(b *testing.B, target Target, impls ...Implementation) {
	// As crosscheck run does.
	defer TuneGC()()
	cpu0 := processCPUTime()
	start := time.Now()
	b.ResetTimer()
	sum, err := Run(context.Background(), Config{Target: target, Impls: impls, Seed: 1, Count: uint64(b.N)})
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	if !sum.OK() {
		b.Fatalf("findings: %v", sum.Signatures)
	}
	wall, cpu := time.Since(start).Seconds(), (processCPUTime() - cpu0).Seconds()
	b.ReportMetric(float64(sum.RequestsCompared)/wall, "requests/s")
	b.ReportMetric(float64(sum.RequestsCompared)/cpu, "requests/cpu-s")
	b.ReportMetric(sum.LoadAverage, "load")
}

// BenchmarkRunAllRarity compares, side by side, the run of every target
// without the rarity tally (Off), with it on every test (Every) and on a
// sample of one test in 4 (Sampled, the default); RaritySampleEvery is set from it.
func BenchmarkRunAllRarity(b *testing.B) {
	defer func(v uint64) { RaritySampleEvery = v }(RaritySampleEvery)
	for _, c := range []struct {
		name  string
		every uint64
	}{{"Off", 0}, {"Every", 1}, {"Sampled", 4}} {
		b.Run(c.name, func(b *testing.B) {
			RaritySampleEvery = c.every
			benchmarkRun(b, TargetAll, Model(), Engine())
		})
	}
}
