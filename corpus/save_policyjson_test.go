package corpus

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// TestSavePolicyJSON saves tests with their policies as policy JSON (the
// format's extension) and loads them back, alone and as a directory:
// static policies, and a template with a link, whose link must come back
// once (from the policy JSON, not also from "templateLinks").
func TestSavePolicyJSON(t *testing.T) {
	photos := mustLoad(t, "testdata/layout/tests/photos/1.json")[0]
	linked := *photos
	ps, err := parser.ParsePolicySet("t.cedar", []byte(`permit(principal == ?principal, action, resource);`))
	if err != nil {
		t.Fatal(err)
	}
	ps.Links = []syntax.TemplateLink{{TemplateID: "policy0", NewID: "link0",
		Values: map[syntax.SlotID]syntax.EntityUID{syntax.SlotPrincipal: syntax.NewEntityUID("User", "alice")}}}
	linked.Policies = ps
	for _, c := range []struct {
		name string
		test *Test
	}{{"static", photos}, {"template link", &linked}} {
		t.Run(c.name, func(t *testing.T) {
			cp := *c.test
			js, err := cedarjson.MarshalPolicySet(cp.Policies)
			if err != nil {
				t.Fatal(err)
			}
			cp.PolicyText, cp.PolicyJSON = "", js
			root := t.TempDir()
			p, err := Save(root, "x", &cp)
			if err != nil {
				t.Fatal(err)
			}
			back, err := LoadFile(p)
			if err != nil {
				t.Fatalf("the saved test does not load: %v", err)
			}
			if back.PoliciesFile != "corpus-tests/x.policies.json" || back.PolicyText != "" || back.PolicyJSON == nil {
				t.Errorf("policies file %q, text %q, JSON %d bytes", back.PoliciesFile, back.PolicyText, len(back.PolicyJSON))
			}
			if d := cmp.Diff(c.test, back, sameMeaning, cmpopts.IgnoreFields(Test{}, "PolicyJSON")); d != "" {
				t.Errorf("saved and loaded test differs (-orig +back):\n%s", d)
			}
			// A directory holding it loads: the policy JSON is named by the test.
			all, err := Load(filepath.Join(root, SaveDir))
			if err != nil || len(all) != 1 {
				t.Fatalf("loading the folder: %d tests, %v", len(all), err)
			}
		})
	}
}
