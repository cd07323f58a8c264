// Package cedarjson reads and writes the JSON formats of Cedar: policy JSON
// (the "EST": policies, templates and policy sets with template links),
// entity JSON, and the JSON of request parts (entity uids, contexts and
// single values).
//
// Every reader is strict. Input is parsed by a scanner of our own rather
// than encoding/json, so that duplicate object keys are rejected at every
// level (encoding/json silently keeps the last), integers are read exactly
// as int64 (never through float64), nesting is bounded, and
// every error carries the JSON path of the offending value and its
// file:line:col. Errors are *syntax.Error values whose Kind is one of the
// Kind constants of this package.
//
// Readers produce the desugared syntax AST: `!=`, `>`, `>=`, `is ... in`
// and `has a.b.c` in policy JSON become the same nodes the text parser
// builds, with the same Form marks, and writers turn those marks back into
// the natural JSON forms, so that the policy JSON written for a policy is
// the JSON Cedar itself writes for its text (a test checks this against
// the official engine over the integration corpus). As in Cedar, a policy
// JSON key that is neither an operator nor a known extension function is
// an error, and so is a slot outside a template's scope.
//
// # Limits
//
// Policy JSON accepts every expression the Cedar text parser accepts:
// a condition (or the expression of UnmarshalExpr) is rejected with
// KindTooDeep exactly when syntax.Nesting says it is nested deeper than
// syntax.MaxNesting, at the sub-expression where the limit is passed.
// Chains of one operator down "left" and else-if chains down "else" may
// be as long as the input; the raw JSON nesting is bounded by
// MaxPolicyDepth, which counts such chains as one level. Entity, context,
// request and value JSON nest at most MaxDepth (512) arrays and objects
// deep. The scanner and the readers keep explicit stacks or loop down
// chains, so none of this costs call stack, and reading takes time linear
// in the input (duplicate keys are found with sets). The writers loop down
// chains too, and write values nested deeper than 32 levels without line
// breaks, so that their output stays linear in the size of the tree.
//
// Entity attribute values become restricted expressions (literals, set
// and record literals, entity literals and extension calls); each
// implementation evaluates them itself, so errors such as ip(5) or
// decimal("x") surface when an implementation loads the entities, as
// they do in Cedar.
//
// Where Cedar's reader is lax this package is strict, on purpose: unknown
// fields in entity and uid objects, and objects that mix an __entity or
// __extn escape with other keys, are errors here (Cedar ignores the
// fields, or reads the object as a record), because accepting them would
// silently drop or reinterpret data.
//
// With a schema, ParseEntities and ParseContext parse values against the
// declared types (the `__entity` and `__extn` escapes may then be omitted)
// and check that entities conform to the schema; the action entities the
// schema declares are added to the result.
package cedarjson
