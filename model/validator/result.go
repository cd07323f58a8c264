package validator

import (
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Kind names a class of validation finding. The names are those of the
// Rust validator, so that findings can be compared across implementations.
type Kind string

// Errors: a policy with any of these does not validate.
const (
	UnexpectedType                Kind = "UnexpectedType"                // an operand has the wrong type
	IncompatibleTypes             Kind = "IncompatibleTypes"             // types with no least upper bound must be joined
	UnsafeAttributeAccess         Kind = "UnsafeAttributeAccess"         // the attribute is not declared
	UnsafeOptionalAttributeAccess Kind = "UnsafeOptionalAttributeAccess" // an optional attribute read without a `has` guard
	UnsafeTagAccess               Kind = "UnsafeTagAccess"               // getTag without a `hasTag` guard
	NoTagsAllowed                 Kind = "NoTagsAllowed"                 // getTag on a type that declares no tags
	UndefinedFunction             Kind = "UndefinedFunction"             // no extension function has this name
	WrongNumberArguments          Kind = "WrongNumberArguments"          // an extension function called with the wrong arity
	FunctionArgumentValidation    Kind = "FunctionArgumentValidation"    // an extension constructor's literal does not parse
	EmptySetForbidden             Kind = "EmptySetForbidden"             // the set literal []
	NonLitExtConstructor          Kind = "NonLitExtConstructor"          // an extension constructor applied to a non-literal
	InvalidActionApplication      Kind = "InvalidActionApplication"      // the scope admits no request environment
	UnrecognizedEntityType        Kind = "UnrecognizedEntityType"        // an entity type the schema does not declare
	UnrecognizedActionId          Kind = "UnrecognizedActionId"          // an action the schema does not declare
	InvalidEnumEntity             Kind = "InvalidEnumEntity"             // an id not among an enumerated type's ids
	UnknownTemplate               Kind = "UnknownTemplate"               // a link names a template that does not exist
)

// Warnings: reported, but the policy still validates.
const (
	ImpossiblePolicy Kind = "ImpossiblePolicy" // the policy is False in every environment its scope admits
)

// Diagnostic is one validation error or warning about one policy.
type Diagnostic struct {
	PolicyID string
	Kind     Kind
	Pos      syntax.Pos // where the problem is; zero when unknown
	Message  string     // what is wrong, for a person
}

// Error renders the diagnostic as "pos: policy id: message [Kind]".
func (d Diagnostic) Error() string {
	var b strings.Builder
	if d.Pos.IsValid() || d.Pos.Filename != "" {
		b.WriteString(d.Pos.String())
		b.WriteString(": ")
	}
	if d.PolicyID != "" {
		b.WriteString(d.PolicyID)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	b.WriteString(" [")
	b.WriteString(string(d.Kind))
	b.WriteString("]")
	return b.String()
}

func (d Diagnostic) String() string { return d.Error() }

// Result is the outcome of validating a policy set: errors and warnings,
// in policy order.
type Result struct {
	Errors   []Diagnostic
	Warnings []Diagnostic
}

// OK reports whether the policy set validates: it has no errors. Warnings
// do not count.
func (r Result) OK() bool { return len(r.Errors) == 0 }

// ErrorsFor returns the errors about the policy, template or link id.
func (r Result) ErrorsFor(id string) []Diagnostic {
	var out []Diagnostic
	for _, d := range r.Errors {
		if d.PolicyID == id {
			out = append(out, d)
		}
	}
	return out
}

// diagnostics collects findings, dropping exact repeats (the same problem
// is usually found in many environments).
type diagnostics struct {
	list []Diagnostic
	seen map[Diagnostic]bool
}

func (ds *diagnostics) add(d Diagnostic) {
	if ds.seen == nil {
		ds.seen = map[Diagnostic]bool{}
	}
	if !ds.seen[d] {
		ds.seen[d] = true
		ds.list = append(ds.list, d)
	}
}
