package schema

import (
	"encoding/json"
	"math/rand"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// randomJSONSchema builds a small JSON schema from a tiny pool of names, so
// that declarations and references collide often: common types against
// entity types, built-in names against declared ones, namespaces against
// the empty namespace.
func randomJSONSchema(r *rand.Rand) []byte {
	pick := func(xs ...string) string { return xs[r.Intn(len(xs))] }
	name := func() string {
		n := pick("A", "B", "T", "Long", "Bool", "ipaddr", "String")
		switch r.Intn(6) {
		case 0:
			return pick("N", "M") + "::" + n
		case 1:
			return "__cedar::" + pick("Long", "Bool", "String", "decimal")
		}
		return n
	}
	var typ func(depth int) map[string]any
	typ = func(depth int) map[string]any {
		switch k := r.Intn(9); {
		case k == 0 && depth < 2:
			return map[string]any{"type": "Set", "element": typ(depth + 1)}
		case k == 1 && depth < 2:
			attrs := map[string]any{}
			for i := r.Intn(3); i > 0; i-- {
				a := typ(depth + 1)
				if r.Intn(3) == 0 {
					a["required"] = false
				}
				attrs[pick("a", "b", "c")] = a
			}
			return map[string]any{"type": "Record", "attributes": attrs}
		case k == 2:
			return map[string]any{"type": pick("Long", "String", "Boolean")}
		case k == 3:
			return map[string]any{"type": "Extension", "name": pick("ipaddr", "decimal", "datetime", "duration")}
		case k == 4:
			return map[string]any{"type": "Entity", "name": name()}
		case k == 5:
			return map[string]any{"type": "EntityOrCommon", "name": name()}
		}
		return map[string]any{"type": name()}
	}
	root := map[string]any{}
	for _, ns := range []string{"", "N", "M"} {
		if r.Intn(3) == 0 {
			continue
		}
		commons, entities, actions := map[string]any{}, map[string]any{}, map[string]any{}
		for i := r.Intn(3); i > 0; i-- {
			commons[pick("A", "T", "C", "ipaddr")] = typ(0)
		}
		for i := r.Intn(4); i > 0; i-- {
			e := map[string]any{}
			if r.Intn(2) == 0 {
				e["shape"] = typ(1)
			}
			if r.Intn(4) == 0 {
				e["tags"] = typ(1)
			}
			if r.Intn(4) == 0 {
				e["memberOfTypes"] = []string{name()}
			}
			entities[pick("A", "B", "T", "Long", "Bool")] = e
		}
		for i := r.Intn(3); i > 0; i-- {
			a := map[string]any{}
			if r.Intn(2) == 0 {
				a["appliesTo"] = map[string]any{"principalTypes": []string{name()}, "resourceTypes": []string{name()}, "context": typ(1)}
			}
			actions[pick("r", "w")] = a
		}
		root[ns] = map[string]any{"commonTypes": commons, "entityTypes": entities, "actions": actions}
	}
	b, _ := json.Marshal(root)
	return b
}

// TestJSONToTextRandom checks on random JSON schemas that resolve that
// printing them as text keeps their meaning (or is refused as not
// representable), and that the JSON printer does too.
func TestJSONToTextRandom(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var valid, printed int
	for i := 0; i < 20000; i++ {
		src := randomJSONSchema(r)
		file, err := ParseJSONFile("r.json", src)
		if err != nil {
			t.Fatalf("generator made bad JSON: %v\n%s", err, src)
		}
		s, err := Resolve(file)
		if err != nil {
			continue
		}
		valid++
		text, err := PrintCedar(file)
		if err != nil {
			if e := syntax.FirstError(err); e == nil || e.Kind != KindNotRepresentable {
				t.Fatalf("PrintCedar: %v\n%s", err, src)
			}
		} else {
			printed++
			if got, err := ParseCedar("r.cedarschema", text); err != nil || !cmp.Equal(s, got) {
				t.Fatalf("JSON -> text changed the schema: %v\n%s\n%s\n%s", err, cmp.Diff(s, got), src, text)
			}
		}
		js, err := PrintJSON(file)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := ParseJSON("p.json", js); err != nil || !cmp.Equal(s, got) {
			t.Fatalf("PrintJSON changed the schema: %v\n%s\n%s", err, cmp.Diff(s, got), src)
		}
		checkPrinted(t, s)
	}
	t.Logf("%d valid random schemas, %d printable as text", valid, printed)
	if valid < 500 {
		t.Errorf("only %d of the random schemas are valid; the generator needs tuning", valid)
	}
}
