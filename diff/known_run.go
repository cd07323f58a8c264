package diff

import (
	"regexp"
	"slices"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// A KnownRule lets a differential run tolerate one documented bug of a
// third-party implementation. It recognises, in a generated test, the
// specific trigger of the bug that one regression case pins, and names
// that case. A finding is known (see TestResult.Known) only when
//
//   - it is a disagreement of the rule's implementation alone: a
//     mismatch between the reference and Impl, or Impl failing to answer
//     (Kinds says which);
//   - the reference is the model, and cedar-wasm, when the run includes
//     it, answered and agrees with the model on what the finding is about;
//   - the rule's trigger is in the test.
//
// Everything else still fails the run. Every rule's Case is a case of the
// regression corpus listed in knownDifferences and explained in
// docs/known-differences.md, so a tolerated finding is always a bug that
// is written down with its minimized test.
type KnownRule struct {
	// Impl is the implementation family at fault ("cedar-go"); the rule
	// concerns the releases its Case's KnownDifference entries name.
	Impl string
	// Case is the regression case that pins the bug:
	// "regressions/<name>".
	Case string
	// Kinds are the kinds of finding the bug produces.
	Kinds []FindingKind
	// Trigger says in words what the rule looks for.
	Trigger string
	// match reports whether the trigger is in the finding's test.
	match func(f *Finding) bool
}

// knownRules are the run-level rules, in the order of
// docs/known-differences.md.
var knownRules = []KnownRule{
	{
		Impl: "cedar-go", Case: "regressions/decimal-plus-sign-rejected", Kinds: []FindingKind{KindMismatch, KindValue},
		Trigger: `a policy calls decimal(...) on a string literal that starts with "+"`,
		match: func(f *Finding) bool {
			return policiesHave(f, func(e syntax.Expr) bool { return callOnLiteral(e, "decimal", decimalPlusRE) })
		},
	},
	{
		Impl: "cedar-go", Case: "regressions/datetime-expanded-year-rejected", Kinds: []FindingKind{KindMismatch, KindValue},
		Trigger: `a policy calls datetime(...) on a string literal that starts with a sign and nine digits (an ISO 8601 expanded year)`,
		match: func(f *Finding) bool {
			return policiesHave(f, func(e syntax.Expr) bool { return callOnLiteral(e, "datetime", expandedYearRE) })
		},
	},
	{
		Impl: "cedar-go", Case: "regressions/extn-multi-argument-form", Kinds: []FindingKind{KindMismatch},
		Trigger: `an entity attribute or tag, or the request's context, holds an extension call with other than one argument (written as {"__extn": {"fn", "args"}})`,
		match:   func(f *Finding) bool { return valuesHave(f, findingRequest(f), isMultiArgCall) },
	},
	{
		Impl: "cedar-go", Case: "regressions/negated-integer-member-access", Kinds: []FindingKind{KindError},
		Trigger: `cedar-go's parser rejected a policy that holds a negated integer literal followed by a member access (-2.foo, -1.isEmpty())`,
		match:   rejectedNegatedIntegerAccess,
	},
}

// KnownRules returns a copy of the run-level rules.
func KnownRules() []KnownRule { return slices.Clone(knownRules) }

var (
	decimalPlusRE  = regexp.MustCompile(`^\+`)
	expandedYearRE = regexp.MustCompile(`^[+-][0-9]{9}`)
)

// KnownCase returns the regression case of the documented bug behind
// finding f of r, or "" when no rule explains it (see KnownRule). A rule
// concerns every --impl name of its family whose release shows the bug
// (the case's KnownDifference entries say which releases do).
func KnownCase(r *TestResult, f *Finding) string {
	if r.Reference < 0 || r.Impls[r.Reference] != "model" {
		return ""
	}
	impl, ok := implAtFault(r, f)
	if !ok {
		return ""
	}
	for _, k := range knownRules {
		if !slices.Contains(k.Kinds, f.Kind) || !caseAppliesTo(k.Impl, k.Case, impl) {
			continue
		}
		if wasmAgrees(r, f, impl) && k.match(f) {
			return k.Case
		}
	}
	return ""
}

// implAtFault returns the one implementation f is about: the other side
// of a mismatch (of answers or of an expression's value) with the
// reference, or the one that failed to answer.
func implAtFault(r *TestResult, f *Finding) (string, bool) {
	switch f.Kind {
	case KindMismatch, KindValue:
		if len(f.Impls) == 2 && f.Impls[0] == r.Impls[r.Reference] {
			return f.Impls[1], true
		}
	case KindError:
		if len(f.Impls) == 1 {
			return f.Impls[0], true
		}
	}
	return "", false
}

// caseAppliesTo reports whether a known difference of family on case
// kase concerns the --impl name impl at its release.
func caseAppliesTo(family, kase, impl string) bool {
	return slices.ContainsFunc(knownDifferences, func(k KnownDifference) bool {
		return k.Impl == family && k.Case == kase && k.AppliesTo(impl)
	})
}

// wasmAgrees reports whether the official engine (the first cedar-wasm
// release of the run other than impl), when the run includes it,
// answered the finding's requests (the one request of a mismatch, every
// request otherwise) as the reference did.
func wasmAgrees(r *TestResult, f *Finding, impl string) bool {
	w := slices.IndexFunc(r.Impls, func(name string) bool {
		family, _ := ImplRelease(name)
		return family == "cedar-wasm" && name != impl
	})
	if w < 0 {
		return true
	}
	if w >= len(r.Answers) || r.Answers[w] == nil || r.Answers[r.Reference] == nil {
		return false
	}
	ref, wasm := r.Answers[r.Reference], r.Answers[w]
	for j := range ref {
		if f.Request >= 0 && j != f.Request {
			continue
		}
		if ref[j].Err != nil || wasm[j].Err != nil {
			return false
		}
		if on, _, _ := compareAnswers("model", "cedar-wasm", ref[j], wasm[j]); on != nil {
			return false
		}
	}
	return true
}

// findingRequest returns the request a finding is about, or nil.
func findingRequest(f *Finding) *syntax.Request {
	if f.Test == nil || f.Request < 0 || f.Request >= len(f.Test.Requests) {
		return nil
	}
	return &f.Test.Requests[f.Request]
}

// policiesHave reports whether a condition of a policy of f's test has a
// subexpression for which pred holds.
func policiesHave(f *Finding, pred func(syntax.Expr) bool) bool {
	if f.Test == nil || f.Test.Policies == nil {
		return false
	}
	return slices.ContainsFunc(f.Test.Policies.Policies, func(p *syntax.Policy) bool { return policyHas(p, pred) })
}

func policyHas(p *syntax.Policy, pred func(syntax.Expr) bool) bool {
	for _, c := range p.Conditions {
		if syntax.Any(c.Body, pred) {
			return true
		}
	}
	return false
}

// valuesHave reports whether an attribute or tag value of an entity of
// f's test, or the context of req (when not nil), has a subexpression for
// which pred holds.
func valuesHave(f *Finding, req *syntax.Request, pred func(syntax.Expr) bool) bool {
	if f.Test == nil {
		return false
	}
	for _, e := range f.Test.Entities {
		for _, fields := range [][]syntax.Field{e.Attrs, e.Tags} {
			for _, fl := range fields {
				if syntax.Any(fl.Value, pred) {
					return true
				}
			}
		}
	}
	return req != nil && req.Context != nil && syntax.Any(req.Context, pred)
}

// callOnLiteral reports whether e is a call of the extension function
// name on one string literal that re matches.
func callOnLiteral(e syntax.Expr, name string, re *regexp.Regexp) bool {
	c, ok := e.(*syntax.Call)
	if !ok || c.Name != name || len(c.Args) != 1 {
		return false
	}
	lit, ok := c.Args[0].(*syntax.Literal)
	if !ok {
		return false
	}
	s, ok := lit.Value.(string)
	return ok && re.MatchString(s)
}

func isMultiArgCall(e syntax.Expr) bool {
	c, ok := e.(*syntax.Call)
	return ok && len(c.Args) != 1
}

// rejectedNegatedIntegerAccess reports whether f is cedar-go rejecting a
// policy that holds -N followed by a member access. cedar-go's parser
// folds a '-' followed by an integer into a negative literal and then
// stops, where Cedar's grammar (Unary ::= '-' Member) negates the whole
// member access. The policy must be the one cedar-go names.
func rejectedNegatedIntegerAccess(f *Finding) bool {
	if f.Test == nil || f.Test.Policies == nil {
		return false
	}
	for _, p := range f.Test.Policies.Policies {
		if strings.Contains(f.Detail, "cedar-go rejected policy "+p.ID+": parse error") &&
			policyHas(p, isNegatedIntegerAccess) {
			return true
		}
	}
	return false
}

// isNegatedIntegerAccess reports whether e is -(N.access...) with N a
// non-negative integer literal, which the printer writes -N.access.
func isNegatedIntegerAccess(e syntax.Expr) bool {
	u, ok := e.(*syntax.Unary)
	if !ok || u.Op != syntax.OpNeg {
		return false
	}
	x, ok := memberReceiver(u.Arg)
	if !ok {
		return false
	}
	for {
		next, ok := memberReceiver(x)
		if !ok {
			break
		}
		x = next
	}
	lit, ok := x.(*syntax.Literal)
	if !ok {
		return false
	}
	i, ok := lit.Value.(int64)
	return ok && i >= 0
}

// memberReceiver returns the receiver of a member access written
// postfix (x.a, x["a"], x.m(...)), and whether e is one.
func memberReceiver(e syntax.Expr) (syntax.Expr, bool) {
	switch e := e.(type) {
	case *syntax.GetAttr:
		return e.Left, true
	case *syntax.Binary:
		if e.Op.IsMethod() {
			return e.Left, true
		}
	case *syntax.Unary:
		if e.Op == syntax.OpIsEmpty {
			return e.Arg, true
		}
	case *syntax.Call:
		if len(e.Args) > 0 && parser.IsExtensionMethod(e.Name) && !parser.IsExtensionFunction(e.Name) {
			return e.Args[0], true
		}
	}
	return nil, false
}
