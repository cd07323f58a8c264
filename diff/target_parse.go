package diff

// TargetParse checks the Cedar text parser (and the policy JSON writer)
// against the official engine, which is the only judge of them: the model
// and the engine share the parser, so no other target sees its bugs. Each
// generated policy set is re-spelled the many ways a person would write
// it (package generators/spelling) and broken by small mutations; our
// parser and cedar-wasm must agree on whether each text parses and, where
// both accept it, on the policy JSON of every policy. Without cedar-wasm
// among the implementations only the re-spelled text is checked, against
// the generated tree. With cedar-wasm each test also checks, in one more
// call, the data readers and the formatter (check_parse_data.go): the
// schema's Cedar text re-spelled and mutated (our JSON of it against
// schemaToJson, compared by meaning; acceptance against
// checkParseSchema, for the text and for our JSON), the entities and the
// first request's context re-spelled and mutated, without and with the
// schema (our readers and the model's validation and evaluation against
// checkParseEntities and checkParseContext, which answer only ok or an
// error: values are compared by the authorization targets), and our
// formatter's and formatPolicies' output of the re-spelled policies,
// which must both read back to them and keep the same comments in the
// same order. Tests come from the typed, untyped
// and rbac modes in turn.
const TargetParse Target = "parse"

// KindParse: our parser and the official engine read a text differently
// (one accepts it and the other does not, or their policy JSON differs),
// or a re-spelling does not read back to the generated policies.
const KindParse FindingKind = "parse"

// parseMutants is the number of mutated texts checked per test, besides
// the re-spelled one. All texts of a test go to cedar-wasm in one call
// (a call costs about 2 ms of the engine's time whatever it holds).
const parseMutants = 4
