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
		permits := 0
		for _, w := range g.witnesses {
			if w.permit {
				permits++
			}
		}
		var w witness
		if permits > 0 && g.chance(70) {
			w = nthPermit(g.witnesses, g.intn(permits))
		} else {
			w = pick(g.draw, g.witnesses)
		}
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

// nthPermit returns the k-th (from 0) permit's witness in ws.
func nthPermit(ws []witness, k int) witness {
	for _, w := range ws {
		if w.permit {
			if k == 0 {
				return w
			}
			k--
		}
	}
	panic("generators: nthPermit out of range")
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
