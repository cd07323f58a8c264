package diff

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/engine"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Engine returns the production engine (package engine) as an
// Implementation, guarded against panics. It compiles an input's
// policies and builds its entity store once, then answers the requests.
// It has no validator: Validate returns ErrNoValidator.
func Engine() Implementation { return Guard(engineImpl{}) }

type engineImpl struct{}

func (engineImpl) Name() string { return "engine" }

func (engineImpl) Unsupported(*Input) string { return "" }

func (engineImpl) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	ps, err := engine.NewPolicySet(in.Policies)
	if err != nil {
		return nil, fmt.Errorf("policies: %w", err)
	}
	es, err := engine.NewEntityStore(in.Entities, in.Schema)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	answers := make([]Answer, len(reqs))
	for i, req := range reqs {
		answers[i] = catchAnswer("engine", func() (Response, error) {
			ereq, err := engine.NewRequest(*req)
			if err != nil {
				return Response{}, fmt.Errorf("request: %w", err)
			}
			return engineResponse(ps.Authorize(es, ereq)), nil
		})
	}
	return answers, nil
}

func engineResponse(r engine.Response) Response {
	out := Response{Reasons: r.Diagnostics.Reasons}
	if r.Decision == engine.Allow {
		out.Decision = Allow
	}
	if n := len(r.Diagnostics.Errors); n > 0 {
		out.Errors, out.Messages = make([]string, 0, n), make([]string, 0, n)
	}
	for _, e := range r.Diagnostics.Errors {
		out.Errors = append(out.Errors, e.PolicyID)
		out.Messages = append(out.Messages, e.Error())
	}
	return out.Normalize()
}

func (engineImpl) Validate(*Input) (Validation, error) { return Validation{}, ErrNoValidator }
