// Package spelling re-spells Cedar policies: it prints a policy set in a
// randomized (seeded) but equivalent surface form, the way a person might
// write it rather than the way the canonical printer does, and breaks such
// text with small token-level mutations.
//
// The output of PolicySet parses, under Cedar's grammar (language 4.5), to
// the same tree as its input up to positions, the Form marks of the
// desugared sugar (`!=`, `>`, `>=`, `is T in`, `has a.b`) and `action in
// [A]` versus `action in A`, which Cedar treats alike. Among the choices
// it makes:
//
//   - between any two tokens: nothing (where two words would not merge),
//     spaces, tabs, line feeds, CRLF, Unicode white space (U+00A0,
//     U+2028, U+3000, ...), and `//` comments holding unbalanced brackets,
//     quotes and Unicode;
//   - redundant parentheses (a few levels at most, since the official
//     engine's stack gives out at about 80 levels of nesting);
//   - the sugar forms whenever the tree has their shape, and their
//     desugared spelling otherwise: `a != b` or `!(a == b)`, `a > b`,
//     `a >= b`, `x is T in y`, `e has a.b.c`, runs of up to four `!` or
//     `-`, `e.a` or `e["a"]`, record keys and `has` attributes as
//     identifiers or strings, `action in [A]` for `action in A`;
//   - string characters raw or escaped (`\n`, `\t`, `\r`, `\\`, `\"`,
//     `\'`, `\0`, `\xHH`, `\u{...}` with leading zeros, upper or lower
//     case hex digits and `_` separators), in `like` patterns also a
//     wildcard as `\u{2a}` and a literal star as `\*`;
//   - integers with leading zeros, negative literals with white space or
//     comments between the minus and the digits.
//
// Identifiers are ASCII in Cedar, so Unicode reaches the text through
// strings, comments and white space only (a Unicode identifier is one of
// the mutations).
//
// Text keeps the tokens apart from the separators, so that Mutate can
// delete, duplicate, swap, insert or corrupt whole tokens (a reserved
// word for an identifier, a broken escape, an out-of-range integer, an
// unbalanced bracket, a `//` that swallows the rest of a line) before the
// text is rendered with fresh separators.
package spelling
