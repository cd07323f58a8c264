package generators_test

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/model/validator"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// TestConformanceFaults checks that every conformance fault kind occurs
// when asked for, that each faulted request or entity set really fails
// the model's request or entity validation, and that none occurs by
// default.
func TestConformanceFaults(t *testing.T) {
	s := generators.DefaultSettings()
	s.ConformanceFaultPercent = 100
	seen := map[generators.FaultKind]int{}
	for i := range uint64(600) {
		s.Mode = []generators.Mode{generators.ModeTyped, generators.ModeRBAC}[i%2]
		tc := generators.Generate(s, 5, i)
		for _, f := range tc.Faults {
			var err error
			switch f.Kind {
			case generators.FaultContextType, generators.FaultPrincipalType:
				err = validator.ValidateRequest(tc.Schema, &tc.Requests[f.Request])
			case generators.FaultMissingAttr, generators.FaultExtraAttr, generators.FaultParentType, generators.FaultTagType:
				if f.Entity == (syntax.EntityUID{}) {
					err = validator.ValidateRequest(tc.Schema, &tc.Requests[f.Request])
				} else {
					err = validator.ValidateEntities(tc.Schema, tc.Entities)
				}
			default:
				continue
			}
			seen[f.Kind]++
			if err == nil {
				t.Errorf("test %d: fault %s (%+v) conforms to the schema", i, f.Kind, f)
			}
		}
	}
	for _, k := range []generators.FaultKind{generators.FaultContextType, generators.FaultPrincipalType, generators.FaultMissingAttr,
		generators.FaultExtraAttr, generators.FaultParentType, generators.FaultTagType} {
		if seen[k] == 0 {
			t.Errorf("no %s fault in 600 tests", k)
		}
	}

	d := generators.DefaultSettings()
	for i := range uint64(300) {
		for _, f := range generators.Generate(d, 5, i).Faults {
			switch f.Kind {
			case generators.FaultContextType, generators.FaultPrincipalType, generators.FaultMissingAttr,
				generators.FaultExtraAttr, generators.FaultParentType, generators.FaultTagType:
				t.Fatalf("default settings: test %d has the conformance fault %s", i, f.Kind)
			}
		}
	}
}
