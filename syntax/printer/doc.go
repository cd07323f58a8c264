// Package printer writes the syntax AST back as canonical Cedar text, and
// formats Cedar policy files.
//
// # Expressions
//
// Expr prints an expression with the fewest parentheses that make the
// official grammar read it back to the same tree: for every AST the parser
// can produce, parser.ParseExpr(Expr(e)) equals e up to positions. The
// natural surface syntax remembered in Form (a != b, a > b, a >= b,
// x is T in y, e has a.b) is used when the tree has the matching shape;
// otherwise the desugared form is printed, and a Form whose shape does not
// match is lost on the way back. A few trees have no Cedar text at all
// (an extension call whose name is not a known function or method, as
// policy JSON allows, or an entity type that is not a path of
// identifiers, or an annotation key that is not an identifier); they are
// printed in the closest form, which the parser rejects.
//
// Attribute names print as `.name` when they are identifiers other than
// the reserved words and `__cedar`, and as `["name"]` otherwise; `has` and record keys follow the same rule.
// Strings are escaped with syntax.Quote; in `like` patterns a literal star
// is `\*`.
//
// # Policies
//
// The canonical layout, the same for every policy (the official
// formatter's, as far as a layout printed from the tree can follow one
// that keeps the source's parentheses and string spellings):
//
//	@annotation("value")      one annotation per line, in source order
//	permit (                   the effect, a space, and the scope
//	  principal == User::"a",  one scope element per line, two-space indent
//	  action,
//	  resource
//	)
//	when { condition }         one clause per line, in source order
//	unless { condition };      the last line ends with `;`
//
// except that a scope that constrains nothing is on one line:
// `permit (principal, action, resource)`.
//
// A condition that would make its line longer than 80 bytes is written as
// in the official formatter: `when` (or `unless`), then `{` on the next
// line, the body indented by two spaces, and `}` on a line of its own; a
// body that is a chain of `&&` or of `||` is broken after each operator,
// one operand per line. Policies of a set are separated by one blank
// line. Template links have no text form and are
// not printed.
//
// # Formatting files
//
// Format formats a .cedar file: it parses it and prints it in the layout
// above, keeping every comment. Comments are placed by these rules, which
// make formatting idempotent:
//
//   - A comment before a policy, or inside its annotations and scope, is
//     printed on its own line just above the policy (above its
//     annotations). Blank lines between such comments and between the last
//     of them and the policy are kept (collapsed to one).
//   - A comment after the scope that lies before or inside a condition
//     clause is printed on its own line just above that clause's
//     `when`/`unless`; one after the last clause, before the `;`, goes
//     above the last clause.
//   - A comment that follows a policy's `;` on the same line stays at the
//     end of that line.
//   - Comments after the last policy are printed at the end of the file,
//     after a blank line.
package printer
