package spelling

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// TestPolicySetParsesBack re-spells generated policy sets of every mode
// and checks that our parser reads each spelling back to the generated
// tree (the official engine's reading is checked by the parse target of
// package diff).
func TestPolicySetParsesBack(t *testing.T) {
	modes := []generators.Mode{generators.ModeTyped, generators.ModeUntyped, generators.ModeRBAC, generators.ModeExpr}
	n := 400
	if testing.Short() {
		n = 50
	}
	for _, mode := range modes {
		s := generators.DefaultSettings()
		s.Mode = mode
		for i := range uint64(n) {
			tc := generators.Generate(s, 7, i)
			r := rand.New(rand.NewSource(int64(i)))
			text := PolicySet(tc.Policies, r).Render(r)
			back, err := parser.ParsePolicySet("respelled.cedar", []byte(text))
			if err != nil {
				t.Fatalf("mode %v index %d: %v\n%s", mode, i, err, text)
			}
			if len(back.Policies) != len(tc.Policies.Policies) {
				t.Fatalf("mode %v index %d: %d policies back, want %d\n%s", mode, i, len(back.Policies), len(tc.Policies.Policies), text)
			}
			for j, p := range tc.Policies.Policies {
				if d := PolicyDiff(p, back.Policies[j]); d != "" {
					t.Fatalf("mode %v index %d policy %d changed (-generated +parsed):\n%s\n%s", mode, i, j, d, text)
				}
			}
		}
	}
}

// TestSugarAndEscapes checks hand-picked trees whose spellings use the
// sugar forms, the unary runs and negative literals.
func TestSugarAndEscapes(t *testing.T) {
	srcs := []string{
		`principal.a != 1 && !(principal.b == 2) && context.x > 3 && context.y >= -4`,
		`principal is NS::User in Group::"g" && resource has a.b.c`,
		`-(5) == --5 && - -9223372036854775808 < 9223372036854775807 && !!!!(!true)`,
		`"a\n\t\\\"\'\0\u{1F600}é" like "*\*a\u{2a}" && {"if": 1, b: [2]}.b.contains(2)`,
		`if ip("1.2.3.4").isIpv4() then decimal("1.5").lessThan(decimal("2.0")) else context["__cedar"]`,
	}
	for _, src := range srcs {
		e, err := parser.ParseExpr("e.cedar", []byte(src))
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		for seed := range int64(200) {
			r := rand.New(rand.NewSource(seed))
			text := Expr(e, r).Render(r)
			back, err := parser.ParseExpr("respelled.cedar", []byte(text))
			if err != nil {
				t.Fatalf("%s seed %d: %v\n%s", src, seed, err, text)
			}
			if !sameTree(e, back) {
				t.Fatalf("%s seed %d: the spelling reads back differently:\n%s", src, seed, text)
			}
		}
	}
}

// TestMutateChangesTokens checks that every mutation changes the text
// and keeps it valid UTF-8.
func TestMutateChangesTokens(t *testing.T) {
	p := &syntax.Policy{Principal: syntax.Scope{Op: syntax.ScopeEq, Entity: syntax.NewEntityUID("User", "a")},
		Conditions: []syntax.Condition{{Body: syntax.Bin(syntax.OpEq, syntax.Long(1), syntax.String("x"))}}}
	text := Policy(p, rand.New(rand.NewSource(1)))
	for seed := range int64(300) {
		r := rand.New(rand.NewSource(seed))
		m, what := Mutate(text, r)
		if len(what) == 0 || m.Canonical() == text.Canonical() && !strings.Contains(string(what[0]), "swap") {
			t.Errorf("seed %d: %v left the text unchanged: %s", seed, what, m.Canonical())
		}
	}
}
