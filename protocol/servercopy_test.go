package protocol

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"testing"
)

// serverCopies maps the message types that servers/cedargo declares for
// itself (it is its own module and cannot import this package) to the
// types they copy.
var serverCopies = map[string]reflect.Type{
	"request":      reflect.TypeFor[Request](),
	"test":         reflect.TypeFor[Test](),
	"policy":       reflect.TypeFor[Policy](),
	"schemaText":   reflect.TypeFor[Schema](),
	"entityUID":    reflect.TypeFor[EntityUID](),
	"authRequest":  reflect.TypeFor[AuthRequest](),
	"response":     reflect.TypeFor[Response](),
	"unsupported":  reflect.TypeFor[Unsupported](),
	"errorMessage": reflect.TypeFor[Error](),
	"hello":        reflect.TypeFor[Hello](),
	"answer":       reflect.TypeFor[Answer](),
	"policyError":  reflect.TypeFor[PolicyError](),
}

// TestCedarGoServerMessagesInStep keeps servers/cedargo/protocol.go in
// step with this package: each struct it declares with JSON tags must be
// listed in serverCopies, and each of its fields must have a field of
// the same JSON name and shape here. (Its fields may be a subset, may be
// raw JSON where it does not read the member, and may differ in
// omitempty: the server writes an empty list where we omit it, and both
// read the same.)
func TestCedarGoServerMessagesInStep(t *testing.T) {
	const path = "../servers/cedargo/protocol.go"
	file, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	copies := 0
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.TYPE {
			continue
		}
		for _, spec := range gen.Specs {
			ts := spec.(*ast.TypeSpec)
			st, ok := ts.Type.(*ast.StructType)
			if !ok || !hasJSONTags(st) {
				continue
			}
			want, ok := serverCopies[ts.Name.Name]
			if !ok {
				t.Errorf("%s declares message type %s, which serverCopies does not map to this package", path, ts.Name.Name)
				continue
			}
			copies++
			ours := jsonFields(want)
			for _, field := range st.Fields.List {
				name := tagName(field.Tag)
				got := copyShape(field.Type)
				switch f, ok := ours[name]; {
				case !ok:
					t.Errorf("%s.%s: JSON member %q is not in protocol.%s", ts.Name.Name, field.Names[0].Name, name, want.Name())
				case shape(f.Type) != got && !strings.HasSuffix(got, "raw"):
					t.Errorf("%s.%s: JSON member %q is %s there, %s in protocol.%s", ts.Name.Name, field.Names[0].Name, name, got, shape(f.Type), want.Name())
				}
			}
		}
	}
	if copies != len(serverCopies) {
		t.Errorf("found %d of the %d message types of serverCopies in %s", copies, len(serverCopies), path)
	}
}

func hasJSONTags(st *ast.StructType) bool {
	for _, f := range st.Fields.List {
		if f.Tag == nil || len(f.Names) != 1 {
			return false
		}
	}
	return len(st.Fields.List) > 0
}

// tagName is the JSON member name of a struct tag literal.
func tagName(tag *ast.BasicLit) string {
	name := reflect.StructTag(strings.Trim(tag.Value, "`")).Get("json")
	name, _, _ = strings.Cut(name, ",")
	return name
}

func jsonFields(t reflect.Type) map[string]reflect.StructField {
	fields := map[string]reflect.StructField{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		fields[name] = f
	}
	return fields
}

// shape writes a type as its JSON shape: pointers and slices kept,
// named string types (Op) as string, structs by the copy's name.
func shape(t reflect.Type) string {
	switch {
	case t == reflect.TypeFor[[]byte]() || t.Name() == "RawMessage":
		return "raw"
	case t.Kind() == reflect.Pointer:
		return "*" + shape(t.Elem())
	case t.Kind() == reflect.Slice:
		return "[]" + shape(t.Elem())
	case t.Kind() == reflect.Map:
		return "map[" + shape(t.Key()) + "]" + shape(t.Elem())
	case t.Kind() == reflect.Struct:
		for name, c := range serverCopies {
			if c == t {
				return name
			}
		}
		return "protocol." + t.Name()
	}
	return t.Kind().String()
}

// copyShape writes a field type of the copy the way shape does.
func copyShape(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return "*" + copyShape(e.X)
	case *ast.ArrayType:
		return "[]" + copyShape(e.Elt)
	case *ast.MapType:
		return "map[" + copyShape(e.Key) + "]" + copyShape(e.Value)
	case *ast.SelectorExpr:
		if e.Sel.Name == "RawMessage" {
			return "raw"
		}
		return e.Sel.Name
	case *ast.Ident:
		return e.Name
	}
	return "?"
}
