package validator

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// instanceOf checks that a restricted expression (an attribute, tag or
// context value as read from JSON) denotes a value of type t: literals of
// the right primitive type; entity references of exactly the named type
// that the schema allows; sets whose elements are instances of the
// element type; records with no undeclared attribute, every required
// attribute, and instances for values; extension calls whose result has
// the extension type (typed by the policy rules, so constructor
// arguments must be literals that parse). path names the value in
// messages, such as `attribute "a"."b"`.
func instanceOf(ix *schemaIndex, e syntax.Expr, t Type, path string) *syntax.Error {
	mismatch := func(what string) *syntax.Error {
		return &syntax.Error{Pos: e.Position(), Kind: "TypeMismatch",
			Msg: fmt.Sprintf("%s is %s, but the schema expects %s", path, what, t)}
	}
	switch e := e.(type) {
	case *syntax.Literal:
		switch v := e.Value.(type) {
		case bool:
			if _, ok := t.(BoolType); !ok {
				return mismatch("a Bool")
			}
		case int64:
			if _, ok := t.(LongType); !ok {
				return mismatch("a Long")
			}
		case string:
			if _, ok := t.(StringType); !ok {
				return mismatch("a String")
			}
		case syntax.EntityUID:
			if et, ok := t.(EntityType); !ok || et.Name != v.Type {
				return mismatch("the entity " + v.String())
			}
			if !ix.isKnownUID(v) {
				err := unknownUIDError(ix, e, v)
				return &syntax.Error{Pos: err.pos, Kind: string(err.kind), Msg: path + ": " + err.msg}
			}
		default:
			return mismatch(fmt.Sprintf("a literal of unsupported Go type %T", e.Value))
		}
		return nil
	case *syntax.SetExpr:
		st, ok := t.(SetType)
		if !ok {
			return mismatch("a set")
		}
		for i, x := range e.Elems {
			if err := instanceOf(ix, x, st.Elem, fmt.Sprintf("%s element %d", path, i)); err != nil {
				return err
			}
		}
		return nil
	case *syntax.RecordExpr:
		rt, ok := t.(RecordType)
		if !ok {
			return mismatch("a record")
		}
		return recordInstanceOf(ix, e.Pos, e.Fields, rt, path)
	case *syntax.Call:
		c := &checker{env: &env{schemaIndex: ix}}
		got, _, err := c.typeOf(e, nil)
		if err != nil {
			return &syntax.Error{Pos: err.pos, Kind: string(err.kind), Msg: path + ": " + err.msg}
		}
		if !equalTypes(got, t) {
			return mismatch("a " + got.String())
		}
		return nil
	}
	return &syntax.Error{Pos: e.Position(), Kind: "NotAValue",
		Msg: fmt.Sprintf("%s is not a value: only literals, sets, records and extension calls are allowed", path)}
}

// recordInstanceOf checks a record's fields against a record type: no
// undeclared attribute, every required attribute present, and every value
// an instance of its attribute's type.
func recordInstanceOf(ix *schemaIndex, pos syntax.Pos, fields []syntax.Field, rt RecordType, path string) *syntax.Error {
	for _, f := range fields {
		a, ok := rt.Attrs[f.Key]
		if !ok {
			return &syntax.Error{Pos: valuePos(f.Value, pos), Kind: "UnexpectedAttribute",
				Msg: fmt.Sprintf("%s has attribute %s, which the schema does not declare", path, syntax.Quote(f.Key))}
		}
		if err := instanceOf(ix, f.Value, a.Type, path+"."+syntax.Quote(f.Key)); err != nil {
			return err
		}
	}
	for _, k := range sortedKeys(rt.Attrs) {
		if rt.Attrs[k].Required && findField(fields, k) == nil {
			return &syntax.Error{Pos: pos, Kind: "MissingRequiredAttribute",
				Msg: fmt.Sprintf("%s lacks the required attribute %s", path, syntax.Quote(k))}
		}
	}
	return nil
}

func valuePos(e syntax.Expr, fallback syntax.Pos) syntax.Pos {
	if e != nil && e.Position().IsValid() {
		return e.Position()
	}
	return fallback
}
