package model

import "github.com/cedar-crosscheck/crosscheck/syntax"

// partialGetAttr is `e.attr`. On a known value it is getAttr. On a
// residual record literal it selects the field when the literal is
// projectable, is an error when the field is missing, and otherwise stays
// a residual, as does `.attr` on any other residual.
func (env *PartialEnv) partialGetAttr(e *syntax.GetAttr, level int) (Partial, error) {
	p, err := env.peval(e.Left, level)
	if err != nil {
		return Partial{}, err
	}
	if !p.IsResidual() {
		v, err := env.ops.getAttr(p.Value, e.Attr)
		return Known(v), err
	}
	rec, ok := p.Residual.(*syntax.RecordExpr)
	if !ok {
		return residual(&syntax.GetAttr{Left: p.Residual, Attr: e.Attr}), nil
	}
	field, found := recordField(rec, e.Attr)
	switch {
	case !found:
		return Partial{}, errorf(AttrDoesNotExist, "the record does not have the attribute %q", e.Attr)
	case projectable(rec):
		return env.peval(field, level)
	}
	return residual(&syntax.GetAttr{Left: rec, Attr: e.Attr}), nil
}

// partialHas is `e has attr`: hasAttr on a known value, decided on a
// projectable residual record literal, a residual otherwise.
func (env *PartialEnv) partialHas(e *syntax.Has, level int) (Partial, error) {
	p, err := env.peval(e.Left, level)
	if err != nil {
		return Partial{}, err
	}
	if !p.IsResidual() {
		v, err := env.ops.hasAttr(p.Value, e.Attr)
		return Known(v), err
	}
	if rec, ok := p.Residual.(*syntax.RecordExpr); ok && projectable(rec) {
		_, found := recordField(rec, e.Attr)
		return Known(Bool(found)), nil
	}
	return residual(&syntax.Has{Left: p.Residual, Attr: e.Attr}), nil
}

// recordField is the expression of field attr of a record literal (the
// last one, as a record literal's value keeps the last of equal keys).
func recordField(rec *syntax.RecordExpr, attr string) (syntax.Expr, bool) {
	var out syntax.Expr
	for _, f := range rec.Fields {
		if f.Key == attr {
			out = f.Value
		}
	}
	return out, out != nil
}

// projectable reports whether e holds only literals, unknowns, variables,
// sets and records: a residual record literal of that kind can have its
// fields selected without changing what evaluating it may raise. (An
// extension value written back as a constructor call makes it not
// projectable, as in the official engine.)
func projectable(e syntax.Expr) bool {
	return !syntax.Any(e, func(x syntax.Expr) bool {
		if _, ok := syntax.UnknownName(x); ok {
			return false
		}
		switch x.(type) {
		case *syntax.Literal, *syntax.Variable, *syntax.SetExpr, *syntax.RecordExpr:
			return false
		}
		return true
	})
}
