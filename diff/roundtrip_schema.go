package diff

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// sameSchema reports whether cmp.Diff(a, b, schemaCmp...) is empty,
// without go-cmp's reflection: the round trips compare a schema a few
// times per test, and go-cmp took more than half of the roundtrip
// target's time. cmp.Diff still writes the difference when there is one.
// As schemaCmp says: lists of entity types and of action uids compare as
// multisets, an empty list or map equals an absent one, and annotations'
// positions are ignored. TestSameSchemaAgreesWithCmp keeps the two in
// step.
func sameSchema(a, b *syntax.Schema) bool {
	if a == nil || b == nil {
		return a == b
	}
	return sameMap(a.EntityTypes, b.EntityTypes, sameEntityTypeDef) &&
		sameMap(a.Actions, b.Actions, sameActionDef)
}

func sameEntityTypeDef(a, b *syntax.EntityTypeDef) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Name == b.Name && sameMultiset(a.MemberOfTypes, b.MemberOfTypes) &&
		sameRecordType(a.Shape, b.Shape) && sameType(a.Tags, b.Tags) &&
		slices.Equal(a.Enum, b.Enum) && sameAnnotations(a.Annotations, b.Annotations)
}

func sameActionDef(a, b *syntax.ActionDef) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.UID == b.UID && sameMultiset(a.MemberOf, b.MemberOf) &&
		sameAppliesTo(a.AppliesTo, b.AppliesTo) && sameAnnotations(a.Annotations, b.Annotations)
}

func sameAppliesTo(a, b *syntax.AppliesTo) bool {
	if a == nil || b == nil {
		return a == b
	}
	return sameMultiset(a.PrincipalTypes, b.PrincipalTypes) &&
		sameMultiset(a.ResourceTypes, b.ResourceTypes) &&
		sameRecordType(a.Context, b.Context)
}

func sameRecordType(a, b *syntax.RecordType) bool {
	if a == nil || b == nil {
		return a == b
	}
	return sameMap(a.Attrs, b.Attrs, func(x, y *syntax.AttributeType) bool {
		if x == nil || y == nil {
			return x == y
		}
		return x.Required == y.Required && sameType(x.Type, y.Type) && sameAnnotations(x.Annotations, y.Annotations)
	})
}

// sameType compares two schema types; the set of types is closed
// (syntax.Type).
func sameType(a, b syntax.Type) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	switch x := a.(type) {
	case *syntax.PrimitiveType:
		y, ok := b.(*syntax.PrimitiveType)
		return ok && (x == nil || y == nil) == (x == y) && (x == nil || *x == *y)
	case *syntax.SetType:
		y, ok := b.(*syntax.SetType)
		return ok && (x == nil || y == nil) == (x == y) && (x == nil || sameType(x.Elem, y.Elem))
	case *syntax.RecordType:
		y, ok := b.(*syntax.RecordType)
		return ok && sameRecordType(x, y)
	case *syntax.EntityRefType:
		y, ok := b.(*syntax.EntityRefType)
		return ok && (x == nil || y == nil) == (x == y) && (x == nil || *x == *y)
	case *syntax.ExtensionType:
		y, ok := b.(*syntax.ExtensionType)
		return ok && (x == nil || y == nil) == (x == y) && (x == nil || *x == *y)
	}
	return false // a type sameType does not know: let cmp.Diff judge
}

func sameAnnotations(a, b []syntax.Annotation) bool {
	return slices.EqualFunc(a, b, func(x, y syntax.Annotation) bool {
		return x.Key == y.Key && x.Value == y.Value && x.HasValue == y.HasValue
	})
}

// sameMap compares maps whose values compare with same; an empty map
// equals a nil one.
func sameMap[K comparable, V any](a, b map[K]V, same func(V, V) bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k, x := range a {
		y, ok := b[k]
		if !ok || !same(x, y) {
			return false
		}
	}
	return true
}

// sameMultiset reports whether a and b hold the same elements with the
// same counts, in any order, as cmpopts.SortSlices sees them.
func sameMultiset[E comparable](a, b []E) bool {
	if len(a) != len(b) {
		return false
	}
	if slices.Equal(a, b) {
		return true
	}
	counts := make(map[E]int, len(a))
	for _, x := range a {
		counts[x]++
	}
	for _, y := range b {
		if counts[y]--; counts[y] < 0 {
			return false
		}
	}
	return true
}
