package cedarwasm

import (
	"encoding/json"
	"fmt"
)

// DataCall is one call of a DataCalls batch: Fn is one of
// "schemaToJson", "checkParseSchema", "checkParseEntities",
// "checkParseContext" and "formatPolicies"; Arg is the exact JSON of its
// argument (a JSON string for a Cedar schema text, an object for a JSON
// schema or a call object). Numbers in Arg reach the engine digit for
// digit and duplicate keys reach its JSON reader.
type DataCall struct {
	Fn  string          `json:"fn"`
	Arg json.RawMessage `json:"-"`
}

// DataAnswer is the answer of one data call. Type is "success",
// "failure", or "thrown" when the engine's glue threw on the argument
// (a duplicate key in a JSON schema, say): a rejection too, after which
// the driver loads the module afresh. JSON is schemaToJson's schema JSON exactly as the engine
// wrote it; Formatted is formatPolicies' text.
type DataAnswer struct {
	Type      string          `json:"type"`
	Errors    []DetailedError `json:"errors"`
	JSON      json.RawMessage `json:"json"`
	Formatted string          `json:"formatted_policy"`
}

// DataCalls makes every call in one message: the engine's time per
// message, not per call, is what a batch saves.
func (c *Conn) DataCalls(calls []DataCall) ([]DataAnswer, error) {
	type wire struct {
		Fn  string `json:"fn"`
		Arg string `json:"arg"`
	}
	ws := make([]wire, len(calls))
	for i, d := range calls {
		ws[i] = wire{d.Fn, string(d.Arg)}
	}
	body, err := json.Marshal(ws)
	if err != nil {
		return nil, err
	}
	var out []DataAnswer
	if err := c.call("dataCalls", body, &out); err != nil {
		return nil, err
	}
	if len(out) != len(calls) {
		return nil, fmt.Errorf("cedar-wasm: %d answers to %d data calls", len(out), len(calls))
	}
	return out, nil
}
