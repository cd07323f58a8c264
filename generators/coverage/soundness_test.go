package coverage

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/model/validator"
)

// checkSoundness checks the validator's soundness theorem on one test:
// when the entities conform and a request validates, a policy that
// validates evaluates to a Bool or fails with entityDoesNotExist,
// extensionError or overflow, never with typeError, attrDoesNotExist or
// tagDoesNotExist. It returns the number of (policy, request) pairs
// checked.
func checkSoundness(t *testing.T, tc *generators.Test) int {
	t.Helper()
	if validator.ValidateEntities(tc.Schema, tc.Entities) != nil {
		return 0
	}
	res := validator.Validate(tc.Schema, tc.Policies)
	invalid := map[string]bool{}
	for _, d := range res.Errors {
		invalid[d.PolicyID] = true
	}
	for _, l := range tc.Policies.Links {
		if invalid[l.TemplateID] {
			invalid[l.NewID] = true
		}
	}
	es, err := model.NewEntities(tc.Entities)
	if err != nil {
		t.Fatalf("test %d/%d: %v", tc.Seed, tc.Index, err)
	}
	checked := 0
	for i := range tc.Requests {
		req := &tc.Requests[i]
		if validator.ValidateRequest(tc.Schema, req) != nil {
			continue
		}
		resp, err := model.Authorize(tc.Policies, es, req)
		if err != nil {
			t.Fatalf("test %d/%d: request %d: %v", tc.Seed, tc.Index, i, err)
		}
		checked += len(tc.Policies.Policies) + len(tc.Policies.Links)
		for _, e := range resp.Errors {
			if invalid[e.PolicyID] {
				continue
			}
			switch e.Kind {
			case model.EntityDoesNotExist, model.ExtensionError, model.Overflow:
			default:
				t.Errorf("test %d/%d (%s): validated policy %s fails request %d with %s: %s",
					tc.Seed, tc.Index, tc.Mode, e.PolicyID, i, e.Kind, e.Message)
			}
		}
	}
	return checked
}

// TestSoundness checks the soundness theorem on generated tests of every
// mode: the validator, the model and the generators must agree with it.
func TestSoundness(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 500
	}
	for _, mode := range []generators.Mode{generators.ModeTyped, generators.ModeUntyped, generators.ModeRBAC, generators.ModeExpr} {
		s := generators.DefaultSettings()
		s.Mode = mode
		checked := 0
		for i := range n {
			checked += checkSoundness(t, generators.Generate(s, 61, uint64(i)))
		}
		if checked < n {
			t.Errorf("%s: only %d policy-request pairs checked", mode, checked)
		}
	}
}

// FuzzSoundness checks the soundness theorem on tests drawn from fuzzer
// input.
func FuzzSoundness(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("soundness seed with a few choices"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := generators.DefaultSettings()
		if len(data) > 0 {
			s.Mode = generators.Mode(data[0] % 4)
		}
		checkSoundness(t, generators.FromBytes(s, data))
	})
}
