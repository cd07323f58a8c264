package model

import (
	"reflect"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// policy builds a policy with an unconstrained scope and the given
// `when` conditions.
func policy(id string, effect syntax.Effect, when ...syntax.Expr) *syntax.Policy {
	p := &syntax.Policy{ID: id, Effect: effect}
	for _, c := range when {
		p.Conditions = append(p.Conditions, syntax.Condition{Kind: syntax.When, Body: c})
	}
	return p
}

func TestAuthorizeDecisions(t *testing.T) {
	req, es := fixture()
	boom := getAttr(resource, "x") // EntityDoesNotExist
	permit, forbid := syntax.Permit, syntax.Forbid
	cases := []struct {
		name     string
		policies []*syntax.Policy
		decision Decision
		reasons  []string
		errors   []string
	}{
		{"empty set denies", nil, Deny, nil, nil},
		{"permit", []*syntax.Policy{policy("p", permit)}, Allow, []string{"p"}, nil},
		{"permit false", []*syntax.Policy{policy("p", permit, lit(false))}, Deny, nil, nil},
		{"forbid overrides", []*syntax.Policy{policy("p", permit), policy("f", forbid)}, Deny, []string{"f"}, nil},
		{"forbid alone", []*syntax.Policy{policy("f", forbid)}, Deny, []string{"f"}, nil},
		{"reasons sorted", []*syntax.Policy{policy("b", permit), policy("a", permit), policy("c", permit, lit(false))},
			Allow, []string{"a", "b"}, nil},
		{"erroring forbid skipped", []*syntax.Policy{policy("p", permit), policy("f", forbid, boom)},
			Allow, []string{"p"}, []string{"f"}},
		{"erroring permit skipped", []*syntax.Policy{policy("p", permit, boom)}, Deny, nil, []string{"p"}},
		{"non-bool condition errors", []*syntax.Policy{policy("p", permit, lit(3))}, Deny, nil, []string{"p"}},
		{"unless", []*syntax.Policy{{ID: "p", Effect: permit,
			Conditions: []syntax.Condition{{Kind: syntax.Unless, Body: lit(false)}}}}, Allow, []string{"p"}, nil},
		{"unless error", []*syntax.Policy{{ID: "p", Effect: permit,
			Conditions: []syntax.Condition{{Kind: syntax.Unless, Body: lit("x")}}}}, Deny, nil, []string{"p"}},
		{"second condition short-circuited", []*syntax.Policy{policy("p", permit, lit(false), boom)}, Deny, nil, nil},
		{"second condition evaluated", []*syntax.Policy{policy("p", permit, lit(true), boom)}, Deny, nil, []string{"p"}},
		{"scope mismatch hides error", []*syntax.Policy{{ID: "p", Effect: permit,
			Principal:  syntax.Scope{Op: syntax.ScopeEq, Entity: uid("User", "bob")},
			Conditions: []syntax.Condition{{Body: boom}}}}, Deny, nil, nil},
		{"scope in", []*syntax.Policy{{ID: "p", Effect: permit,
			Principal: syntax.Scope{Op: syntax.ScopeIn, Entity: uid("Group", "all")}}}, Allow, []string{"p"}, nil},
		{"scope is", []*syntax.Policy{{ID: "p", Effect: permit,
			Principal: syntax.Scope{Op: syntax.ScopeIs, Type: "Group"}}}, Deny, nil, nil},
		{"scope is in", []*syntax.Policy{{ID: "p", Effect: permit,
			Principal: syntax.Scope{Op: syntax.ScopeIsIn, Type: "User", Entity: uid("Group", "admins")}}}, Allow, []string{"p"}, nil},
		{"action in set", []*syntax.Policy{{ID: "p", Effect: permit,
			Action: syntax.Scope{Op: syntax.ScopeInSet, Entities: []syntax.EntityUID{uid("Action", "edit"), uid("Action", "view")}}}},
			Allow, []string{"p"}, nil},
		{"action in empty set", []*syntax.Policy{{ID: "p", Effect: permit,
			Action: syntax.Scope{Op: syntax.ScopeInSet}}}, Deny, nil, nil},
		{"resource eq missing entity", []*syntax.Policy{{ID: "p", Effect: permit,
			Resource: syntax.Scope{Op: syntax.ScopeEq, Entity: uid("Photo", "missing")}}}, Allow, []string{"p"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, err := Authorize(&syntax.PolicySet{Policies: c.policies}, es, req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Decision != c.decision || !sameStrings(resp.Reasons, c.reasons) || !sameStrings(errorIDs(resp), c.errors) {
				t.Fatalf("got %v %v errors %v; want %v %v errors %v",
					resp.Decision, resp.Reasons, resp.Errors, c.decision, c.reasons, c.errors)
			}
		})
	}
}

func errorIDs(r Response) []string {
	var ids []string
	for _, e := range r.Errors {
		ids = append(ids, e.PolicyID)
	}
	return ids
}

func sameStrings(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}

func TestAuthorizeErrorKinds(t *testing.T) {
	req, es := fixture()
	ps := &syntax.PolicySet{Policies: []*syntax.Policy{
		policy("a", syntax.Permit, getAttr(resource, "x")),
		policy("b", syntax.Forbid, bin(syntax.OpAdd, lit(1), lit(true))),
	}}
	resp, err := Authorize(ps, es, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Errors) != 2 || resp.Errors[0].Kind != EntityDoesNotExist || resp.Errors[1].Kind != TypeError {
		t.Fatalf("errors = %+v", resp.Errors)
	}
}

func TestAuthorizeTemplates(t *testing.T) {
	req, es := fixture()
	tmpl := &syntax.Policy{ID: "t", Effect: syntax.Permit,
		Principal: syntax.Scope{Op: syntax.ScopeIn, Slot: syntax.SlotPrincipal},
		Resource:  syntax.Scope{Op: syntax.ScopeEq, Slot: syntax.SlotResource}}
	bind := func(p, r syntax.EntityUID) map[syntax.SlotID]syntax.EntityUID {
		return map[syntax.SlotID]syntax.EntityUID{syntax.SlotPrincipal: p, syntax.SlotResource: r}
	}
	ps := &syntax.PolicySet{
		Policies: []*syntax.Policy{tmpl},
		Links: []syntax.TemplateLink{
			{TemplateID: "t", NewID: "miss", Values: bind(uid("Group", "admins"), uid("Photo", "other"))},
			{TemplateID: "t", NewID: "hit", Values: bind(uid("Group", "admins"), uid("Photo", "missing"))},
		},
	}
	resp, err := Authorize(ps, es, req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Decision != Allow || !sameStrings(resp.Reasons, []string{"hit"}) {
		t.Fatalf("got %v %v", resp.Decision, resp.Reasons)
	}
	// The template itself does not take part: alone it denies.
	if resp, _ := Authorize(&syntax.PolicySet{Policies: []*syntax.Policy{tmpl}}, es, req); resp.Decision != Deny || len(resp.Errors) != 0 {
		t.Fatalf("unlinked template: %+v", resp)
	}

	static := policy("s", syntax.Permit)
	bad := []struct {
		name string
		ps   *syntax.PolicySet
	}{
		{"unbound slot", &syntax.PolicySet{Policies: []*syntax.Policy{tmpl},
			Links: []syntax.TemplateLink{{TemplateID: "t", NewID: "l",
				Values: map[syntax.SlotID]syntax.EntityUID{syntax.SlotPrincipal: uid("A", "a")}}}}},
		{"extra slot", &syntax.PolicySet{Policies: []*syntax.Policy{{ID: "t", Principal: tmpl.Principal}},
			Links: []syntax.TemplateLink{{TemplateID: "t", NewID: "l", Values: bind(uid("A", "a"), uid("A", "b"))}}}},
		{"no such template", &syntax.PolicySet{Links: []syntax.TemplateLink{{TemplateID: "t", NewID: "l"}}}},
		{"link to static policy", &syntax.PolicySet{Policies: []*syntax.Policy{static},
			Links: []syntax.TemplateLink{{TemplateID: "s", NewID: "l"}}}},
		{"link id clash with policy", &syntax.PolicySet{Policies: []*syntax.Policy{tmpl, static},
			Links: []syntax.TemplateLink{{TemplateID: "t", NewID: "s", Values: bind(uid("A", "a"), uid("A", "b"))}}}},
		{"link id clash with template", &syntax.PolicySet{Policies: []*syntax.Policy{tmpl},
			Links: []syntax.TemplateLink{{TemplateID: "t", NewID: "t", Values: bind(uid("A", "a"), uid("A", "b"))}}}},
		{"two links same id", &syntax.PolicySet{Policies: []*syntax.Policy{tmpl}, Links: []syntax.TemplateLink{
			{TemplateID: "t", NewID: "l", Values: bind(uid("A", "a"), uid("A", "b"))},
			{TemplateID: "t", NewID: "l", Values: bind(uid("A", "a"), uid("A", "b"))}}}},
		{"duplicate policy ids", &syntax.PolicySet{Policies: []*syntax.Policy{static, static}}},
	}
	for _, c := range bad {
		if _, err := Authorize(c.ps, es, req); err == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
}

func TestAuthorizeBadContext(t *testing.T) {
	req, es := fixture()
	req.Context = setOf()
	if _, err := Authorize(&syntax.PolicySet{}, es, req); err == nil {
		t.Fatal("set context accepted")
	}
}

func TestAuthorizeNilInputs(t *testing.T) {
	req, _ := fixture()
	if resp, err := Authorize(nil, nil, req); err != nil || resp.Decision != Deny {
		t.Fatalf("nil policy set and store: %+v, %v", resp, err)
	}
	if _, err := Authorize(&syntax.PolicySet{}, nil, nil); err == nil {
		t.Fatal("nil request accepted")
	}
	if _, err := Evaluate(lit(1), nil, nil); err == nil {
		t.Fatal("nil request accepted by Evaluate")
	}
}
