package schema

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

func TestFromSchemaNotRepresentable(t *testing.T) {
	empty := func() *syntax.RecordType { return &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{}} }
	tests := []struct {
		name string
		s    *syntax.Schema
	}{
		{"action of a non-action type", &syntax.Schema{Actions: map[syntax.EntityUID]*syntax.ActionDef{
			{Type: "User", ID: "a"}: {UID: syntax.EntityUID{Type: "User", ID: "a"}}}}},
		{"entity type name with a space", &syntax.Schema{EntityTypes: map[syntax.EntityType]*syntax.EntityTypeDef{
			"a b": {Name: "a b", Shape: empty()}}}},
		{"entity type name with a reserved word", &syntax.Schema{EntityTypes: map[syntax.EntityType]*syntax.EntityTypeDef{
			"NS::in": {Name: "NS::in", Shape: empty()}}}},
		{"enum without choices", &syntax.Schema{EntityTypes: map[syntax.EntityType]*syntax.EntityTypeDef{
			"E": {Name: "E", Shape: empty(), Enum: []string{}}}}},
		{"annotation key", &syntax.Schema{EntityTypes: map[syntax.EntityType]*syntax.EntityTypeDef{
			"E": {Name: "E", Shape: empty(), Annotations: []syntax.Annotation{{Key: "a-b", HasValue: true}}}}}},
		{"nil attribute type", &syntax.Schema{EntityTypes: map[syntax.EntityType]*syntax.EntityTypeDef{
			"E": {Name: "E", Shape: &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{"a": {Required: true}}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CedarText(tt.s)
			if e := syntax.FirstError(err); e == nil || e.Kind != KindNotRepresentable {
				t.Errorf("got %v, want a %s error", err, KindNotRepresentable)
			}
		})
	}
}

func TestSaveAndLoad(t *testing.T) {
	src := `namespace N { entity U in [G] = { "a b"?: Set<ipaddr> } tags Long; entity G enum ["x"]; }
action "view" appliesTo { principal: N::U, resource: N::G, context: { n: Long } };`
	want, err := ParseCedar("s", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"s.cedarschema", "s.cedarschema.json"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("old contents"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := Save(path, want); err != nil {
			t.Fatal(err)
		}
		got, err := Load(path)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s: (-want +got)\n%s", name, d)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if _, err := Load(filepath.Join(dir, "missing.cedarschema")); err == nil {
		t.Error("Load of a missing file succeeded")
	}
}
