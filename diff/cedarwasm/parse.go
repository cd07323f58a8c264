package cedarwasm

import "encoding/json"

// PolicySetParse is the engine's reading of one policy-set text:
// policySetTextToParts, then policyToJson of each static policy and
// templateToJson of each template (the protocol's parse-policies).
type PolicySetParse struct {
	// Type is "success" when the text parses, "failure" otherwise.
	Type   string          `json:"type"`
	Errors []DetailedError `json:"errors"`
	// Policies and Templates hold the answer of each part, in the
	// engine's order: sorted by policy id as strings (policy0, policy1,
	// policy10, policy2, ...).
	Policies  []PolicyJSONAnswer `json:"policies"`
	Templates []PolicyJSONAnswer `json:"templates"`
}

// PolicyJSONAnswer is the answer of policyToJson or templateToJson. JSON
// is the policy JSON exactly as the engine wrote it (numbers keep every
// digit).
type PolicyJSONAnswer struct {
	Type   string          `json:"type"`
	JSON   json.RawMessage `json:"json"`
	Errors []DetailedError `json:"errors"`
}
