// Set and record literals, and the string and entity-type tests like and
// is.

package engine

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

func (c *compiler) like(e *syntax.Like) (node, error) {
	l, err := c.compile(e.Left)
	if err != nil {
		return node{}, err
	}
	lf, pos, pat := l.fn(), e.Pos, compilePattern(e.Pattern)
	return fold(func(en *env) (value, *evalError) {
		v, err := lf(en)
		if err != nil {
			return value{}, err
		}
		if v.k != kindString {
			return value{}, typeErrorf(pos, "like: expected string, got %s", v.k)
		}
		return boolValue(pat.match(v.str())), nil
	}, true, l), nil
}

func (c *compiler) is(e *syntax.Is) (node, error) {
	l, err := c.compile(e.Left)
	if err != nil {
		return node{}, err
	}
	lf, pos, typ := l.fn(), e.Pos, e.Type
	return fold(func(en *env) (value, *evalError) {
		v, err := lf(en)
		if err != nil {
			return value{}, err
		}
		if v.k != kindEntity {
			return value{}, typeErrorf(pos, "is: expected entity, got %s", v.k)
		}
		return boolValue(v.euid().Value().Type == typ), nil
	}, true, l), nil
}

func (c *compiler) set(e *syntax.SetExpr) (node, error) {
	elems, constant := make([]node, len(e.Elems)), true
	for i, x := range e.Elems {
		n, err := c.compile(x)
		if err != nil {
			return node{}, err
		}
		elems[i], constant = n, constant && n.isConst
	}
	if constant { // folded, from the elements' values
		vals := make([]value, len(elems))
		for i, n := range elems {
			vals[i] = n.val
		}
		return constNode(setOf(newSet(vals))), nil
	}
	fns := make([]evalFn, len(elems))
	for i, n := range elems {
		fns[i] = n.fn()
	}
	return node{run: func(en *env) (value, *evalError) {
		vals := make([]value, len(fns))
		for i, f := range fns {
			v, err := f(en)
			if err != nil {
				return value{}, err
			}
			vals[i] = v
		}
		return setOf(newSet(vals)), nil
	}}, nil
}

func (c *compiler) record(e *syntax.RecordExpr) (node, error) {
	fields, constant := make([]node, len(e.Fields)), true
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
		fields[i], keys[i], constant = n, internAttr(f.Key), constant && n.isConst
	}
	if constant { // folded, from the fields' values
		vals := make([]value, len(fields))
		for i, n := range fields {
			vals[i] = n.val
		}
		return constNode(recordOf(newRecord(keys, vals))), nil
	}
	fns := make([]evalFn, len(fields))
	for i, n := range fields {
		fns[i] = n.fn()
	}
	return node{run: func(en *env) (value, *evalError) {
		vals := make([]value, len(fns))
		for i, f := range fns {
			v, err := f(en)
			if err != nil {
				return value{}, err
			}
			vals[i] = v
		}
		return recordOf(newRecord(keys, vals)), nil
	}}, nil
}
