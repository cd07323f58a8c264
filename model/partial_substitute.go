package model

import "github.com/cedar-crosscheck/crosscheck/syntax"

// Substitute replaces each unknown("name") call in e whose name values
// gives by that expression (a restricted expression: a value written as
// ValueExpr writes it); other unknowns stay. It is how a residual is
// evaluated once its unknowns are known: substitute, then evaluate
// concretely. e is not changed.
func Substitute(e syntax.Expr, values map[string]syntax.Expr) syntax.Expr {
	return syntax.Rewrite(e, substitution(values))
}

// SubstitutePolicy is p with Substitute applied to its condition bodies.
func SubstitutePolicy(p *syntax.Policy, values map[string]syntax.Expr) *syntax.Policy {
	return syntax.RewritePolicy(p, substitution(values))
}

func substitution(values map[string]syntax.Expr) func(syntax.Expr) (syntax.Expr, bool) {
	return func(e syntax.Expr) (syntax.Expr, bool) {
		name, ok := syntax.UnknownName(e)
		if !ok {
			return nil, false
		}
		if v, ok := values[name]; ok {
			return v, true
		}
		return e, true
	}
}
