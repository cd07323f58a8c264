// Package parser reads Cedar policy text into the syntax AST.
//
// It is a hand-written recursive-descent parser over a small lexer that
// lexes on demand. It accepts exactly the Cedar 4.x grammar (language
// version 4.5) and reports every error the official parser reports at
// parse time, with a stable Kind (the Rust error names where Cedar has
// them; see kinds.go) and a file:line:col position (columns count bytes).
// Errors are returned as a syntax.ErrorList: after an error in a policy
// the parser skips to the next `;` and goes on, reporting at most 10
// errors.
//
// The AST it builds is desugared as Cedar desugars it (see syntax.Expr);
// the Form fields remember the natural syntax so that the printer can
// write it back. Policies of a text policy set get the ids policy0,
// policy1, ... in source order. Empty lists (set elements, record fields,
// call arguments, annotations, conditions, patterns) are nil. The
// desugared trees share nodes: x in `x is T in y` is one node used twice,
// and in `e has a.b.c` each prefix e.a, e.a.b is built once. `action in
// [A]` stays a ScopeInSet of one entity, although Cedar treats it exactly
// as `action in A`.
//
// Details that follow the official parser (checked against cedar-wasm
// 4.13 on the corpus and on 60,000 mutated policies):
//
//   - Whitespace is Unicode White_Space; comments run from `//` to the end
//     of the line (a line feed or carriage return).
//   - String escapes follow Rust: a raw carriage return inside a string
//     literal is an error, and so is a backslash before a line break.
//   - In a `like` pattern every character that decodes to `*`, including
//     `\u{2a}`, is a wildcard; only `\*` is a literal star.
//   - `__cedar` is reserved in names and also as an identifier used as an
//     attribute, record key or method (`context.__cedar`), but not in
//     string form (`context["__cedar"]`) or as an annotation key.
//   - A minus directly before an integer literal is folded into it, so
//     -9223372036854775808 is a literal while -(9223372036854775808) is
//     an IntegerLiteralTooLarge error.
//
// # Limits
//
// A condition (and the expression of ParseExpr) whose nesting depth, as
// syntax.Nesting counts it, is greater than syntax.MaxNesting (512; the
// MaxDepth option sets another limit) is rejected with a NestingTooDeep
// error at the sub-expression where the limit is passed. This is the rule
// the policy-JSON reader, the model and the engine apply too. Every
// operator, access, call, if-then-else, set and record adds a level, but
// a flat chain of one operator family (`a || b || ...`, `a && b && ...`,
// `a + b - ...`, `a * b * ...`) is one level however long, and so is an
// else-if chain; parentheses add no level of their own (the tree has no
// node for them). The parser reads chains, else-if chains and runs of
// `(` in loops, so their length is bounded only by the input, and it
// bounds its own recursion so that hostile input such as a megabyte of
// `[` fails fast (see nesting.go for why that bound never rejects an
// expression within the limit). Parsing takes time linear in the input,
// up to the logarithmic factors of maps: duplicate annotation and record
// keys are found with sets.
//
// ParseFile additionally returns the comments and the byte spans of each
// policy and condition, which the formatter in syntax/printer uses to keep
// comments. ParseEntityUID reads an entity uid such as `User::"alice"`,
// for command lines.
package parser
