package cedarjson

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ParseEntities reads entity JSON: an array of objects
// {"uid": UID, "attrs": {...}, "parents": [UID...], "tags": {...}} where
// attrs and parents are required and tags is optional. A UID is
// {"type": T, "id": I} or {"__entity": {"type": T, "id": I}}.
//
// An entity may appear more than once only if every occurrence is
// structurally identical; one copy is kept. Entities are returned in
// input order.
//
// With a non-nil schema, attribute and tag values are read against their
// declared types and each entity must conform: its type is declared, its
// attributes are exactly the declared ones (optional ones may be absent),
// its parents' types are allowed by memberOfTypes, its tags are declared,
// and an enumerated type's id is one of the listed ones. Action entities
// given in the JSON must be exactly as the schema declares them; every
// declared action missing from the JSON is appended (sorted by uid), with
// its memberOf groups as parents.
func ParseEntities(filename string, src []byte, schema *syntax.Schema) ([]*syntax.EntityData, error) {
	d := &decoder{filename: filename, src: src}
	root, err := d.parseJSON()
	if err != nil {
		return nil, err
	}
	var p *path
	if err := d.expect(root, p, arrayNode, "an array of entities"); err != nil {
		return nil, err
	}
	out := make([]*syntax.EntityData, 0, len(root.elems))
	seen := make(map[syntax.EntityUID]*syntax.EntityData, len(root.elems))
	for i, n := range root.elems {
		e, err := d.entity(n, p.elem(i), schema)
		if err != nil {
			return nil, err
		}
		if prev, ok := seen[e.UID]; ok {
			if !sameEntity(prev, e) {
				return nil, d.errorf(n, p.elem(i), KindDuplicateEntity,
					"entity %s appears twice with different contents (first at %s)", e.UID, prev.Pos)
			}
			continue
		}
		seen[e.UID] = e
		out = append(out, e)
	}
	if schema != nil {
		if err := d.checkActions(out, seen, schema); err != nil {
			return nil, err
		}
		out = append(out, missingActions(schema, seen)...)
	}
	return out, nil
}

// checkActions checks that every action entity given in the JSON is
// exactly as the schema declares it. Like Cedar, it compares ancestors
// rather than parents: the given parents are closed transitively through
// the entities present in the input, and must reach exactly the actions
// that the schema's memberOf hierarchy reaches.
func (d *decoder) checkActions(list []*syntax.EntityData, byUID map[syntax.EntityUID]*syntax.EntityData, schema *syntax.Schema) error {
	given := func(u syntax.EntityUID) []syntax.EntityUID {
		if e := byUID[u]; e != nil {
			return e.Parents
		}
		return nil
	}
	declared := func(u syntax.EntityUID) []syntax.EntityUID {
		if a := schema.Actions[u]; a != nil {
			return a.MemberOf
		}
		return nil
	}
	for _, e := range list {
		if !e.UID.Type.IsAction() {
			continue
		}
		a := schema.Actions[e.UID]
		if len(e.Attrs) > 0 || len(e.Tags) > 0 || !sameUIDSet(ancestors(e.Parents, given), ancestors(a.MemberOf, declared)) {
			return &syntax.Error{Pos: e.Pos, Kind: KindActionMismatch, Msg: fmt.Sprintf(
				"entity %s: action entity differs from its declaration in the schema (actions have no attributes or tags, and their ancestors must be exactly those the schema's memberOf declares)", e.UID)}
		}
	}
	return nil
}

// ancestors returns the transitive closure of parents under parentsOf.
func ancestors(parents []syntax.EntityUID, parentsOf func(syntax.EntityUID) []syntax.EntityUID) map[syntax.EntityUID]bool {
	seen := make(map[syntax.EntityUID]bool)
	work := append([]syntax.EntityUID(nil), parents...)
	for len(work) > 0 {
		u := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[u] {
			continue
		}
		seen[u] = true
		work = append(work, parentsOf(u)...)
	}
	return seen
}

func sameUIDSet(a, b map[syntax.EntityUID]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for u := range a {
		if !b[u] {
			return false
		}
	}
	return true
}

// entity reads one entity object.
func (d *decoder) entity(n *node, p *path, schema *syntax.Schema) (*syntax.EntityData, error) {
	if err := d.fields(n, p, "an entity", []string{"uid", "attrs", "parents"}, "tags"); err != nil {
		return nil, err
	}
	uid, err := d.entityUID(n.get("uid"), p.field("uid"))
	if err != nil {
		return nil, err
	}
	e := &syntax.EntityData{Pos: d.pos(n.off), UID: uid}
	if err := d.entityBody(e, n, p, schema); err != nil {
		if se, ok := err.(*syntax.Error); ok {
			se.Msg = "entity " + uid.String() + ": " + se.Msg
		}
		return nil, err
	}
	return e, nil
}

func (d *decoder) entityBody(e *syntax.EntityData, n *node, p *path, schema *syntax.Schema) error {
	var def *syntax.EntityTypeDef
	var action *syntax.ActionDef
	if schema != nil {
		if e.UID.Type.IsAction() {
			action = schema.Actions[e.UID]
			if action == nil {
				return d.errorf(n.get("uid"), p.field("uid"), KindUndeclaredAction, "action %s is not declared in the schema", e.UID)
			}
		} else {
			def = schema.EntityTypes[e.UID.Type]
			if def == nil {
				return d.errorf(n.get("uid"), p.field("uid"), KindUndeclaredType, "entity type %s is not declared in the schema", e.UID.Type)
			}
			if def.IsEnum() && !contains(def.Enum, e.UID.ID) {
				return d.errorf(n.get("uid"), p.field("uid"), KindInvalidEnumID,
					"%s is not one of the ids of the enumerated type %s (%s)", strconv.Quote(e.UID.ID), e.UID.Type, quoteList(def.Enum))
			}
		}
	}

	// Attributes.
	attrs, ap := n.get("attrs"), p.field("attrs")
	if err := d.expect(attrs, ap, objectNode, "an object of attributes"); err != nil {
		return err
	}
	if def != nil {
		shape := def.Shape
		if shape == nil {
			shape = &syntax.RecordType{}
		}
		rec, err := d.typedRecord(attrs, ap, shape)
		if err != nil {
			return err
		}
		e.Attrs = rec.Fields
	} else {
		fields, err := d.plainFields(attrs, ap)
		if err != nil {
			return err
		}
		e.Attrs = fields
	}

	// Parents.
	parents, pp := n.get("parents"), p.field("parents")
	if err := d.expect(parents, pp, arrayNode, "an array of parent uids"); err != nil {
		return err
	}
	e.Parents = make([]syntax.EntityUID, 0, len(parents.elems))
	for i, pn := range parents.elems {
		uid, err := d.entityUID(pn, pp.elem(i))
		if err != nil {
			return err
		}
		if def != nil && !allowedParent(schema, e.UID.Type, uid.Type) {
			return d.errorf(pn, pp.elem(i), KindInvalidParent,
				"%s cannot be a parent of %s: %s is not among the memberOfTypes of %s, nor of their memberOfTypes, transitively", uid, e.UID, uid.Type, e.UID.Type)
		}
		e.Parents = append(e.Parents, uid)
	}

	// Tags.
	if tags := n.get("tags"); tags != nil {
		tp := p.field("tags")
		if err := d.expect(tags, tp, objectNode, "an object of tags"); err != nil {
			return err
		}
		if (def != nil && def.Tags == nil || action != nil) && len(tags.members) > 0 {
			return d.errorf(tags, tp, KindTagsNotAllowed, "the schema declares no tags for %s", e.UID.Type)
		}
		e.Tags = make([]syntax.Field, 0, len(tags.members))
		for _, m := range tags.members {
			var tagType syntax.Type
			if def != nil {
				tagType = def.Tags
			}
			v, err := d.typedValue(m.value, tp.field(m.key), tagType)
			if err != nil {
				return err
			}
			e.Tags = append(e.Tags, syntax.Field{Key: m.key, Value: v})
		}
	}

	return nil
}

// plainFields reads the members of an object as values without a schema.
func (d *decoder) plainFields(n *node, p *path) ([]syntax.Field, error) {
	fields := make([]syntax.Field, 0, len(n.members))
	for _, m := range n.members {
		v, err := d.value(m.value, p.field(m.key))
		if err != nil {
			return nil, err
		}
		fields = append(fields, syntax.Field{Key: m.key, Value: v})
	}
	return fields, nil
}

// allowedParent reports whether the schema lets an entity of type child
// have a parent of type parent: parent is in child's memberOfTypes or,
// transitively, in theirs (Cedar checks each ancestor's type against
// the closure, so a direct parent may have any ancestor type).
func allowedParent(schema *syntax.Schema, child, parent syntax.EntityType) bool {
	seen := map[syntax.EntityType]bool{}
	next := []syntax.EntityType{child}
	for len(next) > 0 {
		t := next[len(next)-1]
		next = next[:len(next)-1]
		def := schema.EntityTypes[t]
		if def == nil {
			continue
		}
		for _, p := range def.MemberOfTypes {
			if p == parent {
				return true
			}
			if !seen[p] {
				seen[p] = true
				next = append(next, p)
			}
		}
	}
	return false
}

func containsType(list []syntax.EntityType, t syntax.EntityType) bool {
	for _, x := range list {
		if x == t {
			return true
		}
	}
	return false
}

// missingActions returns the schema's action entities that are not in
// seen, sorted by uid.
func missingActions(schema *syntax.Schema, seen map[syntax.EntityUID]*syntax.EntityData) []*syntax.EntityData {
	var out []*syntax.EntityData
	for uid, a := range schema.Actions {
		if seen[uid] != nil {
			continue
		}
		out = append(out, &syntax.EntityData{
			UID:     uid,
			Attrs:   []syntax.Field{},
			Parents: append([]syntax.EntityUID{}, a.MemberOf...),
		})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].UID.Type != out[j].UID.Type {
			return out[i].UID.Type < out[j].UID.Type
		}
		return out[i].UID.ID < out[j].UID.ID
	})
	return out
}
