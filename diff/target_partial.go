package diff

// TargetPartial checks partial authorization (PartialAuthorizer). Each
// request of a generated test becomes a partial request with some of
// principal, action, resource and the context's attributes unknown
// (generators.PartialCases, drawn from (seed, index) alone, so a finding
// replays). Every implementation with partial authorization answers;
// their decisions and the four classifications (satisfied, errored, may
// and must be determining) must agree exactly with the reference's (the
// first that answered). Residuals are compared by meaning: for each
// sample of concrete values of the unknowns (the origin request's own,
// and others of the same types from the test), each policy's outcome as
// the answer implies it (satisfied: true; errored: an error; a residual:
// the residual with the values substituted, evaluated concretely by the
// model; any other: false) must equal the outcome of concretely
// evaluating the policy on the substituted request, and the decisions
// must agree. That is the correctness property of partial evaluation; as
// every implementation is checked against the one concrete answer, their
// residuals also agree with each other on every sample. Tests come from
// the typed, untyped and expr modes in turn.
const TargetPartial Target = "partial"

// KindPartial: partial authorization answers differ (classification), or
// an answer's residuals do not mean what the policies mean on a sample.
const KindPartial FindingKind = "partial"

// partialSalt makes the partial derivation's stream differ from the
// stream the test was generated from.
const partialSalt = 0x9a27_1a1e_0f5e
