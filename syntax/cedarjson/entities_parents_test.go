package cedarjson

import (
	"errors"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// TestEntityParentTypes pins which parent types an entity read with a
// schema may have (checked against cedar-wasm's checkParseEntities): its
// memberOfTypes and, transitively, theirs; none for a type that lists
// none.
func TestEntityParentTypes(t *testing.T) {
	schema := &syntax.Schema{EntityTypes: map[syntax.EntityType]*syntax.EntityTypeDef{
		"Org":  {Name: "Org"},
		"G":    {Name: "G", MemberOfTypes: []syntax.EntityType{"Org"}},
		"User": {Name: "User", MemberOfTypes: []syntax.EntityType{"G"}},
		"Lone": {Name: "Lone"},
	}}
	tests := []struct {
		child, parent string
		ok            bool
	}{
		{"User", "G", true},
		{"User", "Org", true}, // an ancestor type, not a direct one
		{"G", "User", false},  // the wrong direction
		{"Lone", "G", false},  // a type that is a member of nothing
		{"Lone", "Lone", false},
	}
	for _, tt := range tests {
		t.Run(tt.child+" in "+tt.parent, func(t *testing.T) {
			src := `[{"uid": {"type": "` + tt.child + `", "id": "a"}, "attrs": {}, "parents": [{"type": "` + tt.parent + `", "id": "p"}]}]`
			_, err := ParseEntities("e.json", []byte(src), schema)
			var se *syntax.Error
			if tt.ok != (err == nil) || err != nil && (!errors.As(err, &se) || se.Kind != KindInvalidParent) {
				t.Errorf("err %v, want ok %v (else %s)", err, tt.ok, KindInvalidParent)
			}
		})
	}
}
