package spelling

import (
	"math/rand"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// TestUnaryRun checks that a run of four operators around a condition
// parses and a run of five does not, for both operators.
func TestUnaryRun(t *testing.T) {
	ps, err := parser.ParsePolicySet("p.cedar", []byte(`permit(principal, action, resource) when { context.a || {x: 1}.x == 1 } unless { false };`))
	if err != nil {
		t.Fatal(err)
	}
	spelled := PolicySet(ps, rand.New(rand.NewSource(1)))
	for seed := range int64(12) {
		for _, n := range []int{4, 5} {
			r := rand.New(rand.NewSource(seed))
			m, ok := UnaryRun(spelled, r, n)
			if !ok {
				t.Fatal("no condition found")
			}
			text := m.Render(r)
			_, err := parser.ParsePolicySet("run.cedar", []byte(text))
			if (err == nil) != (n == 4) {
				t.Errorf("run of %d: %q: err %v", n, text, err)
			}
		}
	}
}
