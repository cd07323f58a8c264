package cedarjson

import (
	"fmt"
	"strconv"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// UnmarshalPolicy reads one policy or template in policy JSON:
// {"effect", "principal", "action", "resource", "conditions",
// "annotations"?}. The policy's ID is left empty for the caller to set.
func UnmarshalPolicy(filename string, src []byte) (*syntax.Policy, error) {
	d := &decoder{filename: filename, src: src}
	n, err := d.parsePolicyJSON()
	if err != nil {
		return nil, err
	}
	return d.policy(n, nil, "")
}

// UnmarshalPolicySet reads a policy set in policy JSON:
// {"staticPolicies": {id: Policy}, "templates": {id: Policy},
// "templateLinks": [{"templateId", "newId", "values"}]}; each field may be
// omitted. Policies and templates are returned in document order. Ids are
// unique across policies, templates and links; a static policy may not
// use slots; a link must name a template and give exactly its slots.
func UnmarshalPolicySet(filename string, src []byte) (*syntax.PolicySet, error) {
	d := &decoder{filename: filename, src: src}
	n, err := d.parsePolicyJSON()
	if err != nil {
		return nil, err
	}
	var p *path
	if err := d.fields(n, p, "a policy set", nil, "staticPolicies", "templates", "templateLinks"); err != nil {
		return nil, err
	}
	ps := &syntax.PolicySet{}
	ids := make(map[string]bool)
	templates := make(map[string]*syntax.Policy)
	for _, m := range n.members {
		if m.key == "templateLinks" {
			continue
		}
		mp := p.field(m.key)
		if err := d.expect(m.value, mp, objectNode, "an object of policies by id"); err != nil {
			return nil, err
		}
		for _, pm := range m.value.members {
			pp := mp.field(pm.key)
			if ids[pm.key] {
				return nil, d.errorf(&node{off: pm.keyOff}, pp, KindDuplicatePolicyID, "policy id %s is used twice", strconv.Quote(pm.key))
			}
			ids[pm.key] = true
			pol, err := d.policy(pm.value, pp, pm.key)
			if err != nil {
				return nil, err
			}
			if m.key == "staticPolicies" && pol.IsTemplate() {
				return nil, d.errorf(pm.value, pp, KindInvalidSlot, "static policy %s uses a slot; templates belong under \"templates\"", strconv.Quote(pm.key))
			}
			if m.key == "templates" {
				templates[pm.key] = pol
			}
			ps.Policies = append(ps.Policies, pol)
		}
	}
	if links := n.get("templateLinks"); links != nil {
		lp := p.field("templateLinks")
		if err := d.expect(links, lp, arrayNode, "an array of template links"); err != nil {
			return nil, err
		}
		for i, ln := range links.elems {
			link, err := d.link(ln, lp.elem(i), templates, ids)
			if err != nil {
				return nil, err
			}
			ps.Links = append(ps.Links, link)
		}
	}
	return ps, nil
}

func (d *decoder) link(n *node, p *path, templates map[string]*syntax.Policy, ids map[string]bool) (syntax.TemplateLink, error) {
	var link syntax.TemplateLink
	if err := d.fields(n, p, "a template link", []string{"templateId", "newId", "values"}); err != nil {
		return link, err
	}
	link.Pos = d.pos(n.off)
	tid, err := d.str(n.get("templateId"), p.field("templateId"), "a template id")
	if err != nil {
		return link, err
	}
	nid, err := d.str(n.get("newId"), p.field("newId"), "a policy id")
	if err != nil {
		return link, err
	}
	link.TemplateID, link.NewID = tid, nid
	tmpl := templates[tid]
	if tmpl == nil {
		return link, d.errorf(n.get("templateId"), p.field("templateId"), KindInvalidLink, "no template has the id %s", strconv.Quote(tid))
	}
	if ids[nid] {
		return link, d.errorf(n.get("newId"), p.field("newId"), KindDuplicatePolicyID, "policy id %s is used twice", strconv.Quote(nid))
	}
	ids[nid] = true
	if len(tmpl.Slots()) == 0 {
		// The AST tells templates from static policies by their slots, so
		// a template without slots could not be written back as one.
		return link, d.errorf(n.get("templateId"), p.field("templateId"), KindInvalidLink, "template %s has no slots to link", strconv.Quote(tid))
	}
	vals, vp := n.get("values"), p.field("values")
	if err := d.expect(vals, vp, objectNode, "an object of slot values"); err != nil {
		return link, err
	}
	link.Values = make(map[syntax.SlotID]syntax.EntityUID, len(vals.members))
	slots := tmpl.Slots()
	for _, m := range vals.members {
		if !containsSlot(slots, syntax.SlotID(m.key)) {
			return link, d.errorf(&node{off: m.keyOff}, vp.field(m.key), KindInvalidLink,
				"template %s has no slot %s", strconv.Quote(tid), strconv.Quote(m.key))
		}
		uid, err := d.entityUID(m.value, vp.field(m.key))
		if err != nil {
			return link, err
		}
		link.Values[syntax.SlotID(m.key)] = uid
	}
	for _, s := range slots {
		if _, ok := link.Values[s]; !ok {
			return link, d.errorf(vals, vp, KindInvalidLink, "the link gives no value for the slot %s of template %s", s, strconv.Quote(tid))
		}
	}
	return link, nil
}

func containsSlot(list []syntax.SlotID, s syntax.SlotID) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// policy reads one policy object.
func (d *decoder) policy(n *node, p *path, id string) (*syntax.Policy, error) {
	if err := d.fields(n, p, "a policy", []string{"effect", "principal", "action", "resource", "conditions"}, "annotations"); err != nil {
		return nil, err
	}
	pol := &syntax.Policy{Pos: d.pos(n.off), ID: id}
	eff, err := d.str(n.get("effect"), p.field("effect"), "an effect")
	if err != nil {
		return nil, err
	}
	switch eff {
	case "permit":
		pol.Effect = syntax.Permit
	case "forbid":
		pol.Effect = syntax.Forbid
	default:
		return nil, d.errorf(n.get("effect"), p.field("effect"), KindWrongShape, "effect must be \"permit\" or \"forbid\", found %s", strconv.Quote(eff))
	}
	if pol.Principal, err = d.scope(n.get("principal"), p.field("principal"), syntax.VarPrincipal); err != nil {
		return nil, err
	}
	if pol.Action, err = d.scope(n.get("action"), p.field("action"), syntax.VarAction); err != nil {
		return nil, err
	}
	if pol.Resource, err = d.scope(n.get("resource"), p.field("resource"), syntax.VarResource); err != nil {
		return nil, err
	}
	conds, cp := n.get("conditions"), p.field("conditions")
	if err := d.expect(conds, cp, arrayNode, "an array of conditions"); err != nil {
		return nil, err
	}
	for i, cn := range conds.elems {
		ep := cp.elem(i)
		if err := d.fields(cn, ep, "a condition", []string{"kind", "body"}); err != nil {
			return nil, err
		}
		c := syntax.Condition{Pos: d.pos(cn.off)}
		kind, err := d.str(cn.get("kind"), ep.field("kind"), "a condition kind")
		if err != nil {
			return nil, err
		}
		switch kind {
		case "when":
			c.Kind = syntax.When
		case "unless":
			c.Kind = syntax.Unless
		default:
			return nil, d.errorf(cn.get("kind"), ep.field("kind"), KindWrongShape, "condition kind must be \"when\" or \"unless\", found %s", strconv.Quote(kind))
		}
		d.firstSlot = nil
		if c.Body, err = d.expr(cn.get("body"), ep.field("body")); err != nil {
			return nil, err
		}
		if err := d.checkNesting(c.Body, ep.field("body")); err != nil {
			return nil, err
		}
		if slot := d.firstSlot; slot != nil {
			return nil, &syntax.Error{Pos: slot.Pos, Kind: KindInvalidSlot, Msg: fmt.Sprintf(
				"%s: the slot %s appears in a %s clause; slots are allowed only in the scope", ep.field("body"), slot.ID, c.Kind)}
		}
		pol.Conditions = append(pol.Conditions, c)
	}
	if an := n.get("annotations"); an != nil {
		ap := p.field("annotations")
		if err := d.expect(an, ap, objectNode, "an object of annotations"); err != nil {
			return nil, err
		}
		for _, m := range an.members {
			if !syntax.IsIdent(m.key) {
				return nil, d.errorf(&node{off: m.keyOff}, ap.field(m.key), KindInvalidName, "annotation key %s is not an identifier", strconv.Quote(m.key))
			}
			a := syntax.Annotation{Pos: d.pos(m.keyOff), Key: m.key}
			switch m.value.kind {
			case nullNode: // an annotation without a value, which Cedar reads as ""
			case stringNode:
				a.Value, a.HasValue = m.value.text, true
			default:
				return nil, d.errorf(m.value, ap.field(m.key), KindWrongShape, "an annotation value is a string or null, found a JSON %s", m.value.kind)
			}
			pol.Annotations = append(pol.Annotations, a)
		}
	}
	return pol, nil
}

// scope reads one scope constraint for the variable v.
func (d *decoder) scope(n *node, p *path, v syntax.Var) (syntax.Scope, error) {
	sc := syntax.Scope{}
	if err := d.expect(n, p, objectNode, "a scope constraint"); err != nil {
		return sc, err
	}
	sc.Pos = d.pos(n.off)
	opNode := n.get("op")
	if opNode == nil {
		return sc, d.errorf(n, p, KindMissingField, "a scope constraint is missing the field \"op\"")
	}
	op, err := d.str(opNode, p.field("op"), "a scope operator")
	if err != nil {
		return sc, err
	}
	switch {
	case op == "All" || op == "all":
		sc.Op = syntax.ScopeAll
		return sc, d.fields(n, p, "an \"All\" scope", []string{"op"})
	case op == "==" && v == syntax.VarAction:
		sc.Op = syntax.ScopeEq
		if err := d.fields(n, p, "an action \"==\" scope", []string{"op", "entity"}); err != nil {
			return sc, err
		}
		sc.Entity, err = d.actionUID(n.get("entity"), p.field("entity"))
		return sc, err
	case op == "in" && v == syntax.VarAction:
		if err := d.fields(n, p, "an action \"in\" scope", []string{"op"}, "entity", "entities"); err != nil {
			return sc, err
		}
		if en := n.get("entity"); en != nil {
			if n.get("entities") != nil {
				return sc, d.errorf(n, p, KindInvalidScope, "an action \"in\" scope has \"entity\" or \"entities\", not both")
			}
			sc.Op = syntax.ScopeIn
			sc.Entity, err = d.actionUID(en, p.field("entity"))
			return sc, err
		}
		es, ep := n.get("entities"), p.field("entities")
		if es == nil {
			return sc, d.errorf(n, p, KindMissingField, "an action \"in\" scope needs \"entity\" or \"entities\"")
		}
		if err := d.expect(es, ep, arrayNode, "an array of actions"); err != nil {
			return sc, err
		}
		sc.Op = syntax.ScopeInSet
		sc.Entities = make([]syntax.EntityUID, 0, len(es.elems))
		for i, el := range es.elems {
			uid, err := d.actionUID(el, ep.elem(i))
			if err != nil {
				return sc, err
			}
			sc.Entities = append(sc.Entities, uid)
		}
		return sc, nil
	case (op == "==" || op == "in") && v != syntax.VarAction:
		sc.Op = syntax.ScopeEq
		if op == "in" {
			sc.Op = syntax.ScopeIn
		}
		if err := d.fields(n, p, "a "+strconv.Quote(op)+" scope", []string{"op"}, "entity", "slot"); err != nil {
			return sc, err
		}
		return sc, d.entityOrSlot(n, p, v, &sc)
	case op == "is" && v != syntax.VarAction:
		sc.Op = syntax.ScopeIs
		if err := d.fields(n, p, "an \"is\" scope", []string{"op", "entity_type"}, "in"); err != nil {
			return sc, err
		}
		if sc.Type, err = d.entityType(n.get("entity_type"), p.field("entity_type")); err != nil {
			return sc, err
		}
		if in := n.get("in"); in != nil {
			sc.Op = syntax.ScopeIsIn
			ip := p.field("in")
			if err := d.fields(in, ip, "the \"in\" of an \"is\" scope", nil, "entity", "slot"); err != nil {
				return sc, err
			}
			return sc, d.entityOrSlot(in, ip, v, &sc)
		}
		return sc, nil
	}
	return sc, d.errorf(opNode, p.field("op"), KindInvalidScope, "%s is not a scope operator for %s", strconv.Quote(op), v)
}

// entityOrSlot reads exactly one of "entity" and "slot" from n into sc.
// The slot must be the one for the scope's variable.
func (d *decoder) entityOrSlot(n *node, p *path, v syntax.Var, sc *syntax.Scope) error {
	en, sn := n.get("entity"), n.get("slot")
	switch {
	case en != nil && sn != nil:
		return d.errorf(n, p, KindInvalidScope, "a scope constraint has \"entity\" or \"slot\", not both")
	case en != nil:
		uid, err := d.entityUID(en, p.field("entity"))
		sc.Entity = uid
		return err
	case sn != nil:
		s, err := d.str(sn, p.field("slot"), "a slot")
		if err != nil {
			return err
		}
		want := syntax.SlotID("?" + v.String())
		if syntax.SlotID(s) != want {
			return d.errorf(sn, p.field("slot"), KindInvalidSlot, "the %s scope can only use the slot %s, found %s", v, want, strconv.Quote(s))
		}
		sc.Slot = want
		return nil
	}
	return d.errorf(n, p, KindMissingField, "a scope constraint needs \"entity\" or \"slot\"")
}

// actionUID reads an entity uid in the action scope, which must be of an
// action type.
func (d *decoder) actionUID(n *node, p *path) (syntax.EntityUID, error) {
	uid, err := d.entityUID(n, p)
	if err != nil {
		return uid, err
	}
	if !uid.Type.IsAction() {
		return uid, d.errorf(n, p, KindInvalidScope, "%s in the action scope is not an action (its type must be Action or end in ::Action)", uid)
	}
	return uid, nil
}
