package schema

import (
	"sort"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// builtinTypes are the types of the `__cedar` namespace. Unless the empty
// namespace declares an entity or common type of the same name, each is
// also reachable by its bare name.
var builtinTypes = map[string]syntax.Type{
	"Bool":     &syntax.PrimitiveType{Kind: syntax.BoolType},
	"Long":     &syntax.PrimitiveType{Kind: syntax.LongType},
	"String":   &syntax.PrimitiveType{Kind: syntax.StringType},
	"ipaddr":   &syntax.ExtensionType{Name: "ipaddr"},
	"decimal":  &syntax.ExtensionType{Name: "decimal"},
	"datetime": &syntax.ExtensionType{Name: "datetime"},
	"duration": &syntax.ExtensionType{Name: "duration"},
}

// reservedCommonTypeNames cannot name a common type, in either format,
// because the JSON format would read them as its own type keywords.
var reservedCommonTypeNames = map[string]bool{
	"Bool": true, "Boolean": true, "Entity": true, "Extension": true,
	"Long": true, "Record": true, "Set": true, "String": true,
}

const cedarNamespace = "__cedar"

// Resolve checks the schema f and returns its resolved form. Names are
// looked up as Cedar looks them up: an unqualified name N used in
// namespace NS means NS::N if that is declared and N otherwise; at each of
// these a common type wins over an entity type, and the built-in types are
// the common types of `__cedar` (also reachable unqualified, unless the
// empty namespace declares the name itself). Common types are inlined; the
// resulting syntax.Type values may be shared between several uses and must
// be treated as immutable.
//
// Sets of names in the result (memberOfTypes, memberOf, principal and
// resource types) are deduplicated and sorted; annotations are sorted by
// key and always have a value ("" when none was written); an action that
// applies to no request (no appliesTo, or an empty principal or resource
// list) has a nil AppliesTo.
func Resolve(f *File) (*syntax.Schema, error) {
	r := &resolver{
		commons:     map[string]*commonDef{},
		entities:    map[string]*entityDef{},
		actions:     map[syntax.EntityUID]*actionDef{},
		actionTypes: map[string]bool{},
		aliases:     map[string]bool{},
		commonTypes: map[string]syntax.Type{},
		inProgress:  map[string]bool{},
	}
	r.collect(f)
	if len(r.errs) == 0 {
		r.checkShadowing()
	}
	if len(r.errs) > 0 {
		return nil, r.errs
	}
	for name := range builtinTypes {
		if r.entities[name] == nil && r.commons[name] == nil {
			r.aliases[name] = true
		}
	}
	s := r.resolveAll()
	if len(r.errs) > 0 {
		return nil, r.errs
	}
	r.checkActionCycles(s)
	if len(r.errs) > 0 {
		return nil, r.errs
	}
	return s, nil
}

type commonDef struct {
	ns   string
	decl *CommonTypeDecl
}

type entityDef struct {
	ns   string
	name Ident
	decl *EntityDecl
}

type actionDef struct {
	ns   string
	name ActionName
	decl *ActionDecl
}

type resolver struct {
	errs syntax.ErrorList

	// Declarations by fully qualified name, and their order.
	commons      map[string]*commonDef
	entities     map[string]*entityDef
	actions      map[syntax.EntityUID]*actionDef
	commonOrder  []string
	entityOrder  []string
	actionOrder  []syntax.EntityUID
	actionTypes  map[string]bool // NS::Action for each namespace with actions
	aliases      map[string]bool // built-in names reachable unqualified
	commonTypes  map[string]syntax.Type
	inProgress   map[string]bool
	namespaceSet map[string]syntax.Pos
}

func (r *resolver) errorf(pos syntax.Pos, kind, msg string) {
	r.errs = append(r.errs, errorf(pos, kind, msg))
}

func qualify(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + "::" + name
}

func hasCedarComponent(name string) bool {
	for _, part := range strings.Split(name, "::") {
		if part == cedarNamespace {
			return true
		}
	}
	return false
}

func actionType(ns string) syntax.EntityType { return syntax.EntityType(qualify(ns, "Action")) }

// collect registers every declaration, checking names and duplicates.
func (r *resolver) collect(f *File) {
	r.namespaceSet = map[string]syntax.Pos{}
	for _, n := range f.Namespaces {
		ns := n.Name.Value
		if n.Braced {
			if prev, dup := r.namespaceSet[ns]; dup {
				r.errorf(n.Name.Pos, KindDuplicateNamespace, "namespace "+ns+" is declared twice (first at "+prev.String()+")")
				continue
			}
			r.namespaceSet[ns] = n.Name.Pos
			if hasCedarComponent(ns) {
				r.errorf(n.Name.Pos, KindReservedName, "namespace "+ns+" uses the reserved name __cedar")
				continue
			}
		}
		for _, d := range n.Decls {
			r.collectDecl(ns, d)
		}
	}
}

func (r *resolver) collectDecl(ns string, d Decl) {
	switch d := d.(type) {
	case *CommonTypeDecl:
		name := d.Name.Value
		switch {
		case name == cedarNamespace:
			r.errorf(d.Name.Pos, KindReservedName, "__cedar is reserved and cannot name a common type")
			return
		case reservedCommonTypeNames[name]:
			r.errorf(d.Name.Pos, KindReservedTypeName, name+" is reserved and cannot name a common type")
			return
		}
		fq := qualify(ns, name)
		if prev := r.commons[fq]; prev != nil {
			r.errorf(d.Name.Pos, KindDuplicateCommonType, "common type "+fq+" is declared twice (first at "+prev.decl.Name.Pos.String()+")")
			return
		}
		r.commons[fq] = &commonDef{ns: ns, decl: d}
		r.commonOrder = append(r.commonOrder, fq)
	case *EntityDecl:
		for _, id := range d.Names {
			switch id.Value {
			case cedarNamespace:
				r.errorf(id.Pos, KindReservedName, "__cedar is reserved and cannot name an entity type")
				continue
			case "Action":
				r.errorf(id.Pos, KindActionTypeDeclared, "the entity type Action is implicit and cannot be declared")
				continue
			}
			fq := qualify(ns, id.Value)
			if prev := r.entities[fq]; prev != nil {
				r.errorf(id.Pos, KindDuplicateEntityType, "entity type "+fq+" is declared twice (first at "+prev.name.Pos.String()+")")
				continue
			}
			r.entities[fq] = &entityDef{ns: ns, name: id, decl: d}
			r.entityOrder = append(r.entityOrder, fq)
		}
	case *ActionDecl:
		for _, an := range d.Names {
			uid := syntax.EntityUID{Type: actionType(ns), ID: an.Value}
			if prev := r.actions[uid]; prev != nil {
				r.errorf(an.Pos, KindDuplicateAction, "action "+uid.String()+" is declared twice (first at "+prev.name.Pos.String()+")")
				continue
			}
			r.actions[uid] = &actionDef{ns: ns, name: an, decl: d}
			r.actionOrder = append(r.actionOrder, uid)
			r.actionTypes[string(uid.Type)] = true
		}
	}
}

// checkShadowing applies RFC 70: a declaration in a namespace may not
// have the basename of an entity type, common type or action declared in
// the empty namespace.
func (r *resolver) checkShadowing() {
	unqualified := map[string]bool{}
	for name := range r.entities {
		if !strings.Contains(name, "::") {
			unqualified[name] = true
		}
	}
	for name := range r.commons {
		if !strings.Contains(name, "::") {
			unqualified[name] = true
		}
	}
	check := func(fq string, pos syntax.Pos) {
		if i := strings.LastIndex(fq, "::"); i >= 0 && unqualified[fq[i+2:]] {
			r.errorf(pos, KindShadowedType, "definition of "+fq+" illegally shadows the existing definition of "+fq[i+2:])
		}
	}
	for _, fq := range r.commonOrder {
		check(fq, r.commons[fq].decl.Name.Pos)
	}
	for _, fq := range r.entityOrder {
		check(fq, r.entities[fq].name.Pos)
	}
	for _, uid := range r.actionOrder {
		if uid.Type == "Action" {
			continue
		}
		if r.actions[syntax.EntityUID{Type: "Action", ID: uid.ID}] != nil {
			r.errorf(r.actions[uid].name.Pos, KindShadowedAction, "definition of "+uid.String()+" illegally shadows the existing definition of Action::"+syntax.Quote(uid.ID))
		}
	}
}

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
		ok := true
		for _, a := range t.Attrs {
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

func (r *resolver) resolveAll() *syntax.Schema {
	s := &syntax.Schema{
		EntityTypes: make(map[syntax.EntityType]*syntax.EntityTypeDef, len(r.entities)),
		Actions:     make(map[syntax.EntityUID]*syntax.ActionDef, len(r.actions)),
	}
	// Every common type is resolved, used or not, so its errors are found.
	for _, fq := range r.commonOrder {
		r.common(fq)
	}
	for _, fq := range r.entityOrder {
		def := r.entities[fq]
		d := def.decl
		et := &syntax.EntityTypeDef{Name: syntax.EntityType(fq), Annotations: resolveAnnotations(d.Annotations)}
		if d.IsEnum {
			et.Shape = &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{}}
			et.Enum = []string{}
			seen := map[string]bool{}
			for _, c := range d.Enum {
				if !seen[c.Value] {
					seen[c.Value] = true
					et.Enum = append(et.Enum, c.Value)
				}
			}
			s.EntityTypes[et.Name] = et
			continue
		}
		var parents []syntax.EntityType
		for _, n := range d.MemberOf {
			if p, ok := r.entityTypeRef(n, def.ns); ok {
				parents = append(parents, p)
			}
		}
		et.MemberOfTypes = sortedTypes(parents)
		if d.Shape == nil {
			et.Shape = &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{}}
		} else if t := r.typ(d.Shape, def.ns); t != nil {
			rec, ok := t.(*syntax.RecordType)
			if !ok {
				r.errorf(d.Shape.Position(), KindShapeNotRecord, "the shape of entity type "+fq+" must be a record type")
			}
			et.Shape = rec
		}
		if d.Tags != nil {
			et.Tags = r.typ(d.Tags, def.ns)
		}
		s.EntityTypes[et.Name] = et
	}
	for _, uid := range r.actionOrder {
		def := r.actions[uid]
		d := def.decl
		ad := &syntax.ActionDef{UID: uid, Annotations: resolveAnnotations(d.Annotations)}
		var groups []syntax.EntityUID
		for _, ref := range d.MemberOf {
			if g, ok := r.actionRef(ref, def.ns); ok {
				groups = append(groups, g)
			}
		}
		ad.MemberOf = sortedUIDs(groups)
		if at := d.AppliesTo; at != nil {
			var ps, rs []syntax.EntityType
			for _, n := range at.Principal {
				if t, ok := r.entityTypeRef(n, def.ns); ok {
					ps = append(ps, t)
				}
			}
			for _, n := range at.Resource {
				if t, ok := r.entityTypeRef(n, def.ns); ok {
					rs = append(rs, t)
				}
			}
			ctx := &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{}}
			if at.Context != nil {
				if t := r.typ(at.Context, def.ns); t != nil {
					rec, ok := t.(*syntax.RecordType)
					if !ok {
						r.errorf(at.Context.Position(), KindContextNotRecord, "the context of action "+uid.String()+" must be a record type")
					}
					ctx = rec
				}
			}
			if len(at.Principal) > 0 && len(at.Resource) > 0 {
				ad.AppliesTo = &syntax.AppliesTo{PrincipalTypes: sortedTypes(ps), ResourceTypes: sortedTypes(rs), Context: ctx}
			}
		}
		s.Actions[uid] = ad
	}
	return s
}

// actionRef resolves an action group reference made in namespace ns.
func (r *resolver) actionRef(ref ActionRef, ns string) (syntax.EntityUID, bool) {
	typ := ref.Type.Value
	if typ == "" {
		typ = "Action"
	}
	candidates := []string{typ}
	if ns != "" && !strings.Contains(typ, "::") {
		candidates = []string{qualify(ns, typ), typ}
	}
	for _, c := range candidates {
		uid := syntax.EntityUID{Type: syntax.EntityType(c), ID: ref.ID}
		if r.actions[uid] != nil {
			return uid, true
		}
	}
	r.errorf(ref.Pos, KindUndefinedAction, "action group "+syntax.EntityUID{Type: syntax.EntityType(candidates[0]), ID: ref.ID}.String()+" is not declared")
	return syntax.EntityUID{}, false
}

// checkActionCycles rejects an action hierarchy with a cycle, including an
// action that is a member of itself.
func (r *resolver) checkActionCycles(s *syntax.Schema) {
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[syntax.EntityUID]int{}
	var visit func(u syntax.EntityUID) bool
	visit = func(u syntax.EntityUID) bool {
		switch state[u] {
		case visiting:
			return false
		case done:
			return true
		}
		state[u] = visiting
		if a := s.Actions[u]; a != nil {
			for _, g := range a.MemberOf {
				if !visit(g) {
					return false
				}
			}
		}
		state[u] = done
		return true
	}
	for _, uid := range r.actionOrder {
		if !visit(uid) {
			r.errorf(r.actions[uid].name.Pos, KindActionCycle, "the action hierarchy has a cycle through "+uid.String())
			return
		}
	}
}

// resolveAnnotations gives the canonical form of annotations in a resolved
// schema: sorted by key, a value always present, no positions.
func resolveAnnotations(in []syntax.Annotation) []syntax.Annotation {
	if len(in) == 0 {
		return nil
	}
	out := make([]syntax.Annotation, len(in))
	for i, a := range in {
		out[i] = syntax.Annotation{Key: a.Key, Value: a.Value, HasValue: true}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func sortedTypes(in []syntax.EntityType) []syntax.EntityType {
	if len(in) == 0 {
		return nil
	}
	sort.Slice(in, func(i, j int) bool { return in[i] < in[j] })
	out := in[:1]
	for _, t := range in[1:] {
		if t != out[len(out)-1] {
			out = append(out, t)
		}
	}
	return out
}

func sortedUIDs(in []syntax.EntityUID) []syntax.EntityUID {
	if len(in) == 0 {
		return nil
	}
	sort.Slice(in, func(i, j int) bool {
		if in[i].Type != in[j].Type {
			return in[i].Type < in[j].Type
		}
		return in[i].ID < in[j].ID
	})
	out := in[:1]
	for _, u := range in[1:] {
		if u != out[len(out)-1] {
			out = append(out, u)
		}
	}
	return out
}
