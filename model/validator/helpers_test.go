package validator

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// The schema of the unit tests, written in code so that the tests do not
// depend on the schema parser:
//
//	entity Group;
//	entity User in [Group] = { name: String, age?: Long, groups: Set<Group>,
//	                           info: { a: Long, b?: String } } tags String;
//	entity Photo = { owner: User, size: Long, taken: datetime, ttl: duration,
//	                 price: decimal, addr: ipaddr };
//	entity Color enum ["red", "green"];
//	action group;
//	action view in [group] appliesTo { principal: [User], resource: [Photo],
//	                                   context: { ip: ipaddr, n?: Long, flag: Bool } };
//	action paint appliesTo { principal: [User], resource: [Color] };
func testSchema() *syntax.Schema {
	long := &syntax.PrimitiveType{Kind: syntax.LongType}
	str := &syntax.PrimitiveType{Kind: syntax.StringType}
	boolean := &syntax.PrimitiveType{Kind: syntax.BoolType}
	ext := func(n string) syntax.Type { return &syntax.ExtensionType{Name: n} }
	ref := func(n syntax.EntityType) syntax.Type { return &syntax.EntityRefType{Name: n} }
	req := func(t syntax.Type) *syntax.AttributeType { return &syntax.AttributeType{Type: t, Required: true} }
	opt := func(t syntax.Type) *syntax.AttributeType { return &syntax.AttributeType{Type: t} }
	rec := func(attrs map[string]*syntax.AttributeType) *syntax.RecordType {
		return &syntax.RecordType{Attrs: attrs}
	}
	action := func(id string) syntax.EntityUID { return syntax.NewEntityUID("Action", id) }
	return &syntax.Schema{
		EntityTypes: map[syntax.EntityType]*syntax.EntityTypeDef{
			"Group": {Name: "Group", Shape: rec(nil)},
			"User": {Name: "User", MemberOfTypes: []syntax.EntityType{"Group"}, Tags: str, Shape: rec(map[string]*syntax.AttributeType{
				"name":   req(str),
				"age":    opt(long),
				"groups": req(&syntax.SetType{Elem: ref("Group")}),
				"info":   req(rec(map[string]*syntax.AttributeType{"a": req(long), "b": opt(str)})),
			})},
			"Photo": {Name: "Photo", Shape: rec(map[string]*syntax.AttributeType{
				"owner": req(ref("User")), "size": req(long), "taken": req(ext("datetime")),
				"ttl": req(ext("duration")), "price": req(ext("decimal")), "addr": req(ext("ipaddr")),
			})},
			"Color": {Name: "Color", Shape: rec(nil), Enum: []string{"red", "green"}},
		},
		Actions: map[syntax.EntityUID]*syntax.ActionDef{
			action("group"): {UID: action("group")},
			action("view"): {UID: action("view"), MemberOf: []syntax.EntityUID{action("group")}, AppliesTo: &syntax.AppliesTo{
				PrincipalTypes: []syntax.EntityType{"User"}, ResourceTypes: []syntax.EntityType{"Photo"},
				Context: rec(map[string]*syntax.AttributeType{"ip": req(ext("ipaddr")), "n": opt(long), "flag": req(boolean)}),
			}},
			action("paint"): {UID: action("paint"), AppliesTo: &syntax.AppliesTo{
				PrincipalTypes: []syntax.EntityType{"User"}, ResourceTypes: []syntax.EntityType{"Color"}, Context: rec(nil),
			}},
		},
	}
}

func mustParsePolicies(t *testing.T, src string) *syntax.PolicySet {
	t.Helper()
	ps, err := parser.ParsePolicySet("test.cedar", []byte(src))
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return ps
}

func mustParseExpr(t *testing.T, src string) syntax.Expr {
	t.Helper()
	e, err := parser.ParseExpr("test.cedar", []byte(src))
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return e
}

// viewEnv is the environment (User, Action::"view", Photo) of testSchema.
func viewEnv() *env {
	ix := newSchemaIndex(testSchema())
	for _, e := range ix.environments() {
		if e.action.ID == "view" {
			return e
		}
	}
	panic("no view environment")
}

func linkOf(id string, typ, eid string) syntax.TemplateLink {
	return syntax.TemplateLink{TemplateID: "t", NewID: id,
		Values: map[syntax.SlotID]syntax.EntityUID{syntax.SlotPrincipal: syntax.NewEntityUID(syntax.EntityType(typ), eid)}}
}
