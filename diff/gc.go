package diff

import (
	"os"
	"runtime/debug"
)

// The collector settings of a differential run (TuneGC). A run allocates
// many short-lived trees and keeps little: its live heap is a few tests
// and the tallies, tens of MiB. Collecting when the heap has grown 16
// times its live size instead of 4 times gives 18% more requests per
// CPU-second (issue 13: BenchmarkRunTargets/abac, GOGC 400 against 1600,
// p=0.002 n=6) for a peak heap of a few hundred MiB (crosscheck run:
// abac 49 -> 143 MB, all 104 -> 261 MB resident). The memory limit
// bounds the heap of a run whose live data is unusually large: near it
// the collector runs as often as it must, at the cost of time, not of
// memory.
const (
	RunGCPercent   = 1600
	RunMemoryLimit = 2 << 30
)

// TuneGC sets the process's garbage collector for a run, RunGCPercent
// unless the environment sets GOGC and RunMemoryLimit unless it sets
// GOMEMLIMIT, and returns the function that restores the previous
// settings. The settings are process-wide: a program that embeds Run
// among other work decides for itself whether to call it.
func TuneGC() (restore func()) {
	percent, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(percent)
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(RunGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(RunMemoryLimit)
	}
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
