package diff

import (
	"fmt"
	"runtime/debug"

	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// isModel reports whether impl is the reference model's adapter (guarded
// or not), whose answers can carry error kinds.
func isModel(impl Implementation) bool {
	if g, ok := impl.(guarded); ok {
		impl = g.impl
	}
	_, ok := impl.(modelImpl)
	return ok
}

// modelAuthorize answers reqs with the reference model like Model's
// Authorize, and also returns, per answer, the kinds of the policy errors
// (which a normalized Response does not keep): the validator soundness
// property needs them. With reversed not nil, it also answers the
// requests against that policy set (the policy-order property), sharing
// the entity store. A panic becomes a *PanicError.
func modelAuthorize(in *Input, reqs []*syntax.Request, reversed *syntax.PolicySet) (answers []Answer, kinds [][]model.ErrorKind, revAnswers []Answer, err error) {
	defer func() {
		if v := recover(); v != nil {
			answers, kinds, revAnswers, err = nil, nil, nil, &PanicError{Impl: "model", Value: v, Stack: debug.Stack()}
		}
	}()
	es, err := model.NewEntities(in.Entities)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("entities: %w", err)
	}
	pols, failed := modelPolicies(in.Policies)
	answers = make([]Answer, len(reqs))
	kinds = make([][]model.ErrorKind, len(reqs))
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
			for _, e := range resp.Errors {
				kinds[i] = append(kinds[i], e.Kind)
			}
			return modelResponse(resp), nil
		})
	}
	if reversed != nil {
		revPols, revFailed := modelPolicies(reversed)
		revAnswers = make([]Answer, len(reqs))
		for i, req := range reqs {
			if revPols == nil {
				revAnswers[i] = revFailed
				continue
			}
			revAnswers[i] = catchAnswer("model", func() (Response, error) {
				resp, err := revPols.Authorize(es, req)
				if err != nil {
					return Response{}, err
				}
				return modelResponse(resp), nil
			})
		}
	}
	return answers, kinds, revAnswers, nil
}
