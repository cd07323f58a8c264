package schema

import (
	"testing"
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
