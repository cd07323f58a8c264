package corpusgen

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// The generated tests exercise the other readers and writers too: policy
// JSON, entity JSON and both schema formats must give back what was
// generated.

func TestPolicyJSONRoundTrip(t *testing.T) {
	for _, mode := range []generators.Mode{generators.ModeTyped, generators.ModeUntyped, generators.ModeRBAC} {
		s := generators.DefaultSettings()
		s.Mode = mode
		fails := 0
		for i := range 300 {
			tc := generators.Generate(s, 41, uint64(i))
			data, err := cedarjson.MarshalPolicySet(tc.Policies)
			if err != nil {
				t.Fatalf("%s test 41/%d: marshal: %v", mode, i, err)
			}
			back, err := cedarjson.UnmarshalPolicySet("policies.json", data)
			if err != nil {
				t.Fatalf("%s test 41/%d: unmarshal: %v\n%s", mode, i, err, data)
			}
			// JSON keeps static policies and templates apart, so compare
			// by id.
			for _, p := range tc.Policies.Policies {
				q := back.Policy(p.ID)
				if q == nil || !samePolicy(oneElementSetAsIn(p), oneElementSetAsIn(q)) {
					fails++
					if fails <= 3 {
						got := "<missing>"
						if q != nil {
							got = printer.Policy(q)
						}
						t.Errorf("%s test 41/%d: policy %s does not survive policy JSON:\n%s\ngot back:\n%s", mode, i, p.ID, printer.Policy(p), got)
					}
				}
			}
			if len(back.Links) != len(tc.Policies.Links) {
				t.Errorf("%s test 41/%d: %d links, got %d back", mode, i, len(tc.Policies.Links), len(back.Links))
			}
		}
	}
}

func TestEntityJSONRoundTrip(t *testing.T) {
	for i := range 300 {
		tc := generators.Generate(generators.DefaultSettings(), 43, uint64(i))
		data, err := cedarjson.MarshalEntities(tc.Entities)
		if err != nil {
			t.Fatalf("test 43/%d: marshal: %v", i, err)
		}
		for _, sc := range []*syntax.Schema{nil, tc.Schema} {
			back, err := cedarjson.ParseEntities("entities.json", data, sc)
			if err != nil {
				t.Fatalf("test 43/%d (schema %v): parse: %v", i, sc != nil, err)
			}
			want, err1 := model.NewEntities(tc.Entities)
			got, err2 := model.NewEntities(back)
			if err1 != nil || err2 != nil {
				t.Fatalf("test 43/%d: model rejects entities: %v / %v", i, err1, err2)
			}
			if msg := diffEntities(tc.Entities, want, got); msg != "" {
				t.Errorf("test 43/%d (schema %v): entities change through entity JSON: %s", i, sc != nil, msg)
			}
		}
	}
}

func TestSchemaRoundTrip(t *testing.T) {
	for i := range 300 {
		tc := generators.Generate(generators.DefaultSettings(), 47, uint64(i))
		text, err := schema.CedarText(tc.Schema)
		if err != nil {
			t.Fatalf("test 47/%d: print: %v", i, err)
		}
		back, err := schema.ParseCedar("s.cedarschema", text)
		if err != nil {
			t.Fatalf("test 47/%d: parse printed schema: %v\n%s", i, err, text)
		}
		if d := cmp.Diff(normalize(tc.Schema), normalize(back)); d != "" {
			t.Errorf("test 47/%d: schema changes through Cedar schema text (-want +got):\n%s\n%s", i, d, text)
		}
		js, err := schema.JSONText(tc.Schema)
		if err != nil {
			t.Fatalf("test 47/%d: print JSON: %v", i, err)
		}
		back, err = schema.ParseJSON("s.json", js)
		if err != nil {
			t.Fatalf("test 47/%d: parse printed JSON schema: %v\n%s", i, err, js)
		}
		if d := cmp.Diff(normalize(tc.Schema), normalize(back)); d != "" {
			t.Errorf("test 47/%d: schema changes through JSON schema (-want +got):\n%s\n%s", i, d, js)
		}
	}
}

// normalize makes nil and empty lists alike and sorts the lists that are
// sets, so that schemas compare by content.
func normalize(s *syntax.Schema) *syntax.Schema {
	for _, d := range s.EntityTypes {
		slices.Sort(d.MemberOfTypes)
		if len(d.MemberOfTypes) == 0 {
			d.MemberOfTypes = nil
		}
		if len(d.Annotations) == 0 {
			d.Annotations = nil
		}
	}
	byUID := func(a, b syntax.EntityUID) int { return strings.Compare(a.String(), b.String()) }
	for _, a := range s.Actions {
		slices.SortFunc(a.MemberOf, byUID)
		if a.AppliesTo != nil {
			slices.Sort(a.AppliesTo.PrincipalTypes)
			slices.Sort(a.AppliesTo.ResourceTypes)
		}
		if len(a.MemberOf) == 0 {
			a.MemberOf = nil
		}
		if len(a.Annotations) == 0 {
			a.Annotations = nil
		}
	}
	return s
}

// diffEntities compares two stores over the uids of data: attributes,
// tags and ancestors.
func diffEntities(data []*syntax.EntityData, want, got *model.Entities) string {
	if want.Len() != got.Len() {
		return "different number of entities"
	}
	for _, d := range data {
		w, _ := want.Entity(d.UID)
		g, ok := got.Entity(d.UID)
		if !ok {
			return d.UID.String() + " is missing"
		}
		if !model.Equal(w.Attrs, g.Attrs) {
			return d.UID.String() + ": attributes " + w.Attrs.String() + " became " + g.Attrs.String()
		}
		if len(w.Tags) != len(g.Tags) || len(w.Tags) > 0 && !model.Equal(w.Tags, g.Tags) {
			return d.UID.String() + ": tags " + w.Tags.String() + " became " + g.Tags.String()
		}
		if wa, ga := want.Ancestors(d.UID), got.Ancestors(d.UID); !reflect.DeepEqual(wa, ga) {
			return d.UID.String() + ": ancestors changed"
		}
	}
	return ""
}

// oneElementSetAsIn rewrites the action scope `in [A]` to the equivalent
// `in A`: policy JSON writes a one-element list as a single entity.
func oneElementSetAsIn(p *syntax.Policy) *syntax.Policy {
	if p.Action.Op != syntax.ScopeInSet || len(p.Action.Entities) != 1 {
		return p
	}
	c := *p
	c.Action = syntax.Scope{Op: syntax.ScopeIn, Entity: p.Action.Entities[0]}
	return &c
}
