package gotests

import (
	"bytes"
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// Case is one corpus case as generated Go code holds it: the sources as
// written in the corpus files, and the requests with their expected
// answers.
type Case struct {
	// Name is the case's name in diff.KnownDifference terms:
	// "regressions/<name>".
	Name string

	Policies       string // Cedar policy text
	Links          []Link // template links (the test file's "templateLinks")
	Schema         string // schema text, Cedar or (older tests) JSON syntax
	Entities       string // entity JSON
	ShouldValidate bool
	Requests       []Request
}

// Link instantiates a template of the case's policies.
type Link struct {
	TemplateID string
	NewID      string
	Values     map[syntax.SlotID]syntax.EntityUID
}

// Request is one request of a case and the answer it expects.
type Request struct {
	Description string

	Principal syntax.EntityUID
	Action    syntax.EntityUID
	Resource  syntax.EntityUID
	Context   string // the context record as JSON

	// ValidateRequest asks that the request pass request validation
	// against the schema.
	ValidateRequest bool

	Decision diff.Decision
	Reasons  []string
	Errors   []string
}

// Expected returns the response the request expects, normalized.
func (r *Request) Expected() diff.Response {
	return diff.Response{Decision: r.Decision, Reasons: r.Reasons, Errors: r.Errors}.Normalize()
}

// Parse reads the case's sources as the corpus loader does (entities and
// contexts with the schema) and returns the input and the requests the
// implementations take. Errors carry file:line:col in files named after
// the case ("<Name>.cedar", ...).
func (c *Case) Parse() (*diff.Input, []*syntax.Request, error) {
	ps, err := parser.ParsePolicySet(c.Name+".cedar", []byte(c.Policies))
	if err != nil {
		return nil, nil, err
	}
	for _, l := range c.Links {
		ps.Links = append(ps.Links, syntax.TemplateLink{TemplateID: l.TemplateID, NewID: l.NewID, Values: l.Values})
	}
	var s *syntax.Schema
	if bytes.HasPrefix(bytes.TrimSpace([]byte(c.Schema)), []byte("{")) {
		s, err = schema.ParseJSON(c.Name+".cedarschema.json", []byte(c.Schema))
	} else {
		s, err = schema.ParseCedar(c.Name+".cedarschema", []byte(c.Schema))
	}
	if err != nil {
		return nil, nil, err
	}
	es, err := cedarjson.ParseEntities(c.Name+".entities.json", []byte(c.Entities), s)
	if err != nil {
		return nil, nil, err
	}
	in := &diff.Input{
		Name: c.Name, Policies: ps, Entities: es, Schema: s,
		PolicyText: c.Policies, SchemaText: c.Schema, EntitiesJSON: []byte(c.Entities),
	}
	reqs := make([]*syntax.Request, len(c.Requests))
	for i, r := range c.Requests {
		ctxJSON := r.Context
		if ctxJSON == "" {
			ctxJSON = "{}"
		}
		ctx, err := cedarjson.ParseContext(fmt.Sprintf("%s.json: request %d: context", c.Name, i), []byte(ctxJSON), s, r.Action)
		if err != nil {
			return nil, nil, err
		}
		reqs[i] = &syntax.Request{Principal: r.Principal, Action: r.Action, Resource: r.Resource, Context: ctx}
	}
	return in, reqs, nil
}
