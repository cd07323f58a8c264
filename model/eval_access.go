package model

import "github.com/cedar-crosscheck/crosscheck/syntax"

// getAttr is `v.attr`: a record's field or an entity's attribute. Reading
// an attribute of an entity absent from the store is EntityDoesNotExist;
// a missing attribute is AttrDoesNotExist.
func (env *Env) getAttr(v Value, attr string) (Value, error) {
	var fields Record
	switch v := v.(type) {
	case Record:
		fields = v
	case EntityUID:
		e, ok := env.Entities.Entity(syntax.EntityUID(v))
		if !ok {
			return nil, errorf(EntityDoesNotExist, "entity %s does not exist", v)
		}
		fields = e.Attrs
	default:
		return nil, expectedType("record or entity", v)
	}
	x, ok := fields[attr]
	if !ok {
		owner := "the record"
		if u, isEntity := v.(EntityUID); isEntity {
			owner = u.String()
		}
		return nil, errorf(AttrDoesNotExist, "%s does not have the attribute %q", owner, attr)
	}
	return x, nil
}

// hasAttr is `v has attr`. An entity absent from the store has no
// attributes, which is not an error.
func (env *Env) hasAttr(v Value, attr string) (Value, error) {
	switch v := v.(type) {
	case Record:
		_, ok := v[attr]
		return Bool(ok), nil
	case EntityUID:
		e, ok := env.Entities.Entity(syntax.EntityUID(v))
		if !ok {
			return Bool(false), nil
		}
		_, ok = e.Attrs[attr]
		return Bool(ok), nil
	}
	return nil, expectedType("record or entity", v)
}

// tagOperands checks the operands of hasTag and getTag: an entity and a
// String.
func tagOperands(v, key Value) (syntax.EntityUID, string, error) {
	uid, err := asEntity(v)
	if err != nil {
		return uid, "", err
	}
	k, err := asString(key)
	return uid, string(k), err
}

// hasTag is `v.hasTag(key)`. An entity absent from the store has no tags.
func (env *Env) hasTag(v, key Value) (Value, error) {
	uid, k, err := tagOperands(v, key)
	if err != nil {
		return nil, err
	}
	e, ok := env.Entities.Entity(uid)
	if !ok {
		return Bool(false), nil
	}
	_, ok = e.Tags[k]
	return Bool(ok), nil
}

// getTag is `v.getTag(key)`. Reading a tag of an entity absent from the
// store is EntityDoesNotExist; a missing tag is TagDoesNotExist.
func (env *Env) getTag(v, key Value) (Value, error) {
	uid, k, err := tagOperands(v, key)
	if err != nil {
		return nil, err
	}
	e, ok := env.Entities.Entity(uid)
	if !ok {
		return nil, errorf(EntityDoesNotExist, "entity %s does not exist", uid)
	}
	x, ok := e.Tags[k]
	if !ok {
		return nil, errorf(TagDoesNotExist, "%s does not have the tag %q", uid, k)
	}
	return x, nil
}
