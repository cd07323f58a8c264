package model

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Entity is one entity of a store, with its attribute and tag values
// evaluated and its ancestors computed.
type Entity struct {
	UID     syntax.EntityUID
	Attrs   Record
	Tags    Record
	Parents []syntax.EntityUID // as given
	// Ancestors is the transitive closure of Parents: the parents, and
	// the ancestors of every parent that is present in the store.
	Ancestors map[syntax.EntityUID]bool
}

// Entities is an entity store: the entities by uid.
type Entities struct {
	byUID map[syntax.EntityUID]*Entity
}

// NewEntities builds a store from parsed entity data. Attribute and tag
// values must be restricted expressions; the model evaluates them itself.
//
// It is an error for two entities to share a uid unless they are
// identical (same attributes, tags and parents), and for the parent
// relation to have a cycle, including an entity that is its own parent.
// Parents need not be present; the closure passes only through entities
// that are. Action entities are ordinary entities here: a caller that has
// a schema adds the schema's actions to data first (cedarjson.ParseEntities
// does).
func NewEntities(data []*syntax.EntityData) (*Entities, error) {
	es := &Entities{byUID: map[syntax.EntityUID]*Entity{}}
	for _, d := range data {
		if d == nil {
			return nil, fmt.Errorf("nil entity data")
		}
		e, err := evalEntityData(d)
		if err != nil {
			return nil, err
		}
		if old, dup := es.byUID[e.UID]; dup {
			if !sameEntity(old, e) {
				return nil, fmt.Errorf("%s: duplicate entity %s with different contents", d.Pos, e.UID)
			}
			continue
		}
		es.byUID[e.UID] = e
	}
	for _, e := range es.byUID {
		e.Ancestors = es.ancestorsOf(e)
		if e.Ancestors[e.UID] {
			return nil, fmt.Errorf("entity %s is its own ancestor: the parent relation has a cycle", e.UID)
		}
	}
	return es, nil
}

// Entity returns the entity with the given uid and whether it is present.
func (es *Entities) Entity(uid syntax.EntityUID) (*Entity, bool) {
	if es == nil {
		return nil, false
	}
	e, ok := es.byUID[uid]
	return e, ok
}

// Len is the number of entities in the store.
func (es *Entities) Len() int {
	if es == nil {
		return 0
	}
	return len(es.byUID)
}

// ancestorsOf walks the parent relation from e: every parent is an
// ancestor, and the search continues through the parents that are present.
func (es *Entities) ancestorsOf(e *Entity) map[syntax.EntityUID]bool {
	seen := map[syntax.EntityUID]bool{}
	todo := append([]syntax.EntityUID(nil), e.Parents...)
	for len(todo) > 0 {
		uid := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[uid] {
			continue
		}
		seen[uid] = true
		if p, ok := es.byUID[uid]; ok {
			todo = append(todo, p.Parents...)
		}
	}
	return seen
}

// evalEntityData evaluates the attributes and tags of one entity.
func evalEntityData(d *syntax.EntityData) (*Entity, error) {
	attrs, err := evalRestrictedFields(d.Attrs)
	if err != nil {
		return nil, fmt.Errorf("%s: entity %s: attribute %w", d.Pos, d.UID, err)
	}
	tags, err := evalRestrictedFields(d.Tags)
	if err != nil {
		return nil, fmt.Errorf("%s: entity %s: tag %w", d.Pos, d.UID, err)
	}
	return &Entity{UID: d.UID, Attrs: attrs, Tags: tags, Parents: d.Parents}, nil
}

// evalRestrictedFields evaluates each field's restricted expression.
func evalRestrictedFields(fields []syntax.Field) (Record, error) {
	out := Record{}
	for _, f := range fields {
		v, err := evalRestricted(f.Value, 0)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", f.Key, err)
		}
		out[f.Key] = v
	}
	return out, nil
}

// evalRestricted evaluates a restricted expression: a literal, a set or
// record of restricted expressions, or an extension call on restricted
// expressions. Anything else (variables, operators) is refused.
func evalRestricted(e syntax.Expr, depth int) (Value, error) {
	if depth > maxDepth {
		return nil, errorf(RecursionLimit, "value nested more than %d deep", maxDepth)
	}
	switch e := e.(type) {
	case *syntax.Literal:
		return literalValue(e)
	case *syntax.SetExpr:
		elems := make([]Value, len(e.Elems))
		for i, x := range e.Elems {
			v, err := evalRestricted(x, depth+1)
			if err != nil {
				return nil, err
			}
			elems[i] = v
		}
		return NewSet(elems...), nil
	case *syntax.RecordExpr:
		rec := Record{}
		for _, f := range e.Fields {
			v, err := evalRestricted(f.Value, depth+1)
			if err != nil {
				return nil, err
			}
			rec[f.Key] = v
		}
		return rec, nil
	case *syntax.Call:
		args := make([]Value, len(e.Args))
		for i, x := range e.Args {
			v, err := evalRestricted(x, depth+1)
			if err != nil {
				return nil, err
			}
			args[i] = v
		}
		return callExtension(e.Name, args)
	}
	return nil, fmt.Errorf("%T is not allowed in a restricted expression", e)
}

// sameEntity reports whether two entities with the same uid are identical.
func sameEntity(a, b *Entity) bool {
	return Equal(a.Attrs, b.Attrs) && Equal(a.Tags, b.Tags) &&
		Equal(uidSet(a.Parents), uidSet(b.Parents))
}

// uidSet is the set of the given uids.
func uidSet(uids []syntax.EntityUID) Set {
	vals := make([]Value, len(uids))
	for i, u := range uids {
		vals[i] = EntityUID(u)
	}
	return NewSet(vals...)
}
