package diff

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/protocol"
)

// ParsePolicySets has the official engine read each text as a policy set
// and write the policy JSON of every policy and template: one
// parse-policies request per text, all in one batch. Work the engine
// could not finish is an *InconclusiveError.
func (w *CedarWasmImpl) ParsePolicySets(texts []string) ([]cedarwasm.PolicySetParse, error) {
	reqs := make([]protocol.BatchRequest, len(texts))
	for i := range texts {
		reqs[i] = protocol.BatchRequest{Op: protocol.OpParsePolicies, Text: &texts[i]}
	}
	answers, err := w.batch(reqs)
	if err != nil {
		return nil, err
	}
	out := make([]cedarwasm.PolicySetParse, len(texts))
	for i, a := range answers {
		var r protocol.ParsePoliciesResult
		if err := protocol.DecodeResult(protocol.OpParsePolicies, a.Result, a.Unsupported, a.Error, &r); err != nil {
			return nil, w.x.harnessError(protocol.OpParsePolicies, err)
		}
		out[i] = policySetParse(&r)
	}
	return out, nil
}

// policySetParse is a parse-policies result in the engine's terms.
func policySetParse(r *protocol.ParsePoliciesResult) cedarwasm.PolicySetParse {
	if !r.Valid {
		return cedarwasm.PolicySetParse{Type: "failure", Errors: detailed(r.Errors)}
	}
	p := cedarwasm.PolicySetParse{Type: "success"}
	for _, pol := range r.Policies {
		a := cedarwasm.PolicyJSONAnswer{Type: "success", JSON: pol.JSON}
		if len(pol.Errors) > 0 || len(pol.JSON) == 0 || string(pol.JSON) == "null" {
			a = cedarwasm.PolicyJSONAnswer{Type: "failure", Errors: detailed(pol.Errors)}
		}
		if pol.Template {
			p.Templates = append(p.Templates, a)
		} else {
			p.Policies = append(p.Policies, a)
		}
	}
	return p
}

func detailed(msgs []string) []cedarwasm.DetailedError {
	out := make([]cedarwasm.DetailedError, len(msgs))
	for i, m := range msgs {
		out[i] = cedarwasm.DetailedError{Message: m}
	}
	return out
}

// batch sends reqs in one round trip; an answer the engine threw on is
// an *InconclusiveError.
func (w *CedarWasmImpl) batch(reqs []protocol.BatchRequest) ([]protocol.BatchAnswer, error) {
	answers, err := w.x.pool.Batch(context.Background(), reqs)
	if err != nil {
		return nil, w.x.harnessError(protocol.OpBatch, err)
	}
	for _, a := range answers {
		if a.Error != nil && a.Error.Inconclusive {
			return nil, &InconclusiveError{Impl: w.Name(), Reason: a.Error.Message}
		}
	}
	return answers, nil
}

// cedarWasmOf returns the cedar-wasm implementation among impls, or nil.
func cedarWasmOf(impls []Implementation) *CedarWasmImpl {
	for _, impl := range impls {
		if g, ok := impl.(guarded); ok {
			impl = g.impl
		}
		if w, ok := impl.(*CedarWasmImpl); ok {
			return w
		}
	}
	return nil
}

// DataCalls makes the data calls of a parse test (schemas, entities,
// contexts, the formatter) in one batch, each as its protocol request
// (see dataRequest). Work the engine could not finish is an
// *InconclusiveError.
func (w *CedarWasmImpl) DataCalls(calls []cedarwasm.DataCall) ([]cedarwasm.DataAnswer, error) {
	reqs := make([]protocol.BatchRequest, len(calls))
	for i, c := range calls {
		r, err := dataRequest(c)
		if err != nil {
			return nil, err
		}
		reqs[i] = r
	}
	answers, err := w.batch(reqs)
	if err != nil {
		return nil, err
	}
	out := make([]cedarwasm.DataAnswer, len(calls))
	for i, a := range answers {
		if out[i], err = dataAnswer(reqs[i].Op, a); err != nil {
			return nil, w.x.harnessError(reqs[i].Op, err)
		}
	}
	return out, nil
}

// dataRequest is the protocol request of one data call: schemaToJson and
// checkParseSchema are parse-schema (of text, or of a JSON schema),
// checkParseEntities validate-entities, checkParseContext
// validate-context, formatPolicies format. The exact text of entities,
// contexts and JSON schemas is kept.
func dataRequest(c cedarwasm.DataCall) (protocol.BatchRequest, error) {
	var arg struct {
		Entities   json.RawMessage `json:"entities"`
		Context    json.RawMessage `json:"context"`
		Schema     json.RawMessage `json:"schema"`
		Action     json.RawMessage `json:"action"`
		PolicyText *string         `json:"policyText"`
	}
	schemaOf := func(raw json.RawMessage) (*protocol.Schema, error) {
		if len(raw) == 0 {
			return nil, nil
		}
		var text string
		if json.Unmarshal(raw, &text) == nil {
			return &protocol.Schema{Text: text}, nil
		}
		return &protocol.Schema{JSON: raw}, nil
	}
	switch c.Fn {
	case "schemaToJson", "checkParseSchema":
		s, err := schemaOf(c.Arg)
		if err != nil || s == nil {
			return protocol.BatchRequest{}, fmt.Errorf("data call %s: no schema", c.Fn)
		}
		if s.JSON != nil {
			return protocol.BatchRequest{Op: protocol.OpParseSchema, JSON: s.JSON}, nil
		}
		return protocol.BatchRequest{Op: protocol.OpParseSchema, Text: &s.Text}, nil
	}
	if err := json.Unmarshal(c.Arg, &arg); err != nil {
		return protocol.BatchRequest{}, fmt.Errorf("data call %s: %w", c.Fn, err)
	}
	s, err := schemaOf(arg.Schema)
	if err != nil {
		return protocol.BatchRequest{}, err
	}
	switch c.Fn {
	case "checkParseEntities":
		return protocol.BatchRequest{Op: protocol.OpValidateEntities, Test: &protocol.Test{Entities: arg.Entities, Schema: s}}, nil
	case "checkParseContext":
		r := protocol.AuthRequest{Context: arg.Context}
		if len(arg.Action) > 0 {
			var a protocol.EntityUID
			if err := json.Unmarshal(arg.Action, &a); err != nil {
				return protocol.BatchRequest{}, fmt.Errorf("data call %s: action: %w", c.Fn, err)
			}
			r.Action = &a
		}
		return protocol.BatchRequest{Op: protocol.OpValidateContext, Test: &protocol.Test{Schema: s, Requests: []protocol.AuthRequest{r}}}, nil
	case "formatPolicies":
		if arg.PolicyText == nil {
			return protocol.BatchRequest{}, fmt.Errorf("data call %s: no policyText", c.Fn)
		}
		return protocol.BatchRequest{Op: protocol.OpFormat, Text: arg.PolicyText}, nil
	}
	return protocol.BatchRequest{}, fmt.Errorf("unknown data call %q", c.Fn)
}

// dataAnswer is one answer of DataCalls in the engine's terms.
func dataAnswer(op protocol.Op, a protocol.BatchAnswer) (cedarwasm.DataAnswer, error) {
	var v struct {
		protocol.Validity
		Answers []protocol.Validity `json:"answers"`
		Text    string              `json:"text"`
	}
	if err := protocol.DecodeResult(op, a.Result, a.Unsupported, a.Error, &v); err != nil {
		return cedarwasm.DataAnswer{}, err
	}
	if op == protocol.OpValidateContext {
		if len(v.Answers) != 1 {
			return cedarwasm.DataAnswer{}, fmt.Errorf("%d validate-context answers for 1 context", len(v.Answers))
		}
		v.Validity = v.Answers[0]
	}
	out := cedarwasm.DataAnswer{Type: "success", JSON: v.JSON, Formatted: v.Text}
	if !v.Valid {
		out = cedarwasm.DataAnswer{Type: "failure", Errors: detailed(v.Errors)}
	}
	return out, nil
}
