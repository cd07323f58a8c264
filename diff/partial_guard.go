package diff

import (
	"errors"
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ErrNoPartial is what a Guard-wrapped implementation's PartialAuthorize
// returns when the implementation has no partial authorization.
var ErrNoPartial = errors.New("no partial authorization")

// PartialAuthorize forwards to the wrapped implementation when it is a
// PartialAuthorizer (a panic becomes a *PanicError, as in Authorize), and
// returns ErrNoPartial otherwise.
func (g guarded) PartialAuthorize(in *Input, reqs []*syntax.PartialRequest) (answers []PartialAnswer, err error) {
	pa, ok := g.impl.(PartialAuthorizer)
	if !ok {
		return nil, ErrNoPartial
	}
	defer g.recover(&err)
	answers, err = pa.PartialAuthorize(in, reqs)
	if err == nil && len(answers) != len(reqs) {
		err = fmt.Errorf("%s: %d answers for %d partial requests", g.impl.Name(), len(answers), len(reqs))
	}
	return answers, err
}

// partialAuthorizer returns impl's partial authorization, or nil when it
// has none.
func partialAuthorizer(impl Implementation) PartialAuthorizer {
	if g, ok := impl.(guarded); ok {
		if _, ok := g.impl.(PartialAuthorizer); !ok {
			return nil
		}
		return g
	}
	pa, _ := impl.(PartialAuthorizer)
	return pa
}
