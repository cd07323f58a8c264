// Package validator is the reference model of Cedar's strict-mode policy
// validator: a typechecker that proves, for every request environment a
// schema allows, that a policy evaluates to a boolean without type errors,
// missing attributes or missing tags; plus the checks that requests and
// entities conform to a schema.
//
// The code follows the Lean specification (cedar-spec
// Validation/Typechecker.lean and Validator.lean), with the error names,
// the separate unknown-names pass and the action-application check of the
// Rust validator that generated the integration corpus:
//
//	types.go                 the type lattice and its least upper bound
//	env.go                   request environments and the schema's hierarchies
//	capabilities.go          facts established by `has` and `hasTag`
//	typecheck.go             the typing judgement; literals, variables, slots
//	typecheck_bool.go        if, &&, ||, unary operators, like, is
//	typecheck_ops.go         ==, in, comparisons, arithmetic, contains*
//	typecheck_attrs.go       has, attribute access, hasTag, getTag
//	typecheck_collections.go set and record literals
//	typecheck_ext.go         extension functions and methods
//	names.go                 unknown entity types, actions and enum ids
//	expr.go                  a policy as one expression; substitution
//	policy.go                Validate: environments, applicability, links
//	request.go               ValidateRequest
//	entities.go              ValidateEntities
//	instance.go              restricted values as instances of schema types
//	result.go                error kinds, diagnostics and Result
//
// Typing is by environment: a policy is checked once for each
// (principal type, action, resource type) the schema allows, with the
// variable `action` replaced by the action's literal uid so that the
// action hierarchy decides `action in ...` and `action == ...` exactly.
package validator
