package engine

import (
	"fmt"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/isintest"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// isInFixture: User "alice" in Group "g"; Group "g" and "h"; a request
// of alice on Photo "p" with an empty context.
type isInFixture struct {
	es      *EntityStore
	req     Request
	partial []*syntax.PartialRequest // principal unknown; all known
}

func newIsInFixture(t testing.TB) *isInFixture {
	u := func(typ, id string) syntax.EntityUID { return syntax.NewEntityUID(syntax.EntityType(typ), id) }
	es, err := NewEntityStore([]*syntax.EntityData{
		{UID: u("User", "alice"), Parents: []syntax.EntityUID{u("Group", "g")}},
		{UID: u("Group", "g")}, {UID: u("Group", "h")},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, a, r := u("User", "alice"), u("Action", "view"), u("Photo", "p")
	req, err := NewRequest(syntax.Request{Principal: p, Action: a, Resource: r, Context: &syntax.RecordExpr{}})
	if err != nil {
		t.Fatal(err)
	}
	return &isInFixture{es: es, req: req, partial: []*syntax.PartialRequest{
		{Action: &a, Resource: &r, Context: &syntax.RecordExpr{}},
		{Principal: &p, Action: &a, Resource: &r, Context: &syntax.RecordExpr{}},
	}}
}

// isInPolicies parses `permit ... when { cond };` and returns it with the
// x of its is-in tests shared, as parsed, and copied (isintest.Unshare).
func isInPolicies(t testing.TB, cond string) (shared, unshared *syntax.PolicySet) {
	t.Helper()
	return sharedAndCopied(t, isintest.Policy(cond), isintest.Shared, "the parser shares no x")
}

// sharedAndCopied parses policy text (one policy, one condition) and
// returns it as parsed, with the nodes its readers share (shared counts
// them; none is an error, said as noShare), and with them copied.
func sharedAndCopied(t testing.TB, text string, shared func(syntax.Expr) int, noShare string) (*syntax.PolicySet, *syntax.PolicySet) {
	t.Helper()
	ps, err := parser.ParsePolicySet("policy.cedar", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	body := ps.Policies[0].Conditions[0].Body
	if shared(body) == 0 {
		t.Fatalf("%s: %s", text, noShare)
	}
	p := *ps.Policies[0]
	cond0 := p.Conditions[0]
	cond0.Body = isintest.Unshare(body)
	p.Conditions = []syntax.Condition{cond0}
	return ps, &syntax.PolicySet{Policies: []*syntax.Policy{&p}}
}

// isInShared is the policy set of isInPolicies with x shared only (the
// copy of nested tests is exponentially large).
func isInShared(t testing.TB, cond string) *syntax.PolicySet {
	t.Helper()
	ps, err := parser.ParsePolicySet("isin", []byte(isintest.Policy(cond)))
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// outcomes is everything the engine says about one policy set: the
// value of its condition, the authorization response and the partial
// responses (residuals printed).
func (f *isInFixture) outcomes(t testing.TB, ps *syntax.PolicySet) string {
	t.Helper()
	eps, err := NewPolicySet(ps)
	if err != nil {
		t.Fatal(err)
	}
	v, err := Evaluate(ps.Policies[0].Conditions[0].Body, f.req, f.es)
	out := fmt.Sprintf("eval %v %v\nauthorize %+v\n", v, err, eps.Authorize(f.es, f.req))
	for _, req := range f.partial {
		resp, err := eps.PartialAuthorize(f.es, req)
		out += fmt.Sprintf("partial %v %v %v %+v", resp.Decision, resp.Satisfied, err, resp.Errors)
		for _, r := range resp.Residuals {
			out += " residual " + printer.Policy(r)
		}
		out += "\n"
	}
	return out
}

// Compiling `x is T in y` as one rule that evaluates the shared x once
// gives the values, errors (kind, message, position), decisions and
// residuals of the two operands evaluated apart, as they are when x is
// copied.
func TestIsInSharedMatchesUnshared(t *testing.T) {
	f := newIsInFixture(t)
	for _, cond := range isintest.Cases {
		shared, unshared := isInPolicies(t, cond)
		if got, want := f.outcomes(t, shared), f.outcomes(t, unshared); got != want {
			t.Errorf("%s:\nshared:\n%s\nunshared:\n%s", cond, got, want)
		}
	}
	for cond, want := range map[string]Decision{
		`principal is User in Group::"g"`: Allow,
		`principal is User in Group::"h"`: Deny,
		`principal is Group in (1 + "a")`: Deny,
		isintest.Nested(3):                Allow,
	} {
		shared := isInShared(t, cond)
		eps, err := NewPolicySet(shared)
		if err != nil {
			t.Fatal(err)
		}
		if got := eps.Authorize(f.es, f.req); got.Decision != want || len(got.Diagnostics.Errors) > 0 {
			t.Errorf("%s: %+v, want %v", cond, got, want)
		}
	}
}

// Nested is-in tests cost work linear in their nesting, to compile, to
// evaluate and to evaluate partially: the allocations at 12 levels are at
// most about twice those at 6 (visiting x twice per level would make
// them 64 times larger), and 30 levels, which would visit the innermost
// principal 2^31 times, are decided.
func TestIsInNestedLinear(t *testing.T) {
	f := newIsInFixture(t)
	compiled := func(n int) *PolicySet {
		ps := isInShared(t, isintest.Nested(n))
		eps, err := NewPolicySet(ps)
		if err != nil {
			t.Fatal(err)
		}
		return eps
	}
	for _, walker := range []struct {
		name string
		run  func(n int) func() string
	}{
		{"compile", func(n int) func() string {
			ps := isInShared(t, isintest.Nested(n))
			return func() string {
				_, err := NewPolicySet(ps)
				return fmt.Sprint(err)
			}
		}},
		{"authorize", func(n int) func() string {
			eps := compiled(n)
			return func() string { return eps.Authorize(f.es, f.req).Decision.String() }
		}},
		{"partial", func(n int) func() string {
			ps := isInShared(t, isintest.Nested(n))
			return func() string {
				eps, err := NewPolicySet(ps) // the partial form is built once per set
				if err != nil {
					t.Fatal(err)
				}
				resp, err := eps.PartialAuthorize(f.es, f.partial[0])
				return fmt.Sprint(len(resp.Residuals), err)
			}
		}},
	} {
		t.Run(walker.name, func(t *testing.T) {
			a6 := testing.AllocsPerRun(2, func() { walker.run(6)() })
			a12 := testing.AllocsPerRun(2, func() { walker.run(12)() })
			if !isintest.Linear(a6, a12) {
				t.Fatalf("allocations: %v at 6 levels, %v at 12: not linear", a6, a12)
			}
			t.Logf("30 levels: %s", walker.run(30)())
		})
	}
	if got := compiled(30).Authorize(f.es, f.req); got.Decision != Allow {
		t.Errorf("30 levels: %+v, want allow", got)
	}
}

// BenchmarkIsInNested compiles, authorizes and partially authorizes 10
// and 20 nested is-in tests: the cost grows linearly (about twice), not
// 1024 times.
func BenchmarkIsInNested(b *testing.B) {
	benchmarkNested(b, newIsInFixture(b), func(n int) *syntax.PolicySet { return isInShared(b, isintest.Nested(n)) })
}

// benchmarkNested compiles, authorizes and partially authorizes the
// policy set of nest(n) at 10 and 20 levels, with the fixture's store
// and requests: a linear walker takes about twice as long at 20.
func benchmarkNested(b *testing.B, f *isInFixture, nest func(n int) *syntax.PolicySet) {
	for _, n := range []int{10, 20} {
		ps := nest(n)
		b.Run(fmt.Sprintf("compile/levels=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NewPolicySet(ps); err != nil {
					b.Fatal(err)
				}
			}
		})
		eps, err := NewPolicySet(ps)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("authorize/levels=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				eps.Authorize(f.es, f.req)
			}
		})
		b.Run(fmt.Sprintf("partial/levels=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := eps.PartialAuthorize(f.es, f.partial[0]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
