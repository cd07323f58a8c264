package diff

import (
	"fmt"
	"runtime/debug"

	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/model/validator"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Model returns the reference model (packages model and model/validator)
// as an Implementation, guarded against panics. It supports every
// feature of the language, validates policies and requests, and is the
// fallback validator for implementations that have none.
func Model() Implementation { return Guard(modelImpl{}) }

type modelImpl struct{}

func (modelImpl) Name() string { return "model" }

func (modelImpl) Unsupported(*Input) string { return "" }

// Authorize builds the entity store once and answers each request. A
// panic while answering one request is that request's error, so the
// other requests still get answers.
func (modelImpl) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	es, err := model.NewEntities(in.Entities)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	pols, failed := modelPolicies(in.Policies)
	answers := make([]Answer, len(reqs))
	for i, req := range reqs {
		if pols == nil {
			answers[i] = failed
			continue
		}
		answers[i] = catchAnswer("model", func() (Response, error) {
			resp, err := pols.Authorize(es, req)
			if err != nil {
				return Response{}, err
			}
			return modelResponse(resp), nil
		})
	}
	return answers, nil
}

// modelPolicies links ps and builds its conditions once for all the
// requests of a test; when that fails (or panics), pols is nil and failed
// is every request's answer, as model.Authorize would give for each.
func modelPolicies(ps *syntax.PolicySet) (pols *model.Policies, failed Answer) {
	failed = catchAnswer("model", func() (Response, error) {
		var err error
		pols, err = model.NewPolicies(ps)
		return Response{}, err
	})
	return pols, failed
}

func modelResponse(r model.Response) Response {
	out := Response{Reasons: r.Reasons}
	if r.Decision == model.Allow {
		out.Decision = Allow
	}
	if len(r.Errors) > 0 {
		out.Errors, out.Messages = make([]string, 0, len(r.Errors)), make([]string, 0, len(r.Errors))
	}
	for _, e := range r.Errors {
		out.Errors = append(out.Errors, e.PolicyID)
		out.Messages = append(out.Messages, e.PolicyID+": "+e.Kind.String()+": "+e.Message)
	}
	return out.Normalize()
}

func (modelImpl) Validate(in *Input) (Validation, error) {
	if in.Schema == nil {
		return Validation{}, fmt.Errorf("validate: the input has no schema")
	}
	res := validator.Validate(in.Schema, in.Policies)
	v := Validation{OK: res.OK()}
	for _, d := range res.Errors {
		v.Errors = append(v.Errors, d.Error())
	}
	return v, nil
}

// ValidateRequest checks the request against the schema with the
// reference validator.
func (modelImpl) ValidateRequest(schema *syntax.Schema, req *syntax.Request) error {
	return validator.ValidateRequest(schema, req)
}

// catchAnswer runs one request's authorization and turns an error or a
// panic into the Answer's Err.
func catchAnswer(impl string, f func() (Response, error)) (a Answer) {
	defer func() {
		if v := recover(); v != nil {
			a = Answer{Err: &PanicError{Impl: impl, Value: v, Stack: debug.Stack()}}
		}
	}()
	resp, err := f()
	if err != nil {
		return Answer{Err: err}
	}
	return Answer{Response: resp}
}
