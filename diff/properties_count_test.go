package diff

import (
	"context"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
)

// TestRunCountsPropertyChecks: a run's summary says on how many requests
// each property was checked, with policy-order on exactly the requests
// of the tests it samples (index a multiple of PolicyOrderSample).
func TestRunCountsPropertyChecks(t *testing.T) {
	const count = 3*PolicyOrderSample + 2
	c := Config{Target: TargetABAC, Impls: []Implementation{Model(), Engine()}, Seed: 3, Count: count, Jobs: 2}
	sum, err := Run(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	sampled := 0
	for i := uint64(0); i < count; i += PolicyOrderSample {
		sampled += len(generators.Generate(targetSettings(c.settings(), TargetABAC, i), c.Seed, i).Requests)
	}
	got := sum.PropertyChecks
	if got[string(PropPolicyOrder)] != sampled || sampled == 0 {
		t.Errorf("policy-order checked on %d requests, want %d (the tests with index a multiple of %d)", got[string(PropPolicyOrder)], sampled, PolicyOrderSample)
	}
	for _, p := range []Property{PropExplicitPermit, PropForbidOverrides} {
		if got[string(p)] != int(sum.Requests) {
			t.Errorf("%s checked on %d requests, want every answer of the reference (%d)", p, got[string(p)], sum.Requests)
		}
	}
	if n := got[string(PropValidatorSoundness)]; n == 0 || n > int(sum.Requests) {
		t.Errorf("validator-soundness checked on %d requests, want between 1 and %d", n, sum.Requests)
	}
	if sum.PolicyOrderSampleEvery != PolicyOrderSample {
		t.Errorf("PolicyOrderSampleEvery = %d, want %d", sum.PolicyOrderSampleEvery, PolicyOrderSample)
	}
}
