package spelling

import (
	"math/rand"

	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// SchemaDuplicateAttr names the mutation DuplicateAttribute makes.
const SchemaDuplicateAttr Mutation = "repeat a record attribute"

// DuplicateAttribute repeats, in place, one attribute of a record type
// of f (an entity shape, a context, or a record inside one), drawn from
// r: the copy goes before or after the original and its type is another
// one, often a name nothing declares. The text format allows repeated
// attributes, the last declaration winning and the earlier ones never
// resolved, so the schema stays valid exactly when the last
// declaration's type resolves. It reports false when f has no record
// attribute.
func DuplicateAttribute(f *schema.File, r *rand.Rand) bool {
	var records []*schema.RecordTypeExpr
	var walk func(t schema.TypeExpr)
	walk = func(t schema.TypeExpr) {
		switch t := t.(type) {
		case *schema.RecordTypeExpr:
			if len(t.Attrs) > 0 {
				records = append(records, t)
			}
			for _, a := range t.Attrs {
				walk(a.Type)
			}
		case *schema.SetTypeExpr:
			walk(t.Elem)
		}
	}
	for _, ns := range f.Namespaces {
		for _, d := range ns.Decls {
			switch d := d.(type) {
			case *schema.EntityDecl:
				walk(d.Shape)
			case *schema.ActionDecl:
				if d.AppliesTo != nil {
					walk(d.AppliesTo.Context)
				}
			}
		}
	}
	if len(records) == 0 {
		return false
	}
	rt := records[r.Intn(len(records))]
	i := r.Intn(len(rt.Attrs))
	var typ schema.TypeExpr = &schema.NamedType{Name: "UndeclaredType"}
	if r.Intn(3) == 0 {
		typ = &schema.SetTypeExpr{Elem: &schema.NamedType{Name: "Long"}}
	}
	dup := &schema.AttrDecl{Name: rt.Attrs[i].Name, Required: r.Intn(2) == 0, Type: typ}
	at := i
	if r.Intn(3) == 0 {
		at = i + 1
	}
	rt.Attrs = append(rt.Attrs[:at:at], append([]*schema.AttrDecl{dup}, rt.Attrs[at:]...)...)
	return true
}
