package generators

import "github.com/cedar-crosscheck/crosscheck/syntax"

// cloneExpr returns a deep copy of e. A generated tree is copied where it
// is used twice, so that fault injection and shrinking can edit one place
// safely.
func cloneExpr(e syntax.Expr) syntax.Expr { return syntax.Rewrite(e, nil) }
