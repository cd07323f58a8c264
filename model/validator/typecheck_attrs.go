package validator

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// recordOf returns the attributes of a record type or of an entity type's
// shape. Action entities have no attributes (isAction). An entity type the
// schema does not declare is an error.
func (c *checker) recordOf(e syntax.Expr, t Type) (rec RecordType, isAction bool, err *typeError) {
	switch t := t.(type) {
	case RecordType:
		return t, false, nil
	case EntityType:
		if r, ok := c.env.attrs[t.Name]; ok {
			return r, false, nil
		}
		if c.env.actionTypes[t.Name] {
			return RecordType{}, true, nil
		}
		return RecordType{}, false, errorf(UnrecognizedEntityType, e, "entity type %s is not declared in the schema", t.Name)
	}
	return RecordType{}, false, unexpected(e, t, "an entity or a record")
}

// typeOfHas: the operand is a record or an entity. An undeclared
// attribute makes the test False. A declared attribute makes it True when
// a capability already establishes it, or when it is required on a
// record (an entity might not exist, so `has` on an entity is never known
// to be True from the schema alone); otherwise it is Bool, and the
// capability (operand, attribute) holds when it is true.
func (c *checker) typeOfHas(e *syntax.Has, caps capabilities) (Type, capabilities, *typeError) {
	t, err := c.typeOnly(e.Left, caps)
	if err != nil {
		return nil, nil, err
	}
	return c.hasOnType(e, t, caps)
}

// hasOnType is the rule for `e has a` once e has been typed t.
func (c *checker) hasOnType(e *syntax.Has, t Type, caps capabilities) (Type, capabilities, *typeError) {
	rec, _, err := c.recordOf(e.Left, t)
	if err != nil {
		return nil, nil, err
	}
	a, ok := rec.Attrs[e.Attr]
	if !ok {
		return boolFalse, nil, nil
	}
	_, onRecord := t.(RecordType)
	if caps.hasAttr(e.Left, e.Attr) || (a.Required && onRecord) {
		return boolTrue, nil, nil
	}
	return boolAny, attrCapability(e.Left, e.Attr), nil
}

// typeOfGetAttr: the operand is a record or an entity that declares the
// attribute. A required attribute can always be read; an optional one only
// under the capability established by a `has` test of the same operand.
func (c *checker) typeOfGetAttr(e *syntax.GetAttr, caps capabilities) (Type, *typeError) {
	t, err := c.typeOnly(e.Left, caps)
	if err != nil {
		return nil, err
	}
	return c.getAttrOnType(e, t, caps)
}

// getAttrOnType is the rule for `e.a` once e has been typed t.
func (c *checker) getAttrOnType(e *syntax.GetAttr, t Type, caps capabilities) (Type, *typeError) {
	rec, isAction, err := c.recordOf(e.Left, t)
	if err != nil {
		return nil, err
	}
	a, ok := rec.Attrs[e.Attr]
	switch {
	case !ok && isAction:
		return nil, errorf(UnsafeAttributeAccess, e, "action entities have no attributes, so %s has no attribute %s", t, syntax.Quote(e.Attr))
	case !ok:
		return nil, errorf(UnsafeAttributeAccess, e, "attribute %s is not declared on %s", syntax.Quote(e.Attr), t)
	case !a.Required && !caps.hasAttr(e.Left, e.Attr):
		return nil, errorf(UnsafeOptionalAttributeAccess, e, "attribute %s of %s is optional: test it with `has` before reading it", syntax.Quote(e.Attr), t)
	}
	return a.Type, nil
}

// typeOfHasTag: the receiver is an entity and the key a String. On a
// type without tags (including action types) the test is False.
// Otherwise it is True under an existing capability and Bool otherwise,
// and the capability (receiver, key) holds when it is true.
func (c *checker) typeOfHasTag(e *syntax.Binary, tl, tr Type, caps capabilities) (Type, capabilities, *typeError) {
	et, err := c.tagOperands(e, tl, tr)
	if err != nil {
		return nil, nil, err
	}
	if _, ok := c.env.tags[et.Name]; !ok {
		return boolFalse, nil, nil
	}
	if caps.hasTag(e.Left, e.Right) {
		return boolTrue, nil, nil
	}
	return boolAny, tagCapability(e.Left, e.Right), nil
}

// typeOfGetTag: a hasTag test of the same receiver and key must have
// established the capability, and the receiver's type must declare tags.
func (c *checker) typeOfGetTag(e *syntax.Binary, tl, tr Type, caps capabilities) (Type, *typeError) {
	et, err := c.tagOperands(e, tl, tr)
	if err != nil {
		return nil, err
	}
	// The guard is checked first, as Rust does: without tags, hasTag is
	// False, so a guarded read of a type without tags is rare.
	if !caps.hasTag(e.Left, e.Right) {
		return nil, errorf(UnsafeTagAccess, e, "tag read on %s without a guard: test it with hasTag before reading it", et.Name)
	}
	t, ok := c.env.tags[et.Name]
	if !ok {
		return nil, errorf(NoTagsAllowed, e, "entity type %s does not declare tags", et.Name)
	}
	return t, nil
}

// tagOperands checks that a tag operation has an entity of a known type
// as receiver and a String as key.
func (c *checker) tagOperands(e *syntax.Binary, tl, tr Type) (EntityType, *typeError) {
	et, ok := tl.(EntityType)
	if !ok {
		return EntityType{}, unexpected(e.Left, tl, "an entity")
	}
	if _, ok := tr.(StringType); !ok {
		return EntityType{}, unexpected(e.Right, tr, "String")
	}
	if _, ok := c.env.entityType(et.Name); !ok && !c.env.actionTypes[et.Name] {
		return EntityType{}, errorf(UnrecognizedEntityType, e.Left, "entity type %s is not declared in the schema", et.Name)
	}
	return et, nil
}
