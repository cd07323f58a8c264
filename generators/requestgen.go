package generators

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// genRequest generates a request whose action, principal type and
// resource type come from the schema's appliesTo, with entities that
// usually exist and a context that conforms to the action's context
// type.
func (g *gen) genRequest() syntax.Request {
	si := g.si
	if len(g.witnesses) > 0 && g.chance(80) {
		// Mostly a permit's witness: a forbid's scope matching is less
		// interesting than a permit's conditions being evaluated.
		ws := g.witnesses
		if permits := slices.DeleteFunc(slices.Clone(ws), func(w witness) bool { return !w.permit }); len(permits) > 0 && g.chance(70) {
			ws = permits
		}
		w := pick(g.draw, ws)
		at := si.schema.Actions[w.action].AppliesTo
		if slices.Contains(at.PrincipalTypes, w.principal.Type) && slices.Contains(at.ResourceTypes, w.resource.Type) {
			return syntax.Request{
				Principal: w.principal,
				Action:    w.action,
				Resource:  w.resource,
				Context:   &syntax.RecordExpr{Fields: g.genRecordFields(at.Context)},
			}
		}
	}
	a := pick(g.draw, si.actions)
	at := si.schema.Actions[a].AppliesTo
	pt, rt := pick(g.draw, at.PrincipalTypes), pick(g.draw, at.ResourceTypes)
	// Untyped mode may name principals and resources of any type; the
	// context still conforms, because test files are read with the
	// schema and a non-conforming context could not be written down.
	ctx := at.Context
	if g.noise(20) {
		pt, rt = pick(g.draw, si.types), pick(g.draw, si.types)
	}
	return syntax.Request{
		Principal: g.requestEntity(pt),
		Action:    a,
		Resource:  g.requestEntity(rt),
		Context:   &syntax.RecordExpr{Fields: g.genRecordFields(ctx)},
	}
}

// requestEntity returns an entity of type t for a request: usually one
// in the store, sometimes one that is not (a request may name entities
// that do not exist; only dereferencing them fails).
func (g *gen) requestEntity(t syntax.EntityType) syntax.EntityUID {
	def := g.si.def(t)
	if def.IsEnum() {
		return syntax.NewEntityUID(t, pick(g.draw, def.Enum))
	}
	if g.chance(4) {
		return syntax.NewEntityUID(t, "ghost")
	}
	return g.entityOf(t)
}
