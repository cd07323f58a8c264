package validator

import (
	"sort"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Type is the type the validator gives an expression. The set of
// implementations is closed: the types of this file. Unlike schema types,
// Bool is refined into the singleton types True and False, which is what
// lets the typechecker follow short-circuiting.
type Type interface {
	String() string
	validatorType()
}

// BoolKind refines Bool: True and False are the singleton types of the
// literals; AnyBool is the type of both.
type BoolKind uint8

const (
	AnyBool BoolKind = iota
	True
	False
)

// BoolType is Bool, True or False.
type BoolType struct{ Kind BoolKind }

// LongType is the type of 64-bit integers.
type LongType struct{}

// StringType is the type of strings.
type StringType struct{}

// EntityType is the type of references to entities of exactly one type:
// strict validation has no unions of entity types.
type EntityType struct{ Name syntax.EntityType }

// SetType is the type of sets whose elements all have type Elem.
type SetType struct{ Elem Type }

// RecordType is a closed record type: exactly the attributes listed, each
// required or optional.
type RecordType struct{ Attrs map[string]Attr }

// Attr is the type of one record attribute and whether it is required.
type Attr struct {
	Type     Type
	Required bool
}

// ExtType is one of the extension types "ipaddr", "decimal", "datetime"
// and "duration".
type ExtType struct{ Name string }

func (BoolType) validatorType()   {}
func (LongType) validatorType()   {}
func (StringType) validatorType() {}
func (EntityType) validatorType() {}
func (SetType) validatorType()    {}
func (RecordType) validatorType() {}
func (ExtType) validatorType()    {}

func (t BoolType) String() string {
	switch t.Kind {
	case True:
		return "True"
	case False:
		return "False"
	}
	return "Bool"
}
func (LongType) String() string     { return "Long" }
func (StringType) String() string   { return "String" }
func (t EntityType) String() string { return string(t.Name) }
func (t SetType) String() string    { return "Set<" + t.Elem.String() + ">" }
func (t ExtType) String() string    { return t.Name }

func (t RecordType) String() string {
	var b strings.Builder
	b.WriteString("{")
	for i, k := range sortedKeys(t.Attrs) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(syntax.Quote(k))
		if !t.Attrs[k].Required {
			b.WriteString("?")
		}
		b.WriteString(": ")
		b.WriteString(t.Attrs[k].Type.String())
	}
	b.WriteString("}")
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Shorthands for the types the rules mention most.
var (
	boolAny   Type = BoolType{AnyBool}
	boolTrue  Type = BoolType{True}
	boolFalse Type = BoolType{False}
)

func boolOf(k BoolKind) Type { return BoolType{k} }

// isBool reports whether t is Bool, True or False, and which.
func isBool(t Type) (BoolKind, bool) {
	b, ok := t.(BoolType)
	return b.Kind, ok
}

// lub returns the least upper bound of two types, or false when there is
// none. Booleans join to Bool; sets join elementwise; records join only
// when they have the same keys with the same qualifiers (no width
// subtyping); every other type joins only with itself, so two different
// entity types have no upper bound in strict mode.
func lub(a, b Type) (Type, bool) {
	switch a := a.(type) {
	case BoolType:
		if b, ok := b.(BoolType); ok {
			if a.Kind == b.Kind {
				return a, true
			}
			return boolAny, true
		}
		return nil, false
	case SetType:
		if b, ok := b.(SetType); ok {
			if e, ok := lub(a.Elem, b.Elem); ok {
				return SetType{e}, true
			}
		}
		return nil, false
	case RecordType:
		if b, ok := b.(RecordType); ok {
			return lubRecord(a, b)
		}
		return nil, false
	}
	if equalTypes(a, b) {
		return a, true
	}
	return nil, false
}

func lubRecord(a, b RecordType) (Type, bool) {
	if len(a.Attrs) != len(b.Attrs) {
		return nil, false
	}
	out := make(map[string]Attr, len(a.Attrs))
	for k, x := range a.Attrs {
		y, ok := b.Attrs[k]
		if !ok || x.Required != y.Required {
			return nil, false
		}
		t, ok := lub(x.Type, y.Type)
		if !ok {
			return nil, false
		}
		out[k] = Attr{Type: t, Required: x.Required}
	}
	return RecordType{out}, true
}

// equalTypes is structural equality of types.
func equalTypes(a, b Type) bool {
	switch a := a.(type) {
	case SetType:
		b, ok := b.(SetType)
		return ok && equalTypes(a.Elem, b.Elem)
	case RecordType:
		b, ok := b.(RecordType)
		if !ok || len(a.Attrs) != len(b.Attrs) {
			return false
		}
		for k, x := range a.Attrs {
			y, ok := b.Attrs[k]
			if !ok || x.Required != y.Required || !equalTypes(x.Type, y.Type) {
				return false
			}
		}
		return true
	}
	return a == b
}

// fromSchema converts a schema type to a validator type. Bool becomes the
// unrefined Bool.
func fromSchema(t syntax.Type) Type {
	switch t := t.(type) {
	case *syntax.PrimitiveType:
		switch t.Kind {
		case syntax.LongType:
			return LongType{}
		case syntax.StringType:
			return StringType{}
		}
		return boolAny
	case *syntax.SetType:
		return SetType{fromSchema(t.Elem)}
	case *syntax.RecordType:
		return fromSchemaRecord(t)
	case *syntax.EntityRefType:
		return EntityType{t.Name}
	case *syntax.ExtensionType:
		return ExtType{t.Name}
	}
	return badType{}
}

// badType stands for a schema type the validator does not know (only a
// malformed schema built in code has one). It joins with nothing, so any
// use of it is a type error rather than a crash.
type badType struct{}

func (badType) validatorType() {}
func (badType) String() string { return "<invalid schema type>" }

func fromSchemaRecord(r *syntax.RecordType) RecordType {
	out := RecordType{Attrs: map[string]Attr{}}
	if r == nil {
		return out
	}
	for k, a := range r.Attrs {
		if a == nil {
			out.Attrs[k] = Attr{Type: badType{}}
			continue
		}
		out.Attrs[k] = Attr{Type: fromSchema(a.Type), Required: a.Required}
	}
	return out
}
