package corpusgen

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strconv"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/model/validator"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// Convert returns t as an integration test with the model's answers. The
// test must have a schema and a policy set (the format requires both).
//
// The policies are printed to Cedar text and parsed back, and the
// expectations are computed from the parsed policies, so that the files
// and the answers always agree; a test whose printed text does not parse
// back to the same policies is an error (a printer or parser bug, which
// the error describes).
func Convert(t *generators.Test) (*corpus.Test, error) {
	if t.Policies == nil {
		return nil, fmt.Errorf("the test has no policy set")
	}
	ps, err := Materialize(t.Policies)
	if err != nil {
		return nil, err
	}
	text := printer.PolicySet(ps)
	parsed, err := parser.ParsePolicySet("policies.cedar", []byte(text))
	if err != nil {
		return nil, fmt.Errorf("printed policies do not parse: %w\n%s", err, text)
	}
	if len(parsed.Policies) != len(ps.Policies) {
		return nil, fmt.Errorf("printed %d policies, parsed %d back:\n%s", len(ps.Policies), len(parsed.Policies), text)
	}
	for i, p := range ps.Policies {
		if !samePolicy(p, parsed.Policies[i]) {
			return nil, fmt.Errorf("policy %s does not print and parse back to itself:\n%s", p.ID, printer.Policy(p))
		}
	}
	if t.Schema == nil {
		return nil, fmt.Errorf("the test has no schema")
	}
	schemaText, err := schema.CedarText(t.Schema)
	if err != nil {
		return nil, fmt.Errorf("printing the schema: %w", err)
	}
	es, err := model.NewEntities(t.Entities)
	if err != nil {
		return nil, fmt.Errorf("the model rejects the entities: %w", err)
	}
	out := &corpus.Test{
		PolicyText:     text,
		Policies:       parsed,
		SchemaText:     string(schemaText),
		Schema:         t.Schema,
		Entities:       t.Entities,
		ShouldValidate: validator.Validate(t.Schema, parsed).OK(),
	}
	for i := range t.Requests {
		req := t.Requests[i]
		resp, err := model.Authorize(parsed, es, &req)
		if err != nil {
			return nil, fmt.Errorf("request %d: %w", i, err)
		}
		ctx, _ := req.Context.(*syntax.RecordExpr)
		cr := &corpus.Request{
			Description:     "Request " + strconv.Itoa(i),
			Principal:       req.Principal,
			Action:          req.Action,
			Resource:        req.Resource,
			Context:         ctx,
			ValidateRequest: validator.ValidateRequest(t.Schema, &req) == nil,
			Decision:        diff.Deny,
			Reasons:         resp.Reasons,
		}
		if resp.Decision == model.Allow {
			cr.Decision = diff.Allow
		}
		for _, e := range resp.Errors {
			cr.Errors = append(cr.Errors, e.PolicyID)
		}
		out.Requests = append(out.Requests, cr)
	}
	return out, nil
}

// Materialize returns the policies of ps as the test format holds them:
// the static policies and one static policy per link, in that order,
// renumbered policy0, policy1, ...; templates are dropped.
func Materialize(ps *syntax.PolicySet) (*syntax.PolicySet, error) {
	linked, err := model.LinkedPolicies(ps)
	if err != nil {
		return nil, err
	}
	out := &syntax.PolicySet{}
	for i, p := range linked {
		c := *p
		c.ID = syntax.DefaultPolicyID(i)
		out.Policies = append(out.Policies, &c)
	}
	return out, nil
}

// samePolicy reports whether two policies mean the same, ignoring ids
// and positions.
func samePolicy(a, b *syntax.Policy) bool {
	if a.Effect != b.Effect || !sameScope(a.Principal, b.Principal) || !sameScope(a.Action, b.Action) ||
		!sameScope(a.Resource, b.Resource) || len(a.Conditions) != len(b.Conditions) || len(a.Annotations) != len(b.Annotations) {
		return false
	}
	for i := range a.Annotations {
		if a.Annotations[i].Key != b.Annotations[i].Key || a.Annotations[i].Value != b.Annotations[i].Value {
			return false
		}
	}
	for i, c := range a.Conditions {
		if c.Kind != b.Conditions[i].Kind || !printer.Equal(c.Body, b.Conditions[i].Body) {
			return false
		}
	}
	return true
}

func sameScope(a, b syntax.Scope) bool {
	if a.Op != b.Op || a.Type != b.Type || a.Entity != b.Entity || a.Slot != b.Slot || len(a.Entities) != len(b.Entities) {
		return false
	}
	for i := range a.Entities {
		if a.Entities[i] != b.Entities[i] {
			return false
		}
	}
	return true
}

// Name returns the file name (without extension) a test is saved under:
// a hash of where it came from, like the upstream corpus's names.
func Name(t *generators.Test) string {
	h := sha1.Sum([]byte(fmt.Sprintf("crosscheck/%s/%d/%d", t.Mode, t.Seed, t.Index)))
	return hex.EncodeToString(h[:])
}

// Write converts t and saves it under root in the corpus layout
// (root/corpus-tests/<name>.json and its .cedar, .cedarschema and
// .entities.json files, each written atomically). It returns the path of
// the .json file.
func Write(root string, t *generators.Test) (string, error) {
	ct, err := Convert(t)
	if err != nil {
		return "", err
	}
	return corpus.Save(root, Name(t), ct)
}
