package schema

import (
	"sort"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// resolveAll builds the resolved schema from the collected declarations,
// recording every error it finds.
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
