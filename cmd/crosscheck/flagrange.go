package main

import (
	"math"
	"time"

	"github.com/cedar-crosscheck/crosscheck/generators"
)

// Ranges of the numeric flags that are not generator settings (those are
// generators.MaxDepthRange and its siblings). A value outside its range
// is a usage error that names the flag and the range; nothing is clamped.
var (
	// jobsRange bounds --jobs: each job may hold a cedar-wasm process.
	jobsRange = generators.Range{Min: 1, Max: 256}
	// stepsRange bounds shrink --steps.
	stepsRange = generators.Range{Min: 1, Max: 10_000_000}
	// stopAfterRange bounds run --stop-after (0: never stop early).
	stopAfterRange = generators.Range{Min: 0, Max: 1_000_000_000}
)

// inRange returns a usage error naming --flag and r when v is outside r.
func inRange(flag string, v int, r generators.Range) error {
	if r.Contains(v) {
		return nil
	}
	return usageError("--%s %d is out of range: want %s", flag, v, r)
}

// positive returns a usage error naming --flag when d is not positive.
func positive(flag string, d time.Duration) error {
	if d > 0 {
		return nil
	}
	return usageError("--%s %v: want a positive duration", flag, d)
}

// notNegative returns a usage error naming --flag when d is negative.
func notNegative(flag string, d time.Duration) error {
	if d >= 0 {
		return nil
	}
	return usageError("--%s %v: want 0 or a positive duration", flag, d)
}

// indexesFit returns a usage error when count tests from index first,
// step apart, go past the largest index 2^64-1 (count is at least 1).
func indexesFit(what string, first, count, step uint64) error {
	if count-1 > (math.MaxUint64-first)/step {
		return usageError("%s: the last test index would pass 2^64-1", what)
	}
	return nil
}

// firstError returns the first non-nil error.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
