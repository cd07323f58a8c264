package generators

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// FaultKind names a deliberate fault put into a test.
type FaultKind string

const (
	// FaultDangling drops entities from the store, so that references to
	// them (in data, policies and requests) dangle.
	FaultDangling FaultKind = "dangling"
	// FaultMismatch replaces an operand with a value of another type.
	FaultMismatch FaultKind = "mismatch"
	// FaultArity gives an extension call one argument too many or too few.
	FaultArity FaultKind = "arity"
	// FaultBadLiteral gives an extension constructor an invalid string.
	FaultBadLiteral FaultKind = "bad-literal"
	// FaultDuplicate lists an entity twice, identically. That is legal
	// (since Cedar 4.4) but easy for an entity loader to get wrong.
	FaultDuplicate FaultKind = "duplicate"
)

// Fault records one deliberate fault: its kind, and the policy it was
// put in or the entity it removed.
type Fault struct {
	Kind    FaultKind
	Policy  string           // the policy changed, for expression faults
	Entity  syntax.EntityUID // the entity dropped, for FaultDangling; the entity changed, for an entity conformance fault
	Request int              // the request changed, for a request conformance fault (conformance.go)
}

// injectFaults puts deliberate faults into a generated test: in
// FaultPercent% of tests entities are dropped, in a third as many an
// entity is listed twice, and in half as many an expression fault goes
// into one policy.
func (g *gen) injectFaults(t *Test) {
	if g.s.FaultPercent < 0 {
		return
	}
	if g.chance(g.s.FaultPercent) {
		g.dropEntities(t)
	}
	if len(t.Entities) > 0 && g.chance((g.s.FaultPercent+2)/3) {
		i := g.intn(len(t.Entities))
		e := t.Entities[i]
		dup := &syntax.EntityData{UID: e.UID, Parents: slices.Clone(e.Parents), Attrs: cloneFields(e.Attrs), Tags: cloneFields(e.Tags)}
		t.Entities = slices.Insert(t.Entities, g.intn(len(t.Entities)+1), dup)
		t.Faults = append(t.Faults, Fault{Kind: FaultDuplicate, Entity: e.UID})
	}
	if len(t.Policies.Policies) > 0 && g.chance((g.s.FaultPercent+1)/2) {
		p := pick(g.draw, t.Policies.Policies)
		kind := pick(g.draw, []FaultKind{FaultMismatch, FaultArity, FaultBadLiteral})
		g.exprFault(p, kind)
		t.Faults = append(t.Faults, Fault{Kind: kind, Policy: p.ID})
	}
}

// dropEntities removes one or two non-action entities from the store.
func (g *gen) dropEntities(t *Test) {
	var cands []int
	for i, e := range t.Entities {
		if !e.UID.Type.IsAction() {
			cands = append(cands, i)
		}
	}
	drop := distinct(g.draw, cands, g.between(1, 2))
	slices.Sort(drop)
	for i := len(drop) - 1; i >= 0; i-- {
		t.Faults = append(t.Faults, Fault{Kind: FaultDangling, Entity: t.Entities[drop[i]].UID})
		t.Entities = slices.Delete(t.Entities, drop[i], drop[i]+1)
	}
}

// exprFault puts an expression fault of the given kind into p: into an
// existing node when there is a suitable one, or as an extra condition.
func (g *gen) exprFault(p *syntax.Policy, kind FaultKind) {
	var bins []*syntax.Binary
	var calls []*syntax.Call
	for _, c := range p.Conditions {
		syntax.Inspect(c.Body, func(e syntax.Expr) bool {
			switch e := e.(type) {
			case *syntax.Binary:
				if e.Op != syntax.OpAnd && e.Op != syntax.OpOr {
					bins = append(bins, e)
				}
			case *syntax.Call:
				calls = append(calls, e)
			}
			return true
		})
	}
	var ctors []*syntax.Call
	for _, c := range calls {
		if _, ok := ctorType[c.Name]; ok && len(c.Args) == 1 {
			ctors = append(ctors, c)
		}
	}
	extra := func(e syntax.Expr) {
		p.Conditions = append(p.Conditions, syntax.Condition{Kind: syntax.When, Body: e})
	}
	switch kind {
	case FaultMismatch:
		if len(bins) > 0 {
			b := pick(g.draw, bins)
			if lit, ok := b.Right.(*syntax.Literal); ok {
				if _, isStr := lit.Value.(string); isStr {
					b.Right = syntax.Long(g.longLit())
					return
				}
			}
			b.Right = syntax.String(pick(g.draw, stringPool))
			return
		}
		extra(syntax.Bin(syntax.OpLess, syntax.VarExpr(syntax.VarPrincipal), syntax.Long(1)))
	case FaultArity:
		if len(calls) > 0 {
			c := pick(g.draw, calls)
			if len(c.Args) > 1 && g.intn(2) == 0 {
				c.Args = c.Args[:len(c.Args)-1]
			} else {
				c.Args = append(c.Args, g.extLit(pick(g.draw, extTypes), false))
			}
			return
		}
		extra(&syntax.Call{Name: "isIpv4", Args: []syntax.Expr{g.extLit("ipaddr", false), syntax.Long(1)}})
	case FaultBadLiteral:
		if len(ctors) > 0 {
			c := pick(g.draw, ctors)
			c.Args[0] = syntax.String(pick(g.draw, extInvalid[ctorType[c.Name]]))
			return
		}
		ext := pick(g.draw, extTypes)
		extra(syntax.Bin(syntax.OpEq, g.extLit(ext, true), g.extLit(ext, false)))
	}
}

// ctorType maps an extension constructor to its type.
var ctorType = map[string]string{"decimal": "decimal", "ip": "ipaddr", "datetime": "datetime", "duration": "duration"}

// cloneFields deep-copies fields, keeping nil nil.
func cloneFields(fs []syntax.Field) []syntax.Field {
	if fs == nil {
		return nil
	}
	out := make([]syntax.Field, len(fs))
	for i, f := range fs {
		out[i] = syntax.Field{Key: f.Key, Value: cloneExpr(f.Value)}
	}
	return out
}
