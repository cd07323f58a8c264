package cedarjson

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
)

// FuzzEntities checks that reading entity JSON never panics and that
// whatever it accepts, with or without a schema, is written in a form
// that reads back to equal entities.
func FuzzEntities(f *testing.F) {
	f.Add([]byte(`[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "n", "ip": "1.2.3.4", "addr": {"zip": 1}}, "parents": [{"type": "Group", "id": "g"}], "tags": {"t": "x"}}]`))
	f.Add([]byte(`[{"uid": {"__entity": {"type": "A", "id": ""}}, "attrs": {"s": [1, {"__extn": {"fn": "decimal", "arg": "1.0"}}], "r": {"__entity": {"type": "B", "id": "b"}}}, "parents": []}]`))
	f.Add([]byte(`[{"uid": {"type": "Action", "id": "read"}, "attrs": {}, "parents": [{"type": "Action", "id": "all"}]}]`))
	if dir := testdata.IntegrationTestsDir(); dir != "" {
		for _, sub := range []string{"sandbox_a", "sandbox_b"} {
			if src, err := os.ReadFile(filepath.Join(dir, "sample-data", sub, "entities.json")); err == nil {
				f.Add(src)
			}
		}
	}
	schema := testSchema()
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, s := range []*struct{ name string }{{"plain"}, {"schema"}} {
			sch := schema
			if s.name == "plain" {
				sch = nil
			}
			es, err := ParseEntities("f.json", src, sch)
			if err != nil {
				continue
			}
			out, err := MarshalEntities(es)
			if err != nil {
				// Only records with reserved keys cannot be written, and
				// the reader never produces them.
				t.Fatalf("%s: marshal: %v", s.name, err)
			}
			back, err := ParseEntities("g.json", out, nil)
			if err != nil {
				t.Fatalf("%s: reread: %v\n%s", s.name, err, out)
			}
			if diff := cmp.Diff(es, back, ignorePos); diff != "" {
				t.Fatalf("%s: round trip changed entities:\n%s", s.name, diff)
			}
		}
	})
}

// FuzzPolicyJSON checks that reading policy JSON never panics and that
// whatever it accepts is written back in a form that reads to the same
// policy set.
func FuzzPolicyJSON(f *testing.F) {
	f.Add([]byte(`{"staticPolicies": {"p": {"effect": "permit", "principal": {"op": "is", "entity_type": "User", "in": {"entity": {"type": "G", "id": "g"}}}, "action": {"op": "in", "entities": [{"type": "Action", "id": "a"}]}, "resource": {"op": "All"}, "conditions": [{"kind": "when", "body": {"&&": {"left": {"!=": {"left": {"Var": "principal"}, "right": {"Value": 1}}}, "right": {"has": {"left": {"Var": "context"}, "attr": ["a", "b"]}}}}}], "annotations": {"x": null}}}}`))
	f.Add([]byte(`{"templates": {"t": {"effect": "forbid", "principal": {"op": "==", "slot": "?principal"}, "action": {"op": "All"}, "resource": {"op": "in", "slot": "?resource"}, "conditions": [{"kind": "unless", "body": {"like": {"left": {"Var": "resource"}, "pattern": ["Wildcard", {"Literal": "ab"}]}}}]}}, "templateLinks": [{"templateId": "t", "newId": "l", "values": {"?principal": {"type": "U", "id": "u"}, "?resource": {"type": "R", "id": "r"}}}]}`))
	f.Add([]byte(`{"staticPolicies": {"p": {"effect": "permit", "principal": {"op": "All"}, "action": {"op": "All"}, "resource": {"op": "All"}, "conditions": [{"kind": "when", "body": {"if-then-else": {"if": {"is": {"left": {"Var": "principal"}, "entity_type": "A"}}, "then": {"Record": {"a": {"Set": [{"ip": [{"Value": "::1"}]}]}}}, "else": {"Value": {"__extn": {"fn": "decimal", "arg": "1.0"}}}}}}]}}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		ps, err := UnmarshalPolicySet("f.json", src)
		if err != nil {
			return
		}
		out, err := MarshalPolicySet(ps)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		back, err := UnmarshalPolicySet("g.json", out)
		if err != nil {
			t.Fatalf("reread: %v\n%s", err, out)
		}
		if diff := cmp.Diff(staticFirst(ps), back, ignorePos, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip changed the policy set:\n%s", diff)
		}
	})
}
