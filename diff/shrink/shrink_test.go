package shrink

import (
	"errors"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// mutant is the reference model run on policies changed by a one-node
// rewrite: a planted bug, as a one-line change in an engine would be.
type mutant struct {
	name    string
	rewrite func(syntax.Expr) syntax.Expr // nil result: leave the node
}

func (m mutant) Name() string                   { return m.name }
func (m mutant) Unsupported(*diff.Input) string { return "" }
func (m mutant) Validate(*diff.Input) (diff.Validation, error) {
	return diff.Validation{}, diff.ErrNoValidator
}

func (m mutant) Authorize(in *diff.Input, reqs []*syntax.Request) ([]diff.Answer, error) {
	c := *in
	c.Policies = &syntax.PolicySet{Links: in.Policies.Links}
	for _, p := range in.Policies.Policies {
		q := *p
		q.Conditions = nil
		for _, cd := range p.Conditions {
			cd.Body = m.apply(cd.Body)
			q.Conditions = append(q.Conditions, cd)
		}
		c.Policies.Policies = append(c.Policies.Policies, &q)
	}
	return diff.Model().Authorize(&c, reqs)
}

func (m mutant) apply(e syntax.Expr) syntax.Expr {
	for i, k := range children(e) {
		if n := m.apply(k); n != k {
			e = withChild(e, i, n)
		}
	}
	if m.rewrite == nil {
		return e
	}
	if r := m.rewrite(e); r != nil {
		return r
	}
	return e
}

// The planted bugs: each is a plausible one-line slip in an evaluator.
var mutants = []mutant{
	{"less-is-lesseq", func(e syntax.Expr) syntax.Expr {
		if b, ok := e.(*syntax.Binary); ok && b.Op == syntax.OpLess {
			return syntax.Bin(syntax.OpLessEq, b.Left, b.Right)
		}
		return nil
	}},
	{"or-is-and", func(e syntax.Expr) syntax.Expr {
		if b, ok := e.(*syntax.Binary); ok && b.Op == syntax.OpOr {
			return syntax.Bin(syntax.OpAnd, b.Left, b.Right)
		}
		return nil
	}},
	{"containsany-is-containsall", func(e syntax.Expr) syntax.Expr {
		if b, ok := e.(*syntax.Binary); ok && b.Op == syntax.OpContainsAny {
			return syntax.Bin(syntax.OpContainsAll, b.Left, b.Right)
		}
		return nil
	}},
	{"has-always-true", func(e syntax.Expr) syntax.Expr {
		if _, ok := e.(*syntax.Has); ok {
			return syntax.Bool(true)
		}
		return nil
	}},
	{"like-ignores-wildcards", func(e syntax.Expr) syntax.Expr {
		if l, ok := e.(*syntax.Like); ok {
			var p syntax.Pattern
			for _, el := range l.Pattern {
				if !el.Wildcard {
					p = append(p, el)
				}
			}
			return &syntax.Like{Pos: l.Pos, Left: l.Left, Pattern: p}
		}
		return nil
	}},
	{"in-is-eq", func(e syntax.Expr) syntax.Expr {
		if b, ok := e.(*syntax.Binary); ok && b.Op == syntax.OpIn {
			return syntax.Bin(syntax.OpEq, b.Left, b.Right)
		}
		return nil
	}},
	{"sub-is-add", func(e syntax.Expr) syntax.Expr {
		if b, ok := e.(*syntax.Binary); ok && b.Op == syntax.OpSub {
			return syntax.Bin(syntax.OpAdd, b.Left, b.Right)
		}
		return nil
	}},
}

// findMismatch generates tests until the model and m disagree.
func findMismatch(t *testing.T, m mutant, seed int64) (*generators.Test, int, string) {
	impls := []diff.Implementation{diff.Model(), m}
	s := generators.DefaultSettings()
	for i := range uint64(3000) {
		tc := generators.Generate(s, seed, i)
		if req, out := FirstMismatch(impls, tc); req >= 0 {
			return tc, req, out
		}
	}
	t.Skipf("%s: no mismatch in 3000 tests", m.name)
	return nil, 0, ""
}

// TestMinimizePlantedBugs measures the shrinker on planted bugs: every
// minimized case must keep the outcome, and the median must be small
// and fast (the goals of the package).
func TestMinimizePlantedBugs(t *testing.T) {
	type result struct {
		policies, entities, nodes int
		elapsed                   time.Duration
	}
	var results []result
	for _, m := range mutants {
		for _, seed := range []int64{1, 2, 3} {
			tc, req, outcome := findMismatch(t, m, seed)
			impls := []diff.Implementation{diff.Model(), m}
			start := OnlyRequest(tc, req)
			keep := SameOutcome(impls, start, outcome)
			if !keep(start) {
				t.Fatalf("%s: the start test does not keep its own outcome %q", m.name, outcome)
			}
			got, st := Minimize(start, keep, Budget{Time: 20 * time.Second})
			if !keep(got) {
				t.Fatalf("%s: minimized test lost the outcome %q", m.name, outcome)
			}
			if Outcome(impls, got, 0) != outcome {
				t.Fatalf("%s: outcome of request 0 is %q, want %q", m.name, Outcome(impls, got, 0), outcome)
			}
			r := result{len(got.Policies.Policies) + len(got.Policies.Links), len(got.Entities), PolicyNodes(got.Policies), st.Elapsed}
			results = append(results, r)
			t.Logf("%-28s seed %d index %4d: %s; cost %d -> %d in %d steps (%d accepted), %v: %d policies, %d entities, %d nodes",
				m.name, seed, tc.Index, outcome, st.Before, st.After, st.Steps, st.Accepted, st.Elapsed.Round(time.Millisecond), r.policies, r.entities, r.nodes)
		}
	}
	if len(results) == 0 {
		t.Skip("no planted bug was found")
	}
	median := func(f func(result) int) int {
		v := make([]int, len(results))
		for i, r := range results {
			v[i] = f(r)
		}
		sort.Ints(v)
		return v[len(v)/2]
	}
	mp, me, mn := median(func(r result) int { return r.policies }), median(func(r result) int { return r.entities }), median(func(r result) int { return r.nodes })
	mt := time.Duration(median(func(r result) int { return int(r.elapsed) }))
	t.Logf("median over %d: %d policies, %d entities, %d nodes, %v", len(results), mp, me, mn, mt)
	if mp > 1 || me > 3 || mn > 15 {
		t.Errorf("median minimized case: %d policies, %d entities, %d nodes; want at most 1, 3, 15", mp, me, mn)
	}
	if mt > 5*time.Second && !testing.Short() {
		t.Errorf("median shrink time %v, want under 5s", mt)
	}
}

// TestRunFinding minimizes a finding of a differential run (the runner's
// own check as the oracle) for a planted bug.
func TestRunFinding(t *testing.T) {
	m := mutants[0]
	cfg := &diff.Config{Target: diff.TargetABAC, Impls: []diff.Implementation{diff.Model(), m}, Seed: 1}
	var f *diff.Finding
	for i := uint64(0); i < 2000 && f == nil; i++ {
		for _, g := range cfg.Check(i).Findings {
			if g.Kind == diff.KindMismatch {
				f = g
				break
			}
		}
	}
	if f == nil {
		t.Skip("no mismatch in 2000 tests")
	}
	got, st, err := RunFinding(cfg, f, Budget{Time: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if !SameFinding(cfg, f, got)(got) {
		t.Fatal("the minimized test lost the finding")
	}
	t.Logf("%s: cost %d -> %d in %v: %d policies, %d entities, %d nodes", f.Signature(), st.Before, st.After, st.Elapsed,
		len(got.Policies.Policies), len(got.Entities), PolicyNodes(got.Policies))
	if len(got.Requests) != 1 || len(got.Policies.Policies) > 2 {
		t.Errorf("not minimal: %d requests, %d policies", len(got.Requests), len(got.Policies.Policies))
	}
	if _, _, err := RunFinding(cfg, &diff.Finding{Kind: diff.KindTimeout, Test: got}, Budget{}); !errors.Is(err, ErrCannotShrink) {
		t.Errorf("a timeout: %v, want ErrCannotShrink", err)
	}
}

// panicky panics on any policy set with a `like`; lenient accepts every
// policy set.
type panicky struct{ mutant }

func (p panicky) Authorize(in *diff.Input, reqs []*syntax.Request) ([]diff.Answer, error) {
	for _, pol := range in.Policies.Policies {
		for _, cd := range pol.Conditions {
			if hasLike(cd.Body) {
				panic("like")
			}
		}
	}
	return diff.Model().Authorize(in, reqs)
}

func hasLike(e syntax.Expr) bool {
	if _, ok := e.(*syntax.Like); ok {
		return true
	}
	for _, c := range children(e) {
		if hasLike(c) {
			return true
		}
	}
	return false
}

type lenient struct{ mutant }

func (lenient) Validate(*diff.Input) (diff.Validation, error) { return diff.Validation{OK: true}, nil }

func TestForFindingKinds(t *testing.T) {
	impls := map[string]diff.Implementation{
		"model":   diff.Model(),
		"panicky": diff.Guard(panicky{mutant{name: "panicky"}}),
		"lenient": lenient{mutant{name: "lenient"}},
	}
	lookup := func(name string) (diff.Implementation, error) { return impls[name], nil }
	s := generators.DefaultSettings()
	find := func(ok func(*generators.Test) bool) *generators.Test {
		for i := range uint64(2000) {
			if tc := generators.Generate(s, 3, i); ok(tc) {
				return tc
			}
		}
		t.Skip("no suitable test in 2000")
		return nil
	}

	tc := find(func(tc *generators.Test) bool {
		ok, _ := Validates(impls["model"], tc)
		return !ok
	})
	f := &diff.Finding{Kind: diff.KindValidation, Impls: []string{"model", "lenient"}, On: []string{"validates"}, Request: -1, Test: tc}
	got, _, err := Finding(f, lookup, Budget{})
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := Validates(impls["model"], got); ok || len(got.Policies.Policies) != 1 {
		t.Errorf("validation finding: model validates %v, %d policies; want false, 1", ok, len(got.Policies.Policies))
	}

	tc = find(func(tc *generators.Test) bool {
		return slices.ContainsFunc(tc.Policies.Policies, func(p *syntax.Policy) bool {
			return slices.ContainsFunc(p.Conditions, func(c syntax.Condition) bool { return hasLike(c.Body) })
		})
	})
	f = &diff.Finding{Kind: diff.KindPanic, Impls: []string{"panicky"}, On: []string{"authorize"}, Request: -1, Test: tc}
	got, _, err = Finding(f, lookup, Budget{})
	if err != nil {
		t.Fatal(err)
	}
	if n := PolicyNodes(got.Policies); len(got.Policies.Policies) != 1 || n > 3 {
		t.Errorf("panic finding: %d policies, %d nodes; want 1 policy with a like of at most 3 nodes", len(got.Policies.Policies), n)
	}

	f = &diff.Finding{Kind: diff.KindRoundtrip, Test: tc}
	if _, _, err := Finding(f, lookup, Budget{}); !errors.Is(err, ErrCannotShrink) {
		t.Errorf("round trip finding: %v, want ErrCannotShrink", err)
	}
	f = &diff.Finding{Kind: diff.KindMismatch, Impls: []string{"model", "lenient"}, On: []string{"decision"}, Request: 0, Test: tc}
	if _, _, err := Finding(f, lookup, Budget{}); !errors.Is(err, ErrNotReproduced) {
		t.Errorf("a mismatch that does not reproduce: %v, want ErrNotReproduced", err)
	}
}
