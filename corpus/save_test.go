package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// sameMeaning compares loaded tests by what they mean: positions, where
// they were read from and the source forms are left out, and entities
// are compared as a set.
var sameMeaning = cmp.Options{
	cmp.Comparer(func(a, b syntax.Pos) bool { return true }),
	cmpopts.IgnoreFields(Test{}, "Name", "PoliciesFile", "EntitiesFile", "SchemaFile", "PolicyText", "SchemaText", "EntitiesJSON"),
	cmpopts.IgnoreFields(Request{}, "ContextJSON"),
	cmpopts.SortSlices(func(a, b *syntax.EntityData) bool { return a.UID.String() < b.UID.String() }),
	cmpopts.EquateEmpty(),
}

func TestSaveRoundTrip(t *testing.T) {
	orig := mustLoad(t, "testdata/layout/tests/photos/1.json")[0]
	for _, c := range []struct {
		name  string
		strip func(*Test) // which source forms to drop before saving
	}{
		{"from sources", func(*Test) {}},
		{"from parsed forms", func(t *Test) {
			t.PolicyText, t.SchemaText, t.EntitiesJSON = "", "", nil
			for _, r := range t.Requests {
				r.ContextJSON = nil
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cp := *orig
			cp.Requests = nil
			for _, r := range orig.Requests {
				rc := *r
				cp.Requests = append(cp.Requests, &rc)
			}
			c.strip(&cp)
			root := t.TempDir()
			p, err := Save(root, "photos", &cp)
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(root, "corpus-tests", "photos.json"); p != want {
				t.Errorf("Save returned %q, want %q", p, want)
			}
			back, err := LoadFile(p)
			if err != nil {
				t.Fatalf("the saved test does not load: %v", err)
			}
			if back.PoliciesFile != "corpus-tests/photos.cedar" || back.SchemaFile != "corpus-tests/photos.cedarschema" ||
				back.EntitiesFile != "corpus-tests/photos.entities.json" {
				t.Errorf("saved file names: %q %q %q", back.PoliciesFile, back.SchemaFile, back.EntitiesFile)
			}
			if d := cmp.Diff(orig, back, sameMeaning); d != "" {
				t.Errorf("saved and loaded test differs (-orig +back):\n%s", d)
			}
			entries, err := os.ReadDir(filepath.Join(root, "corpus-tests"))
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 4 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("Save left %d files (want the 4 of the test): %v", len(entries), names)
			}
		})
	}
}

func TestSaveOverwrites(t *testing.T) {
	tests := mustLoad(t, "testdata/layout")
	root := t.TempDir()
	if _, err := Save(root, "same", tests[0]); err != nil {
		t.Fatal(err)
	}
	p, err := Save(root, "same", tests[1])
	if err != nil {
		t.Fatal(err)
	}
	back, err := LoadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Requests) != len(tests[1].Requests) || !strings.Contains(back.PolicyText, "Owners may view") {
		t.Errorf("the second Save did not replace the first")
	}
}

func TestSaveRejectsBadNames(t *testing.T) {
	tt := mustLoad(t, "testdata/layout/tests/photos/1.json")[0]
	for _, name := range []string{"", ".", "..", "a/b", `a\b`} {
		if _, err := Save(t.TempDir(), name, tt); err == nil {
			t.Errorf("Save with name %q succeeded", name)
		}
	}
}

func TestSaveKeepsTemplateLinks(t *testing.T) {
	tt := mustLoad(t, "testdata/layout/tests/photos/1.json")[0]
	cp := *tt
	cp.PolicyText = ""
	tmpl := &syntax.Policy{ID: "t", Effect: syntax.Permit,
		Principal: syntax.Scope{Op: syntax.ScopeEq, Slot: syntax.SlotPrincipal},
		Action:    syntax.Scope{Op: syntax.ScopeAll},
		Resource:  syntax.Scope{Op: syntax.ScopeAll}}
	link := syntax.TemplateLink{TemplateID: "policy0", NewID: "alice-link",
		Values: map[syntax.SlotID]syntax.EntityUID{syntax.SlotPrincipal: syntax.NewEntityUID("User", "alice")}}
	cp.Policies = &syntax.PolicySet{Policies: []*syntax.Policy{tmpl}, Links: []syntax.TemplateLink{link}}
	path, err := Save(t.TempDir(), "links", &cp)
	if err != nil {
		t.Fatal(err)
	}
	back, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Policies.Links; len(got) != 1 || got[0].TemplateID != "policy0" || got[0].NewID != "alice-link" ||
		got[0].Values[syntax.SlotPrincipal] != syntax.NewEntityUID("User", "alice") {
		t.Errorf("links after save and load: %+v", got)
	}
}
