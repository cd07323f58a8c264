package generators

import (
	"math/rand"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/model/validator"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// TestBoundaryFamiliesHoldTheirCase checks that every expression a
// boundary family writes, in both its value and its Boolean form, holds
// the rarity case of the same name where the case looks: in the first
// condition of a policy.
func TestBoundaryFamiliesHoldTheirCase(t *testing.T) {
	cases := map[string]RarityCase{}
	for _, c := range RarityCases() {
		cases[c.Name] = c
	}
	for _, f := range boundaryFamilies {
		c, ok := cases[f.name]
		if !ok {
			t.Errorf("family %s has no rarity case", f.name)
			continue
		}
		g := newGen(DefaultSettings(), rand.New(rand.NewSource(1)))
		for i := range 50 {
			for _, e := range []syntax.Expr{f.gen(g), g.boolOf(f)} {
				tc := &Test{Policies: &syntax.PolicySet{Policies: []*syntax.Policy{{
					ID: "p", Conditions: []syntax.Condition{{Kind: syntax.When, Body: e}},
				}}}}
				if !c.Match(tc) {
					t.Errorf("%s, draw %d: %s does not hold the case", f.name, i, printer.Expr(e))
				}
			}
		}
	}
}

// TestTypedBoundaryFamiliesValidate checks that the typed families type
// check in strict validation, so that typed and rbac policies may hold
// them, and that the untyped ones do not (else they could be typed).
func TestTypedBoundaryFamiliesValidate(t *testing.T) {
	s := DefaultSettings()
	for i := range uint64(30) {
		tc := Generate(s, 7, i)
		env := tc.Policies.Policies[0]
		g := newGen(s, rand.New(rand.NewSource(int64(i))))
		for _, f := range boundaryFamilies {
			p := *env
			p.Conditions = []syntax.Condition{{Kind: syntax.When, Body: g.boolOf(f)}}
			res := validator.Validate(tc.Schema, &syntax.PolicySet{Policies: []*syntax.Policy{&p}})
			if f.typed && len(res.Errors) > 0 {
				t.Errorf("typed family %s: %s does not validate: %v", f.name, printer.Expr(p.Conditions[0].Body), res.Errors)
			}
		}
	}
}

// TestRarityRatesOfTheDefaultMix is the cheap guard of the goal: over
// the typed and expr tests of one seed, every value case appears.
func TestBoundaryCasesAppearInGeneratedTests(t *testing.T) {
	r := NewRarity()
	for _, m := range []Mode{ModeTyped, ModeUntyped, ModeExpr} {
		s := DefaultSettings()
		s.Mode = m
		for i := range uint64(3000) {
			r.Add(Generate(s, 3, i))
		}
	}
	for _, f := range boundaryFamilies {
		if r.Counts[f.name] == 0 {
			t.Errorf("case %s never generated in 9,000 tests", f.name)
		}
	}
}
