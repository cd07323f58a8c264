// Package cedarjson reads and writes the JSON formats of Cedar: policy JSON
// (the "EST": policies, templates and policy sets with template links),
// entity JSON, and the JSON of request parts (entity uids, contexts and
// single values).
//
// Every reader is strict. Input is parsed by a scanner of our own rather
// than encoding/json, so that duplicate object keys are rejected at every
// level (encoding/json silently keeps the last), integers are read exactly
// as int64 (never through float64), nesting is bounded by MaxDepth, and
// every error carries the JSON path of the offending value and its
// file:line:col. Errors are *syntax.Error values whose Kind is one of the
// Kind constants of this package.
//
// Readers produce the desugared syntax AST: `!=`, `>`, `>=`, `is ... in`
// and `has a.b.c` in policy JSON become the same nodes the text parser
// builds, with the same Form marks, and writers turn those marks back into
// the natural JSON forms. Entity attribute values become restricted
// expressions (literals, set and record literals, entity literals and
// extension calls); each implementation evaluates them itself.
//
// With a schema, ParseEntities and ParseContext parse values against the
// declared types (the `__entity` and `__extn` escapes may then be omitted)
// and check that entities conform to the schema; the action entities the
// schema declares are added to the result.
package cedarjson
