package engine

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Request is an authorization request with its uids interned and its
// context evaluated. Build it once with NewRequest and reuse it freely.
type Request struct {
	uids    [3]uid // principal, action, resource
	types   [3]syntax.EntityType
	context value
}

// NewRequest evaluates a request's context, which must be a restricted
// record expression (nil means the empty record).
func NewRequest(r syntax.Request) (Request, error) {
	var req Request
	for i, u := range [3]syntax.EntityUID{r.Principal, r.Action, r.Resource} {
		req.uids[i] = internUID(u)
		req.types[i] = u.Type
	}
	req.context = recordOf(emptyRecord)
	if r.Context != nil {
		v, err := evalRestricted(r.Context, nil)
		if err != nil {
			return Request{}, err
		}
		if v.k != kindRecord {
			return Request{}, &syntax.Error{Pos: r.Context.Position(), Kind: "BadContext",
				Msg: fmt.Sprintf("context must be a record, got %s", v.k)}
		}
		req.context = v
	}
	return req, nil
}

// Principal, Action and Resource return the request's uids (zero for the
// zero Request).
func (r Request) Principal() syntax.EntityUID { return r.uid(0) }
func (r Request) Action() syntax.EntityUID    { return r.uid(1) }
func (r Request) Resource() syntax.EntityUID  { return r.uid(2) }

func (r Request) uid(i int) syntax.EntityUID {
	if r.uids[i] == (uid{}) {
		return syntax.EntityUID{}
	}
	return r.uids[i].Value()
}
