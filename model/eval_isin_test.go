package model

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/isintest"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// isInEntities: User "alice" in Group "g"; Group "g" and "h".
func isInEntities(t testing.TB) *Entities {
	es, err := NewEntities([]*syntax.EntityData{
		{UID: uid("User", "alice"), Parents: []syntax.EntityUID{uid("Group", "g")}},
		{UID: uid("Group", "g")}, {UID: uid("Group", "h")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func isInRequest() *syntax.Request {
	return &syntax.Request{Principal: uid("User", "alice"), Action: uid("Action", "view"),
		Resource: uid("Photo", "p"), Context: &syntax.RecordExpr{}}
}

func parseIsIn(t testing.TB, src string) syntax.Expr {
	t.Helper()
	e, err := parser.ParseExpr("isin", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if isintest.Shared(e) == 0 {
		t.Fatalf("%s: the parser shares no x", src)
	}
	return e
}

// outcome is a value or an error, with its kind, message and position.
func outcome(v Value, err error) string {
	if err != nil {
		e, ok := err.(*Error)
		if !ok {
			return fmt.Sprintf("error %T %v", err, err)
		}
		return fmt.Sprintf("error %v %q at %v", e.Kind, e.Message, e.Pos)
	}
	return fmt.Sprintf("value %v", v)
}

// The rule for `x is T in y`, which evaluates the shared x once, gives
// the value or error (kind, message, position) of the two operands
// evaluated apart, as they are when x is copied.
func TestIsInSharedMatchesUnshared(t *testing.T) {
	es := isInEntities(t)
	for _, src := range isintest.Cases {
		e := parseIsIn(t, src)
		got := outcome(Evaluate(e, isInRequest(), es))
		want := outcome(Evaluate(isintest.Unshare(e), isInRequest(), es))
		if got != want {
			t.Errorf("%s:\n shared   %s\n unshared %s", src, got, want)
		}
	}
	// Spot checks that the cases mean what they say.
	for src, want := range map[string]string{
		`principal is User in Group::"g"`:   "value true",
		`principal is User in Group::"h"`:   "value false",
		`principal is Group in (1 + "a")`:   "value false",
		`1 is User in Group::"g"`:           "error",
		`principal is User in [Group::"h"]`: "value false",
		isintest.Nested(3):                  "value true",
	} {
		got := outcome(Evaluate(parseIsIn(t, src), isInRequest(), es))
		if got[:len(want)] != want {
			t.Errorf("%s = %s, want %s", src, got, want)
		}
	}
}

// Partial evaluation with the principal unknown, or known, gives the
// same residual or error for the shared and the copied x.
func TestPartialIsInSharedMatchesUnshared(t *testing.T) {
	es := isInEntities(t)
	r := isInRequest()
	for _, req := range []*syntax.PartialRequest{
		{Action: &r.Action, Resource: &r.Resource, Context: r.Context},
		{Principal: &r.Principal, Action: &r.Action, Resource: &r.Resource, Context: r.Context},
	} {
		env, err := NewPartialEnv(req, es)
		if err != nil {
			t.Fatal(err)
		}
		for _, src := range isintest.Cases {
			e := parseIsIn(t, src)
			got, want := partialOutcome(env.PartialEval(e)), partialOutcome(env.PartialEval(isintest.Unshare(e)))
			if got != want {
				t.Errorf("%s (principal known: %v):\n shared   %s\n unshared %s", src, req.Principal != nil, got, want)
			}
		}
	}
}

func partialOutcome(p Partial, err error) string {
	if err != nil {
		return outcome(nil, err)
	}
	if p.IsResidual() {
		return "residual " + printer.Expr(p.Residual)
	}
	return outcome(p.Value, nil)
}

// Substitute keeps x shared, and substitutes it.
func TestSubstituteIsInShared(t *testing.T) {
	x := &syntax.Call{Name: syntax.UnknownFunc, Args: []syntax.Expr{syntax.String("p")}}
	e := &syntax.Binary{Op: syntax.OpAnd, Form: syntax.FormIsIn,
		Left: isType(x, "User"), Right: bin(syntax.OpIn, x, ent("Group", "g"))}
	s := Substitute(e, map[string]syntax.Expr{"p": ent("User", "alice")})
	if isintest.Shared(s) != 1 {
		t.Fatalf("Substitute unshared x: %s", printer.Expr(s))
	}
	if got := printer.Expr(s); got != `User::"alice" is User in Group::"g"` {
		t.Errorf("Substitute = %s", got)
	}
}

// allocsOf is the allocations of one run of f.
func allocsOf(f func()) float64 { return testing.AllocsPerRun(2, f) }

// Nested is-in tests cost work linear in their nesting: the allocations
// at 12 levels are at most about twice those at 6 (visiting x twice per
// level would make them 64 times larger), and 30 levels, which would
// visit the innermost principal 2^31 times, evaluate.
func TestIsInNestedLinear(t *testing.T) {
	es := isInEntities(t)
	r := isInRequest()
	unknownPrincipal := &syntax.PartialRequest{Action: &r.Action, Resource: &r.Resource, Context: r.Context}
	penv, err := NewPartialEnv(unknownPrincipal, es)
	if err != nil {
		t.Fatal(err)
	}
	for _, walker := range []struct {
		name string
		run  func(e syntax.Expr) (string, error)
		want string
	}{
		{"eval", func(e syntax.Expr) (string, error) {
			v, err := Evaluate(e, r, es)
			return fmt.Sprint(v), err
		}, "true"},
		{"partial", func(e syntax.Expr) (string, error) {
			p, err := penv.PartialEval(e)
			return fmt.Sprint(p.IsResidual()), err
		}, "true"},
		{"substitute", func(e syntax.Expr) (string, error) {
			s := Substitute(e, map[string]syntax.Expr{"p": ent("User", "alice")})
			return fmt.Sprint(isintest.Shared(s) > 0), nil
		}, "true"},
	} {
		t.Run(walker.name, func(t *testing.T) {
			at := func(n int) float64 {
				e := parseIsIn(t, isintest.Nested(n))
				return allocsOf(func() { walker.run(e) })
			}
			if a6, a12 := at(6), at(12); !isintest.Linear(a6, a12) {
				t.Fatalf("allocations: %v at 6 levels, %v at 12: not linear", a6, a12)
			}
			got, err := walker.run(parseIsIn(t, isintest.Nested(30)))
			if err != nil || got != walker.want {
				t.Errorf("30 levels: %v, %v; want %v", got, err, walker.want)
			}
		})
	}
}

// The tree of 30 nested tests as written: every Is and In keeps x.
func TestIsInNestedStructure(t *testing.T) {
	e := parseIsIn(t, isintest.Nested(30))
	if n := isintest.Shared(e); n != 31 {
		t.Errorf("%d shared is-in tests, want 31", n)
	}
	if !reflect.DeepEqual(printer.Expr(isintest.Copy(e)), printer.Expr(e)) {
		t.Error("Copy changed the expression")
	}
}

// BenchmarkIsInNested evaluates 10 and 20 nested is-in tests: the time
// per evaluation grows linearly (about twice), not 1024 times.
func BenchmarkIsInNested(b *testing.B) {
	es := isInEntities(b)
	r := isInRequest()
	unknownPrincipal := &syntax.PartialRequest{Action: &r.Action, Resource: &r.Resource, Context: r.Context}
	penv, err := NewPartialEnv(unknownPrincipal, es)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10, 20} {
		e := parseIsIn(b, isintest.Nested(n))
		b.Run(fmt.Sprintf("eval/levels=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Evaluate(e, r, es); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("partial/levels=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := penv.PartialEval(e); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
