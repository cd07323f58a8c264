package diff

import (
	"context"
	"runtime/debug"
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
	// As crosscheck run does (see cmd/crosscheck/run.go).
	defer debug.SetGCPercent(debug.SetGCPercent(400))
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
