package generators

import (
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// typeEqual reports whether two schema types are the same type: the
// validator's least upper bound of them exists without widening.
func typeEqual(a, b syntax.Type) bool {
	switch a := a.(type) {
	case *syntax.PrimitiveType:
		b, ok := b.(*syntax.PrimitiveType)
		return ok && a.Kind == b.Kind
	case *syntax.SetType:
		b, ok := b.(*syntax.SetType)
		return ok && typeEqual(a.Elem, b.Elem)
	case *syntax.EntityRefType:
		b, ok := b.(*syntax.EntityRefType)
		return ok && a.Name == b.Name
	case *syntax.ExtensionType:
		b, ok := b.(*syntax.ExtensionType)
		return ok && a.Name == b.Name
	case *syntax.RecordType:
		b, ok := b.(*syntax.RecordType)
		if !ok || len(a.Attrs) != len(b.Attrs) {
			return false
		}
		for k, x := range a.Attrs {
			y := b.Attrs[k]
			if y == nil || x.Required != y.Required || !typeEqual(x.Type, y.Type) {
				return false
			}
		}
		return true
	}
	return false
}

// typeKey renders a type as a string, for de-duplication.
func typeKey(t syntax.Type) string {
	var b strings.Builder
	writeTypeKey(&b, t)
	return b.String()
}

func writeTypeKey(b *strings.Builder, t syntax.Type) {
	switch t := t.(type) {
	case *syntax.PrimitiveType:
		b.WriteString(t.Kind.String())
	case *syntax.SetType:
		b.WriteString("Set<")
		writeTypeKey(b, t.Elem)
		b.WriteString(">")
	case *syntax.EntityRefType:
		b.WriteString("E:" + string(t.Name))
	case *syntax.ExtensionType:
		b.WriteString(t.Name)
	case *syntax.RecordType:
		b.WriteString("{")
		for _, k := range sortedAttrs(t) {
			b.WriteString(syntax.Quote(k))
			if !t.Attrs[k].Required {
				b.WriteString("?")
			}
			b.WriteString(":")
			writeTypeKey(b, t.Attrs[k].Type)
			b.WriteString(",")
		}
		b.WriteString("}")
	}
}
