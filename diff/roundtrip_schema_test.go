package diff

import (
	"cmp"
	"maps"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// TestSameSchemaAgreesWithCmp checks sameSchema against the go-cmp
// comparison it short-cuts, on generated schemas and on copies of them
// with one change each: some changes matter, some (order of sets, empty
// for absent, positions) do not.
func TestSameSchemaAgreesWithCmp(t *testing.T) {
	first := func(m map[syntax.EntityType]*syntax.EntityTypeDef, ok func(*syntax.EntityTypeDef) bool) *syntax.EntityTypeDef {
		for _, name := range orderedKeys(m) {
			if ok(m[name]) {
				return m[name]
			}
		}
		return nil
	}
	anyType := func(*syntax.EntityTypeDef) bool { return true }
	firstAction := func(m map[syntax.EntityUID]*syntax.ActionDef, ok func(*syntax.ActionDef) bool) *syntax.ActionDef {
		var best *syntax.ActionDef
		for uid, a := range m {
			if ok(a) && (best == nil || uid.String() < best.UID.String()) {
				best = a
			}
		}
		return best
	}
	firstAttr := func(r *syntax.RecordType) *syntax.AttributeType {
		for _, k := range orderedKeys(r.Attrs) {
			return r.Attrs[k]
		}
		return nil
	}
	changes := []struct {
		name  string
		apply func(*syntax.Schema) bool // false: not applicable to this schema
	}{
		{"none", func(*syntax.Schema) bool { return true }},
		{"drop an entity type", func(s *syntax.Schema) bool {
			d := first(s.EntityTypes, anyType)
			if d != nil {
				delete(s.EntityTypes, d.Name)
			}
			return d != nil
		}},
		{"reverse parent types", func(s *syntax.Schema) bool {
			d := first(s.EntityTypes, func(d *syntax.EntityTypeDef) bool { return len(d.MemberOfTypes) > 1 })
			if d != nil {
				for i, j := 0, len(d.MemberOfTypes)-1; i < j; i, j = i+1, j-1 {
					d.MemberOfTypes[i], d.MemberOfTypes[j] = d.MemberOfTypes[j], d.MemberOfTypes[i]
				}
			}
			return d != nil
		}},
		{"duplicate a parent type", func(s *syntax.Schema) bool {
			d := first(s.EntityTypes, func(d *syntax.EntityTypeDef) bool { return len(d.MemberOfTypes) > 0 })
			if d != nil {
				d.MemberOfTypes = append(d.MemberOfTypes, d.MemberOfTypes[0])
			}
			return d != nil
		}},
		{"empty parent list for none", func(s *syntax.Schema) bool {
			d := first(s.EntityTypes, func(d *syntax.EntityTypeDef) bool { return d.MemberOfTypes == nil })
			if d != nil {
				d.MemberOfTypes = []syntax.EntityType{}
			}
			return d != nil
		}},
		{"flip a required attribute", func(s *syntax.Schema) bool {
			d := first(s.EntityTypes, func(d *syntax.EntityTypeDef) bool { return d.Shape != nil && len(d.Shape.Attrs) > 0 })
			if d != nil {
				a := firstAttr(d.Shape)
				a.Required = !a.Required
			}
			return d != nil
		}},
		{"change an attribute's type", func(s *syntax.Schema) bool {
			d := first(s.EntityTypes, func(d *syntax.EntityTypeDef) bool { return d.Shape != nil && len(d.Shape.Attrs) > 0 })
			if d != nil {
				a := firstAttr(d.Shape)
				a.Type = &syntax.SetType{Elem: a.Type}
			}
			return d != nil
		}},
		{"long for string deep inside", func(s *syntax.Schema) bool {
			var found bool
			var walk func(syntax.Type) syntax.Type
			walk = func(ty syntax.Type) syntax.Type {
				switch x := ty.(type) {
				case *syntax.PrimitiveType:
					if !found && x.Kind == syntax.StringType {
						found = true
						return &syntax.PrimitiveType{Kind: syntax.LongType}
					}
				case *syntax.SetType:
					return &syntax.SetType{Elem: walk(x.Elem)}
				case *syntax.RecordType:
					for _, k := range orderedKeys(x.Attrs) {
						x.Attrs[k].Type = walk(x.Attrs[k].Type)
					}
				}
				return ty
			}
			for _, name := range orderedKeys(s.EntityTypes) {
				walk(s.EntityTypes[name].Shape)
			}
			return found
		}},
		{"entity reference to another type", func(s *syntax.Schema) bool {
			for _, name := range orderedKeys(s.EntityTypes) {
				for _, a := range s.EntityTypes[name].Shape.Attrs {
					if r, ok := a.Type.(*syntax.EntityRefType); ok {
						a.Type = &syntax.EntityRefType{Name: r.Name + "X"}
						return true
					}
				}
			}
			return false
		}},
		{"tags added", func(s *syntax.Schema) bool {
			d := first(s.EntityTypes, func(d *syntax.EntityTypeDef) bool { return d.Tags == nil })
			if d != nil {
				d.Tags = &syntax.PrimitiveType{Kind: syntax.BoolType}
			}
			return d != nil
		}},
		{"enum reordered", func(s *syntax.Schema) bool {
			d := first(s.EntityTypes, func(d *syntax.EntityTypeDef) bool { return len(d.Enum) > 1 })
			if d != nil {
				d.Enum[0], d.Enum[1] = d.Enum[1], d.Enum[0]
			}
			return d != nil
		}},
		{"annotation value changed", func(s *syntax.Schema) bool {
			d := first(s.EntityTypes, anyType)
			if d != nil {
				d.Annotations = append(d.Annotations, syntax.Annotation{Key: "doc", Value: "x", HasValue: true})
			}
			return d != nil
		}},
		{"annotation position moved", func(s *syntax.Schema) bool {
			// The reference gets the same annotation at line 1.
			d := first(s.EntityTypes, anyType)
			if d != nil {
				d.Annotations = append(d.Annotations, syntax.Annotation{Pos: syntax.Pos{Line: 9}, Key: "doc"})
			}
			return d != nil
		}},
		{"action group reordered or dropped", func(s *syntax.Schema) bool {
			a := firstAction(s.Actions, func(a *syntax.ActionDef) bool { return len(a.MemberOf) > 0 })
			if a != nil {
				a.MemberOf = a.MemberOf[1:]
			}
			return a != nil
		}},
		{"principal types reordered", func(s *syntax.Schema) bool {
			a := firstAction(s.Actions, func(a *syntax.ActionDef) bool { return a.AppliesTo != nil && len(a.AppliesTo.PrincipalTypes) > 1 })
			if a != nil {
				p := a.AppliesTo.PrincipalTypes
				p[0], p[1] = p[1], p[0]
			}
			return a != nil
		}},
		{"resource type replaced", func(s *syntax.Schema) bool {
			a := firstAction(s.Actions, func(a *syntax.ActionDef) bool { return a.AppliesTo != nil && len(a.AppliesTo.ResourceTypes) > 0 })
			if a != nil {
				a.AppliesTo.ResourceTypes[0] += "Y"
			}
			return a != nil
		}},
		{"applies to nothing", func(s *syntax.Schema) bool {
			a := firstAction(s.Actions, func(a *syntax.ActionDef) bool { return a.AppliesTo != nil })
			if a != nil {
				a.AppliesTo = nil
			}
			return a != nil
		}},
		{"context attribute dropped", func(s *syntax.Schema) bool {
			a := firstAction(s.Actions, func(a *syntax.ActionDef) bool { return a.AppliesTo != nil && len(a.AppliesTo.Context.Attrs) > 0 })
			if a != nil {
				for k := range a.AppliesTo.Context.Attrs {
					delete(a.AppliesTo.Context.Attrs, k)
					break
				}
			}
			return a != nil
		}},
	}
	applied := map[string]int{}
	for _, mode := range []generators.Mode{generators.ModeTyped, generators.ModeRBAC, generators.ModeUntyped} {
		s := generators.DefaultSettings()
		s.Mode = mode
		for i := range uint64(20) {
			tc := generators.Generate(s, 11, i)
			if tc.Schema == nil {
				continue
			}
			text, err := schema.JSONText(tc.Schema)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range changes {
				ref, err1 := schema.ParseJSON("s.json", text)
				back, err2 := schema.ParseJSON("s.json", text)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				if !c.apply(back) {
					continue
				}
				if c.name == "annotation position moved" {
					d := first(ref.EntityTypes, anyType)
					d.Annotations = append(d.Annotations, syntax.Annotation{Pos: syntax.Pos{Line: 1}, Key: "doc"})
				}
				applied[c.name]++
				want := gocmp.Diff(ref, back, schemaCmp...) == ""
				if got := sameSchema(ref, back); got != want {
					t.Fatalf("mode %v index %d, %s: sameSchema %v, cmp equal %v", mode, i, c.name, got, want)
				}
			}
		}
	}
	for _, c := range changes {
		if applied[c.name] == 0 {
			t.Errorf("change %q never applied: the test does not exercise it", c.name)
		}
	}
}

func orderedKeys[K cmp.Ordered, V any](m map[K]V) []K { return slices.Sorted(maps.Keys(m)) }
