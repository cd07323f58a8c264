package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

var (
	tLong   = &syntax.PrimitiveType{Kind: syntax.LongType}
	tString = &syntax.PrimitiveType{Kind: syntax.StringType}
	tBool   = &syntax.PrimitiveType{Kind: syntax.BoolType}
)

func tEntity(n string) syntax.Type { return &syntax.EntityRefType{Name: syntax.EntityType(n)} }

func attrType(t *testing.T, s *syntax.Schema, et, attr string) syntax.Type {
	t.Helper()
	d := s.EntityTypes[syntax.EntityType(et)]
	if d == nil {
		t.Fatalf("no entity type %s", et)
	}
	a := d.Shape.Attrs[attr]
	if a == nil {
		t.Fatalf("%s has no attribute %s", et, attr)
	}
	return a.Type
}

func action(t *testing.T, s *syntax.Schema, typ, id string) *syntax.ActionDef {
	t.Helper()
	a := s.Actions[syntax.EntityUID{Type: syntax.EntityType(typ), ID: id}]
	if a == nil {
		t.Fatalf("no action %s::%q", typ, id)
	}
	return a
}

// TestResolution checks the name-resolution and normalization rules on
// small schemas.
func TestResolution(t *testing.T) {
	for _, tt := range validSchemas {
		t.Run(tt.name, func(t *testing.T) {
			var s *syntax.Schema
			var err error
			if tt.json {
				s, err = ParseJSON("s.json", []byte(tt.src))
			} else {
				s, err = ParseCedar("s.cedarschema", []byte(tt.src))
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, s)
			// Every valid schema survives both printers.
			for _, print := range []func(*syntax.Schema) ([]byte, error){CedarText, JSONText} {
				out, err := print(s)
				if err != nil {
					t.Fatal(err)
				}
				var back *syntax.Schema
				if out[0] == '{' {
					back, err = ParseJSON("printed.json", out)
				} else {
					back, err = ParseCedar("printed", out)
				}
				if err != nil {
					t.Fatalf("%v\n%s", err, out)
				}
				if d := cmp.Diff(s, back); d != "" {
					t.Errorf("printed schema differs (-want +got):\n%s\n%s", d, out)
				}
			}
		})
	}
}

// validSchemas are schemas Cedar accepts, with checks of what they mean.
var validSchemas = []struct {
	name  string
	json  bool
	src   string
	check func(t *testing.T, s *syntax.Schema)
}{
	{"common type before entity type", false, `entity T; type T = Long; entity A { a: T };`, func(t *testing.T, s *syntax.Schema) {
		if d := cmp.Diff(syntax.Type(tLong), attrType(t, s, "A", "a")); d != "" {
			t.Error(d)
		}
	}},
	{"entity type before built-in", false, `entity Long; entity A { a: Long, b: __cedar::Long };`, func(t *testing.T, s *syntax.Schema) {
		if d := cmp.Diff(tEntity("Long"), attrType(t, s, "A", "a")); d != "" {
			t.Error(d)
		}
		if d := cmp.Diff(syntax.Type(tLong), attrType(t, s, "A", "b")); d != "" {
			t.Error(d)
		}
	}},
	{"namespace before empty namespace", false, `entity U; namespace N { entity V; entity A { u: U, v: V, w: N::V, s: String }; }`, func(t *testing.T, s *syntax.Schema) {
		want := map[string]syntax.Type{"u": tEntity("U"), "v": tEntity("N::V"), "w": tEntity("N::V"), "s": tString}
		for a, ty := range want {
			if d := cmp.Diff(ty, attrType(t, s, "N::A", a)); d != "" {
				t.Errorf("%s: %s", a, d)
			}
		}
	}},
	{"entity named like a built-in in a namespace", false, `namespace N { entity String; entity A { a: String, b: __cedar::String }; }`, func(t *testing.T, s *syntax.Schema) {
		if d := cmp.Diff(tEntity("N::String"), attrType(t, s, "N::A", "a")); d != "" {
			t.Error(d)
		}
		if d := cmp.Diff(syntax.Type(tString), attrType(t, s, "N::A", "b")); d != "" {
			t.Error(d)
		}
	}},
	{"common type named like an extension", false, `type ipaddr = Long; entity A { a: ipaddr, b: __cedar::ipaddr, c: decimal };`, func(t *testing.T, s *syntax.Schema) {
		if d := cmp.Diff(syntax.Type(tLong), attrType(t, s, "A", "a")); d != "" {
			t.Error(d)
		}
		if d := cmp.Diff(syntax.Type(&syntax.ExtensionType{Name: "ipaddr"}), attrType(t, s, "A", "b")); d != "" {
			t.Error(d)
		}
		if d := cmp.Diff(syntax.Type(&syntax.ExtensionType{Name: "decimal"}), attrType(t, s, "A", "c")); d != "" {
			t.Error(d)
		}
	}},
	{"context through a common type", false, `namespace N { type C = { x: Long, "y z"?: Set<P> }; entity P; action a appliesTo { principal: P, resource: [P], context: C }; }`, func(t *testing.T, s *syntax.Schema) {
		want := &syntax.AppliesTo{
			PrincipalTypes: []syntax.EntityType{"N::P"},
			ResourceTypes:  []syntax.EntityType{"N::P"},
			Context: &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{
				"x":   {Type: tLong, Required: true},
				"y z": {Type: &syntax.SetType{Elem: tEntity("N::P")}},
			}},
		}
		if d := cmp.Diff(want, action(t, s, "N::Action", "a").AppliesTo); d != "" {
			t.Error(d)
		}
	}},
	{"action groups: current namespace, then empty namespace", false, `action g; namespace N { action g2; action a in ["g2", Action::"g", g]; }`, func(t *testing.T, s *syntax.Schema) {
		want := []syntax.EntityUID{{Type: "Action", ID: "g"}, {Type: "N::Action", ID: "g2"}}
		if d := cmp.Diff(want, action(t, s, "N::Action", "a").MemberOf); d != "" {
			t.Error(d)
		}
		if a := action(t, s, "Action", "g"); a.AppliesTo != nil {
			t.Errorf("action without appliesTo applies to %v", a.AppliesTo)
		}
	}},
	{"action type usable as an attribute type", false, `action a; entity E { act: Action, acts: Set<Action> };`, func(t *testing.T, s *syntax.Schema) {
		if d := cmp.Diff(tEntity("Action"), attrType(t, s, "E", "act")); d != "" {
			t.Error(d)
		}
	}},
	{"repeated attribute: the last one counts, the others are not even resolved", false, `entity A { a: Undefined, a?: String, };`, func(t *testing.T, s *syntax.Schema) {
		want := &syntax.AttributeType{Type: tString}
		if d := cmp.Diff(want, s.EntityTypes["A"].Shape.Attrs["a"]); d != "" {
			t.Error(d)
		}
	}},
	{"keywords as names", false, `entity namespace, Set, type, appliesTo, entity; entity X in entity { a: Set, s: Set<Set>, t: type };`, func(t *testing.T, s *syntax.Schema) {
		if d := cmp.Diff(tEntity("Set"), attrType(t, s, "X", "a")); d != "" {
			t.Error(d)
		}
		if d := cmp.Diff(syntax.Type(&syntax.SetType{Elem: tEntity("Set")}), attrType(t, s, "X", "s")); d != "" {
			t.Error(d)
		}
		if d := cmp.Diff([]syntax.EntityType{"entity"}, s.EntityTypes["X"].MemberOfTypes); d != "" {
			t.Error(d)
		}
	}},
	{"enum choices deduplicated in order", false, `entity E enum ["b", "a", "b"];`, func(t *testing.T, s *syntax.Schema) {
		if d := cmp.Diff([]string{"b", "a"}, s.EntityTypes["E"].Enum); d != "" {
			t.Error(d)
		}
	}},
	{"annotations sorted, value always present", false, `@b @a("x") entity E { @c("y") v: Long };`, func(t *testing.T, s *syntax.Schema) {
		want := []syntax.Annotation{{Key: "a", Value: "x", HasValue: true}, {Key: "b", HasValue: true}}
		if d := cmp.Diff(want, s.EntityTypes["E"].Annotations); d != "" {
			t.Error(d)
		}
		if d := cmp.Diff([]syntax.Annotation{{Key: "c", Value: "y", HasValue: true}}, s.EntityTypes["E"].Shape.Attrs["v"].Annotations); d != "" {
			t.Error(d)
		}
	}},
	{"tags and sets of parents", false, `entity G; entity A in [G, G] tags Set<String>;`, func(t *testing.T, s *syntax.Schema) {
		if d := cmp.Diff(syntax.Type(&syntax.SetType{Elem: tString}), s.EntityTypes["A"].Tags); d != "" {
			t.Error(d)
		}
		if d := cmp.Diff([]syntax.EntityType{"G"}, s.EntityTypes["A"].MemberOfTypes); d != "" {
			t.Error(d)
		}
		if s.EntityTypes["G"].Tags != nil || s.EntityTypes["G"].Shape == nil {
			t.Error("G: want no tags and an empty shape")
		}
	}},
	{"json primitive names", true, `{"": {"commonTypes": {"B": {"type": "Bool"}}, "entityTypes": {"A": {"shape": {"type": "Record", "attributes": {
			"a": {"type": "Boolean"}, "b": {"type": "B"}, "c": {"type": "Bool", "required": false}, "d": {"type": "EntityOrCommon", "name": "Long"}}}}}, "actions": {}}}`,
		func(t *testing.T, s *syntax.Schema) {
			for _, a := range []string{"a", "b", "c"} {
				if d := cmp.Diff(syntax.Type(tBool), attrType(t, s, "A", a)); d != "" {
					t.Errorf("%s: %s", a, d)
				}
			}
			if s.EntityTypes["A"].Shape.Attrs["c"].Required {
				t.Error("c should be optional")
			}
			if d := cmp.Diff(syntax.Type(tLong), attrType(t, s, "A", "d")); d != "" {
				t.Error(d)
			}
		}},
	{"json Long is primitive even when an entity is called Long", true, `{"": {"entityTypes": {"Long": {}, "A": {"shape": {"type": "Record", "attributes": {
			"a": {"type": "Long"}, "b": {"type": "EntityOrCommon", "name": "Long"}}}}}, "actions": {}}}`,
		func(t *testing.T, s *syntax.Schema) {
			if d := cmp.Diff(syntax.Type(tLong), attrType(t, s, "A", "a")); d != "" {
				t.Error(d)
			}
			if d := cmp.Diff(tEntity("Long"), attrType(t, s, "A", "b")); d != "" {
				t.Error(d)
			}
		}},
	{"json empty principalTypes: applies to nothing", true, `{"N": {"entityTypes": {"A": {}}, "actions": {"a": {"appliesTo": {"principalTypes": [], "resourceTypes": ["A"]}},
			"b": {"appliesTo": null, "memberOf": [{"id": "a", "type": "N::Action"}]}}}}`,
		func(t *testing.T, s *syntax.Schema) {
			if a := action(t, s, "N::Action", "a"); a.AppliesTo != nil {
				t.Errorf("got appliesTo %v", a.AppliesTo)
			}
			if d := cmp.Diff([]syntax.EntityUID{{Type: "N::Action", ID: "a"}}, action(t, s, "N::Action", "b").MemberOf); d != "" {
				t.Error(d)
			}
		}},
	{"json objects written as arrays of field values, null annotation", true, `{"": [{}, {"A": [[], {"type": "Record", "attributes": {}}]},
		{"a": [null, [["A"], ["A"]], [["b", null]], {"doc": null}], "b": []}]}`,
		func(t *testing.T, s *syntax.Schema) {
			want := &syntax.ActionDef{UID: syntax.EntityUID{Type: "Action", ID: "a"},
				Annotations: []syntax.Annotation{{Key: "doc", HasValue: true}},
				MemberOf:    []syntax.EntityUID{{Type: "Action", ID: "b"}},
				AppliesTo:   &syntax.AppliesTo{PrincipalTypes: []syntax.EntityType{"A"}, ResourceTypes: []syntax.EntityType{"A"}, Context: &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{}}}}
			if d := cmp.Diff(want, action(t, s, "Action", "a")); d != "" {
				t.Error(d)
			}
		}},
	{"json enum entity", true, `{"": {"entityTypes": {"E": {"enum": ["x", "y"], "annotations": {"doc": "d"}}}, "actions": {}}}`,
		func(t *testing.T, s *syntax.Schema) {
			e := s.EntityTypes["E"]
			if !e.IsEnum() || len(e.Enum) != 2 || len(e.Annotations) != 1 {
				t.Errorf("got %+v", e)
			}
		}},
}
