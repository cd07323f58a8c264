package validator

import (
	"sort"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// schemaIndex is a schema with the transitive closures the typing rules
// need: which entity types may be ancestors of which, and which actions
// are ancestors of which.
type schemaIndex struct {
	schema          *syntax.Schema
	typeAncestors   map[syntax.EntityType]map[syntax.EntityType]bool
	actionAncestors map[syntax.EntityUID]map[syntax.EntityUID]bool
	actionTypes     map[syntax.EntityType]bool
	attrs           map[syntax.EntityType]RecordType // the shape of each entity type
	tags            map[syntax.EntityType]Type       // the tag type; absent when tags are not allowed
}

func newSchemaIndex(s *syntax.Schema) *schemaIndex {
	if s == nil {
		s = &syntax.Schema{}
	}
	ix := &schemaIndex{
		schema:          s,
		typeAncestors:   map[syntax.EntityType]map[syntax.EntityType]bool{},
		actionAncestors: map[syntax.EntityUID]map[syntax.EntityUID]bool{},
		actionTypes:     map[syntax.EntityType]bool{},
		attrs:           map[syntax.EntityType]RecordType{},
		tags:            map[syntax.EntityType]Type{},
	}
	for name, d := range s.EntityTypes {
		if d == nil {
			continue
		}
		ix.attrs[name] = fromSchemaRecord(d.Shape)
		if d.Tags != nil {
			ix.tags[name] = fromSchema(d.Tags)
		}
		ix.typeAncestors[name] = closure(name, func(t syntax.EntityType) []syntax.EntityType {
			if d := s.EntityTypes[t]; d != nil {
				return d.MemberOfTypes
			}
			return nil
		})
	}
	for uid := range s.Actions {
		ix.actionTypes[uid.Type] = true
		ix.actionAncestors[uid] = closure(uid, func(u syntax.EntityUID) []syntax.EntityUID {
			if d := s.Actions[u]; d != nil {
				return d.MemberOf
			}
			return nil
		})
	}
	return ix
}

// closure returns the nodes reachable from start by one or more parent
// steps. It terminates on cycles.
func closure[N comparable](start N, parents func(N) []N) map[N]bool {
	seen := map[N]bool{}
	stack := append([]N(nil), parents(start)...)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		stack = append(stack, parents(n)...)
	}
	return seen
}

// entityType returns the declaration of a non-action entity type.
func (ix *schemaIndex) entityType(t syntax.EntityType) (*syntax.EntityTypeDef, bool) {
	d, ok := ix.schema.EntityTypes[t]
	return d, ok && d != nil
}

// isAction reports whether uid is a declared action.
func (ix *schemaIndex) isAction(uid syntax.EntityUID) bool {
	_, ok := ix.schema.Actions[uid]
	return ok
}

// isValidEntityUID reports whether uid names an entity the schema allows:
// its type is declared and, for an enumerated type, its id is one of the
// enumerated ids.
func (ix *schemaIndex) isValidEntityUID(uid syntax.EntityUID) bool {
	d, ok := ix.entityType(uid.Type)
	if !ok {
		return false
	}
	return !d.IsEnum() || contains(d.Enum, uid.ID)
}

// isKnownUID is what an entity literal must be: a valid entity of a
// declared type, or a declared action.
func (ix *schemaIndex) isKnownUID(uid syntax.EntityUID) bool {
	return ix.isValidEntityUID(uid) || ix.isAction(uid)
}

// isKnownType reports whether t is a declared entity type or the type of
// a declared action.
func (ix *schemaIndex) isKnownType(t syntax.EntityType) bool {
	_, ok := ix.entityType(t)
	return ok || ix.actionTypes[t]
}

// typeDescendentOf reports whether an entity of type a may be a member of
// an entity of type b: a is b, or b is in the closure of a's
// memberOfTypes; for action types, whether some action of type a has an
// ancestor of type b.
func (ix *schemaIndex) typeDescendentOf(a, b syntax.EntityType) bool {
	if a == b {
		return true
	}
	if anc, ok := ix.typeAncestors[a]; ok {
		return anc[b]
	}
	for uid, anc := range ix.actionAncestors {
		if uid.Type != a {
			continue
		}
		for p := range anc {
			if p.Type == b {
				return true
			}
		}
	}
	return false
}

// actionDescendentOf reports whether action a is action b or one of its
// descendants in the schema's action hierarchy.
func (ix *schemaIndex) actionDescendentOf(a, b syntax.EntityUID) bool {
	return a == b || ix.actionAncestors[a][b]
}

// env is one request environment: the principal and resource types, the
// action (which replaces the variable `action`), the context type, and for
// templates the entity types the slots are assumed to have.
type env struct {
	*schemaIndex
	principal     syntax.EntityType
	action        syntax.EntityUID
	resource      syntax.EntityType
	context       RecordType
	principalSlot syntax.EntityType // "" when the policy has no ?principal
	resourceSlot  syntax.EntityType // "" when the policy has no ?resource
}

// environments lists every request environment of the schema: each
// action's appliesTo principal types crossed with its resource types, in a
// stable order.
func (ix *schemaIndex) environments() []*env {
	uids := make([]syntax.EntityUID, 0, len(ix.schema.Actions))
	for uid := range ix.schema.Actions {
		uids = append(uids, uid)
	}
	sort.Slice(uids, func(i, j int) bool {
		if uids[i].Type != uids[j].Type {
			return uids[i].Type < uids[j].Type
		}
		return uids[i].ID < uids[j].ID
	})
	var out []*env
	for _, uid := range uids {
		d := ix.schema.Actions[uid]
		if d == nil || d.AppliesTo == nil {
			continue
		}
		ctx := fromSchemaRecord(d.AppliesTo.Context)
		for _, p := range d.AppliesTo.PrincipalTypes {
			for _, r := range d.AppliesTo.ResourceTypes {
				out = append(out, &env{schemaIndex: ix, principal: p, action: uid, resource: r, context: ctx})
			}
		}
	}
	return out
}

// slotTypes lists the entity types a template slot is assumed to have in
// an environment whose variable has type varType. For `var == ?slot` the
// slot has the variable's type; for `var in ?slot` (and `is T in ?slot`)
// any type the variable's type may be a member of, itself included. These
// are exactly the links for which the scope can hold.
func (ix *schemaIndex) slotTypes(sc syntax.Scope, varType syntax.EntityType) []syntax.EntityType {
	if sc.Op == syntax.ScopeEq {
		return []syntax.EntityType{varType}
	}
	out := []syntax.EntityType{varType}
	names := make([]syntax.EntityType, 0, len(ix.schema.EntityTypes))
	for name := range ix.schema.EntityTypes {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool { return names[i] < names[j] })
	for _, name := range names {
		if name != varType && ix.typeAncestors[varType][name] {
			out = append(out, name)
		}
	}
	return out
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
