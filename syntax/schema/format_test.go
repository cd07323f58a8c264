package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// TestFormat checks the canonical layout and the placement of comments.
func TestFormat(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"entity with everything",
			`@doc("u") entity User,Admin in Group={name:String,"in"?:Set<Long>,} tags String;entity Group;`,
			"@doc(\"u\")\nentity User, Admin in [Group] = {\n  name: String,\n  \"in\"?: Set<Long>\n} tags String;\n\nentity Group;\n"},
		{"empty shape is dropped",
			`entity A {};`,
			"entity A;\n"},
		{"enum and annotation without value",
			"@a\nentity E enum [\"x\",\"y\\n\"];",
			"@a\nentity E enum [\"x\", \"y\\n\"];\n"},
		{"action with appliesTo",
			`action view,"edit" in [read, Other::Action::"x"] appliesTo{resource:Doc,principal:[User,Admin],context:{ip:ipaddr}};`,
			"action view, \"edit\" in [read, Other::Action::\"x\"] appliesTo {\n  principal: [User, Admin],\n  resource: [Doc],\n  context: {\n    ip: ipaddr\n  }\n};\n"},
		{"namespace and common type",
			"namespace A::B{type T={a:Long};action a appliesTo{principal:P,resource:P,context:T};}",
			"namespace A::B {\n  type T = {\n    a: Long\n  };\n\n  action a appliesTo {\n    principal: [P],\n    resource: [P],\n    context: T\n  };\n}\n"},
		{"comments kept in place",
			"// header\n\n// more\nentity A { // after brace\n  // own line\n  a: Long, // trailing\n  b: String\n  // before close\n}; // after decl\n// end\n",
			"// header\n// more\nentity A = { // after brace\n  // own line\n  a: Long, // trailing\n  b: String\n  // before close\n}; // after decl\n// end\n"},
		{"comment inside a one-line construct moves to the next line break",
			"entity A in [ // parents\n B];\nentity B;",
			"entity A in [B]; // parents\n\nentity B;\n"},
		{"comment between annotations and declaration",
			"@doc(\"x\")\n// about A\nentity A;\n@a // why\ntype T = Long;",
			"@doc(\"x\")\n// about A\nentity A;\n\n@a // why\ntype T = Long;\n"},
		{"comments in a namespace",
			"namespace N { // n\n// first\nentity A;\n// last\n}\n",
			"namespace N { // n\n  // first\n  entity A;\n  // last\n}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Format("s.cedarschema", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			again, err := Format("s.cedarschema", got)
			if err != nil || string(again) != string(got) {
				t.Errorf("not idempotent (%v):\n%s", err, again)
			}
		})
	}
}

// TestPrintCedarFromJSON checks that JSON type references keep their
// meaning when printed as text, and that what text cannot say is an error.
func TestPrintCedarFromJSON(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // "" when the result must be KindNotRepresentable
	}{
		{"primitive shadowed by an entity type",
			`{"": {"entityTypes": {"Long": {}, "A": {"shape": {"type": "Record", "attributes": {"a": {"type": "Long"}, "b": {"type": "Entity", "name": "Long"}}}}}, "actions": {}}}`,
			"entity Long;\n\nentity A = {\n  a: __cedar::Long,\n  b: Long\n};\n"},
		{"common type reference to a built-in shadowed in the namespace",
			`{"N": {"entityTypes": {"Bool": {}, "A": {"tags": {"type": "Bool"}}}, "actions": {}}}`,
			"namespace N {\n  entity Bool;\n\n  entity A tags __cedar::Bool;\n}\n"},
		{"extension types",
			`{"": {"entityTypes": {"A": {"tags": {"type": "Set", "element": {"type": "Extension", "name": "datetime"}}}}, "actions": {}}}`,
			"entity A tags Set<datetime>;\n"},
		{"entity reference hidden by a common type of the same name",
			`{"": {"commonTypes": {"A": {"type": "Long"}}, "entityTypes": {"A": {}, "B": {"tags": {"type": "Entity", "name": "A"}}}, "actions": {}}}`,
			""},
		{"shape given by a common type is written out",
			`{"N": {"commonTypes": {"R": {"type": "S"}, "S": {"type": "Record", "attributes": {"a": {"type": "R2"}}}, "R2": {"type": "Long"}}, "entityTypes": {"A": {"shape": {"type": "R"}}}, "actions": {}}}`,
			"namespace N {\n  type R = S;\n\n  type S = {\n    a: R2\n  };\n\n  type R2 = Long;\n\n  entity A = {\n    a: R2\n  };\n}\n"},
		{"shape given by a common type of another namespace",
			`{"": {"commonTypes": {"R": {"type": "Record", "attributes": {}}}, "entityTypes": {}, "actions": {}}, "N": {"entityTypes": {"A": {"shape": {"type": "R"}}}, "actions": {}}}`,
			""},
		{"context that is not a record or a name",
			`{"": {"entityTypes": {"A": {}}, "actions": {"a": {"appliesTo": {"principalTypes": ["A"], "resourceTypes": ["A"], "context": {"type": "Set", "element": {"type": "Long"}}}}}}}`,
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseJSONFile("s.json", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			got, err := PrintCedar(f)
			if tt.want == "" {
				if e := syntax.FirstError(err); e == nil || e.Kind != KindNotRepresentable {
					t.Fatalf("got %v, %q; want a %s error", err, got, KindNotRepresentable)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			want, err1 := ParseJSON("s.json", []byte(tt.src))
			back, err2 := ParseCedar("s.cedarschema", got)
			if err1 != nil || err2 != nil || !cmp.Equal(want, back) {
				t.Errorf("meaning changed: %v %v %s", err1, err2, cmp.Diff(want, back))
			}
		})
	}
}
