package validator

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

func uid(t, id string) syntax.EntityUID { return syntax.NewEntityUID(syntax.EntityType(t), id) }

func record(fields ...syntax.Field) *syntax.RecordExpr { return &syntax.RecordExpr{Fields: fields} }

func field(k string, v syntax.Expr) syntax.Field { return syntax.Field{Key: k, Value: v} }

func call(name string, args ...syntax.Expr) *syntax.Call { return &syntax.Call{Name: name, Args: args} }

func TestValidateRequest(t *testing.T) {
	ip := call("ip", syntax.String("10.0.0.1"))
	viewCtx := record(field("ip", ip), field("flag", syntax.Bool(true)))
	tests := []struct {
		name string
		req  syntax.Request
		kind string // "" when valid
	}{
		{"valid", syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "view"), Resource: uid("Photo", "p"), Context: viewCtx}, ""},
		{"optional context attribute", syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "view"), Resource: uid("Photo", "p"),
			Context: record(field("ip", ip), field("flag", syntax.Bool(false)), field("n", syntax.Long(3)))}, ""},
		{"nil context for empty context type", syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "paint"), Resource: uid("Color", "red")}, ""},
		{"undeclared action", syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "nope"), Resource: uid("Photo", "p"), Context: viewCtx}, "UndeclaredAction"},
		{"action without appliesTo", syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "group"), Resource: uid("Photo", "p"), Context: record()}, "InvalidAction"},
		{"wrong principal type", syntax.Request{Principal: uid("Group", "a"), Action: uid("Action", "view"), Resource: uid("Photo", "p"), Context: viewCtx}, "InvalidPrincipalType"},
		{"wrong resource type", syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "view"), Resource: uid("User", "p"), Context: viewCtx}, "InvalidResourceType"},
		{"invalid enum resource", syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "paint"), Resource: uid("Color", "blue"), Context: record()}, "InvalidEnumEntity"},
		{"missing context attribute", syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "view"), Resource: uid("Photo", "p"), Context: record(field("ip", ip))}, "MissingRequiredAttribute"},
		{"extra context attribute", syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "paint"), Resource: uid("Color", "red"), Context: record(field("x", syntax.Long(1)))}, "UnexpectedAttribute"},
		{"context attribute of wrong type", syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "view"), Resource: uid("Photo", "p"),
			Context: record(field("ip", syntax.String("10.0.0.1")), field("flag", syntax.Bool(true)))}, "TypeMismatch"},
		{"context extension value that does not parse", syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "view"), Resource: uid("Photo", "p"),
			Context: record(field("ip", call("ip", syntax.String("nope"))), field("flag", syntax.Bool(true)))}, string(FunctionArgumentValidation)},
		{"context not a record", syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "paint"), Resource: uid("Color", "red"), Context: syntax.Long(1)}, "InvalidContext"},
	}
	schema := testSchema()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateRequest(schema, &tc.req)
			checkKind(t, err, tc.kind)
		})
	}
}

func checkKind(t *testing.T, err error, kind string) {
	t.Helper()
	if kind == "" {
		if err != nil {
			t.Fatalf("want valid, got %v", err)
		}
		return
	}
	e := syntax.FirstError(err)
	if e == nil {
		t.Fatalf("want %s, got %v", kind, err)
	}
	if e.Kind != kind || e.Msg == "" {
		t.Fatalf("want %s, got %s: %v", kind, e.Kind, err)
	}
}

func TestValidateEntities(t *testing.T) {
	user := func(attrs []syntax.Field, parents []syntax.EntityUID, tags []syntax.Field) *syntax.EntityData {
		return &syntax.EntityData{Pos: syntax.Pos{Filename: "e.json", Line: 7, Column: 3}, UID: uid("User", "a"), Attrs: attrs, Parents: parents, Tags: tags}
	}
	userAttrs := []syntax.Field{
		field("name", syntax.String("a")),
		field("groups", &syntax.SetExpr{Elems: []syntax.Expr{syntax.Entity(uid("Group", "g"))}}),
		field("info", record(field("a", syntax.Long(1)))),
	}
	with := func(extra ...syntax.Field) []syntax.Field {
		return append(append([]syntax.Field(nil), userAttrs...), extra...)
	}
	tests := []struct {
		name   string
		entity *syntax.EntityData
		kind   string
	}{
		{"valid user", user(userAttrs, []syntax.EntityUID{uid("Group", "g")}, []syntax.Field{field("t", syntax.String("v"))}), ""},
		{"optional attribute", user(with(field("age", syntax.Long(3))), nil, nil), ""},
		{"undeclared attribute", user(with(field("x", syntax.Long(3))), nil, nil), "UnexpectedAttribute"},
		{"missing attribute", user(userAttrs[:1], nil, nil), "MissingRequiredAttribute"},
		{"wrong attribute type", user(with(field("age", syntax.String("3"))), nil, nil), "TypeMismatch"},
		{"set element of wrong type", user([]syntax.Field{userAttrs[0], field("groups", &syntax.SetExpr{Elems: []syntax.Expr{syntax.Entity(uid("User", "g"))}}), userAttrs[2]}, nil, nil), "TypeMismatch"},
		{"nested record missing attribute", user([]syntax.Field{userAttrs[0], userAttrs[1], field("info", record())}, nil, nil), "MissingRequiredAttribute"},
		{"parent of disallowed type", user(userAttrs, []syntax.EntityUID{uid("Photo", "p")}, nil), "InvalidParent"},
		{"tag of wrong type", user(userAttrs, nil, []syntax.Field{field("t", syntax.Long(1))}), "TypeMismatch"},
		{"tags not declared", &syntax.EntityData{UID: uid("Group", "g"), Tags: []syntax.Field{field("t", syntax.String("v"))}}, "TagsNotAllowed"},
		{"enum entity", &syntax.EntityData{UID: uid("Color", "red")}, ""},
		{"invalid enum entity", &syntax.EntityData{UID: uid("Color", "blue")}, "InvalidEnumEntity"},
		{"undeclared type", &syntax.EntityData{UID: uid("Nope", "x")}, "UnrecognizedEntityType"},
		{"action with direct parents", &syntax.EntityData{UID: uid("Action", "view"), Parents: []syntax.EntityUID{uid("Action", "group")}}, ""},
		{"action missing parents", &syntax.EntityData{UID: uid("Action", "view")}, "InvalidActionEntity"},
		{"action with extra parent", &syntax.EntityData{UID: uid("Action", "paint"), Parents: []syntax.EntityUID{uid("Action", "group")}}, "InvalidActionEntity"},
		{"action with attributes", &syntax.EntityData{UID: uid("Action", "paint"), Attrs: []syntax.Field{field("a", syntax.Long(1))}}, "InvalidActionEntity"},
		{"undeclared action", &syntax.EntityData{UID: uid("Action", "nope")}, "UnrecognizedActionId"},
	}
	schema := testSchema()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateEntities(schema, []*syntax.EntityData{tc.entity})
			checkKind(t, err, tc.kind)
			if err != nil && tc.entity.Pos.IsValid() && syntax.FirstError(err).Pos.Line != tc.entity.Pos.Line {
				t.Errorf("error position %v, want the entity's", syntax.FirstError(err).Pos)
			}
		})
	}
}

func TestValidateEntitiesReportsEveryEntity(t *testing.T) {
	err := ValidateEntities(testSchema(), []*syntax.EntityData{
		{UID: uid("Nope", "x")}, {UID: uid("Color", "red")}, {UID: uid("Color", "blue")},
	})
	list, ok := err.(syntax.ErrorList)
	if !ok || len(list) != 2 {
		t.Fatalf("want two errors, got %v", err)
	}
}

// TestValidateEntitiesActionClosure pins how action entities are compared
// with their declarations (checked against cedar-wasm's
// checkParseEntities): the ancestors are the listed parents closed
// through the given action entities only, and must be exactly the
// declared ones.
func TestValidateEntitiesActionClosure(t *testing.T) {
	a := func(id string) syntax.EntityUID { return syntax.NewEntityUID("Action", id) }
	schema := &syntax.Schema{
		EntityTypes: map[syntax.EntityType]*syntax.EntityTypeDef{"User": {Name: "User"}},
		Actions: map[syntax.EntityUID]*syntax.ActionDef{
			a("g0"): {UID: a("g0")},
			a("g1"): {UID: a("g1"), MemberOf: []syntax.EntityUID{a("g0")}},
			a("view"): {UID: a("view"), MemberOf: []syntax.EntityUID{a("g1")}, AppliesTo: &syntax.AppliesTo{
				PrincipalTypes: []syntax.EntityType{"User"}, ResourceTypes: []syntax.EntityType{"User"}}},
		},
	}
	ent := func(id string, parents ...string) *syntax.EntityData {
		e := &syntax.EntityData{UID: a(id)}
		for _, p := range parents {
			e.Parents = append(e.Parents, a(p))
		}
		return e
	}
	tests := []struct {
		name     string
		entities []*syntax.EntityData
		kind     string
	}{
		{"closure listed", []*syntax.EntityData{ent("view", "g1", "g0")}, ""},
		{"direct groups, closed through the data", []*syntax.EntityData{ent("view", "g1"), ent("g1", "g0")}, ""},
		{"direct group alone", []*syntax.EntityData{ent("view", "g1")}, "InvalidActionEntity"},
		{"direct group given without its own group", []*syntax.EntityData{ent("view", "g1"), ent("g1")}, "InvalidActionEntity"},
		{"only the far group", []*syntax.EntityData{ent("view", "g0")}, "InvalidActionEntity"},
		{"ancestor through the data not declared", []*syntax.EntityData{ent("g1", "g0"), ent("g0", "view")}, "InvalidActionEntity"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkKind(t, ValidateEntities(schema, tc.entities), tc.kind)
		})
	}
}

func TestValidateContext(t *testing.T) {
	s, err := schema.ParseCedar("s.cedarschema", []byte(`entity Account enum ["green", "red"]; entity User;
action create appliesTo { principal: User, resource: User, context: { labels: Set<Account>, owner?: User } };
action group;`))
	if err != nil {
		t.Fatal(err)
	}
	labels := func(ids ...string) syntax.Expr {
		var es []syntax.Expr
		for _, id := range ids {
			es = append(es, &syntax.Literal{Value: uid("Account", id)})
		}
		return record(field("labels", &syntax.SetExpr{Elems: es}))
	}
	for _, tc := range []struct {
		name   string
		action syntax.EntityUID
		ctx    syntax.Expr
		kind   string
	}{
		{"valid", uid("Action", "create"), labels("green", "red"), ""},
		{"an enumerated id not declared, in a set", uid("Action", "create"), labels("green", "x"), "InvalidEnumEntity"},
		{"an entity of an undeclared type", uid("Action", "create"), record(field("labels", &syntax.SetExpr{}), field("owner", &syntax.Literal{Value: uid("Ghost", "g")})), "TypeMismatch"},
		{"missing attribute", uid("Action", "create"), nil, "MissingRequiredAttribute"},
		{"action without appliesTo", uid("Action", "group"), record(), "UndeclaredAction"},
	} {
		t.Run(tc.name, func(t *testing.T) { checkKind(t, ValidateContext(s, tc.action, tc.ctx), tc.kind) })
	}
}
