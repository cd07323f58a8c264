package parser

import "github.com/cedar-crosscheck/crosscheck/syntax"

// Comment is one `// ...` comment of the source.
type Comment struct {
	Pos  syntax.Pos
	End  int    // byte offset just past the comment text (before the line break)
	Text string // the comment, starting with "//", without the line break
	// OwnLine reports whether only whitespace precedes the comment on its
	// line.
	OwnLine bool
}

// Span is a half-open range [Start, End) of byte offsets.
type Span struct{ Start, End int }

// PolicySpan locates one policy in the source: the whole policy (from its
// first annotation or effect to just past its `;`), its head (up to just
// past the `)` of the scope), and each condition clause (from
// `when`/`unless` to just past its `}`).
type PolicySpan struct {
	Span
	Head  Span
	Conds []Span
}

// File is a policy file as the formatter needs it: the policy set, every
// comment in source order, and where each policy and clause lies.
type File struct {
	PolicySet *syntax.PolicySet
	Comments  []Comment
	Spans     []PolicySpan // Spans[i] belongs to PolicySet.Policies[i]
}
