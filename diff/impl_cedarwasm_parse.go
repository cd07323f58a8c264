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

// cedarWasmOf returns the first cedar-wasm implementation among impls,
// or nil.
func cedarWasmOf(impls []Implementation) *CedarWasmImpl {
	if ws := cedarWasmsOf(impls); len(ws) > 0 {
		return ws[0]
	}
	return nil
}

// cedarWasmsOf returns the cedar-wasm implementations among impls (one
// per release asked for), in their order.
func cedarWasmsOf(impls []Implementation) []*CedarWasmImpl {
	var ws []*CedarWasmImpl
	for _, impl := range impls {
		if g, ok := impl.(guarded); ok {
			impl = g.impl
		}
		if w, ok := impl.(*CedarWasmImpl); ok {
			ws = append(ws, w)
		}
	}
	return ws
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
// validate-context, formatPolicies format. The text of entities,
// contexts and JSON schemas goes as it is, in the request's "data" (it
// may be lax JSON on purpose: a malformed escape, a duplicate key).
func dataRequest(c cedarwasm.DataCall) (protocol.BatchRequest, error) {
	bad := func(why string) (protocol.BatchRequest, error) {
		return protocol.BatchRequest{}, fmt.Errorf("data call %s: %s", c.Fn, why)
	}
	switch c.Fn {
	case "schemaToJson", "checkParseSchema":
		var text string
		if json.Unmarshal(c.Arg, &text) == nil {
			return protocol.BatchRequest{Op: protocol.OpParseSchema, Text: &text}, nil
		}
		data := string(c.Arg)
		return protocol.BatchRequest{Op: protocol.OpParseSchema, Data: &data}, nil
	case "formatPolicies":
		var arg struct {
			PolicyText *string `json:"policyText"`
		}
		if err := json.Unmarshal(c.Arg, &arg); err != nil || arg.PolicyText == nil {
			return bad("no policyText")
		}
		return protocol.BatchRequest{Op: protocol.OpFormat, Text: arg.PolicyText}, nil
	}
	var s *protocol.Schema
	if len(c.Schema) > 0 {
		var text string
		if json.Unmarshal(c.Schema, &text) == nil {
			s = &protocol.Schema{Text: text}
		} else {
			s = &protocol.Schema{JSON: c.Schema}
		}
	}
	data := c.Data
	switch c.Fn {
	case "checkParseEntities":
		return protocol.BatchRequest{Op: protocol.OpValidateEntities, Data: &data, Test: &protocol.Test{Schema: s}}, nil
	case "checkParseContext":
		r := protocol.AuthRequest{}
		if len(c.Action) > 0 {
			r.Action = &protocol.EntityUID{}
			if err := json.Unmarshal(c.Action, r.Action); err != nil {
				return bad("action: " + err.Error())
			}
		}
		return protocol.BatchRequest{Op: protocol.OpValidateContext, Data: &data, Test: &protocol.Test{Schema: s, Requests: []protocol.AuthRequest{r}}}, nil
	}
	return bad("unknown function")
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
