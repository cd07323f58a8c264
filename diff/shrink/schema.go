package shrink

import (
	"cmp"
	"maps"
	"slices"

	"github.com/leanovate/gopter"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// withSchema returns t with a copy of its schema changed by f. The maps
// are copied; f must replace, never modify, the definitions it changes.
func withSchema(t *generators.Test, f func(s *syntax.Schema)) *generators.Test {
	s := &syntax.Schema{EntityTypes: maps.Clone(t.Schema.EntityTypes), Actions: maps.Clone(t.Schema.Actions)}
	f(s)
	return with(t, func(c *generators.Test) { c.Schema = s })
}

func sortedTypes(s *syntax.Schema) []syntax.EntityType {
	return slices.Sorted(maps.Keys(s.EntityTypes))
}

func sortedActions(s *syntax.Schema) []syntax.EntityUID {
	return slices.SortedFunc(maps.Keys(s.Actions), func(a, b syntax.EntityUID) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.ID, b.ID))
	})
}

func withoutKey(fs []syntax.Field, key string) ([]syntax.Field, bool) {
	i := slices.IndexFunc(fs, func(f syntax.Field) bool { return f.Key == key })
	if i < 0 {
		return fs, false
	}
	return append(append([]syntax.Field(nil), fs[:i]...), fs[i+1:]...), true
}

func withoutAttr(r *syntax.RecordType, key string) *syntax.RecordType {
	attrs := maps.Clone(r.Attrs)
	delete(attrs, key)
	return &syntax.RecordType{Attrs: attrs}
}

// attributeCuts removes one attribute everywhere at once: from an entity
// type's shape and from every entity of that type, or from an action's
// context type and from the context of every request for that action.
// Dropping it from the data alone would break conformance when the
// attribute is required, and from the schema alone when it is present.
func attributeCuts(t *generators.Test) gopter.Shrink {
	if t.Schema == nil {
		return gopter.NoShrink
	}
	var cands []func() any
	for _, name := range sortedTypes(t.Schema) {
		def := t.Schema.EntityTypes[name]
		if def.Shape == nil {
			continue
		}
		for _, key := range slices.Sorted(maps.Keys(def.Shape.Attrs)) {
			cands = append(cands, func() any {
				c := withSchema(t, func(s *syntax.Schema) {
					d := *def
					d.Shape = withoutAttr(def.Shape, key)
					s.EntityTypes[name] = &d
				})
				c.Entities = slices.Clone(t.Entities)
				for i, e := range c.Entities {
					if e.UID.Type != name {
						continue
					}
					if attrs, ok := withoutKey(e.Attrs, key); ok {
						d := *e
						d.Attrs = attrs
						c.Entities[i] = &d
					}
				}
				return c
			})
		}
	}
	for _, uid := range sortedActions(t.Schema) {
		act := t.Schema.Actions[uid]
		if act.AppliesTo == nil || act.AppliesTo.Context == nil {
			continue
		}
		for _, key := range slices.Sorted(maps.Keys(act.AppliesTo.Context.Attrs)) {
			cands = append(cands, func() any {
				c := withSchema(t, func(s *syntax.Schema) {
					a, at := *act, *act.AppliesTo
					at.Context = withoutAttr(act.AppliesTo.Context, key)
					a.AppliesTo = &at
					s.Actions[uid] = &a
				})
				c.Requests = slices.Clone(t.Requests)
				for i, r := range c.Requests {
					ctx, ok := r.Context.(*syntax.RecordExpr)
					if r.Action != uid || !ok {
						continue
					}
					if fs, ok := withoutKey(ctx.Fields, key); ok {
						c.Requests[i].Context = &syntax.RecordExpr{Pos: ctx.Pos, Fields: fs}
					}
				}
				return c
			})
		}
	}
	return indexed(len(cands), func(i int) (any, bool) { return cands[i](), true })
}

// schemaCuts removes schema declarations that nothing uses any more:
// entity types that no entity, request, policy or other declaration
// names; actions that no request uses and no action is a member of (with
// their action entities); an action's principal or resource types that
// no request for it has; an action's groups; an entity type's parent
// types that no entity of the type has a parent of; tags that no entity
// of the type has.
func schemaCuts(t *generators.Test) gopter.Shrink {
	s := t.Schema
	if s == nil {
		return gopter.NoShrink
	}
	used := usedTypes(t)
	var cands []func() any
	for _, name := range sortedTypes(s) {
		def := s.EntityTypes[name]
		if !used[name] {
			cands = append(cands, func() any {
				return withSchema(t, func(s *syntax.Schema) { delete(s.EntityTypes, name) })
			})
			continue
		}
		for j, parent := range def.MemberOfTypes {
			if hasParentOfType(t.Entities, name, parent) {
				continue
			}
			cands = append(cands, func() any {
				return withSchema(t, func(s *syntax.Schema) {
					d := *def
					d.MemberOfTypes = slices.Delete(slices.Clone(def.MemberOfTypes), j, j+1)
					s.EntityTypes[name] = &d
				})
			})
		}
		if def.Tags != nil && !hasTags(t.Entities, name) {
			cands = append(cands, func() any {
				return withSchema(t, func(s *syntax.Schema) {
					d := *def
					d.Tags = nil
					s.EntityTypes[name] = &d
				})
			})
		}
	}
	groups := map[syntax.EntityUID]bool{}
	for _, a := range s.Actions {
		for _, g := range a.MemberOf {
			groups[g] = true
		}
	}
	for _, uid := range sortedActions(s) {
		act := s.Actions[uid]
		if !groups[uid] && !slices.ContainsFunc(t.Requests, func(r syntax.Request) bool { return r.Action == uid }) {
			cands = append(cands, func() any {
				c := withSchema(t, func(s *syntax.Schema) { delete(s.Actions, uid) })
				c.Entities = slices.DeleteFunc(slices.Clone(t.Entities), func(e *syntax.EntityData) bool { return e.UID == uid })
				return c
			})
			continue
		}
		for j, g := range act.MemberOf {
			cands = append(cands, func() any {
				c := withSchema(t, func(s *syntax.Schema) {
					a := *act
					a.MemberOf = slices.Delete(slices.Clone(act.MemberOf), j, j+1)
					s.Actions[uid] = &a
				})
				c.Entities = slices.Clone(t.Entities)
				for i, e := range c.Entities {
					if e.UID == uid {
						d := *e
						d.Parents = slices.DeleteFunc(slices.Clone(e.Parents), func(p syntax.EntityUID) bool { return p == g })
						c.Entities[i] = &d
					}
				}
				return c
			})
		}
		if act.AppliesTo == nil {
			continue
		}
		for side, types := range [][]syntax.EntityType{act.AppliesTo.PrincipalTypes, act.AppliesTo.ResourceTypes} {
			for j, typ := range types {
				if slices.ContainsFunc(t.Requests, func(r syntax.Request) bool {
					return r.Action == uid && (side == 0 && r.Principal.Type == typ || side == 1 && r.Resource.Type == typ)
				}) {
					continue
				}
				cands = append(cands, func() any {
					return withSchema(t, func(s *syntax.Schema) {
						a, at := *act, *act.AppliesTo
						if side == 0 {
							at.PrincipalTypes = slices.Delete(slices.Clone(types), j, j+1)
						} else {
							at.ResourceTypes = slices.Delete(slices.Clone(types), j, j+1)
						}
						a.AppliesTo = &at
						s.Actions[uid] = &a
					})
				})
			}
		}
	}
	return indexed(len(cands), func(i int) (any, bool) { return cands[i](), true })
}

func hasParentOfType(es []*syntax.EntityData, typ, parent syntax.EntityType) bool {
	for _, e := range es {
		if e.UID.Type == typ && slices.ContainsFunc(e.Parents, func(p syntax.EntityUID) bool { return p.Type == parent }) {
			return true
		}
	}
	return false
}

func hasTags(es []*syntax.EntityData, typ syntax.EntityType) bool {
	return slices.ContainsFunc(es, func(e *syntax.EntityData) bool { return e.UID.Type == typ && len(e.Tags) > 0 })
}

// usedTypes collects the entity types that something other than their
// own declaration names: entities and their parents, requests, entity
// literals and type tests in policies, contexts and attribute values, and
// the other declarations of the schema.
func usedTypes(t *generators.Test) map[syntax.EntityType]bool {
	used := map[syntax.EntityType]bool{}
	var expr func(e syntax.Expr)
	expr = func(e syntax.Expr) {
		switch e := e.(type) {
		case *syntax.Literal:
			if u, ok := e.Value.(syntax.EntityUID); ok {
				used[u.Type] = true
			}
		case *syntax.Is:
			used[e.Type] = true
		}
		for _, c := range children(e) {
			expr(c)
		}
	}
	for _, e := range t.Entities {
		used[e.UID.Type] = true
		for _, p := range e.Parents {
			used[p.Type] = true
		}
		for _, f := range e.Attrs {
			expr(f.Value)
		}
		for _, f := range e.Tags {
			expr(f.Value)
		}
	}
	for _, r := range t.Requests {
		used[r.Principal.Type], used[r.Resource.Type] = true, true
		expr(r.Context)
	}
	if t.Policies != nil {
		for _, p := range t.Policies.Policies {
			for _, s := range []syntax.Scope{p.Principal, p.Action, p.Resource} {
				if s.Type != "" {
					used[s.Type] = true
				}
				if s.Op == syntax.ScopeEq || s.Op == syntax.ScopeIn || s.Op == syntax.ScopeIsIn {
					used[s.Entity.Type] = true
				}
				for _, u := range s.Entities {
					used[u.Type] = true
				}
			}
			for _, cd := range p.Conditions {
				expr(cd.Body)
			}
		}
		for _, l := range t.Policies.Links {
			for _, u := range l.Values {
				used[u.Type] = true
			}
		}
	}
	var typ func(ty syntax.Type)
	typ = func(ty syntax.Type) {
		switch ty := ty.(type) {
		case *syntax.EntityRefType:
			used[ty.Name] = true
		case *syntax.SetType:
			typ(ty.Elem)
		case *syntax.RecordType:
			if ty != nil {
				for _, a := range ty.Attrs {
					typ(a.Type)
				}
			}
		}
	}
	for _, d := range t.Schema.EntityTypes {
		for _, m := range d.MemberOfTypes {
			used[m] = true
		}
		typ(d.Shape)
		if d.Tags != nil {
			typ(d.Tags)
		}
	}
	for _, a := range t.Schema.Actions {
		if a.AppliesTo != nil {
			for _, p := range a.AppliesTo.PrincipalTypes {
				used[p] = true
			}
			for _, r := range a.AppliesTo.ResourceTypes {
				used[r] = true
			}
			typ(a.AppliesTo.Context)
		}
	}
	return used
}
