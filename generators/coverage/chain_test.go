package coverage

import (
	"maps"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
)

// TestChainVisitCountsAsEvaluation: the linear visit of chains counts
// exactly what visiting every node on its own counts.
func TestChainVisitCountsAsEvaluation(t *testing.T) {
	fast, slow := New(), New()
	s := generators.DefaultSettings()
	for i := range uint64(40) {
		for _, mode := range []generators.Mode{generators.ModeTyped, generators.ModeUntyped, generators.ModeExpr} {
			s.Mode = mode
			tc := generators.Generate(s, 4, i)
			fast.Add(tc, true)
			noChains = true
			slow.Add(tc, true)
			noChains = false
		}
	}
	if !maps.Equal(fast.Evaluated, slow.Evaluated) || !maps.Equal(fast.EvalErrors, slow.EvalErrors) {
		t.Errorf("chain visits count differently:\nfast %v %v\nslow %v %v", fast.Evaluated, fast.EvalErrors, slow.Evaluated, slow.EvalErrors)
	}
}
