package generators

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// storeInfo is a generated entity hierarchy plus the indexes the policy
// and request generators draw from.
type storeInfo struct {
	// entities holds the entities, action entities last.
	entities []*syntax.EntityData
	// byType lists the uids of each non-action entity type, in order.
	byType map[syntax.EntityType][]syntax.EntityUID
	// ancestors holds the transitive ancestors of each non-action entity.
	ancestors map[syntax.EntityUID][]syntax.EntityUID
	// children lists the entities that have a given ancestor (transitively).
	descendants map[syntax.EntityUID][]syntax.EntityUID
}

// genEntities generates a few entities of every type whose parents
// respect memberOfTypes and form no cycle, with attribute and tag values
// of the declared types, and then the action entities of the schema.
func (g *gen) genEntities(si *schemaInfo) *storeInfo {
	st := &storeInfo{
		byType:      map[syntax.EntityType][]syntax.EntityUID{},
		ancestors:   map[syntax.EntityUID][]syntax.EntityUID{},
		descendants: map[syntax.EntityUID][]syntax.EntityUID{},
	}
	g.st = st
	total := 0
	for _, t := range si.types {
		def := si.def(t)
		var buf [8]string
		var ids []string
		if def.IsEnum() {
			ids = distinctInto(g.draw, buf[:0], def.Enum, g.between(1, len(def.Enum)))
		} else {
			n := g.between(1, g.s.EntitiesPerType)
			if g.s.Mode == ModeRBAC {
				n = g.between(2, g.s.EntitiesPerType+1)
			}
			ids = distinctInto(g.draw, buf[:0], idPool, n)
		}
		uids := make([]syntax.EntityUID, len(ids))
		for i, id := range ids {
			uids[i] = syntax.NewEntityUID(t, id)
		}
		st.byType[t] = uids
		total += len(uids)
	}
	// Parents first: values may reference any entity, and the parent
	// choice needs every uid to exist.
	parents := map[syntax.EntityUID][]syntax.EntityUID{}
	for _, t := range si.types {
		def := si.def(t)
		for i, uid := range st.byType[t] {
			for _, pt := range def.MemberOfTypes {
				cands := st.byType[pt]
				if pt == t {
					// Only later entities of the same type: no cycles.
					cands = cands[i+1:]
				}
				k := g.intn(3)
				if g.s.Mode == ModeRBAC {
					k = g.between(1, 2)
				}
				parents[uid] = distinctInto(g.draw, parents[uid], cands, k)
			}
		}
	}
	// The entity data in one allocation, actions included.
	data := make([]syntax.EntityData, total+len(si.groups)+len(si.actions))
	st.entities = make([]*syntax.EntityData, 0, len(data))
	for _, t := range si.types {
		def := si.def(t)
		for _, uid := range st.byType[t] {
			ed := &data[len(st.entities)]
			*ed = syntax.EntityData{UID: uid, Parents: parents[uid]}
			if !def.IsEnum() {
				ed.Attrs = g.genRecordFields(def.Shape)
				if def.Tags != nil {
					ed.Tags = []syntax.Field{}
					var keys [4]string
					for _, k := range distinctInto(g.draw, keys[:0], tagKeyPool, g.intn(4)) {
						ed.Tags = append(ed.Tags, syntax.Field{Key: k, Value: g.genData(def.Tags, 0)})
					}
				}
			}
			st.entities = append(st.entities, ed)
		}
	}
	st.closeAncestors(parents, si.types)
	for _, a := range append(slices.Clone(si.groups), si.actions...) {
		ed := &data[len(st.entities)]
		*ed = syntax.EntityData{UID: a, Parents: slices.Clone(si.schema.Actions[a].MemberOf)}
		st.entities = append(st.entities, ed)
	}
	return st
}

// tagKeyPool holds tag keys; policies use the same keys.
var tagKeyPool = []string{"a", "admin", "read", "", "x y", "level"}

// closeAncestors computes the transitive ancestors of every entity.
func (st *storeInfo) closeAncestors(parents map[syntax.EntityUID][]syntax.EntityUID, types []syntax.EntityType) {
	var visit func(u syntax.EntityUID) []syntax.EntityUID
	visit = func(u syntax.EntityUID) []syntax.EntityUID {
		if a, ok := st.ancestors[u]; ok {
			return a
		}
		var out []syntax.EntityUID
		for _, p := range parents[u] {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
			for _, a := range visit(p) {
				if !slices.Contains(out, a) {
					out = append(out, a)
				}
			}
		}
		st.ancestors[u] = out
		return out
	}
	for _, t := range types {
		for _, u := range st.byType[t] {
			for _, a := range visit(u) {
				st.descendants[a] = append(st.descendants[a], u)
			}
		}
	}
}

// genRecordFields generates the fields of a record value of type rt:
// every required attribute and most optional ones.
func (g *gen) genRecordFields(rt *syntax.RecordType) []syntax.Field {
	attrs := g.attrs(rt)
	fields := make([]syntax.Field, 0, len(attrs))
	for _, at := range attrs {
		if !at.Required && g.chance(30) {
			continue
		}
		fields = append(fields, syntax.Field{Key: at.name, Value: g.genData(at.Type, 0)})
	}
	return fields
}

// genData generates a restricted expression (a value in entity or
// context data) of schema type t.
func (g *gen) genData(t syntax.Type, depth int) syntax.Expr {
	switch t := t.(type) {
	case *syntax.PrimitiveType:
		switch t.Kind {
		case syntax.LongType:
			return g.longLiteral(g.longLit())
		case syntax.StringType:
			return g.pickString(stringValues)
		default:
			return g.boolLit(g.intn(2) == 1)
		}
	case *syntax.SetType:
		n := g.intn(g.s.MaxWidth + 1)
		if depth > 2 {
			n = 0
		}
		elems := []syntax.Expr{}
		for range n {
			elems = append(elems, g.genData(t.Elem, depth+1))
		}
		return &syntax.SetExpr{Elems: elems}
	case *syntax.RecordType:
		return &syntax.RecordExpr{Fields: g.genRecordFields(t)}
	case *syntax.EntityRefType:
		return g.entityLit(g.entityOf(t.Name))
	case *syntax.ExtensionType:
		return g.extLit(t.Name, false)
	}
	panic("generators: unknown schema type")
}

// longLit draws a Long: mostly an everyday one, sometimes one near the
// i64 bounds, now and then any i64.
func (g *gen) longLit() int64 {
	switch g.weighted([]int{80, 15, 5}) {
	case 0:
		return pick(g.draw, longCommon)
	case 1:
		return pick(g.draw, longEdge)
	}
	return int64(uint64(g.r.Int63())<<1) ^ g.r.Int63()
}

// entityOf returns an existing entity of type t (or, when the type has
// none, a made-up one).
func (g *gen) entityOf(t syntax.EntityType) syntax.EntityUID {
	if uids := g.st.byType[t]; len(uids) > 0 {
		return pick(g.draw, uids)
	}
	return syntax.NewEntityUID(t, pick(g.draw, idPool))
}

// extLit returns a constructor call of extension type ext with a valid
// literal, or an invalid one when invalid is set.
func (g *gen) extLit(ext string, invalid bool) *syntax.Call {
	pool := extValidValues[ext]
	if invalid {
		pool = extInvalidValues[ext]
	}
	return &syntax.Call{Name: extConstructor[ext], Args: g.args1(g.pickString(pool))}
}
