package generators

import (
	"slices"
	"strconv"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Validator shapes: conditions that decide a strict validator's least
// upper bounds and capabilities, which the expression generators, whose
// policies type check by construction, rarely write. Settings.
// ValidatorShapes adds policies made of them to a test; only the
// validation target of package diff asks for it, as the other targets
// need policies that validate.
const (
	// ShapeRecordLUB joins records in if-then-else: the same attributes
	// (validates) or different ones (strict Cedar has no upper bound).
	ShapeRecordLUB = "record-lub"
	// ShapeSetOfRecords is a set literal of records with the same or
	// different attributes.
	ShapeSetOfRecords = "set-of-records"
	// ShapeEntityLUB joins principal and resource in if-then-else or a
	// set literal: an error unless both have the same single type.
	ShapeEntityLUB = "entity-lub"
	// ShapeGuardedAccess combines a has-guard and an access to an
	// optional attribute with && or ||, guard on either side.
	ShapeGuardedAccess = "guarded-access"
)

var validatorShapes = []string{ShapeRecordLUB, ShapeSetOfRecords, ShapeEntityLUB, ShapeGuardedAccess}

// addValidatorShapes adds to t one policy per validator shape, each
// scoped to one action (a policy of its own, so that one shape's type
// error does not hide another's), the guarded access always among them
// when the action has a context attribute, and records the shapes in
// t.Shapes.
func (g *gen) addValidatorShapes(t *Test) {
	if !g.s.ValidatorShapes || t.Policies == nil || t.Schema == nil || len(g.si.actions) == 0 {
		return
	}
	ids := map[string]bool{}
	for _, p := range t.Policies.Policies {
		ids[p.ID] = true
	}
	for _, l := range t.Policies.Links {
		ids[l.NewID] = true
	}
	kinds := []string{ShapeGuardedAccess, pick(g.draw, validatorShapes)}
	if g.chance(50) {
		kinds = append(kinds, pick(g.draw, validatorShapes))
	}
	for _, kind := range kinds {
		action := pick(g.draw, g.si.actions)
		e := g.validatorShape(kind, t.Schema.Actions[action])
		if e == nil {
			continue
		}
		t.Shapes = append(t.Shapes, kind)
		id := "shape"
		for i := 0; ids[id]; i++ {
			id = "shape" + strconv.Itoa(i)
		}
		ids[id] = true
		t.Policies.Policies = append(t.Policies.Policies, &syntax.Policy{
			ID:         id,
			Effect:     syntax.Permit,
			Principal:  syntax.Scope{Op: syntax.ScopeAll},
			Action:     syntax.Scope{Op: syntax.ScopeEq, Entity: action},
			Resource:   syntax.Scope{Op: syntax.ScopeAll},
			Conditions: []syntax.Condition{{Kind: syntax.When, Body: e}},
		})
	}
}

// lessThan is `1 < 2`: a condition a validator types as Bool, not True,
// so that both branches of an if are typed and joined.
func lessThan() syntax.Expr { return syntax.Bin(syntax.OpLess, syntax.Long(1), syntax.Long(2)) }

func (g *gen) validatorShape(kind string, ad *syntax.ActionDef) syntax.Expr {
	switch kind {
	case ShapeRecordLUB, ShapeSetOfRecords:
		a, b := g.shapeRecord(), g.shapeRecord()
		if kind == ShapeRecordLUB {
			pick := &syntax.If{Cond: lessThan(), Then: a, Else: b}
			return syntax.Bin(syntax.OpEq, pick, cloneExpr(a))
		}
		return syntax.Bin(syntax.OpContains, &syntax.SetExpr{Elems: []syntax.Expr{a, b}}, cloneExpr(b))
	case ShapeEntityLUB:
		p, r := syntax.VarExpr(syntax.VarPrincipal), syntax.VarExpr(syntax.VarResource)
		if g.chance(50) {
			return syntax.Bin(syntax.OpEq, &syntax.If{Cond: lessThan(), Then: p, Else: r}, syntax.VarExpr(syntax.VarPrincipal))
		}
		return syntax.Bin(syntax.OpContains, &syntax.SetExpr{Elems: []syntax.Expr{p, r}}, syntax.VarExpr(syntax.VarResource))
	case ShapeGuardedAccess:
		return g.guardedAccess(ad)
	}
	return nil
}

// shapeRecord is a record literal of one to three Long attributes from a
// small pool, so that two of them often have the same attributes and
// often not.
func (g *gen) shapeRecord() *syntax.RecordExpr {
	keys := distinct(g.draw, []string{"a", "b", "c"}, g.between(1, 3))
	slices.Sort(keys)
	r := &syntax.RecordExpr{}
	for _, k := range keys {
		r.Fields = append(r.Fields, syntax.Field{Key: k, Value: g.longLiteral(int64(g.intn(3)))})
	}
	return r
}

// guardedAccess combines `context has k` and `context.k == context.k`,
// for an attribute k of the action's context (optional ones preferred),
// with && or ||, in either order, the access sometimes negated.
func (g *gen) guardedAccess(ad *syntax.ActionDef) syntax.Expr {
	if ad.AppliesTo == nil || ad.AppliesTo.Context == nil || len(ad.AppliesTo.Context.Attrs) == 0 {
		return nil
	}
	var optional, all []string
	for _, at := range g.attrs(ad.AppliesTo.Context) {
		all = append(all, at.name)
		if !at.Required {
			optional = append(optional, at.name)
		}
	}
	k := pick(g.draw, all)
	if len(optional) > 0 && g.chance(80) {
		k = pick(g.draw, optional)
	}
	ctx := func() syntax.Expr { return syntax.VarExpr(syntax.VarContext) }
	var guard syntax.Expr = &syntax.Has{Left: ctx(), Attr: k}
	if g.chance(25) {
		guard = syntax.Not(guard)
	}
	access := syntax.Bin(syntax.OpEq, &syntax.GetAttr{Left: ctx(), Attr: k}, &syntax.GetAttr{Left: ctx(), Attr: k})
	op := syntax.OpAnd
	if g.chance(50) {
		op = syntax.OpOr
	}
	if g.chance(25) {
		return syntax.Bin(op, access, guard)
	}
	return syntax.Bin(op, guard, access)
}
