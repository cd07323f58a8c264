package generators

import (
	"slices"
	"strconv"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// genPolicySet generates between 1 and PoliciesPerTest policies, some of
// them templates (each with one or two links) when templates are on.
func (g *gen) genPolicySet() *syntax.PolicySet {
	ps := &syntax.PolicySet{}
	n := g.between(1, g.s.PoliciesPerTest)
	links := 0
	for i := range n {
		template := false
		if g.s.Templates {
			pct := 10
			if g.s.Mode == ModeRBAC {
				pct = 45
			}
			template = g.chance(pct)
		}
		p, slotTypes := g.genPolicy(syntax.DefaultPolicyID(i), template)
		ps.Policies = append(ps.Policies, p)
		if !p.IsTemplate() {
			continue
		}
		for range g.between(1, 2) {
			link := syntax.TemplateLink{
				TemplateID: p.ID,
				NewID:      "link" + strconv.Itoa(links),
				Values:     map[syntax.SlotID]syntax.EntityUID{},
			}
			links++
			for _, slot := range p.Slots() {
				link.Values[slot] = g.slotValue(slotTypes[slot])
			}
			ps.Links = append(ps.Links, link)
		}
	}
	return ps
}

// slotHint says what a slot's value should be: an entity of type typ,
// or an entity that one of type typ is in.
type slotHint struct {
	typ      syntax.EntityType
	ancestor bool
}

func (g *gen) slotValue(h slotHint) syntax.EntityUID {
	if h.ancestor {
		return g.ancestorFor(h.typ)
	}
	return g.entityOf(h.typ)
}

// genPolicy generates one policy. Its scope is built around a focus
// request environment (an action with one of its principal and resource
// types), so that the scope admits at least that environment; its
// conditions type check in every environment the scope admits. A
// template's slots are returned with hints for link values.
func (g *gen) genPolicy(id string, template bool) (*syntax.Policy, map[syntax.SlotID]slotHint) {
	si := g.si
	p := &syntax.Policy{ID: id, Effect: syntax.Permit}
	if g.chance(25) {
		p.Effect = syntax.Forbid
	}
	if g.chance(10) {
		p.Annotations = []syntax.Annotation{{Key: "advice", Value: pick(g.draw, stringPool), HasValue: true}}
	}
	a := pick(g.draw, si.actions)
	at := si.schema.Actions[a].AppliesTo
	pt := pick(g.draw, at.PrincipalTypes)
	rt := pick(g.draw, at.ResourceTypes)
	if g.noise(50) {
		pt, rt = pick(g.draw, si.types), pick(g.draw, si.types)
	}

	p.Action = g.genActionScope(a)
	actions := g.admittedActions(p.Action)
	hints := map[syntax.SlotID]slotHint{}
	p.Principal = g.genEntityScope(pt, template, syntax.SlotPrincipal, hints)
	p.Resource = g.genEntityScope(rt, template && (!p.IsTemplate() || g.chance(40)), syntax.SlotResource, hints)

	var principals, resources []syntax.EntityType
	for _, act := range actions {
		for _, t := range si.schema.Actions[act].AppliesTo.PrincipalTypes {
			if g.scopeAdmits(p.Principal, t) && !slices.Contains(principals, t) {
				principals = append(principals, t)
			}
		}
		for _, t := range si.schema.Actions[act].AppliesTo.ResourceTypes {
			if g.scopeAdmits(p.Resource, t) && !slices.Contains(resources, t) {
				resources = append(resources, t)
			}
		}
	}
	if len(principals) == 0 || len(resources) == 0 {
		// Only in untyped mode, where the focus may be outside appliesTo.
		principals, resources = []syntax.EntityType{pt}, []syntax.EntityType{rt}
	}
	e := g.newEnv(actions, principals, resources)
	p.Conditions = g.genConditions(e)
	g.releaseEnv(e)
	g.witnesses = append(g.witnesses, witness{
		permit:    p.Effect == syntax.Permit,
		action:    a,
		principal: g.scopeWitness(p.Principal, pt),
		resource:  g.scopeWitness(p.Resource, rt),
	})
	return p, hints
}

// witness is a request environment a policy's scope matches. Requests
// are often built from witnesses so that scopes match often enough for
// conditions to be evaluated.
type witness struct {
	permit              bool // the policy is a permit
	action              syntax.EntityUID
	principal, resource syntax.EntityUID
}

// scopeWitness returns an entity of type t that satisfies scope s if
// there is one in the store (a descendant of s's entity for `in`).
func (g *gen) scopeWitness(s syntax.Scope, t syntax.EntityType) syntax.EntityUID {
	switch s.Op {
	case syntax.ScopeEq:
		if s.Slot == "" && s.Entity.Type == t {
			return s.Entity
		}
	case syntax.ScopeIn, syntax.ScopeIsIn:
		if s.Slot == "" {
			if s.Entity.Type == t && g.chance(30) {
				return s.Entity
			}
			var cands []syntax.EntityUID
			for _, d := range g.st.descendants[s.Entity] {
				if d.Type == t {
					cands = append(cands, d)
				}
			}
			if len(cands) > 0 {
				return pick(g.draw, cands)
			}
			if s.Entity.Type == t {
				return s.Entity
			}
		}
	}
	return g.requestEntity(t)
}

// genConditions generates the when and unless clauses of a policy.
func (g *gen) genConditions(e *env) []syntax.Condition {
	// Mostly one or two conditions: each is about as likely false as
	// true, and a policy that is never satisfied says little.
	w := make([]int, g.s.MaxWidth+1)
	for i := range w {
		w[i] = max(1, 4-i)
	}
	w[0] = 2
	n := g.weighted(w)
	if g.s.Mode == ModeRBAC {
		n = 0
		if g.chance(30) {
			n = 1
		}
	}
	var out []syntax.Condition
	for range n {
		c := syntax.Condition{Kind: syntax.When, Body: g.genBool(e, 0)}
		if g.chance(25) {
			c.Kind = syntax.Unless
		}
		out = append(out, c)
	}
	if c := g.boundaryCondition(); c != nil {
		out = append([]syntax.Condition{*c}, out...)
	}
	if g.s.Mode == ModeLimits && g.chance(75) {
		out = append(out, syntax.Condition{Kind: syntax.When, Body: g.limitCondition(e)})
	}
	return out
}

// genActionScope generates the action scope around action a.
func (g *gen) genActionScope(a syntax.EntityUID) syntax.Scope {
	si := g.si
	groups := si.actionAncestors[a]
	w := []int{2, 4, 0, 2}
	if len(groups) > 0 {
		w[2] = 3
	}
	if g.noise(30) {
		return syntax.Scope{Op: syntax.ScopeIn, Entity: pick(g.draw, si.all)}
	}
	switch g.weighted(w) {
	case 0:
		return syntax.Scope{Op: syntax.ScopeAll}
	case 1:
		return syntax.Scope{Op: syntax.ScopeEq, Entity: a}
	case 2:
		return syntax.Scope{Op: syntax.ScopeIn, Entity: pick(g.draw, groups)}
	}
	others := slices.DeleteFunc(slices.Clone(si.all), func(u syntax.EntityUID) bool { return u == a })
	set := []syntax.EntityUID{a}
	set = distinctInto(g.draw, set, others, g.intn(3))
	// Put the focus action anywhere in the list.
	i := g.intn(len(set))
	set[0], set[i] = set[i], set[0]
	return syntax.Scope{Op: syntax.ScopeInSet, Entities: set}
}

// admittedActions lists the request actions an action scope admits.
func (g *gen) admittedActions(s syntax.Scope) []syntax.EntityUID {
	var out []syntax.EntityUID
	for _, a := range g.si.actions {
		in := func(x syntax.EntityUID) bool {
			return a == x || slices.Contains(g.si.actionAncestors[a], x)
		}
		ok := false
		switch s.Op {
		case syntax.ScopeAll:
			ok = true
		case syntax.ScopeEq:
			ok = a == s.Entity
		case syntax.ScopeIn:
			ok = in(s.Entity)
		case syntax.ScopeInSet:
			ok = slices.ContainsFunc(s.Entities, in)
		}
		if ok {
			out = append(out, a)
		}
	}
	return out
}

// genEntityScope generates a principal or resource scope around type t.
// In a template, the entity of ==, in and is-in is a slot; hints records
// what its links should bind.
func (g *gen) genEntityScope(t syntax.EntityType, template bool, slot syntax.SlotID, hints map[syntax.SlotID]slotHint) syntax.Scope {
	w := []int{2, 3, 3, 2, 2}
	if template {
		w = []int{0, 3, 3, 0, 2}
	}
	if g.s.Mode == ModeRBAC {
		w[2] += 4
		w[4] += 2
	}
	s := syntax.Scope{}
	switch g.weighted(w) {
	case 0:
		s.Op = syntax.ScopeAll
	case 1:
		s.Op = syntax.ScopeEq
		s.Entity = g.entityOf(t)
		hints[slot] = slotHint{typ: t}
	case 2:
		s.Op = syntax.ScopeIn
		s.Entity = g.ancestorFor(t)
		hints[slot] = slotHint{typ: t, ancestor: true}
	case 3:
		s.Op = syntax.ScopeIs
		s.Type = t
	default:
		s.Op = syntax.ScopeIsIn
		s.Type = t
		s.Entity = g.ancestorFor(t)
		hints[slot] = slotHint{typ: t, ancestor: true}
	}
	if g.noise(30) && s.Op != syntax.ScopeAll && s.Op != syntax.ScopeIs {
		s.Entity = g.entityOf(pick(g.draw, g.si.types))
	}
	if template && s.Op != syntax.ScopeAll && s.Op != syntax.ScopeIs {
		s.Slot = slot
		s.Entity = syntax.EntityUID{}
	}
	return s
}

// scopeAdmits reports whether the validator may type scope s as other
// than False for a request variable of type t. It errs on the side of
// admitting.
func (g *gen) scopeAdmits(s syntax.Scope, t syntax.EntityType) bool {
	switch s.Op {
	case syntax.ScopeEq:
		return s.Slot != "" || s.Entity.Type == t
	case syntax.ScopeIn:
		return s.Slot != "" || s.Entity.Type == t || g.si.ancestorTypes[t][s.Entity.Type]
	case syntax.ScopeIs, syntax.ScopeIsIn:
		return s.Type == t
	}
	return true
}

// principalTypesOf returns the principal types of action a that are in
// within (all of them if none is).
func (g *gen) principalTypesOf(a syntax.EntityUID, within []syntax.EntityType) []syntax.EntityType {
	return intersectOr(g.si.schema.Actions[a].AppliesTo.PrincipalTypes, within)
}

// resourceTypesOf is principalTypesOf for resources.
func (g *gen) resourceTypesOf(a syntax.EntityUID, within []syntax.EntityType) []syntax.EntityType {
	return intersectOr(g.si.schema.Actions[a].AppliesTo.ResourceTypes, within)
}

func intersectOr(xs, within []syntax.EntityType) []syntax.EntityType {
	var out []syntax.EntityType
	for _, x := range xs {
		if slices.Contains(within, x) {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		return xs
	}
	return out
}
