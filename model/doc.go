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
//	eval_ops.go              operators: arithmetic, comparison, in, sets
//	eval_access.go           attributes and tags
//	like.go                  the `like` matcher
//	extensions.go, ext_*.go  decimal, ipaddr, datetime and duration, parsed
//	                         by hand (the production engine uses the standard
//	                         library, so a library quirk shows up as a diff)
//	link.go                  template linking
//	authorize.go             policy conditions and the authorization decision
//
// Choices where Cedar leaves room: record literals are evaluated in
// sorted key order, as the Rust engine does (only the kind of error a
// record with two failing fields reports can tell); and expressions
// nested deeper than 10,000 levels fail with RecursionLimit instead of
// exhausting the stack.
package model
