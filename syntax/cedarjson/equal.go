package cedarjson

import "github.com/cedar-crosscheck/crosscheck/syntax"

// sameValue reports whether two restricted expressions denote the same
// value structurally, ignoring positions: records compare as maps and
// sets as sets, as Cedar compares the values they evaluate to. It is what
// decides whether a repeated entity is an exact duplicate.
func sameValue(a, b syntax.Expr) bool {
	switch x := a.(type) {
	case *syntax.Literal:
		y, ok := b.(*syntax.Literal)
		return ok && x.Value == y.Value
	case *syntax.SetExpr:
		y, ok := b.(*syntax.SetExpr)
		return ok && sameSet(x.Elems, y.Elems) && sameSet(y.Elems, x.Elems)
	case *syntax.RecordExpr:
		y, ok := b.(*syntax.RecordExpr)
		return ok && sameFields(x.Fields, y.Fields)
	case *syntax.Call:
		y, ok := b.(*syntax.Call)
		if !ok || x.Name != y.Name || len(x.Args) != len(y.Args) {
			return false
		}
		for i := range x.Args {
			if !sameValue(x.Args[i], y.Args[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// sameSet reports whether every element of a has an equal element in b.
func sameSet(a, b []syntax.Expr) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			if sameValue(x, y) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// sameFields compares two lists of unique keys as maps.
func sameFields(a, b []syntax.Field) bool {
	if len(a) != len(b) {
		return false
	}
	for _, f := range a {
		found := false
		for _, g := range b {
			if f.Key == g.Key {
				found = sameValue(f.Value, g.Value)
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// sameUIDs compares two lists of uids as sets.
func sameUIDs(a, b []syntax.EntityUID) bool {
	in := func(u syntax.EntityUID, list []syntax.EntityUID) bool {
		for _, v := range list {
			if u == v {
				return true
			}
		}
		return false
	}
	for _, u := range a {
		if !in(u, b) {
			return false
		}
	}
	for _, u := range b {
		if !in(u, a) {
			return false
		}
	}
	return true
}

// sameEntity reports whether two entities are structurally identical.
func sameEntity(a, b *syntax.EntityData) bool {
	return a.UID == b.UID && sameFields(a.Attrs, b.Attrs) && sameUIDs(a.Parents, b.Parents) &&
		sameFields(a.Tags, b.Tags)
}
