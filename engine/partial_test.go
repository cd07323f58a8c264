package engine

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// partialCase is one partial authorization worked by hand, each checked
// against the official engine (cedar-wasm 4.13 isAuthorizedPartial) when
// it was written. Unknown principal; action Action::"view"; resource
// Doc::"d"; context JSON where {"__extn":{"fn":"unknown","arg":N}} is an
// unknown. want lists the decision, satisfied, errored, may- and
// must-be-determining ids, and residuals maps ids to the residual
// condition as printer.Expr writes it.
type partialCase struct {
	name, policies, context, entities string
	decision                          PartialDecision
	satisfied, errored, may, must     []string
	residuals                         map[string]string
}

const unkX = `{"__extn":{"fn":"unknown","arg":"x"}}`

var partialCases = []partialCase{
	{name: "scope residual, error kept in &&",
		policies: `permit(principal == User::"a", action, resource) when { context.x > 1 && (1 + "a") == 2 };
forbid(principal, action, resource) when { resource.owner == principal };`,
		context:  `{"x": ` + unkX + `}`,
		decision: PartialUnknown, errored: []string{"policy1"}, may: []string{"policy0"},
		residuals: map[string]string{"policy0": `unknown("principal") == User::"a" && (true && (true && (!(unknown("x") <= 1) && 1 + "a" == 2)))`}},
	{name: "satisfied permit and residual permit allow",
		policies: `permit(principal, action, resource);
permit(principal, action, resource) when { false };
forbid(principal, action, resource) when { context.y };
permit(principal is User, action, resource) when { principal in [User::"x", resource] };`,
		context:  `{"x": ` + unkX + `, "y": false}`,
		decision: PartialAllow, satisfied: []string{"policy0"}, may: []string{"policy0", "policy3"}, must: []string{"policy0"},
		residuals: map[string]string{"policy3": `unknown("principal") is User && (true && (true && unknown("principal") in [Doc::"d", User::"x"]))`}},
	{name: "record with an extension value is not projectable",
		policies: `permit(principal, action, resource) when { context.a.lessThan(decimal("2.0")) };
permit(principal, action, resource) when { context.b && context.c };
permit(principal, action, resource) when { context has b && context has c };`,
		context:  `{"a": {"__extn":{"fn":"decimal","arg":"1.0"}}, "b": ` + unkX + `}`,
		decision: PartialUnknown, may: []string{"policy0", "policy1", "policy2"},
		residuals: map[string]string{
			"policy0": `true && (true && (true && {a: decimal("1.0000"), b: unknown("x")}.a.lessThan(decimal("2.0000"))))`,
			"policy1": `true && (true && (true && ({a: decimal("1.0000"), b: unknown("x")}.b && context.c)))`,
			"policy2": `true && (true && (true && ({a: decimal("1.0000"), b: unknown("x")} has b && {a: decimal("1.0000"), b: unknown("x")} has c)))`,
		}},
	{name: "projectable record: has, attribute, missing attribute",
		policies: `permit(principal, action, resource) when { context has b };
permit(principal, action, resource) when { context.b };
permit(principal, action, resource) when { context.c };`,
		context:  `{"b": ` + unkX + `}`,
		decision: PartialAllow, satisfied: []string{"policy0"}, errored: []string{"policy2"},
		may: []string{"policy0", "policy1"}, must: []string{"policy0"},
		residuals: map[string]string{"policy1": `true && (true && (true && unknown("x")))`}},
	{name: "if keeps failing branches as written",
		policies: `permit(principal, action, resource) when { if context.b then 1 + "a" else principal.foo };`,
		context:  `{"b": ` + unkX + `}`,
		decision: PartialUnknown, may: []string{"policy0"},
		residuals: map[string]string{"policy0": `true && (true && (true && (if unknown("x") then 1 + "a" else unknown("principal").foo)))`}},
	{name: "record literals in conditions",
		policies: `permit(principal, action, resource) when { {a: context.b, c: 1}.c == 1 };
permit(principal, action, resource) when { {a: context.b.foo, c: 1}.c == 1 };
permit(principal, action, resource) when { {a: context.b.foo, c: 1}.d == 1 };`,
		context:  `{"b": ` + unkX + `}`,
		decision: PartialAllow, satisfied: []string{"policy0"}, errored: []string{"policy2"},
		may: []string{"policy0", "policy1"}, must: []string{"policy0"},
		residuals: map[string]string{"policy1": `true && (true && (true && {a: unknown("x").foo, c: 1}.c == 1))`}},
	{name: "type errors: residual left keeps them, value left raises",
		policies: `permit(principal, action, resource) when { context.b || 1 };
permit(principal, action, resource) when { 1 && context.b };
permit(principal, action, resource) when { [context.b, 1 + 1, 3].contains(2) };
permit(principal, action, resource) when { context.b == context.b };`,
		context:  `{"b": ` + unkX + `}`,
		decision: PartialUnknown, errored: []string{"policy1"}, may: []string{"policy0", "policy2", "policy3"},
		residuals: map[string]string{
			"policy0": `true && (true && (true && (unknown("x") || 1)))`,
			"policy2": `true && (true && (true && [unknown("x"), 2, 3].contains(2)))`,
			"policy3": `true && (true && (true && unknown("x") == unknown("x")))`,
		}},
	{name: "satisfied forbid denies",
		policies: `permit(principal, action, resource) when { context.b.foo } unless { context.z };
forbid(principal, action, resource);`,
		context:  `{"b": ` + unkX + `, "z": ` + unkX + `}`,
		decision: PartialDeny, satisfied: []string{"policy1"}, may: []string{"policy1"}, must: []string{"policy1"},
		residuals: map[string]string{"policy0": `true && (true && (true && (unknown("x").foo && !unknown("x"))))`}},
	{name: "residual forbid with satisfied permit is unknown",
		policies: `permit(principal, action, resource);
forbid(principal, action, resource) when { context.b };`,
		context:  `{"b": ` + unkX + `}`,
		decision: PartialUnknown, satisfied: []string{"policy0"}, may: []string{"policy0", "policy1"},
		residuals: map[string]string{"policy1": `true && (true && (true && unknown("x")))`}},
	{name: "residual forbid and no permit denies",
		policies: `forbid(principal, action, resource) when { context.b };
permit(principal, action, resource) when { 1 };`,
		context:  `{"b": ` + unkX + `}`,
		decision: PartialDeny, errored: []string{"policy1"}, may: []string{"policy0"},
		residuals: map[string]string{"policy0": `true && (true && (true && unknown("x")))`}},
	{name: "clauses fold to the right; scope short-circuits",
		policies: `permit(principal, action, resource) when { context.b } when { context.b } unless { context.b };
permit(principal in Group::"g", action in [Action::"view", Action::"edit"], resource is Doc in Folder::"f") when { context.b };`,
		context:  `{"b": ` + unkX + `}`,
		decision: PartialUnknown, may: []string{"policy0", "policy1"},
		residuals: map[string]string{
			"policy0": `true && (true && (true && (unknown("x") && (unknown("x") && !unknown("x")))))`,
			"policy1": `unknown("principal") in Group::"g" && false`,
		}},
	{name: "has with a path stays whole on a residual record",
		policies: `permit(principal, action, resource) when { context has balance.nick };
permit(principal, action, resource) when { context has balance && context.balance has nick };
permit(principal, action, resource) when { context has zz.c };
permit(principal, action, resource) when { {a: {b: 1}} has a.b };`,
		context:  `{"balance": {"nick": true}, "b": ` + unkX + `}`,
		decision: PartialAllow, satisfied: []string{"policy1", "policy3"},
		may: []string{"policy0", "policy1", "policy2", "policy3"}, must: []string{"policy1", "policy3"},
		residuals: map[string]string{
			"policy0": `true && (true && (true && {balance: {nick: true}, b: unknown("x")} has balance.nick))`,
			"policy2": `true && (true && (true && {balance: {nick: true}, b: unknown("x")} has zz.c))`,
		}},
	{name: "entity attributes",
		policies: `permit(principal, action, resource) when { resource.owner == principal };
permit(principal, action, resource) when { resource.tags.contains(context.b) && resource has owner };`,
		context:  `{"b": ` + unkX + `}`,
		entities: `[{"uid":{"type":"Doc","id":"d"},"attrs":{"owner":{"__entity":{"type":"User","id":"u"}},"tags":["a"]},"parents":[]}]`,
		decision: PartialUnknown, may: []string{"policy0", "policy1"},
		residuals: map[string]string{
			"policy0": `true && (true && (true && User::"u" == unknown("principal")))`,
			"policy1": `true && (true && (true && (["a"].contains(unknown("x")) && true)))`,
		}},
}

func TestPartialAuthorizeHandWorked(t *testing.T) {
	for _, tc := range partialCases {
		t.Run(tc.name, func(t *testing.T) {
			got := runPartialCase(t, tc)
			check := func(what string, got, want []string) {
				if !slices.Equal(got, want) {
					t.Errorf("%s = %v, want %v", what, got, want)
				}
			}
			if got.Decision != tc.decision {
				t.Errorf("decision = %v, want %v", got.Decision, tc.decision)
			}
			check("satisfied", got.Satisfied, tc.satisfied)
			check("errored", got.Errored, tc.errored)
			check("mayBeDetermining", got.MayBeDetermining, tc.may)
			check("mustBeDetermining", got.MustBeDetermining, tc.must)
			res := map[string]string{}
			for _, p := range got.Residuals {
				res[p.ID] = printer.Expr(p.Conditions[0].Body)
			}
			for id, want := range tc.residuals {
				if res[id] != want {
					t.Errorf("residual %s:\n got %s\nwant %s", id, res[id], want)
				}
			}
			for id, r := range res {
				if _, ok := tc.residuals[id]; !ok {
					t.Errorf("unexpected residual %s: %s", id, r)
				}
			}
		})
	}
}

func runPartialCase(t *testing.T, tc partialCase) PartialResponse {
	t.Helper()
	ps, err := ParsePolicies("policies.cedar", []byte(tc.policies))
	if err != nil {
		t.Fatal(err)
	}
	ents := tc.entities
	if ents == "" {
		ents = "[]"
	}
	es, err := ParseEntities("entities.json", []byte(ents), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := cedarjson.ParseContext("context.json", []byte(tc.context), nil, syntax.EntityUID{})
	if err != nil {
		t.Fatal(err)
	}
	a, r := uidOf("Action", "view"), uidOf("Doc", "d")
	resp, err := ps.PartialAuthorize(es, &syntax.PartialRequest{Action: &a, Resource: &r, Context: ctx})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestPartialAuthorizeBadRequest(t *testing.T) {
	ps, err := ParsePolicies("p.cedar", []byte(`permit(principal, action, resource);`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		req  *syntax.PartialRequest
		want string
	}{
		{"nil request", nil, "missing partial request"},
		{"context not a record", &syntax.PartialRequest{Context: syntax.Long(1)}, "context must be a record"},
		{"context residual not a record", &syntax.PartialRequest{Context: syntax.Unknown("c")}, "context must be a record"},
		{"context value fails", &syntax.PartialRequest{Context: recLit("a", callOf("decimal", lit("x")))}, "decimal"},
		{"context not restricted", &syntax.PartialRequest{Context: recLit("a", syntax.VarExpr(syntax.VarPrincipal))}, "not allowed in a value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ps.PartialAuthorize(nil, tc.req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

// TestPartialAuthorizeConcurrent checks that one PolicySet answers
// partial requests from several goroutines (its partial form is built
// once, on first use): run with -race.
func TestPartialAuthorizeConcurrent(t *testing.T) {
	ps, err := ParsePolicies("p.cedar", []byte(`permit(principal == User::"a", action, resource) when { context.x > 1 };`))
	if err != nil {
		t.Fatal(err)
	}
	a := uidOf("Action", "view")
	req := &syntax.PartialRequest{Action: &a, Resource: &a, Context: recLit("x", syntax.Unknown("x"))}
	done := make(chan string)
	for range 4 {
		go func() {
			resp, err := ps.PartialAuthorize(nil, req)
			if err != nil || len(resp.Residuals) != 1 {
				done <- fmt.Sprintf("%v %v", resp, err)
				return
			}
			done <- printer.Expr(resp.Residuals[0].Conditions[0].Body)
		}()
	}
	want := `unknown("principal") == User::"a" && (true && (true && !(unknown("x") <= 1)))`
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}
