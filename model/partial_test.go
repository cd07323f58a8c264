package model

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// partialCase is a policy set in Cedar text (ids p0, p1, ... in order)
// authorized with some request parts unknown, and the classification the
// official engine (cedar-wasm 4.13) gave for it; residual is the text of
// the first residual's condition in the model's shape ("" for none; the
// official shape differs, meaning is what the partial target compares).
type partialCase struct {
	name      string
	policies  string
	unknown   string // which of "principal", "context.x" (x unknown in the context) are unknown
	decision  PartialDecision
	satisfied []string
	errored   []string
	may, must []string
	residual  string
}

func TestPartialAuthorize(t *testing.T) {
	cases := []partialCase{
		{name: "scope on unknown principal", policies: `permit(principal == User::"a", action, resource);`, unknown: "principal",
			decision: Undecided, may: []string{"p0"}, residual: `unknown("principal") == User::"a" && true && true`},
		{name: "error with no unknown in it is raised", policies: `permit(principal, action, resource) when { 1 + "a" == 2 };`, unknown: "principal",
			decision: PartialDeny, errored: []string{"p0"}},
		{name: "error behind a residual && is kept", policies: `permit(principal, action, resource) when { principal == User::"a" && 1 + "a" == 2 };`, unknown: "principal",
			decision: Undecided, may: []string{"p0"}, residual: `true && (unknown("principal") == User::"a" && 1 + "a" == 2)`},
		{name: "true || unknown", policies: `permit(principal, action, resource) when { true || context.x };`, unknown: "context.x",
			decision: PartialAllow, satisfied: []string{"p0"}, may: []string{"p0"}, must: []string{"p0"}},
		{name: "unknown || true stays", policies: `permit(principal, action, resource) when { context.x || true };`, unknown: "context.x",
			decision: Undecided, may: []string{"p0"}, residual: `true && (unknown("x") || true)`},
		{name: "false && unknown, residual forbid", policies: `permit(principal, action, resource) when { false && context.x }; forbid(principal, action, resource) when { context.x };`, unknown: "context.x",
			decision: PartialDeny, may: []string{"p1"}, residual: `true && unknown("x")`},
		{name: "missing context attribute", policies: `permit(principal, action, resource) when { context.y };`, unknown: "context.x",
			decision: PartialDeny, errored: []string{"p0"}},
		{name: "has on a projectable context", policies: `permit(principal, action, resource) when { context has x };`, unknown: "context.x",
			decision: PartialAllow, satisfied: []string{"p0"}, may: []string{"p0"}, must: []string{"p0"}},
		{name: "has on a context with an extension value", policies: `permit(principal, action, resource) when { context has x };`, unknown: "context.x+decimal",
			decision: Undecided, may: []string{"p0"}, residual: `true && {d: decimal("1.0000"), x: unknown("x")} has x`},
		{name: "record of a residual: missing attribute", policies: `permit(principal, action, resource) when { {a: context.x + 1}.b };`, unknown: "context.x",
			decision: PartialDeny, errored: []string{"p0"}},
		{name: "record of a residual: not projectable", policies: `permit(principal, action, resource) when { {a: context.x + 1} has a };`, unknown: "context.x",
			decision: Undecided, may: []string{"p0"}, residual: `true && {a: unknown("x") + 1} has a`},
		{name: "projected field", policies: `permit(principal, action, resource) when { {a: context.x}.a };`, unknown: "context.x",
			decision: Undecided, may: []string{"p0"}, residual: `true && unknown("x")`},
		{name: "strict operator raises the error of its other operand", policies: `permit(principal, action, resource) when { context.x + (1 + "a") == 1 };`, unknown: "context.x",
			decision: PartialDeny, errored: []string{"p0"}},
		{name: "error before a residual ||", policies: `permit(principal, action, resource) when { !(1 + "a" == 1) || context.x };`, unknown: "context.x",
			decision: PartialDeny, errored: []string{"p0"}},
		{name: "has-path on an unknown stays whole", policies: `permit(principal, action, resource) when { principal has a.b };`, unknown: "principal",
			decision: Undecided, may: []string{"p0"}, residual: `true && unknown("principal") has a.b`},
		{name: "has-path on an unknown as the left operand of &&", policies: `permit(principal, action, resource) when { principal has a.b && context.x };`, unknown: "principal",
			decision: Undecided, may: []string{"p0"}, residual: `true && (unknown("principal") has a.b && context.x)`},
		{name: "if on a residual keeps an erroring branch", policies: `permit(principal, action, resource) when { if context.x then principal.nope else 1 + 1 == 2 };`, unknown: "context.x",
			decision: Undecided, may: []string{"p0"}, residual: `true && (if unknown("x") then principal.nope else true)`},
		{name: "classification", policies: `permit(principal, action, resource) when { context.x }; forbid(principal, action, resource) when { context.x2 }; permit(principal, action, resource); forbid(principal, action, resource) when { 1 + "a" };`, unknown: "context.x",
			decision: Undecided, satisfied: []string{"p2"}, errored: []string{"p3"}, may: []string{"p0", "p1", "p2"}, residual: `true && unknown("x")`},
		{name: "satisfied forbid", policies: `permit(principal, action, resource) when { context.x }; forbid(principal, action, resource); forbid(principal, action, resource) when { context.x };`, unknown: "context.x",
			decision: PartialDeny, satisfied: []string{"p1"}, may: []string{"p1", "p2"}, must: []string{"p1"}, residual: `true && unknown("x")`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, err := PartialAuthorize(numbered(t, c.policies), mustEntities(), partialRequest(c.unknown))
			if err != nil {
				t.Fatal(err)
			}
			got := []any{resp.Decision, resp.Satisfied, resp.Errored, resp.MayBeDetermining, resp.MustBeDetermining}
			want := []any{c.decision, c.satisfied, c.errored, c.may, c.must}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
			var r string
			if len(resp.Residuals) > 0 {
				r = printer.Expr(resp.Residuals[0].Conditions[0].Body)
			}
			if r != c.residual {
				t.Errorf("residual %s, want %s", r, c.residual)
			}
		})
	}
}

// numbered parses policies and names them p0, p1, ... as cedar-wasm does.
func numbered(t *testing.T, src string) *syntax.PolicySet {
	t.Helper()
	ps, err := parser.ParsePolicySet("test", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range ps.Policies {
		p.ID = "p" + string(rune('0'+i))
	}
	return ps
}

// partialRequest is User::"a" viewing Doc::"d" with the given part
// unknown: "principal"; "context.x", the context {x: unknown("x"), x2:
// unknown("x2")}; or "context.x+decimal", {d: decimal("1.0"), x:
// unknown("x")}.
func partialRequest(unknown string) *syntax.PartialRequest {
	p, a, r := uid("User", "a"), uid("Action", "view"), uid("Doc", "d")
	req := &syntax.PartialRequest{Principal: &p, Action: &a, Resource: &r, Context: &syntax.RecordExpr{}}
	switch {
	case unknown == "principal":
		req.Principal = nil
	case strings.HasPrefix(unknown, "context.x"):
		fields := []syntax.Field{{Key: "x", Value: syntax.Unknown("x")}, {Key: "x2", Value: syntax.Unknown("x2")}}
		if strings.HasSuffix(unknown, "+decimal") {
			fields = []syntax.Field{{Key: "d", Value: call("decimal", lit("1.0"))}, {Key: "x", Value: syntax.Unknown("x")}}
		}
		req.Context = &syntax.RecordExpr{Fields: fields}
	}
	return req
}
