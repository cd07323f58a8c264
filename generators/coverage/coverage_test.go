package coverage

import (
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/model/validator"
)

// TestConsistency checks the promise of typed mode: every test's entities
// conform to its schema and every request passes request validation.
func TestConsistency(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 300
	}
	s := generators.DefaultSettings()
	for i := range n {
		tc := generators.Generate(s, 7, uint64(i))
		if err := validator.ValidateEntities(tc.Schema, tc.Entities); err != nil {
			t.Errorf("test 7/%d: entities do not conform: %v", i, err)
		}
		for j := range tc.Requests {
			if err := validator.ValidateRequest(tc.Schema, &tc.Requests[j]); err != nil {
				t.Errorf("test 7/%d: request %d does not validate: %v", i, j, err)
			}
		}
	}
}

// TestRBACAndExprConsistency checks the same for the rbac and expr modes,
// which also promise schema-conforming data.
func TestRBACAndExprConsistency(t *testing.T) {
	for _, mode := range []generators.Mode{generators.ModeRBAC, generators.ModeExpr} {
		s := generators.DefaultSettings()
		s.Mode = mode
		for i := range 300 {
			tc := generators.Generate(s, 3, uint64(i))
			if err := validator.ValidateEntities(tc.Schema, tc.Entities); err != nil {
				t.Errorf("%s test 3/%d: entities do not conform: %v", mode, i, err)
			}
			for j := range tc.Requests {
				if err := validator.ValidateRequest(tc.Schema, &tc.Requests[j]); err != nil {
					t.Errorf("%s test 3/%d: request %d does not validate: %v", mode, i, j, err)
				}
			}
		}
	}
}

// TestTargets measures the default typed settings against the targets:
// 25-75% of requests allowed, at most 20% seeing a policy error, at least
// 95% of policies validating, and every required construct in at least
// 0.5% of policies and evaluated without error at least 100 times per
// 10,000 tests.
func TestTargets(t *testing.T) {
	n := 10000
	if testing.Short() {
		n = 2000
	}
	s := generators.DefaultSettings()
	cov := New()
	stats := generators.NewStats()
	for i := range n {
		tc := generators.Generate(s, 1, uint64(i))
		stats.Add(tc)
		cov.Add(tc, true)
	}
	var b strings.Builder
	stats.Write(&b)
	cov.Write(&b)
	t.Log("\n" + b.String())

	if len(cov.Setup) > 0 {
		t.Errorf("%d tests could not be loaded by the model, first: %s", len(cov.Setup), cov.Setup[0])
	}
	if a := cov.AllowShare(); a < 0.25 || a > 0.75 {
		t.Errorf("allow share %.1f%%, want 25-75%%", 100*a)
	}
	if e := cov.ErrorShare(); e > 0.20 {
		t.Errorf("%.1f%% of requests see a policy error, want at most 20%%", 100*e)
	}
	if v := cov.ValidShare(); v < 0.95 {
		t.Errorf("%.1f%% of policies validate, want at least 95%%", 100*v)
	}
	minEval := 100 * n / 10000
	for _, c := range generators.RequiredConstructs {
		if share := stats.PolicyShare(c); share < 0.005 {
			t.Errorf("construct %q is in %.2f%% of policies, want at least 0.5%%", c, 100*share)
		}
		name := c
		if strings.HasPrefix(c, "scope ") && strings.Contains(c, "?") {
			continue // linked policies have entities where templates have slots
		}
		if cov.Evaluated[name] < minEval {
			t.Errorf("construct %q evaluated without error %d times, want at least %d", c, cov.Evaluated[name], minEval)
		}
	}
}
