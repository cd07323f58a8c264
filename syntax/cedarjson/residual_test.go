package cedarjson

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// TestResidualPolicyReads: the residual policies partial authorization
// answers (unknown("name") calls as {"unknown": [...]}) are read by
// UnmarshalPolicy, as Cedar's own policy JSON reader reads them
// (extensionFunctions lists "unknown").
func TestResidualPolicyReads(t *testing.T) {
	src := []byte(`{"effect": "permit", "principal": {"op": "All"}, "action": {"op": "All"}, "resource": {"op": "All"},
		"conditions": [{"kind": "when", "body": {"==": {"left": {"unknown": [{"Value": "principal"}]}, "right": {"Value": {"__entity": {"type": "User", "id": "a"}}}}}}]}`)
	p, err := UnmarshalPolicy("p.json", src)
	if err != nil {
		t.Fatal(err)
	}
	b := p.Conditions[0].Body.(*syntax.Binary)
	if name, ok := syntax.UnknownName(b.Left); !ok || name != "principal" {
		t.Errorf("left operand %#v, want unknown(\"principal\")", b.Left)
	}
}
