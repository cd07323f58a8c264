package model

import (
	"fmt"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/haspathtest"
	"github.com/cedar-crosscheck/crosscheck/internal/isintest"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// hasPathEntities: User "alice" with {a: {b: 1}}.
func hasPathEntities(t testing.TB) *Entities {
	es, err := NewEntities([]*syntax.EntityData{
		{UID: uid("User", "alice"), Attrs: []syntax.Field{
			{Key: "a", Value: &syntax.RecordExpr{Fields: []syntax.Field{{Key: "b", Value: syntax.Long(1)}}}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func hasPathRequest(t testing.TB) *syntax.Request {
	c, err := parser.ParseExpr("context", []byte(haspathtest.Context))
	if err != nil {
		t.Fatal(err)
	}
	return &syntax.Request{Principal: uid("User", "alice"), Action: uid("Action", "view"),
		Resource: uid("Photo", "p"), Context: c.(*syntax.RecordExpr)}
}

func parseHasPath(t testing.TB, src string) syntax.Expr {
	t.Helper()
	e, err := parser.ParseExpr("haspath", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if haspathtest.Shared(e) == 0 {
		t.Fatalf("%s: the parser shares no prefix", src)
	}
	return e
}

// The rule for `e has a.b.c`, which evaluates the shared e once, gives
// the value or error (kind, message, position) of the steps evaluated
// apart, as they are when the prefixes are copied.
func TestHasPathSharedMatchesUnshared(t *testing.T) {
	es, r := hasPathEntities(t), hasPathRequest(t)
	for _, src := range haspathtest.Cases {
		e := parseHasPath(t, src)
		u := isintest.Unshare(e)
		if haspathtest.Shared(u) != 0 {
			t.Fatalf("%s: Unshare kept a shared prefix", src)
		}
		got, want := outcome(Evaluate(e, r, es)), outcome(Evaluate(u, r, es))
		if got != want {
			t.Errorf("%s:\n shared   %s\n unshared %s", src, got, want)
		}
	}
	for src, want := range map[string]string{
		`context has a.b.c`:   "value true",
		`context has a.z.c`:   "value false",
		`context has z.s.x`:   "value false",
		`context has a.b.c.d`: "error",
		`User::"bob" has a.b`: "value false",
		`principal has a.b`:   "value true",
		haspathtest.Nested(3): "value true",
	} {
		got := outcome(Evaluate(parseHasPath(t, src), r, es))
		if len(got) < len(want) || got[:len(want)] != want {
			t.Errorf("%s = %s, want %s", src, got, want)
		}
	}
}

// Nested has-path tests evaluate with work linear in their nesting: the
// allocations at 12 levels are at most about twice those at 6 (each
// prefix evaluated once per reference would make them 64 times larger),
// and 30 levels, 2^31 evaluations of the innermost context that way,
// evaluate.
func TestHasPathNestedLinear(t *testing.T) {
	es, r := hasPathEntities(t), hasPathRequest(t)
	run := func(e syntax.Expr) (string, error) {
		v, err := Evaluate(e, r, es)
		return fmt.Sprint(v), err
	}
	at := func(n int) float64 {
		e := parseHasPath(t, haspathtest.Nested(n))
		return allocsOf(func() { run(e) })
	}
	if a6, a12 := at(6), at(12); !isintest.Linear(a6, a12) {
		t.Fatalf("allocations: %v at 6 levels, %v at 12: not linear", a6, a12)
	}
	if got, err := run(parseHasPath(t, haspathtest.Nested(30))); err != nil || got != "true" {
		t.Errorf("30 levels: %v, %v; want true", got, err)
	}
}

// BenchmarkHasPathNested evaluates 10 and 20 nested has-path tests.
func BenchmarkHasPathNested(b *testing.B) {
	es, r := hasPathEntities(b), hasPathRequest(b)
	for _, n := range []int{10, 20} {
		e := parseHasPath(b, haspathtest.Nested(n))
		b.Run(fmt.Sprintf("eval/levels=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Evaluate(e, r, es); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Partial evaluation with the principal unknown, or known, gives the
// same residual or error for the shared and the copied prefixes, and
// nested tests cost linear work.
func TestPartialHasPathSharedMatchesUnshared(t *testing.T) {
	es, r := hasPathEntities(t), hasPathRequest(t)
	var envs []*PartialEnv
	for _, req := range []*syntax.PartialRequest{
		{Action: &r.Action, Resource: &r.Resource, Context: r.Context},
		{Principal: &r.Principal, Action: &r.Action, Resource: &r.Resource, Context: r.Context},
	} {
		env, err := NewPartialEnv(req, es)
		if err != nil {
			t.Fatal(err)
		}
		envs = append(envs, env)
		for _, src := range haspathtest.Cases {
			e := parseHasPath(t, src)
			got, want := partialOutcome(env.PartialEval(e)), partialOutcome(env.PartialEval(isintest.Unshare(e)))
			if got != want {
				t.Errorf("%s (principal known: %v):\n shared   %s\n unshared %s", src, req.Principal != nil, got, want)
			}
		}
	}
	at := func(n int) float64 {
		e := parseHasPath(t, haspathtest.Nested(n))
		return allocsOf(func() { envs[0].PartialEval(e) })
	}
	if a6, a12 := at(6), at(12); !isintest.Linear(a6, a12) {
		t.Fatalf("partial allocations: %v at 6 levels, %v at 12: not linear", a6, a12)
	}
	p, err := envs[0].PartialEval(parseHasPath(t, haspathtest.Nested(30)))
	if err != nil || p.IsResidual() || p.Value != Bool(true) {
		t.Errorf("30 levels: %v, %v; want true", partialOutcome(p, err), err)
	}
}
