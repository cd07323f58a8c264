package model

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

func parents(uids ...syntax.EntityUID) []syntax.EntityUID { return uids }

func TestEntitiesTransitiveClosure(t *testing.T) {
	a, b, c, d, gone := uid("T", "a"), uid("T", "b"), uid("T", "c"), uid("T", "d"), uid("T", "gone")
	es, err := NewEntities([]*syntax.EntityData{
		entity(a, parents(b)),
		entity(b, parents(c, gone)),
		entity(c, nil),
		entity(d, parents(a)),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[syntax.EntityUID][]syntax.EntityUID{
		a: {b, c, gone},
		b: {c, gone},
		c: {},
		d: {a, b, c, gone},
	}
	for u, ancestors := range want {
		if _, ok := es.Entity(u); !ok {
			t.Fatalf("%v missing", u)
		}
		got := es.Ancestors(u)
		if len(got) != len(ancestors) {
			t.Errorf("%v ancestors = %v; want %v", u, got, ancestors)
		}
		for _, x := range ancestors {
			if !got[x] {
				t.Errorf("%v lacks ancestor %v", u, x)
			}
		}
	}
}

// The closure passes only through present entities: a missing parent's
// own parents are unknown.
func TestEntitiesClosureSkipsAbsent(t *testing.T) {
	a, gone, c := uid("T", "a"), uid("T", "gone"), uid("T", "c")
	es := mustEntities(entity(a, parents(gone)), entity(c, nil))
	if got := es.Ancestors(a); !got[gone] || got[c] || len(got) != 1 {
		t.Fatalf("ancestors of a = %v", got)
	}
}

func TestEntitiesErrors(t *testing.T) {
	a, b, c := uid("T", "a"), uid("T", "b"), uid("T", "c")
	cases := []struct {
		name string
		data []*syntax.EntityData
		ok   bool
	}{
		{"self parent", []*syntax.EntityData{entity(a, parents(a))}, false},
		{"two cycle", []*syntax.EntityData{entity(a, parents(b)), entity(b, parents(a))}, false},
		{"three cycle", []*syntax.EntityData{entity(a, parents(b)), entity(b, parents(c)), entity(c, parents(a))}, false},
		{"diamond is fine", []*syntax.EntityData{entity(a, parents(b, c)), entity(b, parents(c)), entity(c, nil)}, true},
		{"identical duplicate", []*syntax.EntityData{
			entity(a, parents(b, c), "x", lit(1), "s", setOf(lit(1), lit(2))),
			entity(a, parents(c, b), "s", setOf(lit(2), lit(1)), "x", lit(1))}, true},
		{"different duplicate attrs", []*syntax.EntityData{entity(a, nil, "x", lit(1)), entity(a, nil, "x", lit(2))}, false},
		{"different duplicate parents", []*syntax.EntityData{entity(a, parents(b)), entity(a, nil)}, false},
		{"bad extension value", []*syntax.EntityData{entity(a, nil, "x", call("decimal", lit("1")))}, false},
		{"non-restricted value", []*syntax.EntityData{entity(a, nil, "x", bin(syntax.OpAdd, lit(1), lit(1)))}, false},
		{"variable value", []*syntax.EntityData{entity(a, nil, "x", principal)}, false},
		{"extension value", []*syntax.EntityData{entity(a, nil, "x", call("ip", lit("10.0.0.1/8")))}, true},
		{"parent absent", []*syntax.EntityData{entity(a, parents(b))}, true},
		{"empty tags same as none", []*syntax.EntityData{entity(a, nil), {UID: a, Tags: []syntax.Field{}}}, true},
	}
	for _, c := range cases {
		_, err := NewEntities(c.data)
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v; want ok=%v", c.name, err, c.ok)
		}
	}
}

func TestEntitiesDifferentTagsDuplicate(t *testing.T) {
	a1 := entity(uid("T", "a"), nil)
	a2 := entity(uid("T", "a"), nil)
	a2.Tags = []syntax.Field{{Key: "k", Value: lit("v")}}
	if _, err := NewEntities([]*syntax.EntityData{a1, a2}); err == nil {
		t.Fatal("duplicate with different tags accepted")
	}
}
