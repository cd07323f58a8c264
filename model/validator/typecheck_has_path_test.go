package validator

import (
	"fmt"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/haspathtest"
	"github.com/cedar-crosscheck/crosscheck/internal/isintest"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// hasPathSchema is testSchema with the context of view shaped like
// haspathtest.Context, its attributes optional at each level:
// {a?: {b?: {c: Long}, s: String}, n?: Long}.
func hasPathSchema() *syntax.Schema {
	s := testSchema()
	req := func(t syntax.Type) *syntax.AttributeType { return &syntax.AttributeType{Type: t, Required: true} }
	opt := func(t syntax.Type) *syntax.AttributeType { return &syntax.AttributeType{Type: t} }
	rec := func(attrs map[string]*syntax.AttributeType) *syntax.RecordType {
		return &syntax.RecordType{Attrs: attrs}
	}
	long, str := &syntax.PrimitiveType{Kind: syntax.LongType}, &syntax.PrimitiveType{Kind: syntax.StringType}
	s.Actions[syntax.NewEntityUID("Action", "view")].AppliesTo.Context = rec(map[string]*syntax.AttributeType{
		"a": opt(rec(map[string]*syntax.AttributeType{
			"b": opt(rec(map[string]*syntax.AttributeType{"c": req(long)})),
			"s": req(str),
		})),
		"n": opt(long),
	})
	return s
}

// hasPathPolicySet parses `permit ... when { cond };`; with unshare, the
// prefixes of its has-path tests are copied (isintest.Unshare).
func hasPathPolicySet(t testing.TB, cond string, unshare bool) *syntax.PolicySet {
	t.Helper()
	ps, err := parser.ParsePolicySet("haspath", []byte(haspathtest.Policy(cond)))
	if err != nil {
		t.Fatal(err)
	}
	c := &ps.Policies[0].Conditions[0]
	if haspathtest.Shared(c.Body) == 0 {
		t.Fatalf("%s: the parser shares no prefix", cond)
	}
	if unshare {
		c.Body = isintest.Unshare(c.Body)
	}
	return ps
}

// Typing `e has a.b.c` with e typed once gives the result (types,
// capabilities, errors and their positions) of typing the steps apart,
// as when the prefixes are copied.
func TestHasPathSharedMatchesUnshared(t *testing.T) {
	schema := hasPathSchema()
	cases := append([]string{
		`context has a.b && context.a.b.c == 1`,
		`context has a.b.c && context.a.b.c == 1`,
		`context has a.s && context.a.s == "x"`,
		`context has a.b && context.a.s == "x"`,
		`principal has info.b && principal.info.b == "x"`,
		`principal has info.z`,
		`context has a.s && context.a.b.c == 1`,
		`principal has name.x`,
		`(if context has a.b then context.a.b else {c: 2}) has c`,
		`(if context has a then context else context) has a.b.c`,
	}, haspathtest.Cases...)
	for _, cond := range cases {
		got := fmt.Sprintf("%+v", Validate(schema, hasPathPolicySet(t, cond, false)))
		want := fmt.Sprintf("%+v", Validate(schema, hasPathPolicySet(t, cond, true)))
		if got != want {
			t.Errorf("%s:\n shared   %s\n unshared %s", cond, got, want)
		}
	}
	for cond, valid := range map[string]bool{
		`context has a.b && context.a.b.c == 1`: true,
		`context has a.s && context.a.b.c == 1`: false,
		`context has n.x`:                       false,
		haspathtest.Nested(3):                   true,
	} {
		if r := Validate(schema, hasPathPolicySet(t, cond, false)); (len(r.Errors) == 0) != valid {
			t.Errorf("%s: %+v, want valid %v", cond, r, valid)
		}
	}
}

// Validating nested has-path tests costs work linear in their nesting:
// the allocations at 12 levels are at most about twice those at 6, and
// 30 levels validate.
func TestHasPathNestedLinear(t *testing.T) {
	schema := hasPathSchema()
	at := func(n int) float64 {
		ps := hasPathPolicySet(t, haspathtest.Nested(n), false)
		return testing.AllocsPerRun(2, func() { Validate(schema, ps) })
	}
	if a6, a12 := at(6), at(12); !isintest.Linear(a6, a12) {
		t.Fatalf("allocations: %v at 6 levels, %v at 12: not linear", a6, a12)
	}
	if r := Validate(schema, hasPathPolicySet(t, haspathtest.Nested(30), false)); len(r.Errors) > 0 {
		t.Errorf("30 levels: %+v", r.Errors)
	}
}
