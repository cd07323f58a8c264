package engine

import (
	"math"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

func (c *compiler) unary(e *syntax.Unary) (node, error) {
	a, err := c.compile(e.Arg)
	if err != nil {
		return node{}, err
	}
	af, pos := a.fn, e.Pos
	var fn evalFn
	switch e.Op {
	case syntax.OpNot:
		fn = func(en *env) (Value, *evalError) {
			v, err := af(en)
			if err != nil {
				return Value{}, err
			}
			if v.k != kindBool {
				return Value{}, typeErrorf(pos, "!: expected bool, got %s", v.k)
			}
			return boolValue(!v.isTrue()), nil
		}
	case syntax.OpNeg:
		fn = func(en *env) (Value, *evalError) {
			v, err := af(en)
			if err != nil {
				return Value{}, err
			}
			if v.k != kindLong {
				return Value{}, typeErrorf(pos, "-: expected long, got %s", v.k)
			}
			if v.n == math.MinInt64 {
				return Value{}, errorf(Overflow, pos, "integer overflow negating %d", v.n)
			}
			return longValue(-v.n), nil
		}
	case syntax.OpIsEmpty:
		fn = func(en *env) (Value, *evalError) {
			v, err := af(en)
			if err != nil {
				return Value{}, err
			}
			if v.k != kindSet {
				return Value{}, typeErrorf(pos, "isEmpty: expected set, got %s", v.k)
			}
			return boolValue(len(v.set().elems) == 0), nil
		}
	default:
		return node{}, &CompileError{Pos: e.Pos, Msg: "unknown unary operator"}
	}
	return fold(fn, true, a), nil
}

// binary compiles the two-operand operators. Both operands are evaluated,
// left first, before any type check, except for && and ||.
func (c *compiler) binary(e *syntax.Binary) (node, error) {
	l, err := c.compile(e.Left)
	if err != nil {
		return node{}, err
	}
	r, err := c.compile(e.Right)
	if err != nil {
		return node{}, err
	}
	switch e.Op {
	case syntax.OpAnd:
		return c.and(e, l, r), nil
	case syntax.OpOr:
		return c.or(e, l, r), nil
	case syntax.OpIn:
		return c.in(e, l, r), nil
	}
	op, ok := binaryOps[e.Op]
	if !ok {
		return node{}, &CompileError{Pos: e.Pos, Msg: "unknown binary operator " + e.Op.String()}
	}
	pure := e.Op != syntax.OpGetTag && e.Op != syntax.OpHasTag
	lf, rf, pos := l.fn, r.fn, e.Pos
	if !pure && r.isConst && r.val.k == kindString {
		// A constant tag name is interned once, here.
		key, rv, getTag := internAttr(r.val.s), r.val, e.Op == syntax.OpGetTag
		return node{fn: func(en *env) (Value, *evalError) {
			a, err := lf(en)
			if err != nil {
				return Value{}, err
			}
			return tagOp(en, pos, a, rv, key, getTag)
		}}, nil
	}
	if r.isConst {
		rv := r.val
		return fold(func(en *env) (Value, *evalError) {
			a, err := lf(en)
			if err != nil {
				return Value{}, err
			}
			return op(en, pos, a, rv)
		}, pure, l), nil
	}
	return fold(func(en *env) (Value, *evalError) {
		a, err := lf(en)
		if err != nil {
			return Value{}, err
		}
		b, err := rf(en)
		if err != nil {
			return Value{}, err
		}
		return op(en, pos, a, b)
	}, pure, l, r), nil
}

type binaryOp func(en *env, pos syntax.Pos, a, b Value) (Value, *evalError)

var binaryOps = map[syntax.BinaryOp]binaryOp{
	syntax.OpEq: func(_ *env, _ syntax.Pos, a, b Value) (Value, *evalError) {
		return boolValue(a.equal(b)), nil
	},
	syntax.OpLess:   func(_ *env, pos syntax.Pos, a, b Value) (Value, *evalError) { return compare(pos, "<", a, b, false) },
	syntax.OpLessEq: func(_ *env, pos syntax.Pos, a, b Value) (Value, *evalError) { return compare(pos, "<=", a, b, true) },
	syntax.OpAdd:    arith("+", addChecked),
	syntax.OpSub:    arith("-", subChecked),
	syntax.OpMul:    arith("*", mulChecked),
	syntax.OpContains: func(_ *env, pos syntax.Pos, a, b Value) (Value, *evalError) {
		if a.k != kindSet {
			return Value{}, typeErrorf(pos, "contains: expected set, got %s", a.k)
		}
		return boolValue(a.set().contains(b)), nil
	},
	syntax.OpContainsAll: func(_ *env, pos syntax.Pos, a, b Value) (Value, *evalError) {
		if a.k != kindSet || b.k != kindSet {
			return Value{}, typeErrorf(pos, "containsAll: expected two sets, got %s and %s", a.k, b.k)
		}
		return boolValue(a.set().containsAll(b.set())), nil
	},
	syntax.OpContainsAny: func(_ *env, pos syntax.Pos, a, b Value) (Value, *evalError) {
		if a.k != kindSet || b.k != kindSet {
			return Value{}, typeErrorf(pos, "containsAny: expected two sets, got %s and %s", a.k, b.k)
		}
		return boolValue(a.set().containsAny(b.set())), nil
	},
	syntax.OpHasTag: func(en *env, pos syntax.Pos, a, b Value) (Value, *evalError) {
		if b.k != kindString {
			return Value{}, typeErrorf(pos, "hasTag: expected entity and string, got %s and %s", a.k, b.k)
		}
		return tagOp(en, pos, a, b, internAttr(b.s), false)
	},
	syntax.OpGetTag: func(en *env, pos syntax.Pos, a, b Value) (Value, *evalError) {
		if b.k != kindString {
			return Value{}, typeErrorf(pos, "getTag: expected entity and string, got %s and %s", a.k, b.k)
		}
		return tagOp(en, pos, a, b, internAttr(b.s), true)
	},
}

// tagOp is e.getTag(k) (get) or e.hasTag(k) for an entity e and a string
// k whose interned form is key.
func tagOp(en *env, pos syntax.Pos, a, k Value, key attrName, get bool) (Value, *evalError) {
	name := "hasTag"
	if get {
		name = "getTag"
	}
	if a.k != kindEntity || k.k != kindString {
		return Value{}, typeErrorf(pos, "%s: expected entity and string, got %s and %s", name, a.k, k.k)
	}
	ent := en.entity(a.e)
	if ent == nil {
		if get {
			return Value{}, errorf(EntityDoesNotExist, pos, "entity %s does not exist", a.e.Value())
		}
		return falseValue, nil
	}
	var v Value
	ok := false
	if ent.tags != nil {
		v, ok = ent.tags.get(key)
	}
	if !get {
		return boolValue(ok), nil
	}
	if !ok {
		return Value{}, errorf(TagDoesNotExist, pos, "entity %s has no tag %q", a.e.Value(), k.s)
	}
	return v, nil
}

func arith(name string, f func(a, b int64) (int64, bool)) binaryOp {
	return func(_ *env, pos syntax.Pos, a, b Value) (Value, *evalError) {
		if a.k != kindLong || b.k != kindLong {
			return Value{}, typeErrorf(pos, "%s: expected two longs, got %s and %s", name, a.k, b.k)
		}
		n, ok := f(a.n, b.n)
		if !ok {
			return Value{}, errorf(Overflow, pos, "integer overflow: %d %s %d", a.n, name, b.n)
		}
		return longValue(n), nil
	}
}

// compare is < and <= on longs, datetimes and durations of the same kind.
func compare(pos syntax.Pos, name string, a, b Value, orEqual bool) (Value, *evalError) {
	if a.k != b.k || a.k != kindLong && a.k != kindDatetime && a.k != kindDuration {
		return Value{}, typeErrorf(pos, "%s: expected two longs, datetimes or durations, got %s and %s", name, a.k, b.k)
	}
	if orEqual {
		return boolValue(a.n <= b.n), nil
	}
	return boolValue(a.n < b.n), nil
}

// in is `a in b`: a must be an entity, b an entity or a set of entities
// (every element is checked before searching).
func (c *compiler) in(e *syntax.Binary, l, r node) node {
	lf, rf, pos := l.fn, r.fn, e.Pos
	if r.isConst && r.val.k == kindEntity {
		target := r.val.e
		return node{fn: func(en *env) (Value, *evalError) {
			a, err := lf(en)
			if err != nil {
				return Value{}, err
			}
			if a.k != kindEntity {
				return Value{}, typeErrorf(pos, "in: expected entity, got %s", a.k)
			}
			return boolValue(en.inEntity(a.e, target)), nil
		}}
	}
	return node{fn: func(en *env) (Value, *evalError) {
		a, err := lf(en)
		if err != nil {
			return Value{}, err
		}
		b, err := rf(en)
		if err != nil {
			return Value{}, err
		}
		if a.k != kindEntity {
			return Value{}, typeErrorf(pos, "in: expected entity, got %s", a.k)
		}
		switch b.k {
		case kindEntity:
			return boolValue(en.inEntity(a.e, b.e)), nil
		case kindSet:
			elems := b.set().elems
			for i := range elems {
				if elems[i].k != kindEntity {
					return Value{}, typeErrorf(pos, "in: expected a set of entities, found %s", elems[i].k)
				}
			}
			ent := en.entity(a.e)
			for i := range elems {
				if elems[i].e == a.e || ent != nil && ent.hasAncestor(elems[i].e) {
					return trueValue, nil
				}
			}
			return falseValue, nil
		}
		return Value{}, typeErrorf(pos, "in: expected entity or set, got %s", b.k)
	}}
}

func (c *compiler) getAttr(e *syntax.GetAttr) (node, error) {
	l, err := c.compile(e.Left)
	if err != nil {
		return node{}, err
	}
	lf, pos, name, key := l.fn, e.Pos, e.Attr, internAttr(e.Attr)
	if v, ok := e.Left.(*syntax.Variable); ok && v.Var < syntax.VarContext {
		// principal.a, action.a, resource.a: the request's entities were
		// looked up once per request.
		d := int(v.Var)
		return node{fn: func(en *env) (Value, *evalError) {
			ent := en.ents[d]
			if ent == nil {
				return Value{}, errorf(EntityDoesNotExist, pos, "entity %s does not exist", en.vars[d].e.Value())
			}
			if w, ok := ent.attrs.get(key); ok {
				return w, nil
			}
			return Value{}, errorf(AttrDoesNotExist, pos, "entity %s has no attribute %q", en.vars[d].e.Value(), name)
		}}, nil
	}
	fn := func(en *env) (Value, *evalError) {
		v, err := lf(en)
		if err != nil {
			return Value{}, err
		}
		switch v.k {
		case kindRecord:
			if w, ok := v.record().get(key); ok {
				return w, nil
			}
			return Value{}, errorf(AttrDoesNotExist, pos, "record has no attribute %q", name)
		case kindEntity:
			ent := en.entity(v.e)
			if ent == nil {
				return Value{}, errorf(EntityDoesNotExist, pos, "entity %s does not exist", v.e.Value())
			}
			if w, ok := ent.attrs.get(key); ok {
				return w, nil
			}
			return Value{}, errorf(AttrDoesNotExist, pos, "entity %s has no attribute %q", v.e.Value(), name)
		}
		return Value{}, typeErrorf(pos, ".%s: expected record or entity, got %s", name, v.k)
	}
	// Only record access folds: entity access reads the store.
	return fold(fn, l.isConst && l.val.k == kindRecord, l), nil
}

func (c *compiler) has(e *syntax.Has) (node, error) {
	l, err := c.compile(e.Left)
	if err != nil {
		return node{}, err
	}
	lf, pos, name, key := l.fn, e.Pos, e.Attr, internAttr(e.Attr)
	fn := func(en *env) (Value, *evalError) {
		v, err := lf(en)
		if err != nil {
			return Value{}, err
		}
		switch v.k {
		case kindRecord:
			_, ok := v.record().get(key)
			return boolValue(ok), nil
		case kindEntity:
			ent := en.entity(v.e)
			if ent == nil {
				return falseValue, nil
			}
			_, ok := ent.attrs.get(key)
			return boolValue(ok), nil
		}
		return Value{}, typeErrorf(pos, "has %s: expected record or entity, got %s", name, v.k)
	}
	return fold(fn, l.isConst && l.val.k == kindRecord, l), nil
}

func (c *compiler) like(e *syntax.Like) (node, error) {
	l, err := c.compile(e.Left)
	if err != nil {
		return node{}, err
	}
	lf, pos, pat := l.fn, e.Pos, compilePattern(e.Pattern)
	return fold(func(en *env) (Value, *evalError) {
		v, err := lf(en)
		if err != nil {
			return Value{}, err
		}
		if v.k != kindString {
			return Value{}, typeErrorf(pos, "like: expected string, got %s", v.k)
		}
		return boolValue(pat.match(v.s)), nil
	}, true, l), nil
}

func (c *compiler) is(e *syntax.Is) (node, error) {
	l, err := c.compile(e.Left)
	if err != nil {
		return node{}, err
	}
	lf, pos, typ := l.fn, e.Pos, e.Type
	return fold(func(en *env) (Value, *evalError) {
		v, err := lf(en)
		if err != nil {
			return Value{}, err
		}
		if v.k != kindEntity {
			return Value{}, typeErrorf(pos, "is: expected entity, got %s", v.k)
		}
		return boolValue(v.e.Value().Type == typ), nil
	}, true, l), nil
}

func (c *compiler) set(e *syntax.SetExpr) (node, error) {
	elems := make([]node, len(e.Elems))
	fns := make([]evalFn, len(e.Elems))
	for i, x := range e.Elems {
		n, err := c.compile(x)
		if err != nil {
			return node{}, err
		}
		elems[i], fns[i] = n, n.fn
	}
	return fold(func(en *env) (Value, *evalError) {
		vals := make([]Value, len(fns))
		for i, f := range fns {
			v, err := f(en)
			if err != nil {
				return Value{}, err
			}
			vals[i] = v
		}
		return setOf(newSet(vals)), nil
	}, true, elems...), nil
}

func (c *compiler) record(e *syntax.RecordExpr) (node, error) {
	fields := make([]node, len(e.Fields))
	fns := make([]evalFn, len(e.Fields))
	keys := make([]attrName, len(e.Fields))
	seen := make(map[string]bool, len(e.Fields))
	for i, f := range e.Fields {
		if seen[f.Key] {
			return node{}, &CompileError{Pos: e.Pos, Msg: "duplicate record key " + syntax.Quote(f.Key)}
		}
		seen[f.Key] = true
		n, err := c.compile(f.Value)
		if err != nil {
			return node{}, err
		}
		fields[i], fns[i], keys[i] = n, n.fn, internAttr(f.Key)
	}
	return fold(func(en *env) (Value, *evalError) {
		vals := make([]Value, len(fns))
		for i, f := range fns {
			v, err := f(en)
			if err != nil {
				return Value{}, err
			}
			vals[i] = v
		}
		return recordOf(newRecord(keys, vals)), nil
	}, true, fields...), nil
}
