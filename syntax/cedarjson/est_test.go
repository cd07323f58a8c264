package cedarjson

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// TestReadExprMatchesText checks that policy JSON reads to the same tree
// as the equivalent Cedar text, including the Form marks of the sugar.
func TestReadExprMatchesText(t *testing.T) {
	tests := []struct{ json, text string }{
		{`{"!=": {"left": {"Var": "principal"}, "right": {"Var": "resource"}}}`, `principal != resource`},
		{`{">": {"left": {"Value": 1}, "right": {"Value": 2}}}`, `1 > 2`},
		{`{">=": {"left": {"Value": 1}, "right": {"Value": -2}}}`, `1 >= -2`},
		{`{"is": {"left": {"Var": "principal"}, "entity_type": "NS::User", "in": {"Value": {"__entity": {"type": "G", "id": "g"}}}}}`, `principal is NS::User in G::"g"`},
		{`{"has": {"left": {"Var": "context"}, "attr": ["a", "b", "c"]}}`, `context has a.b.c`},
		{`{"has": {"left": {"Var": "context"}, "attr": ["a"]}}`, `context has a`},
		{`{"has": {"left": {"Var": "context"}, "attr": "a b"}}`, `context has "a b"`},
		{`{"like": {"left": {"Var": "context"}, "pattern": [{"Literal": "ab"}, "Wildcard", {"Literal": "*"}]}}`, `context like "ab*\*"`},
		{`{"if-then-else": {"if": {"Value": true}, "then": {"Set": [{"Value": 1}]}, "else": {"Record": {"k": {"Value": "v"}}}}}`, `if true then [1] else {k: "v"}`},
		{`{"Value": {"__extn": {"fn": "decimal", "arg": "1.5"}}}`, `decimal("1.5")`},
		{`{"lessThan": [{"decimal": [{"Value": "1.0"}]}, {"decimal": [{"Value": "2.0"}]}]}`, `decimal("1.0").lessThan(decimal("2.0"))`},
		{`{"isEmpty": {"arg": {"Value": []}}}`, `[].isEmpty()`},
		{`{"getTag": {"left": {"Var": "principal"}, "right": {"Value": "t"}}}`, `principal.getTag("t")`},
		{`{"neg": {"arg": {"Var": "context"}}}`, `-context`},
		{`{"Value": {"type": "A", "id": "b"}}`, `{type: "A", id: "b"}`},
		{`{".": {"left": {"Var": "context"}, "attr": "x"}}`, `context.x`},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := UnmarshalExpr("x.json", []byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			want, err := parser.ParseExpr("x.cedar", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, ignorePos, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-text +json):\n%s", diff)
			}
			// And back: writing the tree reads back to the same tree.
			js, err := MarshalExpr(got)
			if err != nil {
				t.Fatal(err)
			}
			again, err := UnmarshalExpr("y.json", js)
			if err != nil {
				t.Fatalf("%v\n%s", err, js)
			}
			if diff := cmp.Diff(got, again, ignorePos, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("write/read changed the tree:\n%s", diff)
			}
		})
	}
}

// TestSingleActionInSet checks that `action in [A]` is written as Cedar
// writes it, in the single-entity form.
func TestSingleActionInSet(t *testing.T) {
	p, err := parser.ParsePolicy("x.cedar", []byte(`permit(principal, action in [Action::"a"], resource);`))
	if err != nil {
		t.Fatal(err)
	}
	js, err := MarshalPolicy(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"entity": {`) || strings.Contains(string(js), `"entities"`) {
		t.Errorf("JSON:\n%s", js)
	}
}

// TestWriteNaturalForms checks that the sugar of the text comes back out
// in the JSON the way Cedar writes it.
func TestWriteNaturalForms(t *testing.T) {
	tests := []struct{ text, want string }{
		{`a != b`, `"!="`},
		{`1 > 2`, `">"`},
		{`1 >= 2`, `">="`},
		{`principal is User in Group::"g"`, `"in": {`},
		{`context has a.b`, "\"attr\": [\n"},
		{`-5`, `"Value": -5`},
		{`"a*b" like "a*b"`, `"Wildcard"`},
	}
	for _, tt := range tests {
		text := strings.NewReplacer("a != b", "context.a != context.b").Replace(tt.text)
		e, err := parser.ParseExpr("x.cedar", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		js, err := MarshalExpr(e)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(js), tt.want) {
			t.Errorf("%s: JSON lacks %s:\n%s", tt.text, tt.want, js)
		}
	}
}

// TestPolicySetWithLinks round-trips a set with a template and a link.
func TestPolicySetWithLinks(t *testing.T) {
	src := `{
  "templates": {"t": {"effect": "forbid", "principal": {"op": "is", "entity_type": "User", "in": {"slot": "?principal"}},
    "action": {"op": "==", "entity": {"__entity": {"type": "Action", "id": "view"}}},
    "resource": {"op": "in", "slot": "?resource"}, "conditions": [], "annotations": {"a": null, "b": "x"}}},
  "staticPolicies": {"s": {"effect": "permit", "principal": {"op": "all"}, "action": {"op": "All"}, "resource": {"op": "All"},
    "conditions": [{"kind": "unless", "body": {"Value": false}}]}},
  "templateLinks": [{"templateId": "t", "newId": "l", "values": {"?principal": {"type": "Group", "id": "g"}, "?resource": {"__entity": {"type": "Doc", "id": "d"}}}}]
}`
	ps, err := UnmarshalPolicySet("s.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps.Policies) != 2 || ps.Policies[0].ID != "t" || !ps.Policies[0].IsTemplate() || ps.Policies[1].ID != "s" {
		t.Fatalf("policies: %+v", ps.Policies)
	}
	tmpl := ps.Policies[0]
	if tmpl.Principal.Op != syntax.ScopeIsIn || tmpl.Principal.Slot != syntax.SlotPrincipal || tmpl.Resource.Slot != syntax.SlotResource {
		t.Errorf("template scope: %+v %+v", tmpl.Principal, tmpl.Resource)
	}
	if a := tmpl.Annotations; len(a) != 2 || a[0].HasValue || a[0].Value != "" || !a[1].HasValue || a[1].Value != "x" {
		t.Errorf("annotations: %+v", a)
	}
	want := syntax.TemplateLink{TemplateID: "t", NewID: "l", Values: map[syntax.SlotID]syntax.EntityUID{
		syntax.SlotPrincipal: {Type: "Group", ID: "g"}, syntax.SlotResource: {Type: "Doc", ID: "d"}}}
	if diff := cmp.Diff([]syntax.TemplateLink{want}, ps.Links, ignorePos); diff != "" {
		t.Errorf("links:\n%s", diff)
	}
	if !checkPolicyRoundTrip(t, "links", ps) {
		return
	}
}
