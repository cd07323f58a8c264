package generators

import (
	"slices"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// schemaInfo is a generated schema plus the orderings and closures the
// later generators need. Go maps have no order, so everything the
// generators iterate over is kept here in slices.
type schemaInfo struct {
	schema *syntax.Schema
	// types lists the entity types in generation order. A type's
	// memberOfTypes are itself or types later in the list, so the type
	// graph has no cycle other than self loops.
	types []syntax.EntityType
	// actions lists the actions that apply to requests; groups the action
	// groups, which apply to none.
	actions []syntax.EntityUID
	groups  []syntax.EntityUID
	// all lists the actions, then the groups (read only).
	all []syntax.EntityUID
	// ancestorTypes[T] holds every type an entity of type T can have as a
	// (transitive) ancestor.
	ancestorTypes map[syntax.EntityType]map[syntax.EntityType]bool
	// actionAncestors[a] holds the transitive groups of action a.
	actionAncestors map[syntax.EntityUID][]syntax.EntityUID
}

// def returns the declaration of entity type t.
func (si *schemaInfo) def(t syntax.EntityType) *syntax.EntityTypeDef {
	return si.schema.EntityTypes[t]
}

// genSchema generates a schema: entity types (some in a namespace, some
// enumerated), a parent DAG between them, attributes and tags, and
// actions with groups and appliesTo.
func (g *gen) genSchema() *schemaInfo {
	s := g.s
	si := &schemaInfo{
		schema: &syntax.Schema{
			EntityTypes: map[syntax.EntityType]*syntax.EntityTypeDef{},
			Actions:     map[syntax.EntityUID]*syntax.ActionDef{},
		},
	}
	ns := ""
	if s.Namespaces && g.chance(30) {
		ns = pick(g.draw, namespacePool)
	}
	qualify := func(name string, pct int) syntax.EntityType {
		if ns != "" && g.chance(pct) {
			return syntax.EntityType(ns + "::" + name)
		}
		return syntax.EntityType(name)
	}

	n := g.between(2, s.EntityTypes)
	var buf [16]string
	names := distinctInto(g.draw, buf[:0], typeNamePool, n)
	for _, name := range names {
		si.types = append(si.types, qualify(name, 70))
	}
	// The same basename in two namespaces, since types compare by full
	// path. (Not in the empty namespace: a namespaced name may not
	// shadow one there.)
	if i := slices.IndexFunc(si.types, func(t syntax.EntityType) bool { return t.Namespace() != "" }); i >= 0 && g.chance(25) {
		other := pick(g.draw, slices.DeleteFunc(slices.Clone(namespacePool), func(n string) bool { return n == ns }))
		twin := syntax.EntityType(other + "::" + si.types[i].Basename())
		if !slices.Contains(si.types, syntax.EntityType(si.types[i].Basename())) {
			si.types = append(si.types, twin)
		}
	}
	rbac := s.Mode == ModeRBAC
	// The definitions and their shapes, allocated together.
	defs := make([]syntax.EntityTypeDef, len(si.types))
	shapes := make([]syntax.RecordType, len(si.types))
	for i, t := range si.types {
		def := &defs[i]
		def.Name, def.Shape = t, &shapes[i]
		si.schema.EntityTypes[t] = def
		// The first type is never an enum so that every schema has a type
		// with attributes to talk about.
		if s.EnumTypes && !rbac && i > 0 && g.chance(15) {
			def.Enum = distinct(g.draw, enumPool, g.between(1, 3))
			shapes[i].Attrs = map[string]*syntax.AttributeType{}
			continue
		}
		def.MemberOfTypes = g.genMemberOf(si, i)
		nattrs := g.between(0, s.MaxWidth+1)
		if rbac {
			nattrs = g.intn(2)
		}
		var attrs [8]string
		names := distinctInto(g.draw, attrs[:0], attrNamePool, nattrs)
		types := make([]syntax.AttributeType, len(names))
		shapes[i].Attrs = make(map[string]*syntax.AttributeType, len(names))
		for j, a := range names {
			types[j] = syntax.AttributeType{Type: g.genSchemaType(si, 0), Required: !g.chance(30)}
			def.Shape.Attrs[a] = &types[j]
		}
		if s.Tags && g.chance(30) {
			def.Tags = g.genTagType()
		}
	}
	si.computeAncestorTypes()
	g.genActions(si, ns)
	return si
}

// genMemberOf chooses the parent types of the i-th type: non-enum types
// later in the list, or the type itself.
func (g *gen) genMemberOf(si *schemaInfo, i int) []syntax.EntityType {
	var cands []syntax.EntityType
	for j := i; j < len(si.types); j++ {
		// Types after i are not declared yet; they are decided to be
		// enums or not after this one, so enum-ness is checked later
		// (dropEnumParents).
		cands = append(cands, si.types[j])
	}
	k := g.intn(3)
	if g.s.Mode == ModeRBAC {
		k = g.between(1, 3)
	}
	return distinct(g.draw, cands, min(k, len(cands)))
}

// genSchemaType generates the type of an attribute.
func (g *gen) genSchemaType(si *schemaInfo, depth int) syntax.Type {
	weights := []int{4, 4, 3, 2, 1, 3, 0}
	if depth >= 1 {
		weights[4] = 0 // no records in records in records
	}
	if g.s.Extensions {
		weights[6] = 5
	}
	switch g.weighted(weights) {
	case 0:
		return &syntax.PrimitiveType{Kind: syntax.LongType}
	case 1:
		return &syntax.PrimitiveType{Kind: syntax.StringType}
	case 2:
		return &syntax.PrimitiveType{Kind: syntax.BoolType}
	case 3:
		var elem syntax.Type
		w := []int{3, 3, 3, 0, 0}
		if g.s.Extensions {
			w[3] = 1
		}
		if depth == 0 {
			w[4] = 1 // sets of sets, one level
		}
		switch g.weighted(w) {
		case 0:
			elem = &syntax.PrimitiveType{Kind: syntax.LongType}
		case 1:
			elem = &syntax.PrimitiveType{Kind: syntax.StringType}
		case 2:
			elem = &syntax.EntityRefType{Name: pick(g.draw, si.types)}
		case 3:
			elem = &syntax.ExtensionType{Name: pick(g.draw, extTypes)}
		default:
			elem = &syntax.SetType{Elem: &syntax.PrimitiveType{Kind: syntax.LongType}}
		}
		return &syntax.SetType{Elem: elem}
	case 4:
		rt := &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{}}
		var attrs [8]string
		for _, a := range distinctInto(g.draw, attrs[:0], attrNamePool, g.between(1, g.s.MaxWidth)) {
			rt.Attrs[a] = &syntax.AttributeType{Type: g.genSchemaType(si, depth+1), Required: !g.chance(25)}
		}
		return rt
	case 5:
		return &syntax.EntityRefType{Name: pick(g.draw, si.types)}
	default:
		return &syntax.ExtensionType{Name: pick(g.draw, extTypes)}
	}
}

// genTagType generates the type of the tags of an entity type.
func (g *gen) genTagType() syntax.Type {
	switch g.intn(3) {
	case 0:
		return &syntax.PrimitiveType{Kind: syntax.StringType}
	case 1:
		return &syntax.PrimitiveType{Kind: syntax.LongType}
	default:
		return &syntax.SetType{Elem: &syntax.PrimitiveType{Kind: syntax.StringType}}
	}
}

// computeAncestorTypes drops parent types that turned out to be enums
// (enumerated entities have no children) and closes memberOfTypes
// transitively.
func (si *schemaInfo) computeAncestorTypes() {
	for _, t := range si.types {
		def := si.def(t)
		def.MemberOfTypes = slices.DeleteFunc(def.MemberOfTypes, func(p syntax.EntityType) bool {
			return si.def(p).IsEnum()
		})
		if len(def.MemberOfTypes) == 0 {
			def.MemberOfTypes = nil
		}
	}
	si.ancestorTypes = make(map[syntax.EntityType]map[syntax.EntityType]bool, len(si.types))
	// Parents come later in the list (or are the type itself), so a pass
	// from the end sees every parent's closure complete.
	for i := len(si.types) - 1; i >= 0; i-- {
		t := si.types[i]
		set := map[syntax.EntityType]bool{}
		for _, p := range si.def(t).MemberOfTypes {
			set[p] = true
			for a := range si.ancestorTypes[p] {
				set[a] = true
			}
		}
		si.ancestorTypes[t] = set
	}
}

// genActions generates the action groups and the actions, with
// appliesTo drawn from the entity types.
func (g *gen) genActions(si *schemaInfo, ns string) {
	actionType := syntax.EntityType("Action")
	if ns != "" && g.chance(60) {
		actionType = syntax.EntityType(ns + "::Action")
	}
	// The validator shapes' schemas (the validation target's) have
	// groups, and chains of them, more often: entity validation closes
	// an action's groups through the given action entities, which only a
	// group in a group tells apart from a closure through the schema.
	groupChance, minGroups, chainChance := 60, 1, 60
	if g.s.ValidatorShapes {
		groupChance, minGroups, chainChance = 90, 2, 85
	}
	if g.s.ActionGroups && g.chance(groupChance) {
		n := g.between(minGroups, 2)
		if g.chance(30) {
			n = len(groupNamePool)
		}
		var names [4]string
		for _, name := range distinctInto(g.draw, names[:0], groupNamePool, n) {
			uid := syntax.NewEntityUID(actionType, name)
			si.groups = append(si.groups, uid)
			si.schema.Actions[uid] = &syntax.ActionDef{UID: uid}
		}
		// A group may itself be in the next group, which makes chains
		// as deep as there are groups, and sometimes in a later one
		// too (a group in two groups).
		for i := 0; i+1 < len(si.groups); i++ {
			if g.chance(chainChance) {
				d := si.schema.Actions[si.groups[i]]
				d.MemberOf = append(d.MemberOf, si.groups[i+1])
				if i+2 < len(si.groups) && g.chance(30) {
					d.MemberOf = append(d.MemberOf, pick(g.draw, si.groups[i+2:]))
				}
			}
		}
	}
	var names [8]string
	for _, name := range distinctInto(g.draw, names[:0], actionNamePool, g.between(1, g.s.Actions)) {
		uid := syntax.NewEntityUID(actionType, name)
		ad := &syntax.ActionDef{UID: uid}
		if len(si.groups) > 0 {
			ad.MemberOf = distinct(g.draw, si.groups, g.intn(len(si.groups)+1))
		}
		// An action may also be in an earlier action that applies to
		// requests itself (no cycles: only earlier ones).
		if g.s.ActionGroups && len(si.actions) > 0 && g.chance(20) {
			ad.MemberOf = append(ad.MemberOf, pick(g.draw, si.actions))
		}
		ad.AppliesTo = &syntax.AppliesTo{
			PrincipalTypes: distinct(g.draw, si.types, g.between(1, 2)),
			ResourceTypes:  distinct(g.draw, si.types, g.between(1, 2)),
			Context:        g.genContextType(si),
		}
		si.actions = append(si.actions, uid)
		si.schema.Actions[uid] = ad
	}
	si.all = append(slices.Clone(si.actions), si.groups...)
	si.actionAncestors = map[syntax.EntityUID][]syntax.EntityUID{}
	for _, a := range append(slices.Clone(si.groups), si.actions...) {
		si.actionAncestors[a] = si.closeActionParents(a)
	}
}

// closeActionParents returns the transitive groups of action a, in a
// deterministic order.
func (si *schemaInfo) closeActionParents(a syntax.EntityUID) []syntax.EntityUID {
	var out []syntax.EntityUID
	seen := map[syntax.EntityUID]bool{}
	var walk func(syntax.EntityUID)
	walk = func(u syntax.EntityUID) {
		for _, p := range si.schema.Actions[u].MemberOf {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
				walk(p)
			}
		}
	}
	walk(a)
	return out
}

// genContextType generates the context record type of an action.
func (g *gen) genContextType(si *schemaInfo) *syntax.RecordType {
	n := g.between(0, g.s.MaxWidth)
	if g.s.Mode == ModeRBAC {
		n = g.intn(2)
	}
	var attrs [8]string
	names := distinctInto(g.draw, attrs[:0], attrNamePool, n)
	rt := &syntax.RecordType{Attrs: make(map[string]*syntax.AttributeType, len(names))}
	types := make([]syntax.AttributeType, len(names)) // allocated together
	for i, a := range names {
		types[i] = syntax.AttributeType{Type: g.genSchemaType(si, 0), Required: !g.chance(25)}
		rt.Attrs[a] = &types[i]
	}
	return rt
}

// attr is an attribute of a record type and its name.
type attr struct {
	name string
	*syntax.AttributeType
}

// attrs returns the attributes of rt sorted by name, computed once per
// record type of the test: the schema's record types do not change once
// built. The result must not be modified.
func (g *gen) attrs(rt *syntax.RecordType) []attr {
	if as, ok := g.attrCache[rt]; ok && len(as) == len(rt.Attrs) {
		return as
	}
	as := make([]attr, 0, len(rt.Attrs))
	for k, at := range rt.Attrs {
		as = append(as, attr{k, at})
	}
	slices.SortFunc(as, func(a, b attr) int { return strings.Compare(a.name, b.name) })
	if g.attrCache == nil {
		g.attrCache = map[*syntax.RecordType][]attr{}
	}
	g.attrCache[rt] = as
	return as
}

// sortedAttrs returns the attribute names of a record type in sorted
// order, so that generation does not depend on map iteration.
func sortedAttrs(rt *syntax.RecordType) []string {
	keys := make([]string, 0, len(rt.Attrs))
	for k := range rt.Attrs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
