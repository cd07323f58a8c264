package validator

import (
	"fmt"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/isintest"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// isInPolicySet parses `permit ... when { cond };`; with unshare, the x
// of its is-in tests is copied for the In (isintest.Unshare).
func isInPolicySet(t testing.TB, cond string, unshare bool) *syntax.PolicySet {
	t.Helper()
	ps, err := parser.ParsePolicySet("isin", []byte(isintest.Policy(cond)))
	if err != nil {
		t.Fatal(err)
	}
	c := &ps.Policies[0].Conditions[0]
	if isintest.Shared(c.Body) == 0 {
		t.Fatalf("%s: the parser shares no x", cond)
	}
	if unshare {
		c.Body = isintest.Unshare(c.Body)
	}
	return ps
}

// Typing `x is T in y` as one rule that types the shared x once gives the
// result (types, errors and their positions) of typing the two operands
// apart, as when x is copied.
func TestIsInSharedMatchesUnshared(t *testing.T) {
	schema := testSchema()
	for _, cond := range isintest.Cases {
		got := fmt.Sprintf("%+v", Validate(schema, isInPolicySet(t, cond, false)))
		want := fmt.Sprintf("%+v", Validate(schema, isInPolicySet(t, cond, true)))
		if got != want {
			t.Errorf("%s:\n shared   %s\n unshared %s", cond, got, want)
		}
	}
	for cond, valid := range map[string]bool{
		`principal is User in Group::"g"`:   true,
		`principal is User in [Group::"g"]`: true,
		`principal is User in 1`:            false,
		`1 is User in Group::"g"`:           false,
		isintest.Nested(3):                  true,
		isintest.NestedUntyped(2):           false,
	} {
		if r := Validate(schema, isInPolicySet(t, cond, false)); (len(r.Errors) == 0) != valid {
			t.Errorf("%s: %+v, want valid %v", cond, r, valid)
		}
	}
}

// Validating nested is-in tests costs work linear in their nesting: the
// allocations at 12 levels are at most about twice those at 6 (typing x
// twice per level would make them 64 times larger), and 30 levels, which
// would type the innermost principal 2^31 times per environment,
// validate.
func TestIsInNestedLinear(t *testing.T) {
	schema := testSchema()
	for _, nested := range []func(int) string{isintest.Nested, isintest.NestedUntyped} {
		at := func(n int) float64 {
			ps := isInPolicySet(t, nested(n), false)
			return testing.AllocsPerRun(2, func() { Validate(schema, ps) })
		}
		if a6, a12 := at(6), at(12); !isintest.Linear(a6, a12) {
			t.Fatalf("allocations: %v at 6 levels, %v at 12: not linear", a6, a12)
		}
	}
	if r := Validate(schema, isInPolicySet(t, isintest.Nested(30), false)); len(r.Errors) > 0 {
		t.Errorf("30 levels: %+v", r.Errors)
	}
	if r := Validate(schema, isInPolicySet(t, isintest.NestedUntyped(30), false)); len(r.Errors) == 0 {
		t.Error("30 untyped levels validate")
	}
}

// BenchmarkIsInNested validates 10 and 20 nested is-in tests: the cost
// grows linearly (about twice), not 1024 times.
func BenchmarkIsInNested(b *testing.B) {
	schema := testSchema()
	for _, n := range []int{10, 20} {
		ps := isInPolicySet(b, isintest.Nested(n), false)
		b.Run(fmt.Sprintf("levels=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Validate(schema, ps)
			}
		})
	}
}
