package engine

import (
	"fmt"
	"sync"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// PolicySet is a compiled, indexed set of policies: the static policies
// and the template links of a syntax.PolicySet. It is immutable and safe
// for concurrent use.
type PolicySet struct {
	policies []*policy // static policies then links, in source order
	index    index

	// partial serves PartialAuthorize, built on its first call.
	partialOnce sync.Once
	partial     *partialSet
}

// policy is one compiled static or linked policy.
type policy struct {
	id     string
	effect syntax.Effect
	pos    syntax.Pos
	scopes [3]scope // principal, action, resource
	conds  []condition

	// src and slots are the source policy (the template, for a link)
	// and the link's slot values, which partial authorization evaluates.
	src   *syntax.Policy
	slots map[syntax.SlotID]syntax.EntityUID
}

// condition is one compiled when or unless clause.
type condition struct {
	fn     evalFn
	unless bool
	pos    syntax.Pos
}

// scope is one compiled scope constraint. Scopes never raise errors: the
// request variables are entities and the right-hand sides are literals.
type scope struct {
	op  syntax.ScopeOp
	typ syntax.EntityType
	e   uid
	set []uid
}

// NewPolicySet compiles a policy set: every static policy, and every
// template link (each slot replaced by its entity). Templates themselves
// are not evaluated. It checks that ids are unique and that each link
// names a template and binds exactly its slots.
func NewPolicySet(ps *syntax.PolicySet) (*PolicySet, error) {
	out := &PolicySet{}
	if ps == nil {
		out.index = buildIndex(nil)
		return out, nil
	}
	ids := make(map[string]bool)
	templates := make(map[string]*syntax.Policy)
	// The compiled policies are allocated together (a set is often built
	// for one test); out.policies points into compiled, which never grows.
	compiled := make([]policy, 0, len(ps.Policies)+len(ps.Links))
	out.policies = make([]*policy, 0, cap(compiled))
	constants := &arena{}
	for i, p := range ps.Policies {
		if p == nil {
			return nil, &syntax.Error{Kind: "MissingPolicy", Msg: fmt.Sprintf("policy %d is nil", i)}
		}
		if ids[p.ID] {
			return nil, &syntax.Error{Pos: p.Pos, Kind: "DuplicatePolicyID", Msg: fmt.Sprintf("policy id %q is used twice", p.ID)}
		}
		ids[p.ID] = true
		if p.IsTemplate() {
			templates[p.ID] = p
			continue
		}
		compiled = append(compiled, policy{})
		cp := &compiled[len(compiled)-1]
		if err := compilePolicy(cp, p, p.ID, nil, constants); err != nil {
			return nil, err
		}
		out.policies = append(out.policies, cp)
	}
	for _, l := range ps.Links {
		t, ok := templates[l.TemplateID]
		if !ok {
			return nil, &syntax.Error{Pos: l.Pos, Kind: "UnknownTemplate", Msg: fmt.Sprintf("link %q: no template %q", l.NewID, l.TemplateID)}
		}
		if ids[l.NewID] {
			return nil, &syntax.Error{Pos: l.Pos, Kind: "DuplicatePolicyID", Msg: fmt.Sprintf("link id %q is already used", l.NewID)}
		}
		ids[l.NewID] = true
		slots := t.Slots()
		for _, s := range slots {
			if _, ok := l.Values[s]; !ok {
				return nil, &syntax.Error{Pos: l.Pos, Kind: "MissingSlot", Msg: fmt.Sprintf("link %q does not bind %s", l.NewID, s)}
			}
		}
		if len(l.Values) != len(slots) {
			return nil, &syntax.Error{Pos: l.Pos, Kind: "ExtraSlot", Msg: fmt.Sprintf("link %q binds slots template %q does not have", l.NewID, t.ID)}
		}
		compiled = append(compiled, policy{})
		cp := &compiled[len(compiled)-1]
		if err := compilePolicy(cp, t, l.NewID, l.Values, constants); err != nil {
			return nil, err
		}
		out.policies = append(out.policies, cp)
	}
	out.index = buildIndex(out.policies)
	return out, nil
}

// Len returns the number of static and linked policies.
func (ps *PolicySet) Len() int { return len(ps.policies) }

// compilePolicy compiles p, with id and the links' slots, into cp, its
// constants' parts from a.
func compilePolicy(cp *policy, p *syntax.Policy, id string, slots map[syntax.SlotID]syntax.EntityUID, a *arena) error {
	*cp = policy{id: id, effect: p.Effect, pos: p.Pos, src: p, slots: slots}
	for i, s := range [3]syntax.Scope{p.Principal, p.Action, p.Resource} {
		sc, err := compileScope(s, slots)
		if err != nil {
			return err
		}
		cp.scopes[i] = sc
	}
	c := &compiler{slots: slots, arena: a}
	if len(p.Conditions) > 1 {
		cp.conds = make([]condition, 0, len(p.Conditions))
	}
	for _, cond := range p.Conditions {
		n, err := c.compile(cond.Body)
		if err != nil {
			return err
		}
		unless := cond.Kind == syntax.Unless
		if n.isConst && n.val.k == kindBool && n.val.isTrue() != unless {
			continue // always satisfied: nothing to check
		}
		cp.conds = append(cp.conds, condition{fn: n.fn(), unless: unless, pos: cond.Pos})
	}
	return nil
}

func compileScope(s syntax.Scope, slots map[syntax.SlotID]syntax.EntityUID) (scope, error) {
	sc := scope{op: s.Op, typ: s.Type}
	switch s.Op {
	case syntax.ScopeAll, syntax.ScopeIs:
	case syntax.ScopeEq, syntax.ScopeIn, syntax.ScopeIsIn:
		u := s.Entity
		if s.Slot != "" {
			v, ok := slots[s.Slot]
			if !ok {
				return sc, &syntax.Error{Pos: s.Pos, Kind: "UnlinkedSlot", Msg: fmt.Sprintf("slot %s is not linked", s.Slot)}
			}
			u = v
		}
		sc.e = internUID(u)
	case syntax.ScopeInSet:
		sc.set = make([]uid, len(s.Entities))
		for i, u := range s.Entities {
			sc.set[i] = internUID(u)
		}
	default:
		return sc, &syntax.Error{Pos: s.Pos, Kind: "BadScope", Msg: "unknown scope operator " + s.Op.String()}
	}
	return sc, nil
}

// match reports whether request variable d satisfies the constraint.
func (s *scope) match(en *env, d int) bool {
	switch s.op {
	case syntax.ScopeAll:
		return true
	case syntax.ScopeEq:
		return en.uids[d] == s.e
	case syntax.ScopeIn:
		return en.inVar(d, s.e)
	case syntax.ScopeIs:
		return en.types[d] == s.typ
	case syntax.ScopeIsIn:
		return en.types[d] == s.typ && en.inVar(d, s.e)
	case syntax.ScopeInSet:
		for _, u := range s.set {
			if en.inVar(d, u) {
				return true
			}
		}
	}
	return false
}

// eval decides whether the policy is satisfied: its scope matches and
// every condition holds, checked in order. The scope never errors.
func (p *policy) eval(en *env) (bool, *evalError) {
	if !p.scopes[0].match(en, 0) || !p.scopes[1].match(en, 1) || !p.scopes[2].match(en, 2) {
		return false, nil
	}
	for i := range p.conds {
		c := &p.conds[i]
		v, err := c.fn(en)
		if err != nil {
			return false, err
		}
		if v.k != kindBool {
			return false, typeErrorf(c.pos, "condition: expected bool, got %s", v.k)
		}
		if v.isTrue() == c.unless {
			return false, nil
		}
	}
	return true, nil
}
