package diff

import (
	"errors"
	"fmt"
	"runtime/debug"
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Implementation is one Cedar implementation under test: the reference
// model, the production engine, cedar-go, or the official Rust engine.
// Everything the harness (differential runs, corpus replay, shrinking)
// knows about an implementation goes through this interface, so that
// adding an implementation means writing one adapter.
//
// The unit of work is an Input: one policy set, one entity set and an
// optional schema, the shape of one integration test. Authorize receives
// all the requests for an Input at once, so an adapter can do its
// per-input work (compiling policies, building an entity store, starting
// or feeding a subprocess) exactly once.
//
// Contracts every adapter keeps:
//
//   - Authorize and Validate are safe for concurrent use: the runner calls
//     them from several goroutines with different inputs. An Input and its
//     requests are read-only.
//   - Answers are normalized with Normalize: reason and error ids sorted
//     and without duplicates. Two implementations agree on a request when
//     their Responses are Equal.
//   - An error inside one policy is not an error of the implementation: it
//     shows up as that policy's id in Response.Errors. A returned error, or
//     an Answer with Err set, means the implementation could not answer at
//     all (for example it rejected the entities), which the harness reports
//     as a failure of its own kind.
//   - A panic must not escape. Wrap an adapter with Guard (the
//     constructors in this package do) to turn panics into errors that
//     carry the stack.
//   - Unsupported is consulted before Authorize (through Support, which
//     reports a panic): an input that uses a feature the implementation
//     lacks is skipped, not counted as a disagreement.
//   - Answers are checked per request, so an adapter should turn a
//     failure while answering one request into that Answer's Err rather
//     than fail the whole input (the model and engine adapters do).
//   - An adapter that cannot tell the outcome (a subprocess died twice on
//     the same input) returns an *InconclusiveError; the harness counts
//     such inputs as skipped and records them, never as mismatches.
type Implementation interface {
	// Name is a short stable name for reports and the --impl flag:
	// "model", "engine", "cedar-go", "cedar-wasm".
	Name() string

	// Unsupported returns "" when the implementation can run in, and
	// otherwise a short reason naming the missing feature, such as
	// "templates" or "datetime extension".
	Unsupported(in *Input) string

	// Authorize answers each request against in's policies and entities.
	// The answers are in the order of reqs. A non-nil error means the
	// input itself was rejected (policies failed to compile, entities
	// were invalid) and no request was answered.
	Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error)

	// Validate type-checks in.Policies against in.Schema in strict mode.
	// An implementation without a validator returns ErrNoValidator.
	Validate(in *Input) (Validation, error)
}

// RequestValidator is implemented by adapters that can check a request
// against a schema (action declared, principal and resource types allowed
// by the action, context of the declared type). Harness code that needs
// request validation from an implementation without it falls back to the
// reference model's. ValidateRequest returns nil when the request conforms,
// ErrNoValidator when the implementation cannot tell (a Guard-wrapped
// adapter always has the method), and otherwise the reason it does not
// conform.
type RequestValidator interface {
	ValidateRequest(schema *syntax.Schema, req *syntax.Request) error
}

// Input is what one test or one generated case gives an implementation.
//
// The parsed forms are authoritative. The source forms are kept when the
// input was read from files, because implementations that parse for
// themselves (cedar-go, the official engine) should see exactly the text
// that was tested; an adapter that needs a source form that is empty
// prints it from the parsed form.
type Input struct {
	// Name identifies the input in reports: a file name or a seed.
	Name string

	Policies *syntax.PolicySet
	Entities []*syntax.EntityData
	Schema   *syntax.Schema // nil when the input has no schema

	PolicyText   string // Cedar policy text; "" when built in code
	SchemaText   string // schema text, Cedar syntax or (old tests) JSON; "" when none or built in code
	EntitiesJSON []byte // entity JSON; nil when built in code
}

// Decision is the outcome of an authorization request.
type Decision uint8

const (
	Deny Decision = iota
	Allow
)

func (d Decision) String() string {
	if d == Allow {
		return "allow"
	}
	return "deny"
}

// ParseDecision reads "allow" or "deny", in any letter case as the legacy
// test files write "Allow" and "Deny".
func ParseDecision(s string) (Decision, error) {
	switch s {
	case "allow", "Allow", "ALLOW":
		return Allow, nil
	case "deny", "Deny", "DENY":
		return Deny, nil
	}
	return Deny, fmt.Errorf("unknown decision %q (want \"allow\" or \"deny\")", s)
}

// Response is a normalized authorization response: what the integration
// tests compare. Reasons and Errors are sorted and free of duplicates.
type Response struct {
	Decision Decision
	Reasons  []string // ids of the policies that determined the decision
	Errors   []string // ids of the policies whose evaluation errored

	// Messages holds the error messages, "policyN: message", for humans.
	// They differ between implementations and are never compared.
	Messages []string
}

// Normalize sorts Reasons and Errors, removes duplicates, and makes empty
// lists nil, so that responses compare with Equal or go-cmp.
func (r Response) Normalize() Response {
	r.Reasons = sortedSet(r.Reasons)
	r.Errors = sortedSet(r.Errors)
	if len(r.Messages) == 0 {
		r.Messages = nil
	}
	return r
}

// Equal reports whether two responses agree on the decision, the set of
// reasons and the set of erroring policies. Messages are ignored.
func (r Response) Equal(o Response) bool {
	a, b := r.Normalize(), o.Normalize()
	return a.Decision == b.Decision && slices.Equal(a.Reasons, b.Reasons) && slices.Equal(a.Errors, b.Errors)
}

func strictlySorted(ids []string) bool {
	for i := 1; i < len(ids); i++ {
		if ids[i-1] >= ids[i] {
			return false
		}
	}
	return true
}

func sortedSet(ids []string) []string {
	if len(ids) == 0 {
		return nil
	}
	if strictlySorted(ids) {
		return ids // already a sorted set, as answers usually are: no copy
	}
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// Answer is an implementation's answer to one request: a Response, or Err
// when the request could not be authorized at all (for example the
// implementation rejected the request's context).
type Answer struct {
	Response Response
	Err      error
}

// Validation is the result of validating a policy set against a schema.
type Validation struct {
	// OK reports that every policy validated (warnings do not count).
	OK bool
	// Errors lists the validation errors, for humans.
	Errors []string
}

// ErrNoValidator is returned by Validate when the implementation has no
// validator. Harness code then uses the reference model's validator.
var ErrNoValidator = errors.New("implementation has no validator")

// InconclusiveError says that an implementation could not determine an
// outcome for reasons of its own (a crashed subprocess, an exhausted
// resource), as opposed to answering wrongly.
type InconclusiveError struct {
	Impl   string
	Reason string
}

func (e *InconclusiveError) Error() string {
	return e.Impl + ": inconclusive: " + e.Reason
}

// PanicError is a panic inside an implementation, caught by Guard.
type PanicError struct {
	Impl  string
	Value any
	Stack []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("%s panicked: %v\n%s", e.Impl, e.Value, e.Stack)
}

// Guard wraps impl so that a panic inside any of its methods becomes a
// *PanicError instead of crashing the harness. Guarding twice is harmless.
func Guard(impl Implementation) Implementation {
	if _, ok := impl.(guarded); ok {
		return impl
	}
	return guarded{impl}
}

type guarded struct{ impl Implementation }

func (g guarded) Name() string { return g.impl.Name() }

// Unsupported treats a panic as "supported", so that the input is run
// (and the implementation most likely fails on it) rather than silently
// skipped. Use Support to see the panic.
func (g guarded) Unsupported(in *Input) string {
	reason, _ := Support(g.impl, in)
	return reason
}

// Support calls impl.Unsupported, turning a panic into a *PanicError.
func Support(impl Implementation, in *Input) (reason string, err error) {
	if g, ok := impl.(guarded); ok {
		impl = g.impl
	}
	defer func() {
		if v := recover(); v != nil {
			reason, err = "", &PanicError{Impl: impl.Name(), Value: v, Stack: debug.Stack()}
		}
	}()
	return impl.Unsupported(in), nil
}

func (g guarded) Authorize(in *Input, reqs []*syntax.Request) (answers []Answer, err error) {
	defer g.recover(&err)
	answers, err = g.impl.Authorize(in, reqs)
	if err == nil && len(answers) != len(reqs) {
		err = fmt.Errorf("%s: %d answers for %d requests", g.impl.Name(), len(answers), len(reqs))
	}
	return answers, err
}

func (g guarded) Validate(in *Input) (v Validation, err error) {
	defer g.recover(&err)
	return g.impl.Validate(in)
}

// ValidateRequest forwards to the wrapped implementation when it can
// validate requests, and returns ErrNoValidator otherwise.
func (g guarded) ValidateRequest(schema *syntax.Schema, req *syntax.Request) (err error) {
	rv, ok := g.impl.(RequestValidator)
	if !ok {
		return ErrNoValidator
	}
	defer g.recover(&err)
	return rv.ValidateRequest(schema, req)
}

func (g guarded) recover(err *error) {
	if v := recover(); v != nil {
		*err = &PanicError{Impl: g.impl.Name(), Value: v, Stack: debug.Stack()}
	}
}

// UnsupportedError says that an implementation found, while answering,
// that the input uses a feature it lacks (an adapter that cannot tell
// beforehand, such as a protocol server's, returns it from Authorize or
// Validate). The harness counts it as unsupported, like a reason from
// Unsupported, never as a failure.
type UnsupportedError struct {
	Impl    string
	Feature string
}

func (e *UnsupportedError) Error() string {
	return e.Impl + ": unsupported: " + e.Feature
}
