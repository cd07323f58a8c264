package diff

import (
	"errors"
	"fmt"
	"slices"

	cedar "github.com/cedar-policy/cedar-go"
	cedartypes "github.com/cedar-policy/cedar-go/types"
	cedarast "github.com/cedar-policy/cedar-go/x/exp/ast"
	cedarschema "github.com/cedar-policy/cedar-go/x/exp/schema"
	cedarvalidate "github.com/cedar-policy/cedar-go/x/exp/schema/validate"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// CedarGo returns github.com/cedar-policy/cedar-go (v1.9.1, in process) as
// an Implementation, guarded against panics.
//
// cedar-go has no templates and rejects identical duplicate entities, so
// such inputs are unsupported. Policies reach it as Cedar text printed from the AST, one
// policy per id; entities and contexts as canonical entity JSON, which
// needs no schema. Its validator is the experimental x/exp/schema/validate
// in strict mode.
func CedarGo() Implementation { return Guard(cedarGoImpl{}) }

type cedarGoImpl struct{}

func (cedarGoImpl) Name() string { return "cedar-go" }

// Unsupported names the two Cedar features cedar-go v1.9.1 lacks that
// generated tests use: templates, and an entity listed twice identically
// (accepted since Cedar 4.4; cedar-go rejects any duplicate). See
// docs/known-differences.md.
func (cedarGoImpl) Unsupported(in *Input) string {
	if len(in.Policies.Links) > 0 {
		return "templates"
	}
	for _, p := range in.Policies.Policies {
		if p.IsTemplate() {
			return "templates"
		}
	}
	seen := make(map[syntax.EntityUID]bool, len(in.Entities))
	for _, e := range in.Entities {
		if seen[e.UID] {
			return "identical duplicate entities"
		}
		seen[e.UID] = true
	}
	return ""
}

func (cedarGoImpl) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	ps, err := cedarGoPolicySet(in.Policies)
	if err != nil {
		return nil, err
	}
	ejson, err := cedarjson.MarshalEntities(in.Entities)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	var entities cedartypes.EntityMap
	if err := entities.UnmarshalJSON(ejson); err != nil {
		return nil, fmt.Errorf("cedar-go rejected the entities: %w", err)
	}
	answers := make([]Answer, len(reqs))
	for i, req := range reqs {
		answers[i] = catchAnswer("cedar-go", func() (Response, error) {
			creq, err := cedarGoRequest(req)
			if err != nil {
				return Response{}, err
			}
			decision, diag := ps.IsAuthorized(entities, creq)
			return cedarGoResponse(decision, diag), nil
		})
	}
	return answers, nil
}

func cedarGoPolicySet(ps *syntax.PolicySet) (*cedar.PolicySet, error) {
	out := cedar.NewPolicySet()
	for _, p := range ps.Policies {
		var cp cedar.Policy
		if err := cp.UnmarshalCedar([]byte(printer.Policy(p))); err != nil {
			return nil, fmt.Errorf("cedar-go rejected policy %s: %w", p.ID, err)
		}
		out.Add(cedar.PolicyID(p.ID), &cp)
	}
	return out, nil
}

func cedarGoRequest(req *syntax.Request) (cedar.Request, error) {
	out := cedar.Request{
		Principal: cedarGoUID(req.Principal),
		Action:    cedarGoUID(req.Action),
		Resource:  cedarGoUID(req.Resource),
	}
	if req.Context != nil {
		cjson, err := cedarjson.MarshalValue(req.Context)
		if err != nil {
			return out, fmt.Errorf("context: %w", err)
		}
		if err := out.Context.UnmarshalJSON(cjson); err != nil {
			return out, fmt.Errorf("cedar-go rejected the context: %w", err)
		}
	}
	return out, nil
}

func cedarGoUID(u syntax.EntityUID) cedartypes.EntityUID {
	return cedartypes.NewEntityUID(cedartypes.EntityType(u.Type), cedartypes.String(u.ID))
}

func cedarGoResponse(d cedar.Decision, diag cedar.Diagnostic) Response {
	var out Response
	if d == cedar.Allow {
		out.Decision = Allow
	}
	// cedar-go lists diagnostics in map order; Normalize sorts them.
	for _, r := range diag.Reasons {
		out.Reasons = append(out.Reasons, string(r.PolicyID))
	}
	for _, e := range diag.Errors {
		out.Errors = append(out.Errors, string(e.PolicyID))
		out.Messages = append(out.Messages, fmt.Sprintf("%s: %s", e.PolicyID, e.Message))
	}
	slices.Sort(out.Messages)
	return out.Normalize()
}

// Validate runs cedar-go's experimental strict validator. The schema
// reaches it as Cedar schema text printed from the resolved schema.
func (cedarGoImpl) Validate(in *Input) (Validation, error) {
	if in.Schema == nil {
		return Validation{}, errors.New("validate: the input has no schema")
	}
	text, err := schema.CedarText(in.Schema)
	if err != nil {
		return Validation{}, fmt.Errorf("printing the schema: %w", err)
	}
	var s cedarschema.Schema
	if err := s.UnmarshalCedar(text); err != nil {
		return Validation{}, fmt.Errorf("cedar-go rejected the schema: %w", err)
	}
	resolved, err := s.Resolve()
	if err != nil {
		return Validation{}, fmt.Errorf("cedar-go could not resolve the schema: %w", err)
	}
	ps, err := cedarGoPolicySet(in.Policies)
	if err != nil {
		return Validation{}, err
	}
	v := cedarvalidate.New(resolved, cedarvalidate.WithStrict())
	out := Validation{OK: true}
	for id, p := range ps.All() {
		if err := v.Policy(string(id), (*cedarast.Policy)(p.AST())); err != nil {
			out.OK = false
			out.Errors = append(out.Errors, fmt.Sprintf("%s: %v", id, err))
		}
	}
	slices.Sort(out.Errors)
	return out, nil
}
