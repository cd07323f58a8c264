package cedarjson

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// MarshalEntities writes entities as entity JSON in the canonical forms:
// uids as {"type", "id"}; entity references inside values as
// {"__entity": {...}}; extension calls as {"__extn": {"fn", "arg"}} (or
// "args" when the call does not have exactly one argument); tags only when
// the entity has them (Tags not nil). Reading the output with
// ParseEntities and no schema gives back equal entities.
//
// Values must be restricted expressions; a record with a reserved key
// (__entity, __extn, __expr) cannot be written and is an error.
func MarshalEntities(entities []*syntax.EntityData) ([]byte, error) {
	arr := make(jArray, 0, len(entities))
	for _, e := range entities {
		obj, err := entityJSON(e)
		if err != nil {
			return nil, err
		}
		arr = append(arr, obj)
	}
	return encode(arr), nil
}

func entityJSON(e *syntax.EntityData) (jv, error) {
	attrs, err := fieldsJSON(e.Attrs)
	if err != nil {
		return nil, fmt.Errorf("entity %s: %w", e.UID, err)
	}
	parents := make(jArray, 0, len(e.Parents))
	for _, p := range e.Parents {
		parents = append(parents, uidJSON(p))
	}
	obj := jObject{{"uid", uidJSON(e.UID)}, {"attrs", attrs}, {"parents", parents}}
	if e.Tags != nil {
		tags, err := fieldsJSON(e.Tags)
		if err != nil {
			return nil, fmt.Errorf("entity %s: %w", e.UID, err)
		}
		obj = append(obj, jMember{"tags", tags})
	}
	return obj, nil
}

// uidJSON writes a uid as {"type": T, "id": I}.
func uidJSON(u syntax.EntityUID) jObject {
	return jObject{{"type", jString(u.Type)}, {"id", jString(u.ID)}}
}

func fieldsJSON(fields []syntax.Field) (jObject, error) {
	obj := make(jObject, 0, len(fields))
	for _, f := range fields {
		switch f.Key {
		case entityEscape, extnEscape, exprEscape:
			return nil, &syntax.Error{Kind: KindInvalidEscape, Msg: fmt.Sprintf("record key %q is reserved by entity JSON and cannot be written", f.Key)}
		}
		v, err := valueJSON(f.Value)
		if err != nil {
			return nil, fmt.Errorf("attribute %q: %w", f.Key, err)
		}
		obj = append(obj, jMember{f.Key, v})
	}
	return obj, nil
}

// valueJSON writes a restricted expression as value JSON.
func valueJSON(e syntax.Expr) (jv, error) {
	switch x := e.(type) {
	case *syntax.Literal:
		switch v := x.Value.(type) {
		case bool:
			return jBool(v), nil
		case int64:
			return jInt(v), nil
		case string:
			return jString(v), nil
		case syntax.EntityUID:
			return jObject{{entityEscape, uidJSON(v)}}, nil
		}
		return nil, &syntax.Error{Kind: KindWrongShape, Msg: fmt.Sprintf("literal of unexpected Go type %T", x.Value)}
	case *syntax.SetExpr:
		arr := make(jArray, 0, len(x.Elems))
		for _, el := range x.Elems {
			v, err := valueJSON(el)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		return arr, nil
	case *syntax.RecordExpr:
		return fieldsJSON(x.Fields)
	case *syntax.Call:
		fn := jObject{{"fn", jString(x.Name)}}
		if len(x.Args) == 1 {
			arg, err := valueJSON(x.Args[0])
			if err != nil {
				return nil, err
			}
			fn = append(fn, jMember{"arg", arg})
		} else {
			args := make(jArray, 0, len(x.Args))
			for _, a := range x.Args {
				v, err := valueJSON(a)
				if err != nil {
					return nil, err
				}
				args = append(args, v)
			}
			fn = append(fn, jMember{"args", args})
		}
		return jObject{{extnEscape, fn}}, nil
	}
	return nil, &syntax.Error{Kind: KindWrongShape, Msg: fmt.Sprintf("%T is not a restricted expression and cannot be written as a value", e)}
}
