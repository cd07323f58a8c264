package diff

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

func mustExpr(t *testing.T, src string) syntax.Expr {
	t.Helper()
	e, err := parser.ParseExpr("test.cedar", []byte(src))
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return e
}

func TestCanonicalValue(t *testing.T) {
	tests := []struct{ value, want string }{
		{`[3, [2, 1], 1, 3]`, `[1, 3, [1, 2]]`},
		{`{b: {d: 1, c: 2}, a: "x"}`, `{a: "x", b: {c: 2, d: 1}}`},
		{`[{b: 1, a: 2}, {a: 2, b: 1}]`, `[{a: 2, b: 1}]`},
		{`decimal("1.5000")`, `decimal("1.5000")`},
		{`-9223372036854775808`, `-9223372036854775808`},
	}
	for _, tt := range tests {
		if got := CanonicalValue(mustExpr(t, tt.value)); got != tt.want {
			t.Errorf("CanonicalValue(%s) = %s, want %s", tt.value, got, tt.want)
		}
	}
}

// TestValueCheckPolicies runs check policies through every implementation
// that authorizes: each must error exactly when the claimed value (or
// error) is not the expression's, and never be satisfied.
func TestValueCheckPolicies(t *testing.T) {
	const wrong = "" // a claim of an error
	tests := []struct {
		expr, claim string
		agree       bool
	}{
		{`1 + 1`, `2`, true},
		{`1 + 1`, `3`, false},
		{`1 + 1`, `"2"`, false},
		{`1 + 1`, `decimal("2.0000")`, false},
		{`1 + 1`, wrong, false},
		{`1 + "a"`, wrong, true},
		{`1 + "a"`, `2`, false},
		{`true && true`, `true`, true},
		{`true && true`, `false`, false},
		{`"a"`, `"a"`, true},
		{`"a"`, `"b"`, false},
		{`User::"a"`, `User::"a"`, true},
		{`User::"a"`, `Group::"a"`, false},
		{`[1, 2, 1]`, `[2, 1]`, true},
		{`[1, 2]`, `[1]`, false},
		{`[1, 2]`, `[1, 2, 3]`, false},
		{`[]`, `{}`, false},
		{`{a: 1}`, `{a: 1}`, true},
		{`{a: 1}`, `{a: 1, b: 2}`, false},
		{`{a: 1}`, `{}`, false},
		{`context`, `{}`, true},
		{`principal`, `{}`, false},
		{`decimal("1.2")`, `decimal("1.2000")`, true},
		{`decimal("1.2")`, `decimal("1.2001")`, false},
		{`ip("10.0.0.1/24")`, `ip("10.0.0.1/24")`, true},
		{`ip("10.0.0.1/24")`, `ip("10.0.0.0/24")`, false},
		{`ip("::1")`, `ip("::1/128")`, true},
		{`ip("1::1/64")`, `ip("1::1/64")`, true},
		{`ip("::ffff:102:304/96")`, `ip("::ffff:102:304/96")`, true},
		{`ip("10.0.0.0/24")`, `ip("10.0.0.0/24")`, true},
		{`ip("10.0.0.1/32")`, `ip("10.0.0.1/32")`, true},
		{`[ip("10.0.0.1/24"), ip("10.0.0.0/24")]`, `[ip("10.0.0.0/24"), ip("10.0.0.1/24")]`, true},
		{`{a: [ip("10.0.0.1/24")]}`, `{a: [ip("10.0.0.1/24")]}`, true},
		{`datetime("1970-01-02")`, `datetime("1970-01-01").offset(duration("86400000ms"))`, true},
		{`datetime("1970-01-02")`, `datetime("1970-01-01").offset(duration("86400001ms"))`, false},
		{`datetime("1970-01-02")`, `duration("86400000ms")`, false},
		{`duration("1s")`, `duration("1000ms")`, true},
		{`duration("1s")`, `duration("1001ms")`, false},
	}
	impls := []Implementation{Model(), Engine()}
	if w := installedOracle(t); w != nil {
		impls = append(impls, w)
	}
	in := &Input{Name: "value checks", Policies: &syntax.PolicySet{}}
	req := request("alice")
	for i, tt := range tests {
		claim := ValueAnswer{Err: errors.New("claimed error")}
		if tt.claim != wrong {
			claim = ValueAnswer{Value: mustExpr(t, tt.claim)}
		}
		in.Policies.Policies = append(in.Policies.Policies, valueCheckPolicy(valueCheckID(0, i), mustExpr(t, tt.expr), claim))
	}
	for _, impl := range impls {
		answers, err := impl.Authorize(in, []*syntax.Request{req})
		if err != nil {
			t.Fatalf("%s: %v", impl.Name(), err)
		}
		r := answers[0].Response
		if answers[0].Err != nil || len(r.Reasons) != 0 {
			t.Fatalf("%s: a check policy was satisfied: %+v", impl.Name(), answers[0])
		}
		for i, tt := range tests {
			errored := slices.Contains(r.Errors, valueCheckID(0, i))
			if agree := errored == (tt.claim == wrong); agree != tt.agree {
				t.Errorf("%s: %s claimed %q: agree = %v, want %v", impl.Name(), tt.expr, tt.claim, agree, tt.agree)
			}
		}
	}
}

// wrongValues is the engine with a planted bug in its evaluator only:
// every value it computes is wrapped in a set. Its authorization answers
// are the engine's, so only a comparison of values can catch it.
type wrongValues struct{ Implementation }

func (wrongValues) Name() string { return "wrong-values" }

func (w wrongValues) EvaluateValues(in *Input, reqs []*syntax.Request, exprs []syntax.Expr) ([][]ValueAnswer, error) {
	out, err := w.Implementation.(Evaluator).EvaluateValues(in, reqs, exprs)
	for _, row := range out {
		for k := range row {
			if row[k].Err == nil {
				row[k].Value = &syntax.SetExpr{Elems: []syntax.Expr{row[k].Value}}
			}
		}
	}
	return out, err
}

// authorizerOnly hides an adapter's evaluator, so its values are checked
// through check policies as an official engine's are.
type authorizerOnly struct{ Implementation }

func (a authorizerOnly) Name() string { return a.Implementation.Name() + "-authorizer" }

func TestExprTargetComparesValues(t *testing.T) {
	tests := []struct {
		name  string
		impls []Implementation
		// wantValue is the implementation pair of the value findings
		// expected on every test whose expression has a value; "" for
		// none.
		wantValue string
	}{
		{"model and engine agree", []Implementation{Model(), Engine()}, ""},
		{"check policies agree", []Implementation{Model(), authorizerOnly{Engine()}, authorizerOnly{Model()}}, ""},
		{"wrong evaluator", []Implementation{Model(), wrongValues{Engine()}}, "model vs wrong-values"},
		{"wrong reference, checked by policies", []Implementation{wrongValues{Engine()}, authorizerOnly{Model()}}, "wrong-values vs model-authorizer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Config{Target: TargetExpr, Impls: tt.impls, Seed: 5, Count: 40, Jobs: 2}
			sum, err := Run(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if sum.FindingsByKind[KindMismatch] != 0 || sum.FindingsByKind[KindError] != 0 {
				t.Fatalf("authorization findings %v (check policies leaked into the answers?)", sum.FindingsByKind)
			}
			values := sum.FindingsByKind[KindValue]
			if tt.wantValue == "" {
				if values != 0 || sum.Failed != 0 {
					t.Fatalf("findings %v, want none", sum.FindingsByKind)
				}
				return
			}
			if values < 10 || sum.Mismatches[tt.wantValue] != values {
				t.Fatalf("value findings %d, mismatches %v; want value findings for most of 40 tests from %s", values, sum.Mismatches, tt.wantValue)
			}
		})
	}
}

func TestNearMisses(t *testing.T) {
	tests := []struct {
		value string
		want  []string
	}{
		{`ip("10.0.0.1/24")`, []string{`ip("10.0.0.0/24")`, `ip("10.0.0.1/32")`}},
		{`ip("10.0.0.0/24")`, []string{`ip("10.0.0.0/32")`}},
		{`ip("10.0.0.1/32")`, nil},
		{`ip("1::1/64")`, []string{`ip("1::/64")`, `ip("1::1/128")`}},
		{`ip("::ffff:102:304/96")`, nil}, // both near misses need embedded IPv4
		{`decimal("1.0000")`, nil},
		{`[ip("10.0.0.1/24"), 1]`, []string{`[1, ip("10.0.0.0/24")]`, `[1, ip("10.0.0.1/32")]`}},
		{`{a: ip("10.0.0.1/32"), b: {c: ip("10.0.0.0/31")}}`, []string{`{a: ip("10.0.0.1/32"), b: {c: ip("10.0.0.0/32")}}`}},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range nearMisses(mustExpr(t, tt.value)) {
			got = append(got, CanonicalValue(m))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("nearMisses(%s) = %v, want %v", tt.value, got, tt.want)
		}
	}
}
