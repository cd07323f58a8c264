package corpusgen

import (
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
