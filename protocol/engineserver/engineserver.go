// Package engineserver serves Crosscheck's production engine (package
// engine) over the process protocol: a protocol server written in Go,
// with the authorize capability. Tests run it as a subprocess to measure
// what the protocol costs against the in-process adapter, and to check
// the protocol client; it is also a worked example of protocol.Serve.
package engineserver

import (
	"fmt"
	"io"

	"github.com/cedar-crosscheck/crosscheck/engine"
	"github.com/cedar-crosscheck/crosscheck/internal/version"
	"github.com/cedar-crosscheck/crosscheck/protocol"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// Hello is the server's handshake.
func Hello() protocol.Hello {
	return protocol.Hello{Protocol: protocol.Version, Name: "crosscheck-engine", Version: version.Crosscheck(),
		Cedar: version.CedarLanguage, Capabilities: []protocol.Op{protocol.OpAuthorize}}
}

// Serve answers requests from r on w until r ends.
func Serve(r io.Reader, w io.Writer) error { return protocol.Serve(r, w, Hello(), Handle) }

// Handle answers one request.
func Handle(req *protocol.Request) (any, error) {
	if req.Op != protocol.OpAuthorize || req.Test == nil {
		return nil, &protocol.UnsupportedError{Unsupported: protocol.Unsupported{Feature: string(req.Op)}}
	}
	return Authorize(req.Test)
}

// Authorize answers every request of t with the engine.
func Authorize(t *protocol.Test) (*protocol.AuthorizeResult, error) {
	ps, sch, err := Decode(t)
	if err != nil {
		return nil, err
	}
	ents, err := cedarjson.ParseEntities("entities", entitiesJSON(t), sch)
	if err != nil {
		return nil, err
	}
	eps, err := engine.NewPolicySet(ps)
	if err != nil {
		return nil, fmt.Errorf("policies: %w", err)
	}
	es, err := engine.NewEntityStore(ents, sch)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	res := &protocol.AuthorizeResult{Answers: make([]protocol.Answer, len(t.Requests))}
	for i, r := range t.Requests {
		req, err := Request(r, sch)
		if err != nil {
			res.Answers[i] = protocol.Answer{Error: err.Error()}
			continue
		}
		ereq, err := engine.NewRequest(*req)
		if err != nil {
			res.Answers[i] = protocol.Answer{Error: err.Error()}
			continue
		}
		resp := eps.Authorize(es, ereq)
		a := protocol.Answer{Decision: "deny", Reasons: resp.Diagnostics.Reasons}
		if resp.Decision == engine.Allow {
			a.Decision = "allow"
		}
		for _, e := range resp.Diagnostics.Errors {
			a.Errors = append(a.Errors, protocol.PolicyError{Policy: e.PolicyID, Kind: "other", Message: e.Error()})
		}
		res.Answers[i] = a
	}
	return res, nil
}

func entitiesJSON(t *protocol.Test) []byte {
	if len(t.Entities) == 0 {
		return []byte("[]")
	}
	return t.Entities
}

// Decode reads a test's policies (from their text), template links and
// schema into the shared AST.
func Decode(t *protocol.Test) (*syntax.PolicySet, *syntax.Schema, error) {
	ps := &syntax.PolicySet{}
	for _, p := range t.Policies {
		if p.Text == "" {
			return nil, nil, &protocol.UnsupportedError{Unsupported: protocol.Unsupported{Feature: "policy JSON without text"}}
		}
		pol, err := parser.ParsePolicy(p.ID, []byte(p.Text))
		if err != nil {
			return nil, nil, err
		}
		pol.ID = p.ID
		ps.Policies = append(ps.Policies, pol)
	}
	for _, l := range t.TemplateLinks {
		values := map[syntax.SlotID]syntax.EntityUID{}
		for slot, uid := range l.Values {
			values[syntax.SlotID(slot)] = syntax.NewEntityUID(syntax.EntityType(uid.Type), uid.ID)
		}
		ps.Links = append(ps.Links, syntax.TemplateLink{TemplateID: l.TemplateID, NewID: l.NewID, Values: values})
	}
	var sch *syntax.Schema
	if t.Schema != nil {
		var err error
		if t.Schema.Text != "" {
			sch, err = schema.ParseCedar("schema", []byte(t.Schema.Text))
		} else {
			sch, err = schema.ParseJSON("schema", t.Schema.JSON)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	return ps, sch, nil
}

// Request reads one request.
func Request(r protocol.AuthRequest, sch *syntax.Schema) (*syntax.Request, error) {
	b, err := protocol.Marshal(r)
	if err != nil {
		return nil, err
	}
	return cedarjson.ParseRequest("request", b, sch)
}
