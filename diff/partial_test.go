package diff

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"
)

// partialCount is the number of partial-target tests the substitution
// property test runs: a few hundred by default, and
// CROSSCHECK_PARTIAL_TESTS of them when set (each test holds several
// partial requests with four samples each, so 30,000 tests check more
// than 100,000 substituted cases).
func partialCount(t *testing.T) uint64 {
	if s := os.Getenv("CROSSCHECK_PARTIAL_TESTS"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("CROSSCHECK_PARTIAL_TESTS: %v", err)
		}
		return n
	}
	if testing.Short() {
		return 100
	}
	return 400
}

// TestPartialSubstitution runs the partial target with the model alone:
// every residual of the model's, evaluated with each sample's values
// substituted, means what the policy means on the substituted request
// (the correctness property of partial evaluation).
func TestPartialSubstitution(t *testing.T) {
	n := partialCount(t)
	sum, err := Run(context.Background(), Config{Target: TargetPartial, Impls: []Implementation{Model()}, Seed: 15, Count: n, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sum.Findings {
		t.Errorf("%s %v: %s\n%s", f.Kind, f.On, f.Detail, f.Command)
	}
	cases := substitutionCases.Load()
	t.Logf("%d tests, %d partial requests, %d substituted cases checked", sum.Tests, sum.Requests, cases)
	if cases < n {
		t.Errorf("only %d substituted cases checked in %d tests", cases, n)
	}
}
