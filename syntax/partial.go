package syntax

// UnknownFunc is the name of the call that stands for a value not known
// yet in partial evaluation: unknown("principal"). It is not an extension
// function of the language (the readers of Cedar text and policy JSON
// refuse it by default); it appears in partial requests' contexts and in
// the residual policies partial authorization returns.
const UnknownFunc = "unknown"

// Unknown returns the expression unknown(name).
func Unknown(name string) *Call {
	return &Call{Name: UnknownFunc, Args: []Expr{String(name)}}
}

// UnknownName reports whether e is unknown("name") and returns the name.
func UnknownName(e Expr) (string, bool) {
	c, ok := e.(*Call)
	if !ok || c.Name != UnknownFunc || len(c.Args) != 1 {
		return "", false
	}
	l, ok := c.Args[0].(*Literal)
	if !ok {
		return "", false
	}
	s, ok := l.Value.(string)
	return s, ok
}

// PartialRequest is an authorization request some of whose parts are not
// known yet. A nil Principal, Action or Resource is unknown, and stands
// for unknown("principal"), unknown("action") or unknown("resource"). A
// nil Context is an unknown context, unknown("context"); otherwise Context
// is a restricted record expression whose values may be unknown("name")
// calls, each an unknown attribute value.
type PartialRequest struct {
	Principal *EntityUID
	Action    *EntityUID
	Resource  *EntityUID
	Context   Expr
}
