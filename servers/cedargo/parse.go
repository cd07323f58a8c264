package main

import (
	"encoding/json"
	"fmt"

	cedar "github.com/cedar-policy/cedar-go"
)

type parsePoliciesResult struct {
	Valid    bool     `json:"valid"`
	Policies []policy `json:"policies,omitempty"`
	Errors   []string `json:"errors,omitempty"`
}

// parsePolicies parses Cedar policy text and gives each policy, in
// order, the id Cedar gives it by position and its policy JSON.
func parsePolicies(text string) *parsePoliciesResult {
	list, err := cedar.NewPolicyListFromBytes("policies.cedar", []byte(text))
	if err != nil {
		return &parsePoliciesResult{Valid: false, Errors: []string{err.Error()}}
	}
	res := &parsePoliciesResult{Valid: true, Policies: []policy{}}
	for i, p := range list {
		b, err := p.MarshalJSON()
		if err != nil {
			return &parsePoliciesResult{Valid: false, Errors: []string{fmt.Sprintf("policy%d: cannot write its JSON: %v", i, err)}}
		}
		res.Policies = append(res.Policies, policy{ID: fmt.Sprintf("policy%d", i), JSON: json.RawMessage(b)})
	}
	return res
}
