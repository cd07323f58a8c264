// Package model is the reference model of Cedar 4.5: values, entities,
// evaluation, the four extensions and authorization, written to be read
// as the specification. It favours clarity over speed (no caching, no
// indexes) and imports only package syntax and the standard library; it
// shares no code with package engine, so that a disagreement between the
// two is meaningful. Validation lives in model/validator.
//
// A tour, one concept per file:
//
//	values.go, equal.go      the sealed Value type and Cedar's total ==
//	errors.go                the closed set of evaluation error kinds
//	entities.go              the entity store: evaluation of attribute values,
//	                         duplicates, cycles, transitive closure of parents
//	eval.go                  the evaluator: order of evaluation, &&, ||, if
//	eval_chain.go            chains, which count as one nesting level
//	eval_ops.go              operators: arithmetic, comparison, in, sets
//	eval_access.go           attributes and tags
//	like.go                  the `like` matcher
//	extensions.go, ext_*.go  decimal, ipaddr, datetime and duration, parsed
//	                         by hand (the production engine uses the standard
//	                         library, so a library quirk shows up as a diff)
//	link.go                  template linking
//	authorize.go             policy conditions and the authorization decision
//	partial*.go              partial evaluation and partial authorization over
//	                         requests with unknowns (the rules: partial.go),
//	                         and Substitute, which makes residuals concrete
//
// Choices where Cedar leaves room: record literals are evaluated in
// sorted key order, as the Rust engine does (only the kind of error a
// record with two failing fields reports can tell).
//
// # Nesting limit
//
// Nesting depth follows the one rule of syntax.Nesting, and the limit is
// syntax.MaxNesting (512), the same as in the readers and the engine: a
// chain of one operator family (a || b || c, a && b && c, a + b - c,
// a * b * c) and an else-if chain are one level however long, and are
// evaluated by loops (eval_chain.go), so chains of any length evaluate
// in linear time without deep recursion. Each condition body of a policy
// counts on its own (Satisfied), not the conjunction joining them. The
// readers refuse deeper conditions, so a deeper tree can only be built
// in code: evaluating it fails with RecursionLimit when evaluation
// reaches a subexpression beyond the limit (a part that is never
// evaluated, as in `true || deep`, is no error), exactly as in the
// engine, which compiles such a subexpression into a RecursionLimit
// error. Restricted values in entities and contexts are bounded
// separately (10,000 levels, entities.go).
package model
