package cedarwasm

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// TestDataCalls checks the batched data calls: each function answers in
// its own shape, integers at the i64 bounds reach the engine exactly, and
// duplicate keys reach its JSON reader.
func TestDataCalls(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1})
	const schema = `"entity User { n: Long }; action view appliesTo { principal: User, resource: User, context: { k: Long } };"`
	tests := []struct {
		fn, arg, want string
	}{
		{"schemaToJson", schema, "success"},
		{"schemaToJson", `"entity User {"`, "failure"},
		{"checkParseSchema", schema, "success"},
		{"checkParseSchema", `{"": {"entityTypes": {"U": {}}, "actions": {}}}`, "success"},
		{"checkParseSchema", `{"": {"entityTypes": {"U": {}, "U": {}}, "actions": {}}}`, "thrown"},
		{"checkParseEntities", `{"entities": [{"uid": {"type": "User", "id": "a"}, "attrs": {"n": 9223372036854775807}, "parents": []}]}`, "success"},
		{"checkParseEntities", `{"entities": [{"uid": {"type": "User", "id": "a"}, "attrs": {"n": 9223372036854775808}, "parents": []}]}`, "failure"},
		{"checkParseEntities", `{"entities": [{"uid": {"type": "User", "id": "a"}, "attrs": {"n": 1, "n": 1}, "parents": []}]}`, "thrown"},
		{"checkParseEntities", `{"entities": [{"uid": {"type": "User", "id": "a"}, "attrs": {"n": -9223372036854775808}, "parents": []}], "schema": ` + schema + `}`, "success"},
		{"checkParseEntities", `{"entities": [{"uid": {"type": "User", "id": "a"}, "attrs": {"n": "x"}, "parents": []}], "schema": ` + schema + `}`, "failure"},
		{"checkParseContext", `{"context": {"k": -9223372036854775808}}`, "success"},
		{"checkParseContext", `{"context": {"k": 1.5}}`, "failure"},
		// A known difference (docs/known-differences.md): -0 is read as
		// a float. When this starts to succeed, drop the rule.
		{"checkParseContext", `{"context": {"k": -0}}`, "failure"},
		{"checkParseContext", `{"context": {"k": 1}, "schema": ` + schema + `, "action": {"type": "Action", "id": "view"}}`, "success"},
		{"checkParseContext", `{"context": {"k": true}, "schema": ` + schema + `, "action": {"type": "Action", "id": "view"}}`, "failure"},
		{"formatPolicies", `{"policyText": "permit(principal,action,resource);"}`, "success"},
	}
	calls := make([]DataCall, len(tests))
	for i, tt := range tests {
		calls[i] = DataCall{Fn: tt.fn, Arg: json.RawMessage(tt.arg)}
	}
	err := p.Do(context.Background(), func(c *Conn) error {
		out, err := c.DataCalls(calls)
		if err != nil {
			return err
		}
		for i, tt := range tests {
			if out[i].Type != tt.want {
				t.Errorf("%s(%s) = %+v, want %s", tt.fn, tt.arg, out[i], tt.want)
			}
		}
		if js := string(out[0].JSON); !strings.Contains(js, `"User"`) {
			t.Errorf("schemaToJson: %s", js)
		}
		if f := out[len(out)-1].Formatted; !strings.HasPrefix(f, "permit (") {
			t.Errorf("formatPolicies: %q", f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
