// Package parser reads Cedar policy text into the syntax AST.
//
// It is a hand-written recursive-descent parser over a small lexer. It
// accepts exactly the Cedar 4.x grammar (language version 4.5) and reports
// every error the official parser reports at parse time, with a stable
// Kind (the Rust error names where Cedar has them; see kinds.go) and a
// file:line:col position.
//
// The AST it builds is desugared as Cedar desugars it (see syntax.Expr);
// the Form fields remember the natural syntax so that the printer can
// write it back. Policies of a text policy set get the ids policy0,
// policy1, ... in source order.
//
// Nesting of parentheses, brackets, braces and if-then-else is bounded by
// a limit (DefaultMaxDepth unless the MaxDepth option says otherwise), so
// hostile input gives an error rather than exhausting the stack.
//
// ParseFile additionally returns the comments and the byte spans of each
// policy and condition, which the formatter in syntax/printer uses to keep
// comments.
package parser
