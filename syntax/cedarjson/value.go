package cedarjson

import (
	"strconv"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// The reserved keys of value JSON. An object with one of them as its only
// key is an escape, not a record.
const (
	entityEscape = "__entity"
	extnEscape   = "__extn"
	exprEscape   = "__expr"
)

// value reads a Cedar value written in entity JSON without a schema:
// booleans, integers, strings, arrays (sets), objects (records) and the
// __entity and __extn escapes. The result is a restricted expression.
//
// Like Cedar without a schema, a plain {"type": .., "id": ..} object is a
// record, not an entity reference.
func (d *decoder) value(n *node, p *path) (syntax.Expr, error) {
	pos := d.pos(n.off)
	switch n.kind {
	case nullNode:
		return nil, d.errorf(n, p, KindNull, "null is not a Cedar value")
	case boolNode:
		return &syntax.Literal{Pos: pos, Value: n.b}, nil
	case numberNode:
		i, err := d.integer(n, p)
		if err != nil {
			return nil, err
		}
		return &syntax.Literal{Pos: pos, Value: i}, nil
	case stringNode:
		return &syntax.Literal{Pos: pos, Value: n.text}, nil
	case arrayNode:
		set := &syntax.SetExpr{Pos: pos, Elems: make([]syntax.Expr, 0, len(n.elems))}
		for i, e := range n.elems {
			v, err := d.value(e, p.elem(i))
			if err != nil {
				return nil, err
			}
			set.Elems = append(set.Elems, v)
		}
		return set, nil
	}
	if e, ok, err := d.escape(n, p); ok || err != nil {
		return e, err
	}
	rec := &syntax.RecordExpr{Pos: pos, Fields: make([]syntax.Field, 0, len(n.members))}
	for _, m := range n.members {
		v, err := d.value(m.value, p.field(m.key))
		if err != nil {
			return nil, err
		}
		rec.Fields = append(rec.Fields, syntax.Field{Key: m.key, Value: v})
	}
	return rec, nil
}

// escape reads the __entity, __extn and __expr escapes. ok reports
// whether n is an escape at all. An object that mentions a reserved key
// must be exactly that escape: Cedar cannot write such a record back out,
// so accepting one would lose data.
func (d *decoder) escape(n *node, p *path) (e syntax.Expr, ok bool, err error) {
	if n.kind != objectNode {
		return nil, false, nil
	}
	var which string
	for _, m := range n.members {
		switch m.key {
		case entityEscape, extnEscape, exprEscape:
			which = m.key
		}
	}
	if which == "" {
		return nil, false, nil
	}
	if len(n.members) != 1 {
		return nil, true, d.errorf(n, p, KindInvalidEscape, "an object with the reserved key %s must have no other key", strconv.Quote(which))
	}
	inner := n.members[0].value
	ip := p.field(which)
	switch which {
	case exprEscape:
		return nil, true, d.errorf(n, p, KindExprEscape, "the __expr escape was removed from Cedar; use __entity or __extn")
	case entityEscape:
		uid, err := d.typeAndID(inner, ip)
		if err != nil {
			return nil, true, err
		}
		return &syntax.Literal{Pos: d.pos(n.off), Value: uid}, true, nil
	}
	call, err := d.fnAndArgs(inner, ip, d.value)
	if err != nil {
		return nil, true, err
	}
	call.Pos = d.pos(n.off)
	return call, true, nil
}

// fnAndArgs reads {"fn": NAME, "arg": V} or {"fn": NAME, "args": [V...]},
// reading each argument with readArg.
func (d *decoder) fnAndArgs(n *node, p *path, readArg func(*node, *path) (syntax.Expr, error)) (*syntax.Call, error) {
	if err := d.fields(n, p, "an extension call {\"fn\", \"arg\"}", []string{"fn"}, "arg", "args"); err != nil {
		return nil, err
	}
	fnNode := n.get("fn")
	name, err := d.str(fnNode, p.field("fn"), "an extension function name")
	if err != nil {
		return nil, err
	}
	if !extensionFunctions[name] {
		return nil, d.errorf(fnNode, p.field("fn"), KindUnknownExtFunction, "extension function %s does not exist", strconv.Quote(name))
	}
	call := &syntax.Call{Pos: d.pos(n.off), Name: name}
	arg, args := n.get("arg"), n.get("args")
	switch {
	case arg != nil && args != nil:
		return nil, d.errorf(n, p, KindInvalidEscape, "an extension call has either \"arg\" or \"args\", not both")
	case arg != nil:
		v, err := readArg(arg, p.field("arg"))
		if err != nil {
			return nil, err
		}
		call.Args = []syntax.Expr{v}
	case args != nil:
		if err := d.expect(args, p.field("args"), arrayNode, "the arguments of an extension call"); err != nil {
			return nil, err
		}
		call.Args = make([]syntax.Expr, 0, len(args.elems))
		for i, a := range args.elems {
			v, err := readArg(a, p.field("args").elem(i))
			if err != nil {
				return nil, err
			}
			call.Args = append(call.Args, v)
		}
	default:
		return nil, d.errorf(n, p, KindMissingField, "an extension call needs \"arg\" or \"args\"")
	}
	return call, nil
}

// integer reads a JSON number as an int64. Fractions and exponents are
// rejected even when the value is integral (1.0, 1e3), as Cedar does; the
// conversion is exact, never through float64.
func (d *decoder) integer(n *node, p *path) (int64, error) {
	for i := 0; i < len(n.text); i++ {
		switch n.text[i] {
		case '.', 'e', 'E':
			return 0, d.errorf(n, p, KindNotInteger, "%s is not an integer: Cedar has no floating-point numbers", n.text)
		}
	}
	i, err := strconv.ParseInt(n.text, 10, 64)
	if err != nil {
		return 0, d.errorf(n, p, KindIntegerOverflow, "integer %s does not fit in 64 bits", n.text)
	}
	return i, nil
}

// typeAndID reads {"type": T, "id": I}.
func (d *decoder) typeAndID(n *node, p *path) (syntax.EntityUID, error) {
	if err := d.fields(n, p, "an entity uid {\"type\", \"id\"}", []string{"type", "id"}); err != nil {
		return syntax.EntityUID{}, err
	}
	t, err := d.entityType(n.get("type"), p.field("type"))
	if err != nil {
		return syntax.EntityUID{}, err
	}
	id, err := d.str(n.get("id"), p.field("id"), "an entity id")
	if err != nil {
		return syntax.EntityUID{}, err
	}
	return syntax.EntityUID{Type: t, ID: id}, nil
}

// entityUID reads an entity uid in either JSON form: {"type", "id"} or
// {"__entity": {"type", "id"}}.
func (d *decoder) entityUID(n *node, p *path) (syntax.EntityUID, error) {
	if err := d.expect(n, p, objectNode, "an entity uid"); err != nil {
		return syntax.EntityUID{}, err
	}
	if len(n.members) == 1 {
		switch n.members[0].key {
		case entityEscape:
			return d.typeAndID(n.members[0].value, p.field(entityEscape))
		case exprEscape:
			return syntax.EntityUID{}, d.errorf(n, p, KindExprEscape, "the __expr escape was removed from Cedar; use {\"type\", \"id\"}")
		}
	}
	return d.typeAndID(n, p)
}
