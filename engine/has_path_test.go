package engine

import (
	"fmt"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/haspathtest"
	"github.com/cedar-crosscheck/crosscheck/internal/isintest"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// newHasPathFixture: User "alice" with {a: {b: 1}}; a request of alice
// on Photo "p" with context haspathtest.Context; partially, the
// principal unknown, and all known.
func newHasPathFixture(t testing.TB) *isInFixture {
	u := func(typ, id string) syntax.EntityUID { return syntax.NewEntityUID(syntax.EntityType(typ), id) }
	es, err := NewEntityStore([]*syntax.EntityData{
		{UID: u("User", "alice"), Attrs: []syntax.Field{
			{Key: "a", Value: &syntax.RecordExpr{Fields: []syntax.Field{{Key: "b", Value: syntax.Long(1)}}}}}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := parser.ParseExpr("context", []byte(haspathtest.Context))
	if err != nil {
		t.Fatal(err)
	}
	ctx := c.(*syntax.RecordExpr)
	p, a, r := u("User", "alice"), u("Action", "view"), u("Photo", "p")
	req, err := NewRequest(syntax.Request{Principal: p, Action: a, Resource: r, Context: ctx})
	if err != nil {
		t.Fatal(err)
	}
	return &isInFixture{es: es, req: req, partial: []*syntax.PartialRequest{
		{Action: &a, Resource: &r, Context: ctx},
		{Principal: &p, Action: &a, Resource: &r, Context: ctx},
	}}
}

// hasPathPolicies parses `permit ... when { cond };` and returns it with
// the prefixes of its has-path tests shared, as parsed, and copied.
func hasPathPolicies(t testing.TB, cond string) (shared, unshared *syntax.PolicySet) {
	t.Helper()
	return sharedAndCopied(t, haspathtest.Policy(cond), haspathtest.Shared, "the parser shares no prefix")
}

// Compiling `e has a.b.c` as one rule that evaluates the shared e once
// gives the values, errors (kind, message, position), decisions and
// residuals of the steps evaluated apart, as they are when the prefixes
// are copied.
func TestHasPathSharedMatchesUnshared(t *testing.T) {
	f := newHasPathFixture(t)
	for _, cond := range haspathtest.Cases {
		shared, unshared := hasPathPolicies(t, cond)
		if got, want := f.outcomes(t, shared), f.outcomes(t, unshared); got != want {
			t.Errorf("%s:\nshared:\n%s\nunshared:\n%s", cond, got, want)
		}
	}
	for cond, want := range map[string]Decision{
		`context has a.b.c`:   Allow,
		`context has a.z.c`:   Deny,
		`principal has a.b`:   Allow,
		`User::"bob" has a.b`: Deny,
		haspathtest.Nested(3): Allow,
	} {
		shared, _ := hasPathPolicies(t, cond)
		eps, err := NewPolicySet(shared)
		if err != nil {
			t.Fatal(err)
		}
		if got := eps.Authorize(f.es, f.req); got.Decision != want || len(got.Diagnostics.Errors) > 0 {
			t.Errorf("%s: %+v, want %v", cond, got, want)
		}
	}
}

// Nested has-path tests cost work linear in their nesting to compile and
// to evaluate, fully and partially: the allocations at 12 levels are at most about twice those
// at 6, and 30 levels are decided.
func TestHasPathNestedLinear(t *testing.T) {
	f := newHasPathFixture(t)
	parse := func(n int) *syntax.PolicySet {
		ps, err := parser.ParsePolicySet("haspath", []byte(haspathtest.Policy(haspathtest.Nested(n))))
		if err != nil {
			t.Fatal(err)
		}
		return ps
	}
	compiled := func(n int) *PolicySet {
		eps, err := NewPolicySet(parse(n))
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
			ps := parse(n)
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
			ps := parse(n)
			return func() string {
				eps, err := NewPolicySet(ps)
				if err != nil {
					t.Fatal(err)
				}
				resp, err := eps.PartialAuthorize(f.es, f.partial[0])
				return fmt.Sprint(resp.Decision, err)
			}
		}},
	} {
		t.Run(walker.name, func(t *testing.T) {
			a6 := testing.AllocsPerRun(2, func() { walker.run(6)() })
			a12 := testing.AllocsPerRun(2, func() { walker.run(12)() })
			if !isintest.Linear(a6, a12) {
				t.Fatalf("allocations: %v at 6 levels, %v at 12: not linear", a6, a12)
			}
		})
	}
	if got := compiled(30).Authorize(f.es, f.req); got.Decision != Allow {
		t.Errorf("30 levels: %+v, want allow", got)
	}
	if got, err := compiled(30).PartialAuthorize(f.es, f.partial[0]); err != nil || got.Decision != PartialAllow {
		t.Errorf("30 levels, principal unknown: %+v %v, want allow", got, err)
	}
}

// BenchmarkHasPathNested compiles, authorizes and partially authorizes
// 10 and 20 nested has-path tests: the cost grows linearly (about
// twice), not 1024 times.
func BenchmarkHasPathNested(b *testing.B) {
	benchmarkNested(b, newHasPathFixture(b), func(n int) *syntax.PolicySet {
		ps, err := parser.ParsePolicySet("haspath", []byte(haspathtest.Policy(haspathtest.Nested(n))))
		if err != nil {
			b.Fatal(err)
		}
		return ps
	})
}
