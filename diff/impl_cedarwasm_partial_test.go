package diff

import (
	"encoding/json"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/protocol"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// TestWasmPartialResponse: the adapter reads the official engine's
// answer as the model and the engine give theirs: residuals of decided
// policies (satisfied, errored, or a literal false condition) dropped,
// and a link's slots in its residual replaced by the link's values
// (known quirks residuals-of-decided-policies and residual-keeps-slots).
func TestWasmPartialResponse(t *testing.T) {
	scope := `"principal": {"op": "All"}, "action": {"op": "All"}, "resource": {"op": "All"}`
	pol := func(body string) json.RawMessage {
		return json.RawMessage(`{"effect": "permit", ` + scope + `, "conditions": [{"kind": "when", "body": ` + body + `}]}`)
	}
	a := &protocol.PartialAnswer{
		Decision:  "unknown",
		Satisfied: []string{"sat"},
		Residuals: []protocol.Policy{
			{ID: "sat", JSON: pol(`{"Value": true}`)},
			{ID: "no", JSON: pol(`{"Value": false}`)},
			{ID: "link0", JSON: pol(`{"==": {"left": {"unknown": [{"Value": "principal"}]}, "right": {"Slot": "?principal"}}}`)},
		},
	}
	links := map[string]map[syntax.SlotID]syntax.EntityUID{"link0": {"?principal": {Type: "User", ID: "a"}}}
	resp, err := wasmPartialResponse(a, links)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Decision != PartialUnknown {
		t.Errorf("decision %v, want unknown", resp.Decision)
	}
	if len(resp.Residuals) != 1 || resp.Residuals[0].ID != "link0" {
		t.Fatalf("residuals %v, want link0's alone", resp.Residuals)
	}
	if got, want := printer.Expr(resp.Residuals[0].Conditions[0].Body), `unknown("principal") == User::"a"`; got != want {
		t.Errorf("residual %s, want %s", got, want)
	}
	if _, err := wasmPartialResponse(a, map[string]map[syntax.SlotID]syntax.EntityUID{"link0": {}}); err == nil {
		t.Error("a slot without a value in the link was accepted")
	}
}
