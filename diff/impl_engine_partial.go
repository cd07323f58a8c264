package diff

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/engine"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// PartialAuthorize answers partial requests with the engine's
// PolicySet.PartialAuthorize: the policies are compiled and the entity
// store built once; a request the engine cannot read (a context that is
// not a record) is that request's Err, and a panic is a *PanicError in
// that request's answer.
func (engineImpl) PartialAuthorize(in *Input, reqs []*syntax.PartialRequest) ([]PartialAnswer, error) {
	ps, err := engine.NewPolicySet(in.Policies)
	if err != nil {
		return nil, fmt.Errorf("policies: %w", err)
	}
	es, err := engine.NewEntityStore(in.Entities, in.Schema)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	answers := make([]PartialAnswer, len(reqs))
	for i, req := range reqs {
		answers[i] = catchPartial("engine", func() (PartialResponse, error) {
			resp, err := ps.PartialAuthorize(es, req)
			if err != nil {
				return PartialResponse{}, fmt.Errorf("request: %w", err)
			}
			return enginePartialResponse(resp), nil
		})
	}
	return answers, nil
}

// EnginePartial returns the engine's partial authorization alone, for
// callers (the partially-authorize command) that need it whether or not
// Guard forwards PartialAuthorizer.
func EnginePartial() PartialAuthorizer { return engineImpl{} }

func enginePartialResponse(r engine.PartialResponse) PartialResponse {
	return PartialResponse{
		Decision:          partialDecision(r.Decision == engine.PartialAllow, r.Decision == engine.PartialDeny),
		Satisfied:         r.Satisfied,
		Errored:           r.Errored,
		MayBeDetermining:  r.MayBeDetermining,
		MustBeDetermining: r.MustBeDetermining,
		Residuals:         r.Residuals,
	}
}
