package diff

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cedar-crosscheck/crosscheck/protocol"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ValidateInDetail asks the official engine, in one round trip (a batch
// request), for validate on the policy set (errors and warnings of each
// policy), request-envs of each static policy, validate-request of each
// request (judged alone, against the schema) and validate-entities of
// the entities with the schema. Error and warning messages become kinds
// through officialKind; Costs are the engine's own times for each part.
func (w *CedarWasmImpl) ValidateInDetail(in *Input, reqs []*syntax.Request) (*ValidationDetail, error) {
	if in.Schema == nil {
		return nil, errors.New("validate: the input has no schema")
	}
	test, err := protocolTest(in, reqs, testParts{entities: true})
	if err != nil {
		return nil, err
	}
	ops := []protocol.Op{protocol.OpValidate}
	if hasStatic(in.Policies) {
		ops = append(ops, protocol.OpRequestEnvs)
	}
	if len(reqs) > 0 {
		ops = append(ops, protocol.OpValidateRequest)
	}
	ops = append(ops, protocol.OpValidateEntities)
	// Each part gets only what it reads: the batch is one line.
	parts := map[protocol.Op]*protocol.Test{
		protocol.OpValidate:         {Policies: test.Policies, TemplateLinks: test.TemplateLinks, Schema: test.Schema},
		protocol.OpRequestEnvs:      {Policies: test.Policies, Schema: test.Schema},
		protocol.OpValidateRequest:  {Schema: test.Schema, Requests: test.Requests},
		protocol.OpValidateEntities: {Schema: test.Schema, Entities: test.Entities},
	}
	batch := make([]protocol.BatchRequest, len(ops))
	for i, op := range ops {
		batch[i] = protocol.BatchRequest{Op: op, Test: parts[op]}
	}
	answers, err := w.x.pool.Batch(context.Background(), batch)
	if err != nil {
		return nil, w.x.harnessError(protocol.OpBatch, err)
	}
	d := &ValidationDetail{Policies: newPolicyDetails(in.Policies), Costs: map[string]time.Duration{}}
	for i, op := range ops {
		a := answers[i]
		if a.Error != nil && a.Error.Inconclusive {
			return nil, &InconclusiveError{Impl: w.Name(), Reason: a.Error.Message}
		}
		if err := w.readDetail(d, op, a, len(reqs)); err != nil {
			return nil, w.x.harnessError(op, err)
		}
	}
	return d, nil
}

func hasStatic(ps *syntax.PolicySet) bool {
	for _, p := range ps.Policies {
		if p != nil && !p.IsTemplate() {
			return true
		}
	}
	return false
}

// readDetail reads the answer of one part of ValidateInDetail into d.
func (w *CedarWasmImpl) readDetail(d *ValidationDetail, op protocol.Op, a protocol.BatchAnswer, nreqs int) error {
	elapsed := time.Duration(a.Micros) * time.Microsecond
	switch op {
	case protocol.OpValidate:
		var v protocol.ValidateResult
		if err := protocol.DecodeResult(op, a.Result, a.Unsupported, a.Error, &v); err != nil {
			return err
		}
		for _, e := range v.Errors {
			p := d.policy(e.Policy)
			p.Errors = append(p.Errors, officialKind(e.Message))
			p.Messages = append(p.Messages, e.Policy+": "+e.Message)
		}
		for _, e := range v.Warnings {
			p := d.policy(e.Policy)
			p.Warnings = append(p.Warnings, officialKind(e.Message))
			p.Messages = append(p.Messages, "warning: "+e.Policy+": "+e.Message)
		}
		for _, p := range d.Policies {
			p.normalize()
		}
		d.Costs[costValidate] = elapsed
	case protocol.OpRequestEnvs:
		var r protocol.RequestEnvsResult
		if err := protocol.DecodeResult(op, a.Result, a.Unsupported, a.Error, &r); err != nil {
			return err
		}
		d.Envs = map[string]*RequestEnvs{}
		for id, a := range r.Envs {
			if a.Error != "" {
				return fmt.Errorf("cedar-wasm could not list the request environments of %s: %s", id, a.Error)
			}
			e := &RequestEnvs{Principals: a.Principals, Actions: a.Actions, Resources: a.Resources}
			e.normalize()
			d.Envs[id] = e
		}
		d.Costs[costEnvs] = elapsed
	case protocol.OpValidateRequest:
		var r protocol.ValidateRequestResult
		if err := protocol.DecodeResult(op, a.Result, a.Unsupported, a.Error, &r); err != nil {
			return err
		}
		if len(r.Answers) != nreqs {
			return fmt.Errorf("%d answers for %d requests", len(r.Answers), nreqs)
		}
		for _, v := range r.Answers {
			c := Conformance{OK: v.Valid}
			if !c.OK {
				c.Reason = joinOr(v.Errors)
			}
			d.Requests = append(d.Requests, c)
		}
		d.Costs[costRequests] = elapsed
	case protocol.OpValidateEntities:
		var v protocol.Validity
		if err := protocol.DecodeResult(op, a.Result, a.Unsupported, a.Error, &v); err != nil {
			return err
		}
		d.Entities = Conformance{OK: v.Valid}
		if !v.Valid {
			d.Entities.Reason = joinOr(v.Errors)
		}
		d.Costs[costEntities] = elapsed
	}
	return nil
}

// joinOr joins messages with "; ", or says that there are none.
func joinOr(msgs []string) string {
	if len(msgs) == 0 {
		return "no reason given"
	}
	return strings.Join(msgs, "; ")
}
