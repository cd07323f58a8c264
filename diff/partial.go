package diff

import "github.com/cedar-crosscheck/crosscheck/syntax"

// PartialDecision is the outcome of partial authorization: a decision
// already known, or unknown until the residuals are decided.
type PartialDecision uint8

const (
	PartialDeny PartialDecision = iota
	PartialAllow
	PartialUnknown
)

func (d PartialDecision) String() string {
	switch d {
	case PartialAllow:
		return "allow"
	case PartialDeny:
		return "deny"
	}
	return "unknown"
}

// PartialResponse is a normalized answer to a partial request, in the
// official engine's terms. The id lists are sorted and free of
// duplicates.
type PartialResponse struct {
	Decision PartialDecision
	// Satisfied are the policies known to be satisfied; Errored the
	// policies whose evaluation is known to fail.
	Satisfied []string
	Errored   []string
	// MayBeDetermining are the policies that could determine the
	// decision once the unknowns are known; MustBeDetermining those that
	// will determine it whatever the unknowns turn out to be.
	MayBeDetermining  []string
	MustBeDetermining []string
	// Residuals are the policies left to decide, each with its id and
	// the residual condition (unknown("name") calls stand for the
	// unknowns). Residuals are compared by meaning, not by shape: see the
	// partial target.
	Residuals []*syntax.Policy
}

// PartialAnswer is an implementation's answer to one partial request: a
// PartialResponse, or Err when the request could not be answered.
type PartialAnswer struct {
	Response PartialResponse
	Err      error
}

// PartialAuthorizer is implemented by adapters with partial
// authorization. PartialAuthorize answers each request against in's
// policies and entities, in the order of reqs; a returned error means the
// input itself was rejected. The contracts of Implementation.Authorize
// apply (concurrent use, per-request errors, InconclusiveError).
type PartialAuthorizer interface {
	PartialAuthorize(in *Input, reqs []*syntax.PartialRequest) ([]PartialAnswer, error)
}
