package diff

import "slices"

// KnownDifference is one documented disagreement between an
// implementation and the official Cedar engine on one case of the
// regression corpus (corpus/regressions), tolerated by the replay so that
// a known bug in a third-party implementation does not hide new ones.
//
// Each entry names exactly one thing: an implementation, a test case, a
// request of it (or the shouldValidate check), and the part of the answer
// that differs. Every entry is explained in docs/known-differences.md.
// The reference model and the production engine never get entries: when
// they disagree with the official engine, they are wrong and must be
// fixed.
type KnownDifference struct {
	// Impl is the implementation family: "cedar-go" or "cedar-wasm". It
	// concerns every --impl name of that family ("cedar-go",
	// "cedar-go@v1.9.2") whose release is in Versions (see ImplRelease).
	Impl string
	// Versions is the range of the family's releases that show the
	// difference, as VersionIn reads it ("<v1.9.2", ">=4.4.0 <4.9.1");
	// "" is every release. A "<X" bound says the bug is fixed in X: a
	// run of a release past it reports the case as fixed (KnownFixed).
	Versions string
	// Case is the test file, relative to corpus/ and without ".json":
	// "regressions/<name>".
	Case string
	// Request is the index of the request in the test file; it is
	// ignored when What is WhatShouldValidate.
	Request int
	// What is the part of the answer that differs: one of WhatDecision,
	// WhatReasons, WhatErrors, WhatShouldValidate, or WhatRejected when
	// the implementation rejects the input and gives no answer.
	What string
}

// The parts of an answer a KnownDifference can name.
const (
	WhatDecision       = "decision"
	WhatReasons        = "reasons"
	WhatErrors         = "errors"
	WhatShouldValidate = "shouldValidate"
	// WhatRejected: the implementation rejects the test's input (its
	// policies do not parse) where the official engine answers.
	WhatRejected = "rejected"
)

// knownDifferences is the machine-readable list; keep it in the order of
// docs/known-differences.md. The cedar-go ranges were measured on
// v1.2.1, v1.6.0, v1.9.1 and v1.9.2 (docs/cedar-go-releases.md): an entry
// without a range shows in all of them; ">=v1.6.0" marks what the
// validator (new in v1.6.0) or the datetime parser of v1.6.0 brought.
var knownDifferences = []KnownDifference{
	// cedar-go v1.9.1 reads the integer part of a decimal with
	// strconv.ParseInt, which accepts a leading '+'.
	{Impl: "cedar-go", Case: "regressions/decimal-plus-sign-rejected", Request: 0, What: WhatDecision},
	{Impl: "cedar-go", Case: "regressions/decimal-plus-sign-rejected", Request: 0, What: WhatReasons},
	{Impl: "cedar-go", Case: "regressions/decimal-plus-sign-rejected", Request: 0, What: WhatErrors},
	{Impl: "cedar-go", Case: "regressions/decimal-plus-sign-rejected", What: WhatShouldValidate},

	// cedar-go v1.9.1 accepts the ISO 8601 expanded year form
	// (+YYYYYYYYY / -YYYYYYYYY) in datetime strings.
	{Impl: "cedar-go", Versions: ">=v1.6.0", Case: "regressions/datetime-expanded-year-rejected", Request: 0, What: WhatDecision},
	{Impl: "cedar-go", Versions: ">=v1.6.0", Case: "regressions/datetime-expanded-year-rejected", Request: 0, What: WhatReasons},
	{Impl: "cedar-go", Versions: ">=v1.6.0", Case: "regressions/datetime-expanded-year-rejected", Request: 0, What: WhatErrors},
	{Impl: "cedar-go", Versions: ">=v1.6.0", Case: "regressions/datetime-expanded-year-rejected", What: WhatShouldValidate},

	// cedar-go v1.9.1 reads the multi-argument escape
	// {"__extn": {"fn": ..., "args": [...]}} (Cedar 4.5.1) silently as a
	// record, so a datetime written as an offset call is not a datetime.
	{Impl: "cedar-go", Case: "regressions/extn-multi-argument-form", Request: 0, What: WhatDecision},
	{Impl: "cedar-go", Case: "regressions/extn-multi-argument-form", Request: 0, What: WhatReasons},

	// cedar-go's experimental validator (x/exp/schema/validate) does not
	// check the eids of enumerated entity types in policies.
	{Impl: "cedar-go", Versions: ">=v1.6.0", Case: "regressions/validate-invalid-enum-id", What: WhatShouldValidate},

	// cedar-go's experimental validator does not reject an undeclared
	// entity type on the right of is.
	{Impl: "cedar-go", Versions: ">=v1.6.0", Case: "regressions/validate-unknown-type-in-is", What: WhatShouldValidate},

	// cedar-go's experimental validator type-checks the in operand of
	// "x is T in e" even when "x is T" is known false, where Cedar's
	// typing of the && it stands for skips it.
	{Impl: "cedar-go", Versions: ">=v1.6.0", Case: "regressions/is-in-short-circuits", What: WhatShouldValidate},

	// More generally, cedar-go's experimental validator types the right
	// operand of an && whose left operand has type False (here action ==
	// another action), and the conditions after one of type False.
	{Impl: "cedar-go", Versions: ">=v1.6.0", Case: "regressions/validate-known-false-and-skips-right", What: WhatShouldValidate},
	{Impl: "cedar-go", Versions: ">=v1.6.0", Case: "regressions/validate-known-false-condition-skips-later", What: WhatShouldValidate},

	// cedar-go v1.9.1's parser folds '-' and an integer into a literal
	// and then accepts no member access: -2.toMinutes() does not parse.
	{Impl: "cedar-go", Case: "regressions/negated-integer-member-access", Request: 0, What: WhatRejected},
	{Impl: "cedar-go", Case: "regressions/negated-integer-member-access", What: WhatShouldValidate},
}

// KnownDifferences returns a copy of the list of tolerated differences.
func KnownDifferences() []KnownDifference {
	return slices.Clone(knownDifferences)
}

// IsKnownDifference reports whether the list tolerates impl (an --impl
// name, such as "cedar-go" or "cedar-go@v1.9.2": see ImplRelease)
// answering differently from the official engine on part what of
// request request of test case kase. For WhatShouldValidate the request
// is ignored.
func IsKnownDifference(impl, kase string, request int, what string) bool {
	for _, k := range knownDifferences {
		if k.Case == kase && k.What == what && k.AppliesTo(impl) &&
			(what == WhatShouldValidate || k.Request == request) {
			return true
		}
	}
	return false
}

// validatorNotCompared names the implementations whose validator a
// differential run does not compare with the model's, with the reason
// (counted as unsupported). cedar-go's validator is the experimental
// x/exp/schema/validate: it is stricter than Cedar's in ways runs keep
// finding (it types the right operand of an && whose left operand is
// known false, and does not accept some guarded optional attributes and
// tags; see docs/known-differences.md), so comparing it would flood runs
// with findings about a package cedar-go itself calls experimental. The
// model's validator is still compared with the official engine's
// (cedar-wasm) in runs, and cedar-go's validator is still replayed
// against the integration and regression corpora.
var validatorNotCompared = map[string]string{
	"cedar-go": "experimental validator, not compared in runs",
}

// validatorNotComparedWhy returns why the validator of the --impl name
// impl is not compared in runs (it is keyed by family, so that every
// cedar-go release is treated alike), or "" when it is compared.
func validatorNotComparedWhy(impl string) string {
	family, _ := ImplRelease(impl)
	return validatorNotCompared[family]
}
