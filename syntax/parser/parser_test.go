package parser_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// ignorePos compares trees without their source positions.
var ignorePos = cmpopts.IgnoreTypes(syntax.Pos{})

var (
	ctx  = syntax.VarExpr(syntax.VarContext)
	prin = syntax.VarExpr(syntax.VarPrincipal)
	res  = syntax.VarExpr(syntax.VarResource)
)

func attr(e syntax.Expr, a string) *syntax.GetAttr { return &syntax.GetAttr{Left: e, Attr: a} }
func has(e syntax.Expr, a string) *syntax.Has      { return &syntax.Has{Left: e, Attr: a} }
func bin(op syntax.BinaryOp, a, b syntax.Expr) *syntax.Binary {
	return syntax.Bin(op, a, b)
}
func formed[T interface{ *syntax.Unary | *syntax.Binary }](e T, f syntax.Form) T {
	switch e := any(e).(type) {
	case *syntax.Unary:
		e.Form = f
	case *syntax.Binary:
		e.Form = f
	}
	return e
}
func uid(t, id string) syntax.EntityUID { return syntax.EntityUID{Type: syntax.EntityType(t), ID: id} }

func TestParseExpr(t *testing.T) {
	tests := []struct {
		src  string
		want syntax.Expr
	}{
		{`-5`, syntax.Long(-5)},
		{`--5`, syntax.Neg(syntax.Long(-5))},
		{`-(5)`, syntax.Neg(syntax.Long(5))},
		{`- 5`, syntax.Long(-5)},
		{`-9223372036854775808`, syntax.Long(math.MinInt64)},
		{`--9223372036854775808`, syntax.Neg(syntax.Long(math.MinInt64))},
		{`9223372036854775807`, syntax.Long(math.MaxInt64)},
		{`-context.x`, syntax.Neg(attr(ctx, "x"))},
		{`!!true`, syntax.Not(syntax.Not(syntax.Bool(true)))},
		{`1 + 2 * 3 - 4`, bin(syntax.OpSub, bin(syntax.OpAdd, syntax.Long(1), bin(syntax.OpMul, syntax.Long(2), syntax.Long(3))), syntax.Long(4))},
		{`true || false || true`, bin(syntax.OpOr, bin(syntax.OpOr, syntax.Bool(true), syntax.Bool(false)), syntax.Bool(true))},
		{`true && false || true`, bin(syntax.OpOr, bin(syntax.OpAnd, syntax.Bool(true), syntax.Bool(false)), syntax.Bool(true))},
		{`1 != 2`, formed(syntax.Not(bin(syntax.OpEq, syntax.Long(1), syntax.Long(2))), syntax.FormNotEq)},
		{`1 > 2`, formed(syntax.Not(bin(syntax.OpLessEq, syntax.Long(1), syntax.Long(2))), syntax.FormGreater)},
		{`1 >= 2`, formed(syntax.Not(bin(syntax.OpLess, syntax.Long(1), syntax.Long(2))), syntax.FormGreaterEq)},
		{`principal in resource`, bin(syntax.OpIn, prin, res)},
		{`principal is User in resource`, formed(bin(syntax.OpAnd,
			&syntax.Is{Left: prin, Type: "User"}, bin(syntax.OpIn, prin, res)), syntax.FormIsIn)},
		{`principal is NS::User`, &syntax.Is{Left: prin, Type: "NS::User"}},
		{`principal is principal`, &syntax.Is{Left: prin, Type: "principal"}},
		{`context has a`, has(ctx, "a")},
		{`context has "a b"`, has(ctx, "a b")},
		{`context has principal`, has(ctx, "principal")},
		{`context has a.b.c`, formed(bin(syntax.OpAnd,
			formed(bin(syntax.OpAnd, has(ctx, "a"), has(attr(ctx, "a"), "b")), syntax.FormHasPath),
			has(attr(attr(ctx, "a"), "b"), "c")), syntax.FormHasPath)},
		{`context.s like "a*\*\u{2a}"`, &syntax.Like{Left: attr(ctx, "s"), Pattern: syntax.Pattern{
			{Char: 'a'}, {Wildcard: true}, {Char: '*'}, {Wildcard: true}}}},
		{`context.s like ""`, &syntax.Like{Left: attr(ctx, "s")}},
		{`if true then 1 else 2`, &syntax.If{Cond: syntax.Bool(true), Then: syntax.Long(1), Else: syntax.Long(2)}},
		{`[1, "a",]`, &syntax.SetExpr{Elems: []syntax.Expr{syntax.Long(1), syntax.String("a")}}},
		{`[]`, &syntax.SetExpr{}},
		{`{a: 1, "b c": 2, principal: 3,}`, &syntax.RecordExpr{Fields: []syntax.Field{
			{Key: "a", Value: syntax.Long(1)}, {Key: "b c", Value: syntax.Long(2)}, {Key: "principal", Value: syntax.Long(3)}}}},
		{`{}`, &syntax.RecordExpr{}},
		{`context["if"]`, attr(ctx, "if")},
		{`context.principal`, attr(ctx, "principal")},
		{`User::"a\"b".name`, attr(syntax.Entity(uid("User", `a"b`)), "name")},
		{`principal::""`, syntax.Entity(uid("principal", ""))},
		{`A::B::C::"x"`, syntax.Entity(uid("A::B::C", "x"))},
		{`"x".foo`, attr(syntax.String("x"), "foo")},
		{`ip("1.2.3.4")`, &syntax.Call{Name: "ip", Args: []syntax.Expr{syntax.String("1.2.3.4")}}},
		{`ip("1.2.3.4").isInRange(ip("1.0.0.0/8"))`, &syntax.Call{Name: "isInRange", Args: []syntax.Expr{
			&syntax.Call{Name: "ip", Args: []syntax.Expr{syntax.String("1.2.3.4")}},
			&syntax.Call{Name: "ip", Args: []syntax.Expr{syntax.String("1.0.0.0/8")}}}}},
		{`decimal("1.0", "extra")`, &syntax.Call{Name: "decimal", Args: []syntax.Expr{syntax.String("1.0"), syntax.String("extra")}}},
		{`context.d.isIpv4()`, &syntax.Call{Name: "isIpv4", Args: []syntax.Expr{attr(ctx, "d")}}},
		{`[].isEmpty()`, syntax.IsEmpty(&syntax.SetExpr{})},
		{`context.tags.contains(1)`, bin(syntax.OpContains, attr(ctx, "tags"), syntax.Long(1))},
		{`principal.getTag("t")`, bin(syntax.OpGetTag, prin, syntax.String("t"))},
		{`principal.hasTag("t")`, bin(syntax.OpHasTag, prin, syntax.String("t"))},
		{`[1].containsAll([1])`, bin(syntax.OpContainsAll, &syntax.SetExpr{Elems: []syntax.Expr{syntax.Long(1)}}, &syntax.SetExpr{Elems: []syntax.Expr{syntax.Long(1)}})},
		{`?principal`, &syntax.Slot{ID: syntax.SlotPrincipal}},
		{"\"tab\\there\\n\\r\\0\\\\\\'\\x41\\u{1F600}\\u{1_0}\"", syntax.String("tab\there\n\r\x00\\'A\U0001F600\x10")},
		{"\"raw\nnewline\"", syntax.String("raw\nnewline")},
		{"1 // comment\n", syntax.Long(1)},
		{"\u00a01\u3000", syntax.Long(1)}, // Unicode whitespace
	}
	for _, tc := range tests {
		got, err := parser.ParseExpr("e", []byte(tc.src))
		if err != nil {
			t.Errorf("%s: %v", tc.src, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got, ignorePos); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.src, diff)
		}
	}
}

func TestParsePolicySet(t *testing.T) {
	src := `
@id("p")
@advice
@if("reserved key")
permit (principal == User::"a", action == Action::"view", resource in Folder::"f")
when { true } unless { false };

forbid (principal is User in Group::"g", action in [Action::"a", NS::Action::"b",], resource is Photo,);

permit (principal in ?principal, action in Action::"all", resource == ?resource);
permit (principal is User in ?principal, action in [], resource);
`
	ps, err := parser.ParsePolicySet("set.cedar", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := &syntax.PolicySet{Policies: []*syntax.Policy{
		{
			ID: "policy0",
			Annotations: []syntax.Annotation{
				{Key: "id", Value: "p", HasValue: true}, {Key: "advice"}, {Key: "if", Value: "reserved key", HasValue: true}},
			Effect:    syntax.Permit,
			Principal: syntax.Scope{Op: syntax.ScopeEq, Entity: uid("User", "a")},
			Action:    syntax.Scope{Op: syntax.ScopeEq, Entity: uid("Action", "view")},
			Resource:  syntax.Scope{Op: syntax.ScopeIn, Entity: uid("Folder", "f")},
			Conditions: []syntax.Condition{
				{Kind: syntax.When, Body: syntax.Bool(true)}, {Kind: syntax.Unless, Body: syntax.Bool(false)}},
		},
		{
			ID:        "policy1",
			Effect:    syntax.Forbid,
			Principal: syntax.Scope{Op: syntax.ScopeIsIn, Type: "User", Entity: uid("Group", "g")},
			Action:    syntax.Scope{Op: syntax.ScopeInSet, Entities: []syntax.EntityUID{uid("Action", "a"), uid("NS::Action", "b")}},
			Resource:  syntax.Scope{Op: syntax.ScopeIs, Type: "Photo"},
		},
		{
			ID:        "policy2",
			Principal: syntax.Scope{Op: syntax.ScopeIn, Slot: syntax.SlotPrincipal},
			Action:    syntax.Scope{Op: syntax.ScopeIn, Entity: uid("Action", "all")},
			Resource:  syntax.Scope{Op: syntax.ScopeEq, Slot: syntax.SlotResource},
		},
		{
			ID:        "policy3",
			Principal: syntax.Scope{Op: syntax.ScopeIsIn, Type: "User", Slot: syntax.SlotPrincipal},
			Action:    syntax.Scope{Op: syntax.ScopeInSet},
		},
	}}
	if diff := cmp.Diff(want, ps, ignorePos); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if !ps.Policies[2].IsTemplate() || ps.Policies[0].IsTemplate() {
		t.Errorf("IsTemplate wrong")
	}
	if p := ps.Policies[1].Pos; p.Line != 8 || p.Column != 1 || p.Filename != "set.cedar" {
		t.Errorf("policy1 at %v, want set.cedar:8:1", p)
	}
}

func TestPositions(t *testing.T) {
	src := "permit(principal, action, resource)\nwhen {\n  context.a &&\n    [1, 2].contains(3)\n};"
	p, err := parser.ParsePolicy("pos.cedar", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	and := p.Conditions[0].Body.(*syntax.Binary)
	checks := []struct {
		name      string
		pos       syntax.Pos
		line, col int
	}{
		{"condition", p.Conditions[0].Pos, 2, 1},
		{"and", and.Pos, 3, 3},
		{"context.a", and.Left.Position(), 3, 3},
		{"contains", and.Right.Position(), 4, 5},
		{"3", and.Right.(*syntax.Binary).Right.Position(), 4, 21},
	}
	for _, c := range checks {
		if c.pos.Line != c.line || c.pos.Column != c.col || c.pos.Filename != "pos.cedar" {
			t.Errorf("%s at %v, want %d:%d", c.name, c.pos, c.line, c.col)
		}
	}
}

func TestParsePolicyCount(t *testing.T) {
	for _, src := range []string{"", "// only a comment\n", "permit(principal,action,resource);permit(principal,action,resource);"} {
		if _, err := parser.ParsePolicy("", []byte(src)); syntax.FirstError(err) == nil || syntax.FirstError(err).Kind != parser.KindExpectedOnePolicy {
			t.Errorf("%q: got %v, want %s", src, err, parser.KindExpectedOnePolicy)
		}
	}
}

func TestParseEntityUID(t *testing.T) {
	good := map[string]syntax.EntityUID{
		`User::"alice"`:       uid("User", "alice"),
		`NS::Action::"view"`:  uid("NS::Action", "view"),
		` User :: "a\u{41}" `: uid("User", "aA"),
		`principal::""`:       uid("principal", ""),
	}
	for s, want := range good {
		got, err := parser.ParseEntityUID(s)
		if err != nil || got != want {
			t.Errorf("ParseEntityUID(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{``, `User`, `User::`, `User::"a" x`, `if::"a"`, `__cedar::"a"`, `"a"`, `User::"\q"`} {
		if _, err := parser.ParseEntityUID(s); err == nil {
			t.Errorf("ParseEntityUID(%q) succeeded", s)
		}
	}
}

func TestComments(t *testing.T) {
	src := "// a\npermit(principal, action, resource) // b\nwhen { true };\n// c"
	f, err := parser.ParseFile("c.cedar", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		text    string
		line    int
		ownLine bool
	}{{"// a", 1, true}, {"// b", 2, false}, {"// c", 4, true}}
	if len(f.Comments) != len(want) {
		t.Fatalf("got %d comments, want %d", len(f.Comments), len(want))
	}
	for i, w := range want {
		c := f.Comments[i]
		if c.Text != w.text || c.Pos.Line != w.line || c.OwnLine != w.ownLine {
			t.Errorf("comment %d = %+v, want %+v", i, c, w)
		}
	}
	sp := f.Spans[0]
	if sp.Start != 5 || src[sp.End-1] != ';' || len(sp.Conds) != 1 || src[sp.Conds[0].Start:sp.Conds[0].End] != "when { true }" {
		t.Errorf("spans %+v", sp)
	}
}
