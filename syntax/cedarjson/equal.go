package cedarjson

import (
	"sort"
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// sameEntity reports whether two entities are structurally identical,
// ignoring positions: attributes and tags compare as maps, parents and
// set elements as sets, as Cedar compares the entities it loads. It
// decides whether a repeated entity is an exact duplicate, so it must stay
// fast on large input: it compares canonical keys, in O(n log n).
func sameEntity(a, b *syntax.EntityData) bool {
	return a.UID == b.UID && fieldsKey(a.Attrs) == fieldsKey(b.Attrs) &&
		fieldsKey(a.Tags) == fieldsKey(b.Tags) && uidsKey(a.Parents) == uidsKey(b.Parents)
}

// valueKey returns a canonical text for a restricted expression: equal
// for two expressions exactly when they are the same value tree up to the
// order of record fields and of set elements (and repeated set elements).
func valueKey(e syntax.Expr) string {
	var b strings.Builder
	writeValueKey(&b, e)
	return b.String()
}

func writeValueKey(b *strings.Builder, e syntax.Expr) {
	switch x := e.(type) {
	case *syntax.Literal:
		switch v := x.Value.(type) {
		case bool:
			b.WriteString("b" + strconv.FormatBool(v))
		case int64:
			b.WriteString("i" + strconv.FormatInt(v, 10))
		case string:
			b.WriteString("s" + strconv.Quote(v))
		case syntax.EntityUID:
			b.WriteString("e" + strconv.Quote(string(v.Type)) + strconv.Quote(v.ID))
		}
	case *syntax.SetExpr:
		keys := make([]string, len(x.Elems))
		for i, el := range x.Elems {
			keys[i] = valueKey(el)
		}
		sort.Strings(keys)
		b.WriteString("[")
		for i, k := range keys {
			if i > 0 && k == keys[i-1] {
				continue
			}
			b.WriteString(k + ",")
		}
		b.WriteString("]")
	case *syntax.RecordExpr:
		b.WriteString(fieldsKey(x.Fields))
	case *syntax.Call:
		b.WriteString("c" + strconv.Quote(x.Name) + "(")
		for _, a := range x.Args {
			writeValueKey(b, a)
			b.WriteString(",")
		}
		b.WriteString(")")
	default:
		b.WriteString("?")
	}
}

// fieldsKey is the canonical text of a list of unique keys and values,
// independent of their order.
func fieldsKey(fields []syntax.Field) string {
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = strconv.Quote(f.Key) + ":" + valueKey(f.Value)
	}
	sort.Strings(keys)
	return "{" + strings.Join(keys, ",") + "}"
}

// uidsKey is the canonical text of a set of uids.
func uidsKey(uids []syntax.EntityUID) string {
	keys := make([]string, len(uids))
	for i, u := range uids {
		keys[i] = strconv.Quote(string(u.Type)) + strconv.Quote(u.ID)
	}
	sort.Strings(keys)
	out := keys[:0]
	for i, k := range keys {
		if i == 0 || k != keys[i-1] {
			out = append(out, k)
		}
	}
	return strings.Join(out, ",")
}
