package generators

import "testing"

// TestNormalizedClampsToRanges pins the ranges the command line checks
// flags against to the ones Settings are clamped to.
func TestNormalizedClampsToRanges(t *testing.T) {
	for _, c := range []struct {
		name  string
		r     Range
		field func(*Settings) *int
	}{
		{"MaxDepth", MaxDepthRange, func(s *Settings) *int { return &s.MaxDepth }},
		{"MaxWidth", MaxWidthRange, func(s *Settings) *int { return &s.MaxWidth }},
		{"PoliciesPerTest", PoliciesPerTestRange, func(s *Settings) *int { return &s.PoliciesPerTest }},
		{"RequestsPerTest", RequestsPerTestRange, func(s *Settings) *int { return &s.RequestsPerTest }},
		{"EntitiesPerType", EntitiesPerTypeRange, func(s *Settings) *int { return &s.EntitiesPerType }},
		{"EntityTypes", EntityTypesRange, func(s *Settings) *int { return &s.EntityTypes }},
		{"Actions", ActionsRange, func(s *Settings) *int { return &s.Actions }},
		{"FaultPercent", Range{FaultPercentRange.Min + 1, FaultPercentRange.Max}, func(s *Settings) *int { return &s.FaultPercent }},
	} {
		d := DefaultSettings()
		if !c.r.Contains(*c.field(&d)) {
			t.Errorf("%s: default %d outside %s", c.name, *c.field(&d), c.r)
		}
		for v, want := range map[int]int{c.r.Min: c.r.Min, c.r.Max: c.r.Max, c.r.Max + 1: c.r.Max, c.r.Max * 10: c.r.Max} {
			s := DefaultSettings()
			*c.field(&s) = v
			if got := *c.field(new(s.normalized())); got != want {
				t.Errorf("%s %d normalized to %d, want %d (range %s)", c.name, v, got, want, c.r)
			}
		}
	}
	if got := (Range{1, 12}).String(); got != "1 to 12" {
		t.Errorf("String() = %q", got)
	}
}
