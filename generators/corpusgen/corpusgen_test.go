package corpusgen

import (
	"strconv"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
)

// TestConvertRoundTrips converts many tests of every mode: the printed
// policies must parse back to the generated ones, the schema must print,
// and the model must answer every request.
func TestConvertRoundTrips(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 200
	}
	for _, mode := range []generators.Mode{generators.ModeTyped, generators.ModeUntyped, generators.ModeRBAC, generators.ModeExpr} {
		s := generators.DefaultSettings()
		s.Mode = mode
		failures := 0
		for i := range n {
			tc := generators.Generate(s, 31, uint64(i))
			if _, err := Convert(tc); err != nil {
				failures++
				if failures <= 3 {
					t.Errorf("%s test 31/%d: %v", mode, i, err)
				}
			}
		}
		if failures > 0 {
			t.Errorf("%s: %d of %d tests failed to convert", mode, failures, n)
		}
	}
}

func TestConvertRejectsIncompleteTests(t *testing.T) {
	tc := generators.Generate(generators.DefaultSettings(), 1, 0)
	noSchema := *tc
	noSchema.Schema = nil
	if _, err := Convert(&noSchema); err == nil {
		t.Error("Convert accepted a test without a schema")
	}
	noPolicies := *tc
	noPolicies.Policies = nil
	if _, err := Convert(&noPolicies); err == nil {
		t.Error("Convert accepted a test without policies")
	}
}

func TestMaterializeRenumbersLinks(t *testing.T) {
	s := generators.DefaultSettings()
	s.Mode = generators.ModeRBAC
	for i := range 50 {
		tc := generators.Generate(s, 2, uint64(i))
		ps, err := Materialize(tc.Policies)
		if err != nil {
			t.Fatal(err)
		}
		static := 0
		for _, p := range tc.Policies.Policies {
			if !p.IsTemplate() {
				static++
			}
		}
		if len(ps.Policies) != static+len(tc.Policies.Links) || len(ps.Links) != 0 {
			t.Fatalf("test 2/%d: %d policies and %d links materialized to %d policies", i, static, len(tc.Policies.Links), len(ps.Policies))
		}
		for j, p := range ps.Policies {
			if p.ID != "policy"+itoa(j) || p.IsTemplate() {
				t.Fatalf("test 2/%d: policy %d is %s (template %v)", i, j, p.ID, p.IsTemplate())
			}
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
