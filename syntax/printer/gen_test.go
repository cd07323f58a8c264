package printer_test

import (
	"math"
	"math/rand"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// astGen draws random ASTs of the shapes the parser produces: every node
// kind, every operator and Form, odd strings, the i64 bounds, and nesting
// up to a depth.
type astGen struct{ r *rand.Rand }

var oddStrings = []string{
	"", "a", "A b", `"`, `\`, `\*`, "*", "**", "\n", "\r\n", "\t", "\x00", "\x01\x1f\x7f",
	"é", "日本語", "\U0001F600", "\u2028", "\ufeff", "if", "true", "principal", "__cedar",
	"a.b", "a::b", "has", "User::\"x\"", "{}", "[", "// not a comment", "\u00a0",
}

var idents = []string{"a", "b", "x1", "_", "_a_", "Foo", "principal", "action", "resource",
	"context", "permit", "forbid", "when", "unless", "__cedar_not", "is_", "iff", "A9"}

func (g astGen) pick(n int) int { return g.r.Intn(n) }

func (g astGen) str() string {
	if g.pick(3) == 0 {
		return oddStrings[g.pick(len(oddStrings))]
	}
	n := g.pick(6)
	rs := make([]rune, n)
	for i := range rs {
		switch g.pick(4) {
		case 0:
			rs[i] = rune(g.pick(0x80))
		case 1:
			rs[i] = rune('a' + g.pick(26))
		case 2:
			rs[i] = rune(0x80 + g.pick(0xD800-0x80))
		default:
			rs[i] = rune(0xE000 + g.pick(0x10FFFF-0xE000))
		}
	}
	return string(rs)
}

func (g astGen) ident() string { return idents[g.pick(len(idents))] }

func (g astGen) entityType() syntax.EntityType {
	s := g.ident()
	for n := g.pick(3); n > 0; n-- {
		s += "::" + g.ident()
	}
	return syntax.EntityType(s)
}

func (g astGen) uid() syntax.EntityUID {
	return syntax.EntityUID{Type: g.entityType(), ID: g.str()}
}

func (g astGen) long() int64 {
	switch g.pick(6) {
	case 0:
		return math.MinInt64
	case 1:
		return math.MaxInt64
	case 2:
		return 0
	case 3:
		return int64(g.pick(10)) - 5
	case 4:
		return g.r.Int63()
	}
	return -g.r.Int63()
}

func (g astGen) literal() syntax.Expr {
	switch g.pick(4) {
	case 0:
		return syntax.Bool(g.pick(2) == 0)
	case 1:
		return syntax.Long(g.long())
	case 2:
		return syntax.String(g.str())
	}
	return syntax.Entity(g.uid())
}

func (g astGen) leaf() syntax.Expr {
	switch g.pick(4) {
	case 0:
		return syntax.VarExpr(syntax.Var(g.pick(4)))
	case 1:
		if g.pick(2) == 0 {
			return &syntax.Slot{ID: syntax.SlotPrincipal}
		}
		return &syntax.Slot{ID: syntax.SlotResource}
	}
	return g.literal()
}

func (g astGen) list(depth, max int) []syntax.Expr {
	n := g.pick(max + 1)
	if n == 0 {
		return nil
	}
	out := make([]syntax.Expr, n)
	for i := range out {
		out[i] = g.expr(depth - 1)
	}
	return out
}

var extFuncs = []string{"ip", "decimal", "datetime", "duration"}
var extMethods = []string{"lessThan", "greaterThanOrEqual", "isIpv4", "isLoopback", "isInRange",
	"offset", "durationSince", "toDate", "toTime", "toDays", "toMilliseconds"}

// expr draws an expression of at most the given depth.
func (g astGen) expr(depth int) syntax.Expr {
	if depth <= 0 || g.pick(5) == 0 {
		return g.leaf()
	}
	sub := func() syntax.Expr { return g.expr(depth - 1) }
	switch g.pick(20) {
	case 0:
		return syntax.Not(sub())
	case 1:
		return syntax.Neg(sub())
	case 2:
		return syntax.IsEmpty(sub())
	case 3:
		forms := []struct {
			f  syntax.Form
			op syntax.BinaryOp
		}{{syntax.FormNotEq, syntax.OpEq}, {syntax.FormGreater, syntax.OpLessEq}, {syntax.FormGreaterEq, syntax.OpLess}}
		f := forms[g.pick(3)]
		return &syntax.Unary{Op: syntax.OpNot, Form: f.f, Arg: syntax.Bin(f.op, sub(), sub())}
	case 4, 5, 6:
		return syntax.Bin(syntax.BinaryOp(g.pick(int(syntax.OpHasTag)+1)), sub(), sub())
	case 7:
		x := sub()
		return &syntax.Binary{Op: syntax.OpAnd, Form: syntax.FormIsIn,
			Left: &syntax.Is{Left: x, Type: g.entityType()}, Right: syntax.Bin(syntax.OpIn, x, sub())}
	case 8:
		base := sub()
		attrs := []string{g.ident(), g.ident()}
		for g.pick(2) == 0 {
			attrs = append(attrs, g.ident())
		}
		var e syntax.Expr = &syntax.Has{Left: base, Attr: attrs[0]}
		prefix := base
		for i := 1; i < len(attrs); i++ {
			prefix = &syntax.GetAttr{Left: prefix, Attr: attrs[i-1]}
			e = &syntax.Binary{Op: syntax.OpAnd, Form: syntax.FormHasPath, Left: e, Right: &syntax.Has{Left: prefix, Attr: attrs[i]}}
		}
		return e
	case 9:
		return &syntax.If{Cond: sub(), Then: sub(), Else: sub()}
	case 10:
		return &syntax.GetAttr{Left: sub(), Attr: g.attr()}
	case 11:
		return &syntax.Has{Left: sub(), Attr: g.attr()}
	case 12:
		var p syntax.Pattern
		for n := g.pick(6); n > 0; n-- {
			switch g.pick(3) {
			case 0:
				p = append(p, syntax.PatternElem{Wildcard: true})
			case 1:
				p = append(p, syntax.PatternElem{Char: '*'})
			default:
				for _, r := range g.str() {
					p = append(p, syntax.PatternElem{Char: r})
				}
			}
		}
		return &syntax.Like{Left: sub(), Pattern: p}
	case 13:
		return &syntax.Is{Left: sub(), Type: g.entityType()}
	case 14:
		return &syntax.SetExpr{Elems: g.list(depth, 3)}
	case 15:
		var fields []syntax.Field
		seen := map[string]bool{}
		for n := g.pick(4); n > 0; n-- {
			k := g.attr()
			if !seen[k] {
				seen[k] = true
				fields = append(fields, syntax.Field{Key: k, Value: sub()})
			}
		}
		return &syntax.RecordExpr{Fields: fields}
	case 16:
		return &syntax.Call{Name: extFuncs[g.pick(len(extFuncs))], Args: g.list(depth, 2)}
	case 17:
		args := append([]syntax.Expr{sub()}, g.list(depth, 2)...)
		return &syntax.Call{Name: extMethods[g.pick(len(extMethods))], Args: args}
	case 18:
		// Runs of unary operators, around negative literals too.
		e := g.expr(depth - 1)
		if g.pick(2) == 0 {
			e = syntax.Long(g.long())
		}
		op := syntax.UnaryOp(g.pick(2))
		for n := 1 + g.pick(6); n > 0; n-- {
			e = &syntax.Unary{Op: op, Arg: e}
		}
		return e
	}
	// Left-leaning chains, as the parser builds them.
	e := sub()
	op := []syntax.BinaryOp{syntax.OpAnd, syntax.OpOr, syntax.OpAdd, syntax.OpSub, syntax.OpMul}[g.pick(5)]
	for n := 1 + g.pick(3); n > 0; n-- {
		e = syntax.Bin(op, e, sub())
	}
	return e
}

func (g astGen) attr() string {
	if g.pick(2) == 0 {
		return g.ident()
	}
	return g.str()
}

// policy draws a policy or template.
func (g astGen) policy(depth int) *syntax.Policy {
	p := &syntax.Policy{Effect: syntax.Effect(g.pick(2))}
	seen := map[string]bool{}
	for n := g.pick(3); n > 0; n-- {
		k := g.ident()
		if g.pick(4) == 0 {
			k = []string{"if", "true", "in", "is"}[g.pick(4)]
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		a := syntax.Annotation{Key: k}
		if g.pick(2) == 0 {
			a.Value, a.HasValue = g.str(), true
		}
		p.Annotations = append(p.Annotations, a)
	}
	p.Principal = g.scope(syntax.SlotPrincipal)
	p.Resource = g.scope(syntax.SlotResource)
	actionUID := func() syntax.EntityUID {
		t := syntax.EntityType("Action")
		if g.pick(2) == 0 {
			t = syntax.EntityType(string(g.entityType()) + "::Action")
		}
		return syntax.EntityUID{Type: t, ID: g.str()}
	}
	switch g.pick(4) {
	case 1:
		p.Action = syntax.Scope{Op: syntax.ScopeEq, Entity: actionUID()}
	case 2:
		p.Action = syntax.Scope{Op: syntax.ScopeIn, Entity: actionUID()}
	case 3:
		p.Action = syntax.Scope{Op: syntax.ScopeInSet}
		for n := g.pick(3); n > 0; n-- {
			p.Action.Entities = append(p.Action.Entities, actionUID())
		}
	}
	for n := g.pick(3); n > 0; n-- {
		// Conditions hold no slots; draw until one has none.
		body := g.expr(depth)
		for hasSlot(body) {
			body = g.expr(depth)
		}
		p.Conditions = append(p.Conditions, syntax.Condition{Kind: syntax.ConditionKind(g.pick(2)), Body: body})
	}
	return p
}

func (g astGen) scope(slot syntax.SlotID) syntax.Scope {
	s := syntax.Scope{Op: syntax.ScopeOp(g.pick(5))}
	switch s.Op {
	case syntax.ScopeIs, syntax.ScopeIsIn:
		s.Type = g.entityType()
	}
	switch s.Op {
	case syntax.ScopeEq, syntax.ScopeIn, syntax.ScopeIsIn:
		if g.pick(3) == 0 {
			s.Slot = slot
		} else {
			s.Entity = g.uid()
		}
	}
	return s
}

func hasSlot(e syntax.Expr) bool {
	found := false
	var walk func(e syntax.Expr)
	walk = func(e syntax.Expr) {
		switch e := e.(type) {
		case *syntax.Slot:
			found = true
		case *syntax.Unary:
			walk(e.Arg)
		case *syntax.Binary:
			walk(e.Left)
			walk(e.Right)
		case *syntax.If:
			walk(e.Cond)
			walk(e.Then)
			walk(e.Else)
		case *syntax.GetAttr:
			walk(e.Left)
		case *syntax.Has:
			walk(e.Left)
		case *syntax.Like:
			walk(e.Left)
		case *syntax.Is:
			walk(e.Left)
		case *syntax.SetExpr:
			for _, x := range e.Elems {
				walk(x)
			}
		case *syntax.RecordExpr:
			for _, f := range e.Fields {
				walk(f.Value)
			}
		case *syntax.Call:
			for _, x := range e.Args {
				walk(x)
			}
		}
	}
	walk(e)
	return found
}
