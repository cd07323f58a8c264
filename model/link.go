package model

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// LinkedPolicies returns the policies that take part in authorization: the
// static policies of ps, in order, followed by one policy per template
// link, in order, each a copy of its template with the link's id and with
// every slot in its scope replaced by the linked entity. Templates
// themselves do not take part.
//
// It is an error for two policies, templates or links to share an id, for
// a link to name something that is not a template, and for a link not to
// bind exactly the template's slots.
func LinkedPolicies(ps *syntax.PolicySet) ([]*syntax.Policy, error) {
	if ps == nil {
		return nil, nil
	}
	ids := map[string]bool{}
	var out []*syntax.Policy
	for _, p := range ps.Policies {
		if p == nil {
			return nil, fmt.Errorf("nil policy in policy set")
		}
		if ids[p.ID] {
			return nil, fmt.Errorf("%s: duplicate policy id %q", p.Pos, p.ID)
		}
		ids[p.ID] = true
		if !p.IsTemplate() {
			out = append(out, p)
		}
	}
	for _, l := range ps.Links {
		if ids[l.NewID] {
			return nil, fmt.Errorf("%s: link id %q is already used", l.Pos, l.NewID)
		}
		ids[l.NewID] = true
		linked, err := link(ps, l)
		if err != nil {
			return nil, fmt.Errorf("%s: link %q: %w", l.Pos, l.NewID, err)
		}
		out = append(out, linked)
	}
	return out, nil
}

// link instantiates the template l names.
func link(ps *syntax.PolicySet, l syntax.TemplateLink) (*syntax.Policy, error) {
	t := ps.Policy(l.TemplateID)
	if t == nil || !t.IsTemplate() {
		return nil, fmt.Errorf("no template with id %q", l.TemplateID)
	}
	slots := t.Slots()
	for _, s := range slots {
		if _, ok := l.Values[s]; !ok {
			return nil, fmt.Errorf("slot %s of template %q is not bound", s, t.ID)
		}
	}
	if len(l.Values) != len(slots) {
		return nil, fmt.Errorf("binds a slot that template %q does not have", t.ID)
	}
	p := *t
	p.ID = l.NewID
	p.Principal = fillSlot(p.Principal, l.Values)
	p.Resource = fillSlot(p.Resource, l.Values)
	return &p, nil
}

// fillSlot replaces the slot of a scope constraint by its value.
func fillSlot(s syntax.Scope, values map[syntax.SlotID]syntax.EntityUID) syntax.Scope {
	if s.Slot != "" {
		s.Entity, s.Slot = values[s.Slot], ""
	}
	return s
}
