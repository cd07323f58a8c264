package engine

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

func TestStoreAncestors(t *testing.T) {
	u := func(id string) syntax.EntityUID { return uidOf("G", id) }
	es, err := NewEntityStore([]*syntax.EntityData{
		entityData(u("a"), []syntax.EntityUID{u("b"), u("c")}),
		entityData(u("b"), []syntax.EntityUID{u("d")}),
		entityData(u("c"), []syntax.EntityUID{u("d"), u("missing")}),
		entityData(u("d"), []syntax.EntityUID{u("e")}),
		// e is absent: it is an ancestor, but has none of its own
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := es.entities[internUID(u("a"))]
	for _, anc := range []string{"b", "c", "d", "e", "missing"} {
		if !a.hasAncestor(internUID(u(anc))) {
			t.Errorf("a should have ancestor %s", anc)
		}
	}
	if a.hasAncestor(internUID(u("a"))) || len(a.ancestors) != 5 {
		t.Errorf("a ancestors = %d, want 5 without itself", len(a.ancestors))
	}
}

func TestStoreErrors(t *testing.T) {
	u := func(id string) syntax.EntityUID { return uidOf("G", id) }
	tests := []struct {
		name string
		data []*syntax.EntityData
		kind string // "" means no error
	}{
		{"self parent", []*syntax.EntityData{entityData(u("a"), []syntax.EntityUID{u("a")})}, "EntityCycle"},
		{"cycle", []*syntax.EntityData{
			entityData(u("a"), []syntax.EntityUID{u("b")}),
			entityData(u("b"), []syntax.EntityUID{u("c")}),
			entityData(u("c"), []syntax.EntityUID{u("a")}),
		}, "EntityCycle"},
		{"identical duplicate", []*syntax.EntityData{
			entityData(u("a"), []syntax.EntityUID{u("b"), u("c")}, "x", lit(1)),
			entityData(u("a"), []syntax.EntityUID{u("c"), u("b")}, "x", lit(1)),
		}, ""},
		{"different duplicate", []*syntax.EntityData{
			entityData(u("a"), nil, "x", lit(1)),
			entityData(u("a"), nil, "x", lit(2)),
		}, "DuplicateEntity"},
		{"different parents", []*syntax.EntityData{
			entityData(u("a"), []syntax.EntityUID{u("b")}),
			entityData(u("a"), nil),
		}, "DuplicateEntity"},
		{"bad extension value", []*syntax.EntityData{
			entityData(u("a"), nil, "ip", callOf("ip", lit("nope"))),
		}, "ExtensionError"},
		{"not restricted", []*syntax.EntityData{
			entityData(u("a"), nil, "p", vPrincipal),
		}, "NotRestricted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewEntityStore(tt.data, nil)
			if tt.kind == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			e := syntax.FirstError(err)
			if e == nil || e.Kind != tt.kind {
				t.Fatalf("got %v, want a %s error", err, tt.kind)
			}
		})
	}
}

func TestStoreSchemaActions(t *testing.T) {
	read := uidOf("Action", "read")
	all := uidOf("Action", "all")
	schema := &syntax.Schema{Actions: map[syntax.EntityUID]*syntax.ActionDef{
		read: {UID: read, MemberOf: []syntax.EntityUID{all}},
		all:  {UID: all},
	}}
	es, err := NewEntityStore(nil, schema)
	if err != nil {
		t.Fatal(err)
	}
	if e := es.entities[internUID(read)]; e == nil || !e.hasAncestor(internUID(all)) {
		t.Fatal("schema action read should be stored, in Action::\"all\"")
	}
}

// TestStoreLargeHierarchy loads a 100,000-entity tree plus a chain 1,000
// deep: computing ancestors must not recurse.
func TestStoreLargeHierarchy(t *testing.T) {
	const n = 100_000
	data := make([]*syntax.EntityData, 0, n)
	for i := 0; i < n; i++ {
		var parents []syntax.EntityUID
		if i > 0 {
			// A 10-ary tree: depth about 5.
			parents = []syntax.EntityUID{uidOf("N", fmt.Sprint((i-1)/10))}
		}
		data = append(data, entityData(uidOf("N", fmt.Sprint(i)), parents))
	}
	// A separate chain 1,000 deep.
	for i := 0; i < 1000; i++ {
		var parents []syntax.EntityUID
		if i > 0 {
			parents = []syntax.EntityUID{uidOf("C", fmt.Sprint(i-1))}
		}
		data = append(data, entityData(uidOf("C", fmt.Sprint(i)), parents))
	}
	es, err := NewEntityStore(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	leaf := es.entities[internUID(uidOf("N", fmt.Sprint(n-1)))]
	if !leaf.hasAncestor(internUID(uidOf("N", "0"))) {
		t.Error("leaf should be under the root")
	}
	end := es.entities[internUID(uidOf("C", "999"))]
	if n := countAncestors(es, end); n != 999 || !end.hasAncestor(internUID(uidOf("C", "0"))) {
		t.Errorf("chain end has %d ancestors, want 999", n)
	}
}

func TestStoreCycleNamesAnEntityOnTheCycle(t *testing.T) {
	u := func(id string) syntax.EntityUID { return uidOf("G", id) }
	_, err := NewEntityStore([]*syntax.EntityData{
		entityData(u("a"), []syntax.EntityUID{u("b")}), // below the cycle, first by uid
		entityData(u("b"), []syntax.EntityUID{u("c")}),
		entityData(u("c"), []syntax.EntityUID{u("b")}),
	}, nil)
	e := syntax.FirstError(err)
	if e == nil || e.Kind != "EntityCycle" || !strings.Contains(e.Msg, `G::"b"`) && !strings.Contains(e.Msg, `G::"c"`) {
		t.Fatalf("got %v", err)
	}
}

// countAncestors counts e's ancestors among the store's entities.
func countAncestors(s *EntityStore, e *entity) int {
	n := 0
	for u := range s.entities {
		if e.hasAncestor(u) {
			n++
		}
	}
	return n
}

// TestNewEntityStoreErrorOrder checks that the entities are checked in
// order: an entity's error comes before a later nil entity's.
func TestNewEntityStoreErrorOrder(t *testing.T) {
	bad := &syntax.EntityData{UID: syntax.EntityUID{Type: "User", ID: "a"},
		Attrs: []syntax.Field{{Key: "x", Value: &syntax.Variable{Var: syntax.VarPrincipal}}}}
	_, err := NewEntityStore([]*syntax.EntityData{bad, nil}, nil)
	var se *syntax.Error
	if !errors.As(err, &se) || se.Kind != "NotRestricted" {
		t.Errorf("bad entity then nil: %v, want the bad entity's NotRestricted error", err)
	}
	_, err = NewEntityStore([]*syntax.EntityData{nil, bad}, nil)
	if !errors.As(err, &se) || se.Kind != "MissingEntity" {
		t.Errorf("nil then bad entity: %v, want MissingEntity", err)
	}
}
