package engine

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// nest wraps e in n negations.
func nest(e syntax.Expr, n int) syntax.Expr {
	for i := 0; i < n; i++ {
		e = syntax.Not(e)
	}
	return e
}

func policyWith(cond syntax.Expr) *syntax.PolicySet {
	return &syntax.PolicySet{Policies: []*syntax.Policy{{
		ID:         "p",
		Conditions: []syntax.Condition{{Kind: syntax.When, Body: cond}},
	}}}
}

func TestDeepNesting(t *testing.T) {
	req, _ := NewRequest(syntax.Request{Principal: uidOf("U", "a"), Action: uidOf("Action", "a"), Resource: uidOf("R", "a")})
	es, _ := NewEntityStore(nil, nil)
	// At the bound: compiles and evaluates.
	ps, err := NewPolicySet(policyWith(nest(bin(syntax.OpEq, vPrincipal, vPrincipal), syntax.MaxNesting-2)))
	if err != nil {
		t.Fatal(err)
	}
	if got := ps.Authorize(es, req); got.Decision != Allow {
		t.Errorf("nested %d deep: %+v", syntax.MaxNesting, got)
	}

	// Beyond the bound, even far beyond: the policy set compiles and the
	// policy errors with RecursionLimit when evaluated, as in the model;
	// no stack overflow.
	for _, n := range []int{syntax.MaxNesting - 1, 1_000_000} {
		ps, err = NewPolicySet(policyWith(nest(bin(syntax.OpEq, vPrincipal, vPrincipal), n)))
		if err != nil {
			t.Fatalf("nested %d deep: %v", n+2, err)
		}
		got := ps.Authorize(es, req)
		if errs := got.Diagnostics.Errors; len(errs) != 1 || errs[0].Kind != RecursionLimit {
			t.Errorf("nested %d deep: %+v, want one RecursionLimit error", n+2, got)
		}
	}

	// Deeply nested values in entity data and contexts.
	var v syntax.Expr = lit(1)
	for i := 0; i < 100_000; i++ {
		v = setLit(v)
	}
	if _, err := NewEntityStore([]*syntax.EntityData{entityData(uidOf("U", "a"), nil, "deep", v)}, nil); err == nil {
		t.Error("deep attribute value: want an error")
	}
	if _, err := NewRequest(syntax.Request{Context: recLit("deep", v)}); err == nil {
		t.Error("deep context value: want an error")
	}
}

// TestLikeIsLinear matches a pattern that makes backtracking matchers
// exponential.
func TestLikeIsLinear(t *testing.T) {
	pat := ""
	for i := 0; i < 30; i++ {
		pat += "a*"
	}
	pat += "b"
	lp := compilePattern(toPattern(pat))
	s := ""
	for i := 0; i < 10_000; i++ {
		s += "a"
	}
	if lp.match(s) {
		t.Error("should not match")
	}
}

func TestNilInputsAreErrors(t *testing.T) {
	if ps, err := NewPolicySet(nil); err != nil || ps.Authorize(nil, Request{}).Decision != Deny {
		t.Errorf("nil policy set: %v", err)
	}
	if _, err := NewPolicySet(&syntax.PolicySet{Policies: []*syntax.Policy{nil}}); err == nil {
		t.Error("nil policy: want an error")
	}
	if _, err := NewPolicySet(&syntax.PolicySet{Policies: []*syntax.Policy{{ID: "p", Conditions: []syntax.Condition{{}}}}}); err == nil {
		t.Error("nil condition body: want an error")
	}
	if _, err := NewEntityStore([]*syntax.EntityData{nil}, nil); err == nil {
		t.Error("nil entity: want an error")
	}
	if _, err := NewEntityStore([]*syntax.EntityData{{Attrs: []syntax.Field{{Key: "a"}}}}, nil); err == nil {
		t.Error("nil attribute value: want an error")
	}
}
