package generators

import "testing"

// TestLargestSettings checks that the largest settings (after clamping)
// still give well-formed tests of bounded depth.
func TestLargestSettings(t *testing.T) {
	s := DefaultSettings()
	s.MaxDepth, s.MaxWidth, s.PoliciesPerTest, s.RequestsPerTest = 1<<20, 1<<20, 1<<20, 1<<20
	s.EntitiesPerType, s.EntityTypes, s.Actions = 1<<20, 1<<20, 1<<20
	for _, mode := range allModes {
		s.Mode = mode
		for i := range uint64(5) {
			tc := Generate(s, 71, i)
			checkStructure(t, mode.String(), tc)
			if mode != ModeExpr && (len(tc.Requests) != 1000 || len(tc.Policies.Policies) > 100) {
				t.Fatalf("%s: %d requests, %d policies", mode, len(tc.Requests), len(tc.Policies.Policies))
			}
		}
	}
}
