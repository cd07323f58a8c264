package schema

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// FromSchema converts a resolved schema back to a File, so that it can be
// printed in either format. The result has one namespace per namespace of
// the schema's entity types and actions (the empty namespace first, then by
// name), entity types and actions sorted by name, attributes sorted by
// name, and every action's context written out. Entity type references
// are written relative to the current namespace where that is unambiguous.
// Resolving the printed schema gives back s (for any s that Resolve
// produced).
//
// FromSchema fails with KindNotRepresentable if s cannot be written down:
// an entity type name that is not a path of identifiers, an action whose
// type is not `Action` or `NS::Action`, an enumerated type without
// choices, an annotation key that is not an identifier, or a nil type.
func FromSchema(s *syntax.Schema) (*File, error) {
	c := &fromSchema{byNS: map[string]*Namespace{}}
	var names []string
	for name := range s.EntityTypes {
		names = append(names, string(name))
	}
	sort.Strings(names)
	for _, name := range names {
		et := s.EntityTypes[syntax.EntityType(name)]
		if !isNormalizedName(name) {
			return nil, c.fail("entity type name " + syntax.Quote(name) + " is not a valid Cedar name")
		}
		ns := syntax.EntityType(name).Namespace()
		d := &EntityDecl{Names: []Ident{{Value: syntax.EntityType(name).Basename()}}, Annotations: c.annotations(et.Annotations)}
		if et.IsEnum() {
			if len(et.Enum) == 0 {
				return nil, c.fail("enumerated entity type " + name + " has no choices")
			}
			d.IsEnum = true
			for _, e := range et.Enum {
				d.Enum = append(d.Enum, EnumChoice{Value: e})
			}
		} else {
			for _, p := range et.MemberOfTypes {
				d.MemberOf = append(d.MemberOf, Name{Value: c.relative(p, ns)})
			}
			if et.Shape != nil && len(et.Shape.Attrs) > 0 {
				d.Shape = c.typ(et.Shape, ns)
			}
			if et.Tags != nil {
				d.Tags = c.typ(et.Tags, ns)
			}
		}
		c.add(ns, d)
	}
	uids := make([]syntax.EntityUID, 0, len(s.Actions))
	for uid := range s.Actions {
		uids = append(uids, uid)
	}
	uids = sortedUIDs(uids)
	for _, uid := range uids {
		a := s.Actions[uid]
		if !uid.Type.IsAction() || !isNormalizedName(string(uid.Type)) {
			return nil, c.fail("action " + uid.String() + " does not have an action type (Action or NS::Action)")
		}
		ns := uid.Type.Namespace()
		d := &ActionDecl{Names: []ActionName{{Value: uid.ID, Quoted: true}}, Annotations: c.annotations(a.Annotations)}
		for _, g := range a.MemberOf {
			ref := ActionRef{ID: g.ID, Quoted: true}
			if g.Type != uid.Type {
				ref.Type = Name{Value: string(g.Type)}
			}
			d.MemberOf = append(d.MemberOf, ref)
		}
		if at := a.AppliesTo; at != nil {
			ad := &AppliesToDecl{}
			for _, t := range at.PrincipalTypes {
				ad.Principal = append(ad.Principal, Name{Value: c.relative(t, ns)})
			}
			for _, t := range at.ResourceTypes {
				ad.Resource = append(ad.Resource, Name{Value: c.relative(t, ns)})
			}
			ctx := at.Context
			if ctx == nil {
				ctx = &syntax.RecordType{}
			}
			ad.Context = c.typ(ctx, ns)
			d.AppliesTo = ad
		}
		c.add(ns, d)
	}
	if c.err != nil {
		return nil, syntax.ErrorList{c.err}
	}
	f := &File{}
	var nss []string
	for ns := range c.byNS {
		nss = append(nss, ns)
	}
	sort.Strings(nss)
	for _, ns := range nss {
		f.Namespaces = append(f.Namespaces, c.byNS[ns])
	}
	return f, nil
}

type fromSchema struct {
	byNS map[string]*Namespace
	err  *syntax.Error
}

func (c *fromSchema) fail(msg string) error {
	if c.err == nil {
		c.err = errorf(syntax.Pos{}, KindNotRepresentable, msg)
	}
	return syntax.ErrorList{c.err}
}

func (c *fromSchema) add(ns string, d Decl) {
	n := c.byNS[ns]
	if n == nil {
		n = &Namespace{Name: Name{Value: ns}, Braced: ns != ""}
		c.byNS[ns] = n
	}
	n.Decls = append(n.Decls, d)
}

// annotations checks that annotation keys are identifiers, as both
// formats require.
func (c *fromSchema) annotations(as []syntax.Annotation) []syntax.Annotation {
	for _, a := range as {
		if !syntax.IsIdent(a.Key) {
			c.fail("annotation key " + syntax.Quote(a.Key) + " is not an identifier")
		}
	}
	return as
}

// relative names entity type t from namespace ns: its basename if it is
// declared in ns, its full name otherwise.
func (c *fromSchema) relative(t syntax.EntityType, ns string) string {
	if ns != "" && t.Namespace() == ns {
		return t.Basename()
	}
	return string(t)
}

func (c *fromSchema) typ(t syntax.Type, ns string) TypeExpr {
	switch t := t.(type) {
	case *syntax.PrimitiveType:
		return &PrimitiveTypeExpr{Kind: t.Kind}
	case *syntax.ExtensionType:
		return &ExtensionTypeExpr{Name: t.Name}
	case *syntax.EntityRefType:
		if !isNormalizedName(string(t.Name)) {
			c.fail("entity type name " + syntax.Quote(string(t.Name)) + " is not a valid Cedar name")
		}
		return &NamedType{Name: c.relative(t.Name, ns), Kind: RefEntity}
	case *syntax.SetType:
		return &SetTypeExpr{Elem: c.typ(t.Elem, ns)}
	case *syntax.RecordType:
		r := &RecordTypeExpr{Attrs: []*AttrDecl{}}
		names := make([]string, 0, len(t.Attrs))
		for n := range t.Attrs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			a := t.Attrs[n]
			if a == nil {
				c.fail("attribute " + syntax.Quote(n) + " has no type")
				continue
			}
			r.Attrs = append(r.Attrs, &AttrDecl{Name: n, Required: a.Required, Annotations: c.annotations(a.Annotations), Type: c.typ(a.Type, ns)})
		}
		return r
	}
	c.fail("a schema type is missing")
	return &RecordTypeExpr{}
}

// CedarText prints a resolved schema in the Cedar schema text format.
func CedarText(s *syntax.Schema) ([]byte, error) {
	f, err := FromSchema(s)
	if err != nil {
		return nil, err
	}
	return PrintCedar(f)
}

// JSONText prints a resolved schema in the JSON schema format.
func JSONText(s *syntax.Schema) ([]byte, error) {
	f, err := FromSchema(s)
	if err != nil {
		return nil, err
	}
	return PrintJSON(f)
}

// Save writes a resolved schema to path, in JSON if the name ends in
// ".json" and in the text format otherwise. The file is written atomically:
// to a temporary file in the same directory, then renamed into place.
func Save(path string, s *syntax.Schema) error {
	var data []byte
	var err error
	if IsJSONPath(path) {
		data, err = JSONText(s)
	} else {
		data, err = CedarText(s)
	}
	if err != nil {
		return err
	}
	return writeFileAtomic(path, data)
}

func writeFileAtomic(path string, data []byte) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+strings.TrimPrefix(base, ".")+".tmp*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	serr := tmp.Sync()
	cerr := tmp.Close()
	for _, e := range []error{werr, serr, cerr} {
		if e != nil {
			os.Remove(name)
			return e
		}
	}
	if err := os.Chmod(name, 0o644); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
