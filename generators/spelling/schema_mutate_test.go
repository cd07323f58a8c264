package spelling

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// TestDuplicateAttribute checks that a repeated attribute keeps the
// schema valid exactly when its last declaration resolves (Cedar never
// resolves the earlier ones), and that both orders occur.
func TestDuplicateAttribute(t *testing.T) {
	const src = `entity User = { a: Long, b: { c: String } }; action view appliesTo { principal: User, resource: User, context: { k: Bool } };`
	seen := map[bool]int{}
	for seed := range int64(40) {
		f, err := schema.ParseCedarFile("s.cedarschema", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if !DuplicateAttribute(f, rand.New(rand.NewSource(seed))) {
			t.Fatal("no attribute repeated")
		}
		text, err := schema.PrintCedar(f)
		if err != nil {
			t.Fatal(err)
		}
		_, err = schema.ParseCedar("s.cedarschema", text)
		// The repeated attribute's last declaration is the one that
		// counts: find it by printing order.
		lastUndeclared := lastDeclUndeclared(f)
		if (err == nil) == lastUndeclared {
			t.Errorf("seed %d: err %v, last declaration undeclared %v:\n%s", seed, err, lastUndeclared, text)
		}
		seen[lastUndeclared]++
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Errorf("orders seen: %v", seen)
	}
}

func lastDeclUndeclared(f *schema.File) bool {
	var found bool
	var walk func(t schema.TypeExpr)
	walk = func(t schema.TypeExpr) {
		rt, ok := t.(*schema.RecordTypeExpr)
		if !ok {
			return
		}
		last := map[string]*schema.AttrDecl{}
		for _, a := range rt.Attrs {
			last[a.Name] = a
			walk(a.Type)
		}
		for _, a := range last {
			if n, ok := a.Type.(*schema.NamedType); ok && strings.HasPrefix(n.Name, "Undeclared") {
				found = true
			}
		}
	}
	for _, ns := range f.Namespaces {
		for _, d := range ns.Decls {
			switch d := d.(type) {
			case *schema.EntityDecl:
				walk(d.Shape)
			case *schema.ActionDecl:
				walk(d.AppliesTo.Context)
			}
		}
	}
	return found
}
