// Operators that read the entity store: in, attribute access, has, and
// tags.

package engine

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// tagOp is e.getTag(k) (get) or e.hasTag(k) for an entity e and a string
// k whose interned form is key.
func tagOp(en *env, pos syntax.Pos, a, k value, key attrName, get bool) (value, *evalError) {
	name := "hasTag"
	if get {
		name = "getTag"
	}
	if a.k != kindEntity || k.k != kindString {
		return value{}, typeErrorf(pos, "%s: expected entity and string, got %s and %s", name, a.k, k.k)
	}
	ent := en.entity(a.euid())
	if ent == nil {
		if get {
			return value{}, errorf(EntityDoesNotExist, pos, "entity %s does not exist", a.euid().Value())
		}
		return falseValue, nil
	}
	var v value
	ok := false
	if ent.tags != nil {
		v, ok = ent.tags.get(key)
	}
	if !get {
		return boolValue(ok), nil
	}
	if !ok {
		return value{}, errorf(TagDoesNotExist, pos, "entity %s has no tag %q", a.euid().Value(), k.str())
	}
	return v, nil
}

// in is `a in b`: a must be an entity, b an entity or a set of entities
// (every element is checked before searching).
func (c *compiler) in(e *syntax.Binary, l, r node) node {
	lf, test := l.fn(), inTest(e.Pos, r)
	return node{run: func(en *env) (value, *evalError) {
		a, err := lf(en)
		if err != nil {
			return value{}, err
		}
		return test(en, a)
	}}
}

// inTest is `a in b` for an a already evaluated, b compiled to r: b is
// evaluated, then both are checked.
func inTest(pos syntax.Pos, r node) func(en *env, a value) (value, *evalError) {
	if r.isConst && r.val.k == kindEntity {
		target := r.val.euid()
		return func(en *env, a value) (value, *evalError) {
			if a.k != kindEntity {
				return value{}, typeErrorf(pos, "in: expected entity, got %s", a.k)
			}
			return boolValue(en.inEntity(a.euid(), target)), nil
		}
	}
	rf := r.fn()
	return func(en *env, a value) (value, *evalError) {
		b, err := rf(en)
		if err != nil {
			return value{}, err
		}
		if a.k != kindEntity {
			return value{}, typeErrorf(pos, "in: expected entity, got %s", a.k)
		}
		switch b.k {
		case kindEntity:
			return boolValue(en.inEntity(a.euid(), b.euid())), nil
		case kindSet:
			elems := b.set().elems
			for i := range elems {
				if elems[i].k != kindEntity {
					return value{}, typeErrorf(pos, "in: expected a set of entities, found %s", elems[i].k)
				}
			}
			ent := en.entity(a.euid())
			for i := range elems {
				if elems[i].euid() == a.euid() || ent != nil && ent.hasAncestor(elems[i].euid()) {
					return trueValue, nil
				}
			}
			return falseValue, nil
		}
		return value{}, typeErrorf(pos, "in: expected entity or set, got %s", b.k)
	}
}

// isIn compiles `x is T in y`, the adjacent operands `x is T` and
// `x in y` of an && chain (see syntax.IsInPair), as one operand that
// compiles and evaluates x once: x must be an entity; when its type is
// not T the result is false and y is not evaluated; otherwise it is
// x in y. The errors and their positions are those of the two operands
// evaluated one after the other.
func (c *compiler) isIn(is *syntax.Is, in *syntax.Binary) (node, error) {
	c.depth++ // the level of the Is, and of the In
	defer func() { c.depth-- }()
	if c.depth > syntax.MaxNesting {
		return errorNode(errorf(RecursionLimit, is.Pos, "expression nested more than %d levels deep", syntax.MaxNesting)), nil
	}
	x, err := c.compile(is.Left)
	if err != nil {
		return node{}, err
	}
	y, err := c.compile(in.Right)
	if err != nil {
		return node{}, err
	}
	xf, pos, typ, test := x.fn(), is.Pos, is.Type, inTest(in.Pos, y)
	isT := func(v value) (bool, *evalError) {
		if v.k != kindEntity {
			return false, typeErrorf(pos, "is: expected entity, got %s", v.k)
		}
		return v.euid().Value().Type == typ, nil
	}
	if x.isConst {
		switch ok, err := isT(x.val); {
		case err != nil:
			return errorNode(err), nil
		case !ok:
			return constNode(falseValue), nil
		}
	}
	return node{run: func(en *env) (value, *evalError) {
		v, err := xf(en)
		if err != nil {
			return value{}, err
		}
		ok, err := isT(v)
		if err != nil || !ok {
			return falseValue, err
		}
		return test(en, v)
	}}, nil
}

func (c *compiler) getAttr(e *syntax.GetAttr) (node, error) {
	l, err := c.compile(e.Left)
	if err != nil {
		return node{}, err
	}
	lf, pos, name, key := l.fn(), e.Pos, e.Attr, internAttr(e.Attr)
	if v, ok := e.Left.(*syntax.Variable); ok && v.Var < syntax.VarContext {
		// principal.a, action.a, resource.a: the request's entities were
		// looked up once per request.
		d := int(v.Var)
		return node{run: func(en *env) (value, *evalError) {
			ent := en.ents[d]
			if ent == nil {
				return value{}, errorf(EntityDoesNotExist, pos, "entity %s does not exist", en.uids[d].Value())
			}
			if w, ok := ent.attrs.get(key); ok {
				return w, nil
			}
			return value{}, errorf(AttrDoesNotExist, pos, "entity %s has no attribute %q", en.uids[d].Value(), name)
		}}, nil
	}
	fn := func(en *env) (value, *evalError) {
		v, err := lf(en)
		if err != nil {
			return value{}, err
		}
		switch v.k {
		case kindRecord:
			if w, ok := v.record().get(key); ok {
				return w, nil
			}
			return value{}, errorf(AttrDoesNotExist, pos, "record has no attribute %q", name)
		case kindEntity:
			ent := en.entity(v.euid())
			if ent == nil {
				return value{}, errorf(EntityDoesNotExist, pos, "entity %s does not exist", v.euid().Value())
			}
			if w, ok := ent.attrs.get(key); ok {
				return w, nil
			}
			return value{}, errorf(AttrDoesNotExist, pos, "entity %s has no attribute %q", v.euid().Value(), name)
		}
		return value{}, typeErrorf(pos, ".%s: expected record or entity, got %s", name, v.k)
	}
	// Only record access folds: entity access reads the store.
	return fold(fn, l.isConst && l.val.k == kindRecord, l), nil
}

func (c *compiler) has(e *syntax.Has) (node, error) {
	l, err := c.compile(e.Left)
	if err != nil {
		return node{}, err
	}
	lf, pos, name, key := l.fn(), e.Pos, e.Attr, internAttr(e.Attr)
	fn := func(en *env) (value, *evalError) {
		v, err := lf(en)
		if err != nil {
			return value{}, err
		}
		switch v.k {
		case kindRecord:
			_, ok := v.record().get(key)
			return boolValue(ok), nil
		case kindEntity:
			ent := en.entity(v.euid())
			if ent == nil {
				return falseValue, nil
			}
			_, ok := ent.attrs.get(key)
			return boolValue(ok), nil
		}
		return value{}, typeErrorf(pos, "has %s: expected record or entity, got %s", name, v.k)
	}
	return fold(fn, l.isConst && l.val.k == kindRecord, l), nil
}
