package generators

import (
	"slices"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// TestPolicyConstructsScopeNames pins the names of scope forms, which
// the reports and the coverage goals key on, for plain and slotted
// scopes.
func TestPolicyConstructsScopeNames(t *testing.T) {
	for _, c := range []struct {
		name   string
		policy syntax.Policy
		want   []string
	}{
		{"all", syntax.Policy{}, []string{"scope principal all", "scope action all", "scope resource all"}},
		{"plain", syntax.Policy{
			Principal: syntax.Scope{Op: syntax.ScopeIsIn},
			Action:    syntax.Scope{Op: syntax.ScopeInSet},
			Resource:  syntax.Scope{Op: syntax.ScopeEq},
		}, []string{"scope principal is-in", "scope action in-set", "scope resource =="}},
		{"slotted", syntax.Policy{
			Principal: syntax.Scope{Op: syntax.ScopeIn, Slot: syntax.SlotPrincipal},
			Resource:  syntax.Scope{Op: syntax.ScopeIsIn, Slot: syntax.SlotResource},
		}, []string{"scope principal in ?principal", "scope action all", "scope resource is-in ?resource", "template"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			PolicyConstructs(&c.policy, func(s string) { got = append(got, s) })
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestExprConstructsSurfaceNames pins that desugared forms count as the
// operator written, once, and that what is under them still counts.
func TestExprConstructsSurfaceNames(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string
	}{
		{`1 != 2`, []string{"!=", "long", "long"}},
		{`!(1 == 2)`, []string{"!", "==", "long", "long"}},
		{`1 > 2 && (3 != 4)`, []string{"&&", ">", "long", "long", "!=", "long", "long"}},
		{`(1 != 2) != (3 >= 4)`, []string{"!=", "!=", "long", "long", ">=", "long", "long"}},
	} {
		e, err := parser.ParseExpr("test", []byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		ExprConstructs(e, func(s string) { got = append(got, s) })
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.src, got, c.want)
		}
	}
}

// TestStatsAddCountsPolicies checks that a construct's occurrences are
// all counted and its policies once each, also when one Stats adds
// several tests (its scratch space is reused).
func TestStatsAddCountsPolicies(t *testing.T) {
	ps, err := parser.ParsePolicySet("test", []byte(`
		permit(principal, action, resource) when { 1 == 1 && 2 == 2 };
		permit(principal, action, resource) when { 3 == 3 } unless { 4 < 5 };
		forbid(principal, action, resource) when { 6 < 7 };`))
	if err != nil {
		t.Fatal(err)
	}
	s := NewStats()
	for range 2 {
		s.Add(&Test{Policies: ps})
	}
	for _, c := range []struct {
		construct               string
		occurrences, inPolicies int
	}{{"==", 6, 4}, {"<", 4, 4}, {"&&", 2, 2}, {"when", 6, 6}, {"unless", 2, 2}, {"long", 20, 6}} {
		if got := s.Occurrences[c.construct]; got != c.occurrences {
			t.Errorf("Occurrences[%q] = %d, want %d", c.construct, got, c.occurrences)
		}
		if got := s.InPolicies[c.construct]; got != c.inPolicies {
			t.Errorf("InPolicies[%q] = %d, want %d", c.construct, got, c.inPolicies)
		}
	}
}
