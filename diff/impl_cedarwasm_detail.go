package diff

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// ValidateInDetail asks the official engine, in one round trip (a
// driver batch), for validate on the policy set, getValidRequestEnvsPolicy
// on each static policy, request validation of each request
// (statefulIsAuthorized with validateRequest and no entities, against an
// empty policy set and the preparsed schema, so that only the request is
// judged) and checkParseEntities of the entities with the schema. Error
// and warning messages become kinds through officialKinds; Costs are the
// engine's own times for each part.
func (w *CedarWasmImpl) ValidateInDetail(in *Input, reqs []*syntax.Request) (*ValidationDetail, error) {
	if in.Schema == nil {
		return nil, errors.New("validate: the input has no schema")
	}
	calls, err := detailCalls(in, reqs)
	if err != nil {
		return nil, err
	}
	var answers []cedarwasm.BatchAnswer
	err = w.pool.Do(context.Background(), func(c *cedarwasm.Conn) error {
		answers, err = c.Batch(calls.list)
		return err
	})
	if err != nil {
		return nil, w.inconclusive(err)
	}
	d, err := calls.read(in, answers)
	if err != nil {
		var te *cedarwasm.ThrownError
		if errors.As(err, &te) {
			return nil, &InconclusiveError{Impl: w.Name(), Reason: err.Error()}
		}
		return nil, err
	}
	return d, nil
}

// detailBatch is the batch of one ValidateInDetail and where each part's
// answers are in it.
type detailBatch struct {
	list     []cedarwasm.BatchCall
	validate int // index of the validate call
	envs     int // index of the validRequestEnvs call; -1 when no static policy
	requests int // index of the first request call; the preparse calls come just before
	nreqs    int
	entities int
}

func detailCalls(in *Input, reqs []*syntax.Request) (*detailBatch, error) {
	policies, err := wasmPolicySet(in.Policies)
	if err != nil {
		return nil, err
	}
	schemaText, err := wasmSchema(in)
	if err != nil {
		return nil, err
	}
	schemaJSON, err := marshalOneLine(*schemaText)
	if err != nil {
		return nil, err
	}
	b := &detailBatch{envs: -1, nreqs: len(reqs)}
	add := func(op string, body []byte) int {
		b.list = append(b.list, cedarwasm.BatchCall{Op: op, Body: body})
		return len(b.list) - 1
	}
	call, err := marshalOneLine(struct {
		Schema   *string         `json:"schema"`
		Policies json.RawMessage `json:"policies"`
	}{schemaText, policies})
	if err != nil {
		return nil, err
	}
	b.validate = add(cedarwasm.OpValidate, call)

	static := map[string]string{}
	for _, p := range in.Policies.Policies {
		if p != nil && !p.IsTemplate() {
			static[p.ID] = printer.Policy(p)
		}
	}
	if len(static) > 0 {
		call, err := marshalOneLine(struct {
			Policies map[string]string `json:"policies"`
			Schema   *string           `json:"schema"`
		}{static, schemaText})
		if err != nil {
			return nil, err
		}
		b.envs = add(cedarwasm.OpValidRequestEnvs, call)
	}

	if len(reqs) > 0 {
		add(cedarwasm.OpPreparseSchema, schemaJSON)
		add(cedarwasm.OpPreparse, []byte(`{"staticPolicies":{},"templates":{},"templateLinks":[]}`))
		for i, req := range reqs {
			call, err := wasmRequestValidationCall(req)
			if err != nil {
				return nil, err
			}
			if i == 0 {
				b.requests = add(cedarwasm.OpStateful, call)
			} else {
				add(cedarwasm.OpStateful, call)
			}
		}
	}

	entities, err := wasmEntities(in)
	if err != nil {
		return nil, err
	}
	call, err = marshalOneLine(struct {
		Entities json.RawMessage `json:"entities"`
		Schema   *string         `json:"schema"`
	}{entities, schemaText})
	if err != nil {
		return nil, err
	}
	b.entities = add(cedarwasm.OpCheckParseEntities, call)
	return b, nil
}

// wasmRequestValidationCall is a statefulIsAuthorized call that validates
// the request against the preparsed schema, with no entities.
func wasmRequestValidationCall(req *syntax.Request) ([]byte, error) {
	return wasmAuthorizationCall(req, json.RawMessage(`[]`), true, true)
}

// read turns the batch's answers into a ValidationDetail.
func (b *detailBatch) read(in *Input, answers []cedarwasm.BatchAnswer) (*ValidationDetail, error) {
	d := &ValidationDetail{Policies: newPolicyDetails(in.Policies), Costs: map[string]time.Duration{}}

	var v cedarwasm.ValidationAnswer
	if err := answers[b.validate].Decode(&v); err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	if v.Type != "success" {
		return nil, fmt.Errorf("cedar-wasm could not validate: %s", detailedErrors(v.Errors))
	}
	for _, e := range v.ValidationErrors {
		p := d.policy(e.PolicyID)
		p.Errors = append(p.Errors, officialKind(e.Error.Message))
		p.Messages = append(p.Messages, e.PolicyID+": "+e.Error.Message)
	}
	for _, e := range v.ValidationWarnings {
		p := d.policy(e.PolicyID)
		p.Warnings = append(p.Warnings, officialKind(e.Error.Message))
		p.Messages = append(p.Messages, "warning: "+e.PolicyID+": "+e.Error.Message)
	}
	for _, p := range d.Policies {
		p.normalize()
	}
	d.Costs[costValidate] = answers[b.validate].Elapsed()

	if b.envs >= 0 {
		var envs map[string]cedarwasm.RequestEnvsAnswer
		if err := answers[b.envs].Decode(&envs); err != nil {
			return nil, fmt.Errorf("getValidRequestEnvsPolicy: %w", err)
		}
		d.Envs = map[string]*RequestEnvs{}
		for id, a := range envs {
			if a.Type != "success" {
				return nil, fmt.Errorf("cedar-wasm could not list the request environments of %s: %s", id, a.Error)
			}
			e := &RequestEnvs{Principals: a.Principals, Actions: a.Actions, Resources: a.Resources}
			e.normalize()
			d.Envs[id] = e
		}
		d.Costs[costEnvs] = answers[b.envs].Elapsed()
	}

	if b.nreqs > 0 {
		for _, i := range []int{b.requests - 2, b.requests - 1} {
			var parsed cedarwasm.CheckParseAnswer
			if err := answers[i].Decode(&parsed); err != nil {
				return nil, err
			}
			if parsed.Type != "success" {
				return nil, fmt.Errorf("cedar-wasm rejected the schema or the empty policy set: %s", detailedErrors(parsed.Errors))
			}
			d.Costs[costRequests] += answers[i].Elapsed()
		}
		for i := b.requests; i < b.requests+b.nreqs; i++ {
			var a cedarwasm.AuthorizationAnswer
			if err := answers[i].Decode(&a); err != nil {
				return nil, fmt.Errorf("request validation: %w", err)
			}
			c := Conformance{OK: a.Type == "success"}
			if !c.OK {
				c.Reason = detailedErrors(a.Errors)
			}
			d.Requests = append(d.Requests, c)
			d.Costs[costRequests] += answers[i].Elapsed()
		}
	}

	var ents cedarwasm.CheckParseAnswer
	if err := answers[b.entities].Decode(&ents); err != nil {
		return nil, fmt.Errorf("checkParseEntities: %w", err)
	}
	d.Entities = Conformance{OK: ents.Type == "success"}
	if !d.Entities.OK {
		d.Entities.Reason = detailedErrors(ents.Errors)
	}
	d.Costs[costEntities] = answers[b.entities].Elapsed()
	return d, nil
}
