package diff

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/protocol"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
)

// PartialAuthorize sends the partial requests as one partial-authorize
// request of the protocol (protocol.Pool.PartialAuthorize): an unknown
// principal, action or resource is null, and an unknown("name") value of
// the context is {"__extn": {"fn": "unknown", "arg": "name"}}, the
// official engine's spelling. An unknown context as a whole is not
// something the official engine takes: such a request's answer is an
// *UnsupportedError. The residuals the engine gives come back as policy
// JSON with {"unknown": [...]} nodes and are read into unknown("name")
// calls. The engine gives a residual for every policy; the ones it
// already decided (satisfied, errored, or false) are dropped so that the
// residual list means what it means for the model and the engine: the
// policies left to decide.
func (w *CedarWasmImpl) PartialAuthorize(in *Input, reqs []*syntax.PartialRequest) (answers []PartialAnswer, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Impl: w.Name(), Value: v}
		}
	}()
	test, err := protocolTest(in, nil, testParts{entities: true})
	if err != nil {
		return nil, err
	}
	// The official engine validates a partial request's context against
	// the schema and rejects unknown values there (known quirk
	// "context-unknowns-with-schema", known_partial.go); the model and the
	// engine do not validate partial requests, so the schema is left out.
	test.Schema = nil
	links := map[string]map[syntax.SlotID]syntax.EntityUID{}
	for _, l := range in.Policies.Links {
		links[l.NewID] = l.Values
	}
	answers = make([]PartialAnswer, len(reqs))
	index := make([]int, 0, len(reqs)) // protocol request k is reqs[index[k]]
	for i, r := range reqs {
		if r.Context == nil {
			answers[i].Err = &UnsupportedError{Impl: w.Name(), Feature: "unknown context"}
			continue
		}
		ar, err := protocolPartialRequest(r)
		if err != nil {
			answers[i].Err = err
			continue
		}
		test.Requests = append(test.Requests, ar)
		index = append(index, i)
	}
	if len(index) == 0 {
		return answers, nil
	}
	res, err := w.x.pool.PartialAuthorize(context.Background(), test)
	if err != nil {
		return nil, w.x.harnessError(protocol.OpPartialAuthorize, err)
	}
	for k, a := range res.Answers {
		i := index[k]
		if a.Error != "" {
			answers[i].Err = fmt.Errorf("%s: %s", w.Name(), a.Error)
			continue
		}
		resp, err := wasmPartialResponse(&a, links)
		if err != nil {
			answers[i].Err = fmt.Errorf("%s: %w", w.Name(), err)
			continue
		}
		answers[i].Response = resp
	}
	return answers, nil
}

func protocolPartialRequest(r *syntax.PartialRequest) (protocol.AuthRequest, error) {
	var ar protocol.AuthRequest
	for _, part := range []struct {
		uid *syntax.EntityUID
		dst **protocol.EntityUID
	}{{r.Principal, &ar.Principal}, {r.Action, &ar.Action}, {r.Resource, &ar.Resource}} {
		if part.uid != nil {
			u := protocolUID(*part.uid)
			*part.dst = &u
		}
	}
	b, err := cedarjson.MarshalValue(r.Context)
	if err != nil {
		return ar, fmt.Errorf("context: %w", err)
	}
	ar.Context = json.RawMessage(b)
	return ar, nil
}

// wasmPartialResponse reads one answer of partial-authorize.
func wasmPartialResponse(a *protocol.PartialAnswer, links map[string]map[syntax.SlotID]syntax.EntityUID) (PartialResponse, error) {
	out := PartialResponse{
		Satisfied:         sorted(a.Satisfied),
		Errored:           sorted(a.Errored),
		MayBeDetermining:  sorted(a.MayBeDetermining),
		MustBeDetermining: sorted(a.MustBeDetermining),
	}
	switch a.Decision {
	case "allow":
		out.Decision = PartialAllow
	case "deny":
		out.Decision = PartialDeny
	case "unknown", "":
		out.Decision = PartialUnknown
	default:
		return out, fmt.Errorf("decision %q", a.Decision)
	}
	decided := map[string]bool{}
	for _, id := range out.Satisfied {
		decided[id] = true
	}
	for _, id := range out.Errored {
		decided[id] = true
	}
	for _, r := range a.Residuals {
		if decided[r.ID] {
			continue
		}
		src := r.JSON
		if values, ok := links[r.ID]; ok {
			var err error
			if src, err = linkResidualSlots(src, values); err != nil {
				return out, fmt.Errorf("residual of %s: %w", r.ID, err)
			}
		}
		p, err := cedarjson.UnmarshalPolicy(r.ID+".json", src)
		if err != nil {
			return out, fmt.Errorf("residual of %s: %w", r.ID, err)
		}
		p.ID = r.ID
		if residualFalse(p) {
			continue
		}
		out.Residuals = append(out.Residuals, p)
	}
	return out, nil
}

// residualFalse reports whether a residual policy is decided false: a
// condition that is the literal false (the official engine keeps such
// policies among its residuals).
func residualFalse(p *syntax.Policy) bool {
	for _, c := range p.Conditions {
		l, ok := c.Body.(*syntax.Literal)
		if !ok {
			continue
		}
		if b, ok := l.Value.(bool); ok && b == (c.Kind == syntax.Unless) {
			return true
		}
	}
	return false
}

// linkResidualSlots replaces the slots of a linked policy's residual by
// the link's values: the official engine's residual of a template link
// keeps {"Slot": "?resource"} in its condition (known quirk
// "residual-keeps-slots", known_partial.go).
func linkResidualSlots(src []byte, values map[syntax.SlotID]syntax.EntityUID) ([]byte, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	var walk func(any) (any, error)
	walk = func(x any) (any, error) {
		switch t := x.(type) {
		case map[string]any:
			if s, ok := t["Slot"].(string); ok && len(t) == 1 {
				u, ok := values[syntax.SlotID(s)]
				if !ok {
					return nil, fmt.Errorf("slot %s has no value in the link", s)
				}
				return map[string]any{"Value": map[string]any{"__entity": map[string]any{"type": string(u.Type), "id": u.ID}}}, nil
			}
			for k, e := range t {
				w, err := walk(e)
				if err != nil {
					return nil, err
				}
				t[k] = w
			}
		case []any:
			for i, e := range t {
				w, err := walk(e)
				if err != nil {
					return nil, err
				}
				t[i] = w
			}
		}
		return x, nil
	}
	v, err := walk(v)
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}
