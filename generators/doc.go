// Package generators holds consistency-aware generators of Cedar tests:
// a schema, then entities that conform to it, then policies and requests
// built from what the schema and entities declare, so that generated
// tests exercise evaluation rather than error paths.
//
// # What a test holds
//
// Generate(settings, seed, index) returns a *Test, built in dependency
// order:
//
//  1. A schema: entity types (some in a namespace, some enumerated), a
//     parent DAG between them, attributes of every kind (Long, String,
//     Bool, sets, records, entity references, the four extension types;
//     required and optional), tags on some types, and actions with
//     action groups and appliesTo.
//  2. Entities: a few per type, with parents that respect memberOfTypes
//     and form no cycle, attribute and tag values of the declared types
//     (restricted expressions), and the schema's action entities.
//  3. Policies: scopes built around a request environment the schema
//     allows (so they reference existing entities, groups, types and
//     actions), and conditions built type-directed from the schema:
//     attribute accesses that exist, guarded by `has` where optional;
//     comparisons between values of one type; `in` against real
//     ancestors; `like` patterns made from strings in use; extension
//     constructors and methods; tags behind `hasTag` guards. A condition
//     type checks in every environment its scope admits, so typed
//     policies pass the validator.
//  4. Requests whose action, principal and resource types come from
//     appliesTo, often chosen so that some policy's scope matches, with a
//     context that conforms.
//
// Data and policy literals draw from shared constant pools (pool.go), so
// equal values on both sides of a comparison are likely, and Longs
// favour 0, -1, the i64 bounds and values near overflow.
//
// # Modes, settings and faults
//
// Settings chooses the Mode (typed, untyped, rbac, expr), sizes (depth
// and width 3, up to 5 policies, 8 requests, up to 3 entities per type)
// and feature families. In FaultPercent% of tests (10 by default)
// entities are dropped so references dangle, and in half as many an
// expression fault goes into one policy: a mismatched operand type, an
// extension call of the wrong arity or an invalid extension literal;
// and in a third as many an entity is listed twice, identically.
// Test.Faults records them. With ConformanceFaultPercent (off by default)
// one request or entity of that share of tests does not conform to the
// schema (conformance.go), for request and entity validation. Untyped and expr tests also use invalid and
// randomly edited extension literals.
//
// # Randomness
//
// Every choice is one draw from a *rand.Rand, reduced modulo the number
// of options, with option 0 the simplest. Generate derives a fast
// SplitMix64 stream from (seed, index), so the same pair always gives
// the same test and tests can be generated in any order. FromBytes draws
// from a ByteSource instead, one byte per choice, for go test -fuzz: a
// fuzzer's byte mutations become local structural changes, and an input
// that runs out gives the simplest remaining choices. GenTest, GenSchema
// and GenExprTest wrap the same core as gopter generators drawing from
// GenParameters.Rng, at the same speed: 50–165 µs per test, so 6,000 to
// 20,000 tests per second per core depending on machine load (see
// BenchmarkGenerate).
//
// # Statistics
//
// Stats counts, over a batch of tests, every AST node kind, operator,
// method, extension function and scope form, as occurrences and as the
// number of policies containing it. Package generators/coverage adds
// what the reference model makes of the tests (decisions, errors by
// kind, validation, constructs evaluated without error), and package
// generators/corpusgen writes tests in the cedar-integration-tests
// layout with the model's answers (crosscheck gen).
package generators
