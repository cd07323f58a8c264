package model

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Entity is one entity of a store, with its attribute and tag values
// evaluated. Its ancestors are not stored: Entities.Ancestors follows
// Parents when asked.
type Entity struct {
	UID     syntax.EntityUID
	Attrs   Record
	Tags    Record
	Parents []syntax.EntityUID // as given
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
	es := &Entities{byUID: make(map[syntax.EntityUID]*Entity, len(data))}
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
	if err := es.checkAcyclic(data); err != nil {
		return nil, err
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

// Ancestors is the transitive closure of the parent relation from uid:
// every parent of uid is an ancestor, and so is every ancestor of a parent
// that is present in the store (an absent entity has no parents). It is
// computed when asked, never stored, so a deep hierarchy costs memory
// only while one walk is under way. A uid absent from the store has no
// ancestors.
func (es *Entities) Ancestors(uid syntax.EntityUID) map[syntax.EntityUID]bool {
	ancestors := map[syntax.EntityUID]bool{}
	todo := []syntax.EntityUID{uid}
	for len(todo) > 0 {
		u := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		e, ok := es.Entity(u)
		if !ok {
			continue
		}
		for _, p := range e.Parents {
			if !ancestors[p] {
				ancestors[p] = true
				todo = append(todo, p)
			}
		}
	}
	return ancestors
}

// checkAcyclic reports a cycle in the parent relation among the present
// entities, an entity that is its own parent included. It is one
// depth-first search over the whole store, O(entities + parents), without
// recursion: an entity reached again while it is still on the search
// path is its own ancestor. The search starts from the entities in the
// order of data, so the entity named is the same on every run.
func (es *Entities) checkAcyclic(data []*syntax.EntityData) error {
	const (
		unvisited = iota
		onPath
		finished
	)
	state := make(map[syntax.EntityUID]int, len(es.byUID))
	type step struct {
		e    *Entity
		next int // index in e.Parents of the next parent to follow
	}
	for _, d := range data {
		if state[d.UID] != unvisited {
			continue
		}
		state[d.UID] = onPath
		path := []step{{e: es.byUID[d.UID]}}
		for len(path) > 0 {
			top := &path[len(path)-1]
			if top.next == len(top.e.Parents) {
				state[top.e.UID] = finished
				path = path[:len(path)-1]
				continue
			}
			p := top.e.Parents[top.next]
			top.next++
			parent, present := es.byUID[p]
			if !present {
				continue
			}
			switch state[p] {
			case onPath:
				return fmt.Errorf("entity %s is its own ancestor: the parent relation has a cycle", p)
			case unvisited:
				state[p] = onPath
				path = append(path, step{e: parent})
			}
		}
	}
	return nil
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
	out := make(Record, len(fields))
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
		rec := make(Record, len(e.Fields))
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
