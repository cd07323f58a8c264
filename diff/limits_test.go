package diff

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/engine"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// The builders below make trees at the nesting limits in code, since the
// parsers refuse deeper ones.

// same is principal == principal: true, and not foldable by the engine.
func same() syntax.Expr {
	return syntax.Bin(syntax.OpEq, syntax.VarExpr(syntax.VarPrincipal), syntax.VarExpr(syntax.VarPrincipal))
}

func differ() syntax.Expr { return syntax.Not(same()) }

// chainOf joins n operands, operand(i) for i in [0, n), by op, left
// associative (as the parsers build a written chain).
func chainOf(op syntax.BinaryOp, n int, operand func(i int) syntax.Expr) syntax.Expr {
	x := operand(0)
	for i := 1; i < n; i++ {
		x = syntax.Bin(op, x, operand(i))
	}
	return x
}

// elseIf is `if c(0) then t(0) else if c(1) ... else last` with n arms.
func elseIf(n int, c, t func(i int) syntax.Expr, last syntax.Expr) syntax.Expr {
	top := &syntax.If{Cond: c(0), Then: t(0)}
	at := top
	for i := 1; i < n; i++ {
		next := &syntax.If{Cond: c(i), Then: t(i)}
		at.Else, at = next, next
	}
	at.Else = last
	return top
}

// nots wraps e in n negations: n levels.
func nots(e syntax.Expr, n int) syntax.Expr {
	for range n {
		e = syntax.Not(e)
	}
	return e
}

// limitOutcome is what an implementation made of one policy: the
// decision, and the kind of the policy's error ("" when none).
type limitOutcome struct {
	decision string
	errKind  string
}

func limitRequest() syntax.Request {
	return syntax.Request{
		Principal: syntax.NewEntityUID("User", "a"),
		Action:    syntax.NewEntityUID("Action", "view"),
		Resource:  syntax.NewEntityUID("Doc", "d"),
		Context:   &syntax.RecordExpr{},
	}
}

func modelOutcome(t *testing.T, ps *syntax.PolicySet) limitOutcome {
	t.Helper()
	es, err := model.NewEntities(nil)
	if err != nil {
		t.Fatal(err)
	}
	req := limitRequest()
	r, err := model.Authorize(ps, es, &req)
	if err != nil {
		t.Fatalf("model: %v", err)
	}
	out := limitOutcome{decision: r.Decision.String()}
	for _, e := range r.Errors {
		out.errKind = strings.ToLower(e.Kind.String())
	}
	return out
}

func engineOutcome(t *testing.T, ps *syntax.PolicySet) limitOutcome {
	t.Helper()
	eps, err := engine.NewPolicySet(ps)
	if err != nil {
		t.Fatalf("engine rejects the policy set: %v", err)
	}
	es, err := engine.NewEntityStore(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	req, err := engine.NewRequest(limitRequest())
	if err != nil {
		t.Fatal(err)
	}
	r := eps.Authorize(es, req)
	out := limitOutcome{decision: "deny"}
	if r.Decision == engine.Allow {
		out.decision = "allow"
	}
	for _, e := range r.Diagnostics.Errors {
		k, ok := engineKindAsModel[e.Kind]
		if !ok {
			t.Fatalf("engine error kind %v has no model counterpart", e.Kind)
		}
		out.errKind = strings.ToLower(k.String())
	}
	return out
}

// engineKindAsModel spells the engine's error kinds as the model's, so
// that outcomes compare by kind.
var engineKindAsModel = map[engine.ErrorKind]model.ErrorKind{
	engine.EntityDoesNotExist: model.EntityDoesNotExist,
	engine.AttrDoesNotExist:   model.AttrDoesNotExist,
	engine.TagDoesNotExist:    model.TagDoesNotExist,
	engine.TypeError:          model.TypeError,
	engine.Overflow:           model.Overflow,
	engine.ExtensionError:     model.ExtensionError,
	engine.RecursionLimit:     model.RecursionLimit,
}

// TestModelAndEngineAgreeAtLimits evaluates chains of any length and trees
// at and beyond syntax.MaxNesting in the model and the engine: both give
// the expected answer, without a stack overflow, and the same error kind
// beyond the limit.
func TestModelAndEngineAgreeAtLimits(t *testing.T) {
	const max = syntax.MaxNesting
	lit := func(b bool) func(int) syntax.Expr { return func(int) syntax.Expr { return syntax.Bool(b) } }
	one := func(int) syntax.Expr { return syntax.Long(1) }
	type when struct {
		unless bool
		body   syntax.Expr
	}
	cases := []struct {
		name  string
		conds []when
		want  limitOutcome
	}{
		// Flat chains of any length are one level.
		{"or 2500", []when{{false, chainOf(syntax.OpOr, 2500, func(i int) syntax.Expr {
			if i == 2499 {
				return same()
			}
			return differ()
		})}}, limitOutcome{"allow", ""}},
		{"or 200000", []when{{false, chainOf(syntax.OpOr, 200_000, func(int) syntax.Expr { return differ() })}}, limitOutcome{"deny", ""}},
		{"or 200000 constants", []when{{false, chainOf(syntax.OpOr, 200_000, lit(false))}}, limitOutcome{"deny", ""}},
		{"and 2500", []when{{false, chainOf(syntax.OpAnd, 2500, func(int) syntax.Expr { return same() })}}, limitOutcome{"allow", ""}},
		{"and 200000", []when{{false, chainOf(syntax.OpAnd, 200_000, func(int) syntax.Expr { return same() })}}, limitOutcome{"allow", ""}},
		{"plus 2500", []when{{false, syntax.Bin(syntax.OpEq, chainOf(syntax.OpAdd, 2500, one), syntax.Long(2500))}}, limitOutcome{"allow", ""}},
		{"plus 200000", []when{{false, syntax.Bin(syntax.OpEq, chainOf(syntax.OpAdd, 200_000, one), syntax.Long(200_000))}}, limitOutcome{"allow", ""}},
		{"plus minus 200000", []when{{false, syntax.Bin(syntax.OpEq, chainOf(syntax.OpSub, 200_000, one), syntax.Long(1-199_999))}}, limitOutcome{"allow", ""}},
		{"times 200000", []when{{false, syntax.Bin(syntax.OpEq, chainOf(syntax.OpMul, 200_000, one), syntax.Long(1))}}, limitOutcome{"allow", ""}},
		{"plus overflows midway", []when{{false, syntax.Bin(syntax.OpEq, chainOf(syntax.OpAdd, 2500, func(i int) syntax.Expr {
			if i == 1000 {
				return syntax.Long(1 << 62)
			}
			if i == 1001 {
				return syntax.Long(1 << 62)
			}
			return syntax.Long(1)
		}), syntax.Long(0))}}, limitOutcome{"deny", strings.ToLower(model.Overflow.String())}},
		{"else-if 5000", []when{{false, elseIf(5000, func(int) syntax.Expr { return differ() }, func(int) syntax.Expr { return differ() }, same())}}, limitOutcome{"allow", ""}},
		{"else-if 5000 constants", []when{{false, elseIf(5000, lit(false), lit(false), syntax.Bool(true))}}, limitOutcome{"allow", ""}},
		{"else-if 200000", []when{{false, elseIf(200_000, func(int) syntax.Expr { return differ() }, func(int) syntax.Expr { return differ() }, same())}}, limitOutcome{"allow", ""}},
		// Errors along a chain: the first one reached wins; an operand
		// after the deciding one is never evaluated.
		{"and chain type error", []when{{false, chainOf(syntax.OpAnd, 2500, func(i int) syntax.Expr {
			if i == 1200 {
				return syntax.Long(1)
			}
			return same()
		})}}, limitOutcome{"deny", strings.ToLower(model.TypeError.String())}},
		{"and chain decided before error", []when{{false, chainOf(syntax.OpAnd, 2500, func(i int) syntax.Expr {
			switch i {
			case 1200:
				return differ()
			case 1201:
				return syntax.Long(1)
			}
			return same()
		})}}, limitOutcome{"deny", ""}},
		// True nesting: exactly the limit evaluates, one more is an error
		// when evaluation reaches it, in both.
		{"nested at limit", []when{{false, nots(same(), max-2)}}, limitOutcome{"allow", ""}},
		{"nested beyond limit", []when{{false, nots(same(), max-1)}}, limitOutcome{"deny", strings.ToLower(model.RecursionLimit.String())}},
		{"nested far beyond limit", []when{{false, nots(syntax.Bool(true), 1_000_000)}}, limitOutcome{"deny", strings.ToLower(model.RecursionLimit.String())}},
		{"beyond limit, never reached", []when{{false, syntax.Bin(syntax.OpOr, same(), nots(same(), max))}}, limitOutcome{"allow", ""}},
		{"beyond limit in a chain operand", []when{{false, chainOf(syntax.OpOr, 3000, func(i int) syntax.Expr {
			if i == 2000 {
				return nots(differ(), max-2) // 1 (chain) + max-2 + 2 = max+1
			}
			return differ()
		})}}, limitOutcome{"deny", strings.ToLower(model.RecursionLimit.String())}},
		{"sets at limit", []when{{false, syntax.Bin(syntax.OpContains, nestSets(max-1), nestSets(max-2))}}, limitOutcome{"allow", ""}},
		{"sets beyond limit", []when{{false, syntax.Bin(syntax.OpContains, nestSets(max), nestSets(max-1))}}, limitOutcome{"deny", strings.ToLower(model.RecursionLimit.String())}},
		// The limit applies to each condition body, not to the policy's
		// conjunction of scope and conditions.
		{"unless at limit", []when{{true, syntax.Bin(syntax.OpEq, nots(same(), max-3), syntax.Bool(true))}}, limitOutcome{"allow", ""}},
		{"fifth condition at limit", []when{{false, same()}, {true, differ()}, {false, same()}, {false, same()}, {false, nots(same(), max-2)}}, limitOutcome{"allow", ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := &syntax.Policy{ID: "p", Effect: syntax.Permit,
				Principal: syntax.Scope{Op: syntax.ScopeAll}, Action: syntax.Scope{Op: syntax.ScopeAll}, Resource: syntax.Scope{Op: syntax.ScopeAll}}
			for _, w := range c.conds {
				kind := syntax.When
				if w.unless {
					kind = syntax.Unless
				}
				p.Conditions = append(p.Conditions, syntax.Condition{Kind: kind, Body: w.body})
			}
			ps := &syntax.PolicySet{Policies: []*syntax.Policy{p}}
			m, e := modelOutcome(t, ps), engineOutcome(t, ps)
			if m != c.want || e != c.want {
				t.Errorf("model %+v, engine %+v; want %+v", m, e, c.want)
			}
		})
	}
}

// nestSets is [[...[1]...]], n levels deep (the literal 1 included).
func nestSets(n int) syntax.Expr {
	var e syntax.Expr = syntax.Long(1)
	for range n - 1 {
		e = &syntax.SetExpr{Elems: []syntax.Expr{e}}
	}
	return e
}

// TestNestingRuleMatchesImplementations checks the trees of the table
// above against syntax.Nesting: the ones the implementations evaluate are
// within syntax.MaxNesting, the ones they reject are beyond it.
func TestNestingRuleMatchesImplementations(t *testing.T) {
	for i, c := range []struct {
		e    syntax.Expr
		want int
	}{
		{nots(same(), syntax.MaxNesting-2), syntax.MaxNesting},
		{nots(same(), syntax.MaxNesting-1), syntax.MaxNesting + 1},
		{syntax.Bin(syntax.OpContains, nestSets(syntax.MaxNesting-1), nestSets(syntax.MaxNesting-2)), syntax.MaxNesting},
		{syntax.Bin(syntax.OpEq, nots(same(), syntax.MaxNesting-3), syntax.Bool(true)), syntax.MaxNesting},
		{chainOf(syntax.OpOr, 2500, func(int) syntax.Expr { return same() }), 3},
		{elseIf(5000, func(int) syntax.Expr { return same() }, func(int) syntax.Expr { return same() }, same()), 3},
	} {
		if got := syntax.Nesting(c.e, syntax.MaxNesting); got != c.want {
			t.Errorf("tree %d: Nesting %d, want %d", i, got, c.want)
		}
	}
}

// wasmStandIn stands for the official engine: the limits target must
// never send it a generated test (the runner's warm-up input, before any
// test, is not one).
type wasmStandIn struct{ t *testing.T }

func (wasmStandIn) Name() string { return "cedar-wasm" }
func (w wasmStandIn) Unsupported(in *Input) string {
	w.check(in)
	return ""
}
func (wasmStandIn) Validate(*Input) (Validation, error) { return Validation{}, ErrNoValidator }
func (w wasmStandIn) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	w.check(in)
	return make([]Answer, len(reqs)), nil
}
func (w wasmStandIn) check(in *Input) {
	if strings.HasPrefix(in.Name, "seed ") {
		w.t.Errorf("limits test %s sent to cedar-wasm", in.Name)
	}
}

// TestLimitsTargetRuns runs the limits target through the model and the
// engine: no finding, tests at the limits were compared, and cedar-wasm
// was skipped; all includes the target.
func TestLimitsTargetRuns(t *testing.T) {
	const count = 14
	sum, err := Run(context.Background(), Config{Target: TargetLimits, Impls: []Implementation{Model(), Engine(), wasmStandIn{t}},
		Seed: 7, Count: count, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sum.Findings {
		t.Errorf("%s", f)
	}
	if sum.Passed != count || sum.RequestsCompared == 0 {
		t.Errorf("passed %d of %d, %d requests compared", sum.Passed, count, sum.RequestsCompared)
	}
	skipped := 0
	for k, n := range sum.Unsupported {
		if strings.HasPrefix(k, "cedar-wasm: nesting limits") {
			skipped += n
		}
	}
	if skipped != count {
		t.Errorf("cedar-wasm skipped %d tests, want %d (%v)", skipped, count, sum.Unsupported)
	}
	if !slices.Contains(allTargets, TargetLimits) {
		t.Error("all does not include limits")
	}
}
