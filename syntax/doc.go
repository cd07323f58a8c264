// Package syntax is the front end shared by every Cedar implementation in
// Crosscheck: the abstract syntax tree of policies, templates and
// expressions, the data model of entities and requests as parsed from JSON,
// and the resolved form of schemas.
//
// The AST is desugared exactly as Cedar desugars its surface syntax, so that
// an evaluator sees only the core forms (see Form for how the natural form
// is remembered for printing). Every node carries the source position it
// came from when it was parsed from text; a zero Pos means "built in code".
//
// The sub-packages read and write the concrete formats:
//
//	syntax/parser     Cedar policy text to AST
//	syntax/printer    AST to canonical Cedar text; the policy formatter
//	syntax/cedarjson  policy JSON (EST), entity JSON and request JSON
//	syntax/schema     schemas in Cedar text and JSON, resolved to Schema
//
// Package syntax itself imports only the standard library. The reference
// model and the production engine both read this AST and share nothing
// else.
package syntax
