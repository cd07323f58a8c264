package diff

import (
	"fmt"
	"runtime/debug"

	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// PartialAuthorize is the model's partial authorization
// (model.PartialAuthorize), with the store built once. A panic while
// answering one request is that request's error.
func (modelImpl) PartialAuthorize(in *Input, reqs []*syntax.PartialRequest) ([]PartialAnswer, error) {
	es, err := model.NewEntities(in.Entities)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	answers := make([]PartialAnswer, len(reqs))
	for i, req := range reqs {
		answers[i] = catchPartial("model", func() (PartialResponse, error) {
			resp, err := model.PartialAuthorize(in.Policies, es, req)
			return modelPartialResponse(resp), err
		})
	}
	return answers, nil
}

func modelPartialResponse(r model.PartialResponse) PartialResponse {
	return PartialResponse{
		Decision:          partialDecision(r.Decision == model.PartialAllow, r.Decision == model.PartialDeny),
		Satisfied:         r.Satisfied,
		Errored:           r.Errored,
		MayBeDetermining:  r.MayBeDetermining,
		MustBeDetermining: r.MustBeDetermining,
		Residuals:         r.Residuals,
	}
}

// catchPartial runs one partial request of the model or the engine and
// turns an error or a panic into the answer's Err.
func catchPartial(impl string, f func() (PartialResponse, error)) (a PartialAnswer) {
	defer func() {
		if v := recover(); v != nil {
			a = PartialAnswer{Err: &PanicError{Impl: impl, Value: v, Stack: debug.Stack()}}
		}
	}()
	resp, err := f()
	if err != nil {
		return PartialAnswer{Err: err}
	}
	return PartialAnswer{Response: resp}
}

// partialDecision is the decision of an in-process partial answer.
func partialDecision(allow, deny bool) PartialDecision {
	switch {
	case allow:
		return PartialAllow
	case deny:
		return PartialDeny
	}
	return PartialUnknown
}
