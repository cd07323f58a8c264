package schema

import (
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// isCommon and isEntity say what a fully qualified name is declared as.
func (r *resolver) isCommon(fq string) bool {
	if r.commons[fq] != nil || r.aliases[fq] {
		return true
	}
	base, ok := strings.CutPrefix(fq, cedarNamespace+"::")
	return ok && builtinTypes[base] != nil
}

func (r *resolver) isEntity(fq string) bool { return r.entities[fq] != nil || r.actionTypes[fq] }

// lookup resolves a type name used in namespace ns.
func (r *resolver) lookup(name, ns string, kind RefKind) (fq string, common, ok bool) {
	candidates := []string{name}
	if ns != "" && !strings.Contains(name, "::") {
		candidates = []string{qualify(ns, name), name}
	}
	for _, c := range candidates {
		if kind != RefEntity && r.isCommon(c) {
			return c, true, true
		}
		if kind != RefCommon && r.isEntity(c) {
			return c, false, true
		}
	}
	return "", false, false
}

func describeKind(k RefKind) string {
	switch k {
	case RefEntity:
		return "an entity type"
	case RefCommon:
		return "a common type"
	}
	return "a common or entity type"
}

// typ resolves a type used in namespace ns, inlining common types. It
// returns nil after recording an error.
func (r *resolver) typ(t TypeExpr, ns string) syntax.Type {
	switch t := t.(type) {
	case *PrimitiveTypeExpr:
		return &syntax.PrimitiveType{Kind: t.Kind}
	case *ExtensionTypeExpr:
		if !isExtensionName(t.Name) {
			r.errorf(t.Pos, KindUnknownExtension, "unknown extension type "+t.Name)
			return nil
		}
		return &syntax.ExtensionType{Name: t.Name}
	case *SetTypeExpr:
		elem := r.typ(t.Elem, ns)
		if elem == nil {
			return nil
		}
		return &syntax.SetType{Elem: elem}
	case *RecordTypeExpr:
		rec := &syntax.RecordType{Attrs: make(map[string]*syntax.AttributeType, len(t.Attrs))}
		// A repeated name (text format) keeps its last declaration, and
		// Cedar never looks at the earlier ones, not even to resolve them.
		last := make(map[string]int, len(t.Attrs))
		for i, a := range t.Attrs {
			last[a.Name] = i
		}
		ok := true
		for i, a := range t.Attrs {
			if last[a.Name] != i {
				continue
			}
			at := r.typ(a.Type, ns)
			if at == nil {
				ok = false
				continue
			}
			rec.Attrs[a.Name] = &syntax.AttributeType{Type: at, Required: a.Required, Annotations: resolveAnnotations(a.Annotations)}
		}
		if !ok {
			return nil
		}
		return rec
	case *NamedType:
		fq, common, ok := r.lookup(t.Name, ns, t.Kind)
		if !ok {
			r.errorf(t.Pos, KindUndefinedType, "failed to resolve type "+t.Name+": it is not declared as "+describeKind(t.Kind))
			return nil
		}
		if !common {
			return &syntax.EntityRefType{Name: syntax.EntityType(fq)}
		}
		return r.common(fq)
	}
	return nil
}

func isExtensionName(n string) bool {
	switch n {
	case "ipaddr", "decimal", "datetime", "duration":
		return true
	}
	return false
}

// common returns the inlined definition of the common type fq.
func (r *resolver) common(fq string) syntax.Type {
	if t, done := r.commonTypes[fq]; done {
		return t
	}
	def := r.commons[fq]
	if def == nil { // a built-in, qualified or through its alias
		return builtinTypes[strings.TrimPrefix(fq, cedarNamespace+"::")]
	}
	if r.inProgress[fq] {
		r.errorf(def.decl.Name.Pos, KindCommonTypeCycle, "common type "+fq+" is defined in terms of itself")
		r.commonTypes[fq] = nil
		return nil
	}
	r.inProgress[fq] = true
	t := r.typ(def.decl.Type, def.ns)
	delete(r.inProgress, fq)
	if _, done := r.commonTypes[fq]; !done {
		r.commonTypes[fq] = t
	}
	return r.commonTypes[fq]
}

// entityTypeRef resolves a name in memberOfTypes or appliesTo, which must
// be a declared entity type (not an action type).
func (r *resolver) entityTypeRef(n Name, ns string) (syntax.EntityType, bool) {
	fq, _, ok := r.lookup(n.Value, ns, RefEntity)
	if !ok {
		r.errorf(n.Pos, KindUndefinedType, "failed to resolve type "+n.Value+": it is not declared as an entity type")
		return "", false
	}
	if r.entities[fq] == nil {
		r.errorf(n.Pos, KindUndeclaredEntityType, fq+" is not a declared entity type")
		return "", false
	}
	return syntax.EntityType(fq), true
}
