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
// Nesting of parentheses, brackets, braces, call arguments and
// if-then-else is bounded by a limit (DefaultMaxDepth unless the MaxDepth
// option says otherwise), so hostile input gives a NestingTooDeep error
// rather than exhausting the stack. Flat chains (`1 + 1 + ...`,
// `e.a.b...`) are not nesting and have no limit.
//
// ParseFile additionally returns the comments and the byte spans of each
// policy and condition, which the formatter in syntax/printer uses to keep
// comments. ParseEntityUID reads an entity uid such as `User::"alice"`,
// for command lines.
package parser
