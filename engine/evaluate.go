package engine

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// EvalError is an evaluation error returned by Evaluate: its kind, the
// engine's message, and the position of the expression that raised it
// (when known).
type EvalError struct {
	Kind    ErrorKind
	Message string
	Pos     syntax.Pos
}

func (e *EvalError) Error() string {
	s := e.Kind.String() + ": " + e.Message
	if e.Pos.IsValid() {
		s = e.Pos.String() + ": " + s
	}
	return s
}

// Evaluate compiles e and evaluates it once for the request against the
// store (nil is the empty store). It is the engine's evaluator seen
// directly, as `crosscheck evaluate` and the expr target use it: the
// value is exactly what a policy condition holding e would compute.
//
// An expression the compiler refuses (nested deeper than the compiler's
// limit, an unknown form) is a *CompileError; an evaluation error is an
// *EvalError. Slots evaluate to an error, as in an unlinked template.
func Evaluate(e syntax.Expr, req Request, es *EntityStore) (Value, error) {
	n, err := (&compiler{}).compile(e)
	if err != nil {
		return Value{}, err
	}
	en := newEvalEnv(req, es)
	v, evalErr := n.fn()(en)
	if evalErr != nil {
		return Value{}, &EvalError{Kind: evalErr.kind, Message: evalErr.msg, Pos: evalErr.pos}
	}
	return Value{v: v}, nil
}

// newEvalEnv is the environment Authorize builds for a request, on the
// heap: Evaluate is not on the allocation-free path.
func newEvalEnv(req Request, es *EntityStore) *env {
	en := &env{store: es}
	for d := 0; d < 3; d++ {
		u := req.uids[d]
		if u == (uid{}) {
			u = zeroUID
		}
		en.vars[d] = entityValue(u)
		en.uids[d] = u
		en.types[d] = req.types[d]
		if es != nil {
			en.ents[d] = es.entities[u]
		}
	}
	en.vars[syntax.VarContext] = req.context
	if req.context.k == kindNone {
		en.vars[syntax.VarContext] = recordOf(emptyRecord)
	}
	return en
}
