// Package schema reads and writes Cedar schemas in both of their concrete
// formats, the Cedar schema text format (.cedarschema) and the JSON schema
// format, and resolves them to the shared form syntax.Schema.
//
// The package works in two stages, as the official implementation does:
//
//  1. Parsing builds an unresolved AST (File): namespaces holding entity,
//     action and common-type declarations exactly as written, with source
//     positions, annotations and (for text) comments. ParseCedarFile reads
//     the text format and ParseJSONFile the JSON format; both produce the
//     same AST, so every printer works on either.
//  2. Resolve turns a File into a *syntax.Schema: every name is fully
//     qualified by the name-resolution rules of Cedar 4.x (common type before
//     entity type before built-in type, current namespace before the empty
//     namespace, `__cedar::` for the built-ins), common types are inlined,
//     action groups are resolved, and the well-formedness rules are checked
//     (RFC 70 shadowing, reserved names, duplicates, cycles, undeclared
//     types and actions, records where records are required).
//
// ParseCedar, ParseJSON and Load do both stages at once.
//
// Printers go the other way: PrintCedar and PrintJSON print a File in the
// canonical layout of each format (so they also translate between the
// formats); Format is the .cedarschema formatter (idempotent, keeps
// comments) and FormatJSON its JSON counterpart; FromSchema converts a
// resolved schema back to a File so that generated schemas can be written
// out, and CedarText, JSONText and Save (atomic) are shortcuts for that.
//
// Every error is a *syntax.Error with a position and a stable Kind (see the
// Kind constants), returned inside a syntax.ErrorList. Parsing stops at the
// first syntax error; resolution reports the errors of one phase together.
//
// The accepted language is Cedar 4.x's, checked against the official
// implementation (cedar-wasm 4.13, see TestAgainstOfficial) on the
// integration corpus and on thousands of mutated and random schemas,
// including its quirks: in the text format a
// record may repeat an attribute name (the last one counts) and `action a
// attributes {};` is accepted and ignored; in JSON an object with fixed
// fields (namespace, entity type, action, appliesTo, action reference) may
// be written as the array of its field values, and an annotation value may
// be null. The one deliberate difference is MaxDepth: types nested deeper
// are rejected here.
package schema
