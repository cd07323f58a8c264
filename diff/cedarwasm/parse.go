package cedarwasm

import (
	"encoding/json"
	"fmt"
)

// PolicySetParse is the engine's reading of one policy-set text:
// policySetTextToParts, then policyToJson of each static policy and
// templateToJson of each template.
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

// PolicySetsToJSON reads each text as a policy set, all in one call.
func (c *Conn) PolicySetsToJSON(texts []string) ([]PolicySetParse, error) {
	body, err := json.Marshal(texts)
	if err != nil {
		return nil, err
	}
	var out []PolicySetParse
	if err := c.call("policySetsToJson", body, &out); err != nil {
		return nil, err
	}
	if len(out) != len(texts) {
		return nil, fmt.Errorf("cedar-wasm: %d answers to %d policy sets", len(out), len(texts))
	}
	return out, nil
}
