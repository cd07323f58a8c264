package cedarjson

import (
	"sort"
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// extensionConstructors names the one-argument function that builds each
// extension type from a string; it is the implicit constructor when a
// schema expects that type and the JSON gives a plain value.
var extensionConstructors = map[string]string{
	"ipaddr":   "ip",
	"decimal":  "decimal",
	"datetime": "datetime",
	"duration": "duration",
}

// extensionResults gives the extension type returned by each extension
// function that returns one; it is how a schema-typed attribute checks an
// explicit __extn call without evaluating it.
var extensionResults = map[string]string{
	"ip":            "ipaddr",
	"decimal":       "decimal",
	"datetime":      "datetime",
	"duration":      "duration",
	"offset":        "datetime",
	"toDate":        "datetime",
	"toTime":        "duration",
	"durationSince": "duration",
}

// typedValue reads a value against the schema type ty. The type decides
// how the JSON is read (an entity reference may omit __entity, an
// extension value may omit __extn or be a plain constructor argument, and
// records are checked attribute by attribute) and the value must conform
// to it. A nil type reads the value without a schema.
func (d *decoder) typedValue(n *node, p *path, ty syntax.Type) (syntax.Expr, error) {
	switch t := ty.(type) {
	case nil:
		return d.value(n, p)
	case *syntax.EntityRefType:
		if n.kind != objectNode {
			return nil, d.mismatch(n, p, ty)
		}
		uid, err := d.entityUID(n, p)
		if err != nil {
			return nil, err
		}
		if uid.Type != t.Name {
			return nil, d.errorf(n, p, KindTypeMismatch, "expected an entity of type %s, found %s", t.Name, uid)
		}
		return &syntax.Literal{Pos: d.pos(n.off), Value: uid}, nil
	case *syntax.ExtensionType:
		return d.extensionValue(n, p, t)
	case *syntax.SetType:
		if n.kind != arrayNode {
			return nil, d.mismatch(n, p, ty)
		}
		set := &syntax.SetExpr{Pos: d.pos(n.off), Elems: make([]syntax.Expr, 0, len(n.elems))}
		for i, e := range n.elems {
			v, err := d.typedValue(e, p.elem(i), t.Elem)
			if err != nil {
				return nil, err
			}
			set.Elems = append(set.Elems, v)
		}
		return set, nil
	case *syntax.RecordType:
		if n.kind != objectNode {
			return nil, d.mismatch(n, p, ty)
		}
		return d.typedRecord(n, p, t)
	case *syntax.PrimitiveType:
		v, err := d.value(n, p)
		if err != nil {
			return nil, err
		}
		lit, ok := v.(*syntax.Literal)
		if ok {
			switch lit.Value.(type) {
			case int64:
				ok = t.Kind == syntax.LongType
			case string:
				ok = t.Kind == syntax.StringType
			case bool:
				ok = t.Kind == syntax.BoolType
			default:
				ok = false
			}
		}
		if !ok {
			return nil, d.mismatch(n, p, ty)
		}
		return v, nil
	}
	return nil, d.errorf(n, p, KindTypeMismatch, "unsupported schema type %T", ty)
}

// typedRecord reads an object against a record type: every required
// attribute must be present and no undeclared attribute may be.
func (d *decoder) typedRecord(n *node, p *path, t *syntax.RecordType) (*syntax.RecordExpr, error) {
	rec := &syntax.RecordExpr{Pos: d.pos(n.off), Fields: make([]syntax.Field, 0, len(n.members))}
	for _, m := range n.members {
		at, ok := t.Attrs[m.key]
		if !ok {
			return nil, d.errorf(&node{off: m.keyOff}, p.field(m.key), KindUnexpectedAttr,
				"attribute %s is not declared in the schema", strconv.Quote(m.key))
		}
		v, err := d.typedValue(m.value, p.field(m.key), at.Type)
		if err != nil {
			return nil, err
		}
		rec.Fields = append(rec.Fields, syntax.Field{Key: m.key, Value: v})
	}
	present := make(map[string]bool, len(n.members))
	for _, m := range n.members {
		present[m.key] = true
	}
	var missing []string
	for k, at := range t.Attrs {
		if at.Required && !present[k] {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, d.errorf(n, p, KindMissingAttribute, "required attribute %s is missing", strconv.Quote(missing[0]))
	}
	return rec, nil
}

// extensionValue reads a value of an extension type: an explicit
// {"__extn": {...}} escape, the same object without the escape, or any
// other value as the argument of the type's constructor.
func (d *decoder) extensionValue(n *node, p *path, t *syntax.ExtensionType) (syntax.Expr, error) {
	var call *syntax.Call
	switch {
	case n.kind == objectNode && (n.get(extnEscape) != nil || n.get(exprEscape) != nil):
		e, _, err := d.escape(n, p)
		if err != nil {
			return nil, err
		}
		c, ok := e.(*syntax.Call)
		if !ok {
			return nil, d.mismatch(n, p, t)
		}
		call = c
	case n.kind == objectNode && n.get("fn") != nil:
		c, err := d.fnAndArgs(n, p, d.value)
		if err != nil {
			return nil, err
		}
		call = c
	default:
		ctor, ok := extensionConstructors[t.Name]
		if !ok {
			return nil, d.errorf(n, p, KindTypeMismatch, "no constructor is known for the extension type %s", t.Name)
		}
		arg, err := d.value(n, p)
		if err != nil {
			return nil, err
		}
		return &syntax.Call{Pos: d.pos(n.off), Name: ctor, Args: []syntax.Expr{arg}}, nil
	}
	result, ok := extensionResults[call.Name]
	if !ok {
		return nil, d.errorf(n, p, KindUnknownExtFunction, "%s is not an extension function that returns %s", strconv.Quote(call.Name), t.Name)
	}
	if result != t.Name {
		return nil, d.errorf(n, p, KindTypeMismatch, "expected a value of type %s, found a call to %s, which returns %s", t.Name, call.Name, result)
	}
	return call, nil
}

// mismatch reports that n does not have type ty.
func (d *decoder) mismatch(n *node, p *path, ty syntax.Type) error {
	return d.errorf(n, p, KindTypeMismatch, "expected a value of type %s, found a JSON %s", typeString(ty), n.kind)
}

// typeString renders a schema type for messages, in Cedar schema syntax.
func typeString(ty syntax.Type) string {
	switch t := ty.(type) {
	case *syntax.PrimitiveType:
		return t.Kind.String()
	case *syntax.SetType:
		return "Set<" + typeString(t.Elem) + ">"
	case *syntax.EntityRefType:
		return string(t.Name)
	case *syntax.ExtensionType:
		return t.Name
	case *syntax.RecordType:
		keys := make([]string, 0, len(t.Attrs))
		for k := range t.Attrs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		b.WriteString("{")
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Quote(k))
			if !t.Attrs[k].Required {
				b.WriteString("?")
			}
			b.WriteString(": " + typeString(t.Attrs[k].Type))
		}
		b.WriteString("}")
		return b.String()
	}
	return "?"
}
