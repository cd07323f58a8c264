package cedarwasm

import "encoding/json"

// DataCall is one check of the official engine's data readers: Fn is one
// of "schemaToJson", "checkParseSchema", "checkParseEntities",
// "checkParseContext" and "formatPolicies", the engine's function, and
// Arg the exact JSON of its argument (a JSON string for a Cedar schema
// text, an object for a JSON schema or a call object). Numbers in Arg
// reach the engine digit for digit and duplicate keys reach its JSON
// reader. The diff package sends each as a protocol request (parse-schema,
// validate-entities, validate-context, format) of one batch.
//
// For checkParseEntities and checkParseContext, Data is the text of the
// entities or the context, which may be lax JSON on purpose (a malformed
// escape, a missing bracket), and Schema and Action (when set) the other
// members of Arg: the protocol carries Data as a string.
type DataCall struct {
	Fn     string          `json:"fn"`
	Arg    json.RawMessage `json:"-"`
	Data   string          `json:"-"`
	Schema json.RawMessage `json:"-"`
	Action json.RawMessage `json:"-"`
}

// DataAnswer is the answer of one data call. Type is "success" or
// "failure" (a rejection; when the engine's glue threw on the argument,
// a duplicate key in a JSON schema say, its message starts with
// "thrown: "). JSON is schemaToJson's schema JSON exactly as the engine
// wrote it; Formatted is formatPolicies' text.
type DataAnswer struct {
	Type      string          `json:"type"`
	Errors    []DetailedError `json:"errors"`
	JSON      json.RawMessage `json:"json"`
	Formatted string          `json:"formatted_policy"`
}
