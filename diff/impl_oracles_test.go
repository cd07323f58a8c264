package diff

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// oracles returns the out-of-process and third-party implementations that
// are available here; cedar-wasm is skipped with a message when Node.js
// or the npm package is missing.
func oracles(t *testing.T) []Implementation {
	t.Helper()
	impls := []Implementation{CedarGo()}
	w, err := CedarWasm(cedarwasm.Options{Processes: 1})
	switch {
	case errors.Is(err, cedarwasm.ErrNotInstalled):
		t.Logf("cedar-wasm not tested: %v", err)
	case err != nil:
		t.Fatal(err)
	default:
		t.Cleanup(w.Close)
		impls = append(impls, w)
	}
	return impls
}

func TestOracleAdaptersAgreeWithModel(t *testing.T) {
	in := tinyInput()
	// An entity reference and an i64 bound inside the context and the
	// entities check that values reach the oracles exactly.
	in.Entities[0].Attrs = []syntax.Field{{Key: "boss", Value: syntax.Entity(user("bad"))}, {Key: "n", Value: syntax.Long(math.MinInt64)}}
	in.Policies.Policies = append(in.Policies.Policies, &syntax.Policy{
		ID: "policy3", Effect: syntax.Permit,
		Principal: syntax.Scope{Op: syntax.ScopeAll}, Action: syntax.Scope{Op: syntax.ScopeAll}, Resource: syntax.Scope{Op: syntax.ScopeAll},
		Conditions: []syntax.Condition{{Kind: syntax.When, Body: syntax.Bin(syntax.OpAnd,
			syntax.Bin(syntax.OpEq, &syntax.GetAttr{Left: syntax.VarExpr(syntax.VarPrincipal), Attr: "n"}, syntax.Long(math.MinInt64)),
			syntax.Bin(syntax.OpEq, &syntax.GetAttr{Left: syntax.VarExpr(syntax.VarContext), Attr: "who"}, &syntax.GetAttr{Left: syntax.VarExpr(syntax.VarPrincipal), Attr: "boss"}),
		)}},
	})
	req := func(p string) *syntax.Request {
		r := request(p)
		r.Context = &syntax.RecordExpr{Fields: []syntax.Field{{Key: "who", Value: syntax.Entity(user("bad"))}}}
		return r
	}
	reqs := []*syntax.Request{req("good"), req("bad")}
	want, err := Model().Authorize(in, reqs)
	if err != nil {
		t.Fatal(err)
	}
	if got := want[0].Response.Reasons; !cmp.Equal(got, []string{"policy0", "policy3"}) {
		t.Fatalf("model reasons %v: the test input is not what it means to be", got)
	}
	ignoreMessages := cmpopts.IgnoreFields(Response{}, "Messages")
	for _, impl := range oracles(t) {
		t.Run(impl.Name(), func(t *testing.T) {
			got, err := impl.Authorize(in, reqs)
			if err != nil {
				t.Fatal(err)
			}
			for i := range reqs {
				if got[i].Err != nil {
					t.Fatalf("request %d: %v", i, got[i].Err)
				}
				if d := cmp.Diff(want[i].Response, got[i].Response, ignoreMessages); d != "" {
					t.Errorf("request %d (-model +%s):\n%s", i, impl.Name(), d)
				}
			}
		})
	}
}

func TestCedarGoHasNoTemplates(t *testing.T) {
	in := tinyInput()
	in.Policies.Policies[0].Principal = syntax.Scope{Op: syntax.ScopeEq, Slot: syntax.SlotPrincipal}
	if r := CedarGo().Unsupported(in); r != "templates" {
		t.Errorf("Unsupported = %q, want templates", r)
	}
}

func TestOracleValidators(t *testing.T) {
	sch := &syntax.Schema{
		EntityTypes: map[syntax.EntityType]*syntax.EntityTypeDef{
			"User": {Name: "User", Shape: &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{
				"age": {Type: &syntax.PrimitiveType{Kind: syntax.LongType}, Required: true},
			}}},
		},
		Actions: map[syntax.EntityUID]*syntax.ActionDef{
			syntax.NewEntityUID("Action", "view"): {UID: syntax.NewEntityUID("Action", "view"), AppliesTo: &syntax.AppliesTo{
				PrincipalTypes: []syntax.EntityType{"User"}, ResourceTypes: []syntax.EntityType{"User"},
				Context: &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{}},
			}},
		},
	}
	all := syntax.Scope{Op: syntax.ScopeAll}
	policy := func(body syntax.Expr) *Input {
		return &Input{Schema: sch, Policies: &syntax.PolicySet{Policies: []*syntax.Policy{{
			ID: "policy0", Effect: syntax.Permit, Principal: all, Action: all, Resource: all,
			Conditions: []syntax.Condition{{Kind: syntax.When, Body: body}},
		}}}}
	}
	age := &syntax.GetAttr{Left: syntax.VarExpr(syntax.VarPrincipal), Attr: "age"}
	cases := []struct {
		name string
		in   *Input
		ok   bool
	}{
		{"well typed", policy(syntax.Bin(syntax.OpLess, age, syntax.Long(3))), true},
		{"long compared with string", policy(syntax.Bin(syntax.OpLess, age, syntax.String("3"))), false},
		{"missing attribute", policy(&syntax.GetAttr{Left: syntax.VarExpr(syntax.VarPrincipal), Attr: "nope"}), false},
	}
	for _, impl := range append([]Implementation{Model()}, oracles(t)...) {
		for _, c := range cases {
			v, err := impl.Validate(c.in)
			if err != nil {
				t.Fatalf("%s %s: %v", impl.Name(), c.name, err)
			}
			if v.OK != c.ok {
				t.Errorf("%s %s: OK = %v, want %v (%v)", impl.Name(), c.name, v.OK, c.ok, v.Errors)
			}
		}
	}
}

func TestCedarWasmTemplates(t *testing.T) {
	in := tinyInput()
	tmpl := &syntax.Policy{ID: "t0", Effect: syntax.Forbid,
		Principal: syntax.Scope{Op: syntax.ScopeIn, Slot: syntax.SlotPrincipal},
		Action:    syntax.Scope{Op: syntax.ScopeAll},
		Resource:  syntax.Scope{Op: syntax.ScopeEq, Slot: syntax.SlotResource}}
	in.Policies.Policies = append(in.Policies.Policies, tmpl)
	in.Policies.Links = []syntax.TemplateLink{{TemplateID: "t0", NewID: "link0", Values: map[syntax.SlotID]syntax.EntityUID{
		syntax.SlotPrincipal: user("good"), syntax.SlotResource: syntax.NewEntityUID("Doc", "d"),
	}}}
	reqs := []*syntax.Request{request("good"), request("other")}
	want, err := Model().Authorize(in, reqs)
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(want[0].Response.Reasons, []string{"link0"}) {
		t.Fatalf("model reasons %v, want the link", want[0].Response.Reasons)
	}
	for _, impl := range oracles(t) {
		if impl.Unsupported(in) != "" {
			continue
		}
		got, err := impl.Authorize(in, reqs)
		if err != nil {
			t.Fatalf("%s: %v", impl.Name(), err)
		}
		for i := range reqs {
			if d := cmp.Diff(want[i].Response, got[i].Response, cmpopts.IgnoreFields(Response{}, "Messages")); d != "" || got[i].Err != nil {
				t.Errorf("%s request %d: %v (-model +got):\n%s", impl.Name(), i, got[i].Err, d)
			}
		}
	}
}

func TestCedarGoRejectsIdenticalDuplicates(t *testing.T) {
	in := tinyInput()
	in.Entities = append(in.Entities, in.Entities[0])
	if r := CedarGo().Unsupported(in); r != "identical duplicate entities" {
		t.Errorf("Unsupported = %q", r)
	}
	// The official engine and the model accept them.
	answers, err := Model().Authorize(in, []*syntax.Request{request("good")})
	if err != nil || answers[0].Err != nil {
		t.Fatalf("model rejected identical duplicates: %v %v", err, answers[0].Err)
	}
}
