package spelling

import (
	"math/rand"
	"slices"
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// commonTypeNames are the names FactorCommonTypes gives the common types
// of a namespace, in order. The extension type names come first: a
// namespace's own `type decimal = ...` must win over the built-in
// decimal for an unqualified `decimal` written there (name resolution
// tries the namespace first), while `__cedar::decimal` still names the
// extension. Namespaces reuse the same names, so that one name is
// declared in several namespaces. The empty namespace has names of its
// own (RFC 70: a namespace may not redeclare a name of the empty one).
var commonTypeNames = []string{"decimal", "ipaddr", "T0", "datetime", "T1", "duration", "T2", "T3", "T4", "T5"}

// FactorCommonTypes rewrites f (as schema.FromSchema gives it: no common
// types) in place to declare common types and use them: drawn from r,
// types of attributes, tags and contexts become named common types,
// innermost first, so that common types refer to common types; some are
// declared in another namespace than the one using them and referred to
// by qualified name. Resolving the result gives what resolving f gives.
// It returns the number of common types declared.
func FactorCommonTypes(f *schema.File, r *rand.Rand) int {
	c := &factor{f: f, r: r, used: map[*schema.Namespace]int{}}
	for _, ns := range f.Namespaces {
		for _, d := range ns.Decls {
			switch d := d.(type) {
			case *schema.EntityDecl:
				// The text format writes a shape as a record literal:
				// factor inside it, never the shape itself.
				if rt, ok := d.Shape.(*schema.RecordTypeExpr); ok {
					c.record(rt, ns)
				}
				if d.Tags != nil {
					d.Tags = c.typ(d.Tags, ns)
				}
			case *schema.ActionDecl:
				if d.AppliesTo != nil && d.AppliesTo.Context != nil {
					ctx := c.typ(d.AppliesTo.Context, ns)
					if n, ok := ctx.(*schema.NamedType); ok {
						n.Kind = schema.RefCommon // `context: N`
					}
					d.AppliesTo.Context = ctx
				}
			}
		}
	}
	for ns, decls := range c.added {
		ns.Decls = append(decls, ns.Decls...)
	}
	return c.n
}

type factor struct {
	f     *schema.File
	r     *rand.Rand
	used  map[*schema.Namespace]int
	added map[*schema.Namespace][]schema.Decl
	n     int
}

func (c *factor) record(rt *schema.RecordTypeExpr, ns *schema.Namespace) {
	for _, a := range rt.Attrs {
		a.Type = c.typ(a.Type, ns)
	}
}

// typ factors the parts of t, then perhaps t itself, used in namespace ns.
func (c *factor) typ(t schema.TypeExpr, ns *schema.Namespace) schema.TypeExpr {
	switch t := t.(type) {
	case *schema.SetTypeExpr:
		t.Elem = c.typ(t.Elem, ns)
	case *schema.RecordTypeExpr:
		c.record(t, ns)
	}
	if c.r.Intn(3) != 0 {
		return t
	}
	home := ns
	if others := len(c.f.Namespaces); others > 1 && c.r.Intn(3) == 0 {
		home = c.f.Namespaces[c.r.Intn(others)]
	}
	var name string
	if home.Name.Value == "" {
		name = "G" + strconv.Itoa(c.used[home])
	} else if i := c.used[home]; i < len(commonTypeNames) {
		name = commonTypeNames[i]
	} else {
		name = "T" + strconv.Itoa(i)
	}
	if home != ns {
		c.qualifyLocal(t, ns)
	}
	c.used[home]++
	if c.added == nil {
		c.added = map[*schema.Namespace][]schema.Decl{}
	}
	c.added[home] = append(c.added[home], &schema.CommonTypeDecl{Name: schema.Ident{Value: name}, Type: t})
	c.n++
	ref := name
	if home != ns && home.Name.Value != "" {
		ref = home.Name.Value + "::" + name
	}
	return &schema.NamedType{Name: ref, Kind: schema.RefEntityOrCommon}
}

// qualifyLocal writes the unqualified names in t that name a
// declaration of namespace ns (entity or common type) with ns, so that
// t means the same declared elsewhere. Other unqualified names name
// declarations of the empty namespace, the same from anywhere.
func (c *factor) qualifyLocal(t schema.TypeExpr, ns *schema.Namespace) {
	switch t := t.(type) {
	case *schema.NamedType:
		if ns.Name.Value != "" && !strings.Contains(t.Name, "::") && c.declares(ns, t.Name) {
			t.Name = ns.Name.Value + "::" + t.Name
		}
	case *schema.SetTypeExpr:
		c.qualifyLocal(t.Elem, ns)
	case *schema.RecordTypeExpr:
		for _, a := range t.Attrs {
			c.qualifyLocal(a.Type, ns)
		}
	}
}

// declares reports whether namespace ns declares an entity or common
// type named name (common types added so far included).
func (c *factor) declares(ns *schema.Namespace, name string) bool {
	for _, d := range append(slices.Clone(ns.Decls), c.added[ns]...) {
		switch d := d.(type) {
		case *schema.EntityDecl:
			for _, n := range d.Names {
				if n.Value == name {
					return true
				}
			}
		case *schema.CommonTypeDecl:
			if d.Name.Value == name {
				return true
			}
		}
	}
	return false
}
