package generators

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// limitShape classifies a condition the way ModeLimits describes its
// shapes, by measuring it: its nesting (syntax.Nesting), the operands of
// a top-level && or || chain, of the +/- chain a comparison's left side
// is, and the arms of a top-level else-if chain.
func limitShape(e syntax.Expr) (shape string, size int) {
	chainLen := func(e syntax.Expr, ops ...syntax.BinaryOp) int {
		n := 1
		for {
			b, ok := e.(*syntax.Binary)
			if !ok || (b.Op != ops[0] && (len(ops) < 2 || b.Op != ops[1])) {
				return n
			}
			n, e = n+1, b.Left
		}
	}
	depth := syntax.Nesting(e, syntax.MaxNesting)
	switch {
	case depth == syntax.MaxNesting:
		return "at max", depth
	case depth >= syntax.MaxNesting-LimitsBelow && depth < syntax.MaxNesting:
		return "below max", depth
	}
	switch e := e.(type) {
	case *syntax.Binary:
		switch e.Op {
		case syntax.OpAnd:
			return "and chain", chainLen(e, syntax.OpAnd)
		case syntax.OpOr:
			return "or chain", chainLen(e, syntax.OpOr)
		case syntax.OpEq, syntax.OpLess, syntax.OpLessEq:
			return "sum chain", chainLen(e.Left, syntax.OpAdd, syntax.OpSub)
		}
	case *syntax.If:
		n := 1
		for x, ok := e.Else.(*syntax.If); ok; x, ok = x.Else.(*syntax.If) {
			n++
		}
		return "else-if chain", n
	}
	return "other", 0
}

// TestLimitsMode measures what ModeLimits produces: every limit
// condition (the last condition added to a policy) has one of the
// documented shapes and sizes, every shape occurs, and nothing is nested
// deeper than syntax.MaxNesting.
func TestLimitsMode(t *testing.T) {
	s := DefaultSettings()
	s.Mode = ModeLimits
	s.FaultPercent = -1
	counts := map[string]int{}
	sizes := map[string][2]int{}
	ordinary := 0
	for i := range uint64(60) {
		tc := Generate(s, 11, i)
		for _, p := range tc.Policies.Policies {
			for _, c := range p.Conditions {
				if d := syntax.Nesting(c.Body, syntax.MaxNesting); d > syntax.MaxNesting {
					t.Fatalf("test %d policy %s: a condition nested deeper than %d", i, p.ID, syntax.MaxNesting)
				}
			}
			if len(p.Conditions) == 0 {
				continue
			}
			shape, size := limitShape(p.Conditions[len(p.Conditions)-1].Body)
			if shape == "other" || size < 100 {
				// An ordinary condition (they stay below depth 50 and
				// have short chains): a quarter of the policies get no
				// limit condition.
				ordinary++
				continue
			}
			if shape != "at max" && shape != "below max" && (size < LimitsMinChain || size > LimitsMaxChain) {
				t.Errorf("test %d policy %s: %s of %d, want %d to %d", i, p.ID, shape, size, LimitsMinChain, LimitsMaxChain)
			}
			counts[shape]++
			r := sizes[shape]
			if r[0] == 0 || size < r[0] {
				r[0] = size
			}
			r[1] = max(r[1], size)
			sizes[shape] = r
		}
	}
	t.Logf("%d policies without a limit condition", ordinary)
	for _, shape := range []string{"at max", "below max", "and chain", "or chain", "sum chain", "else-if chain"} {
		if counts[shape] == 0 {
			t.Errorf("no %s in 60 tests: %v", shape, counts)
		}
		t.Logf("%-13s %3d conditions, sizes %d to %d", shape, counts[shape], sizes[shape][0], sizes[shape][1])
	}
}
