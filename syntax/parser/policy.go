package parser

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// parsePolicy parses one policy:
//
//	Policy := Annotation* Effect '(' Scope ')' Cond* ';'
//
// It returns the policy (without id) and its span.
func (p *parser) parsePolicy() (*syntax.Policy, PolicySpan) {
	p.depth, p.pending = 0, nil
	p.checkToken()
	startTok := p.tok
	pol := &syntax.Policy{Pos: p.pos(startTok)}
	var keys map[string]bool // annotation keys seen, to reject duplicates in linear time
	for p.tok.kind == tAt {
		a := p.parseAnnotation()
		if keys == nil {
			keys = make(map[string]bool)
		}
		if keys[a.Key] {
			p.fail(a.Pos, KindDuplicateAnnotation, "duplicate annotation @%s", a.Key)
		}
		keys[a.Key] = true
		pol.Annotations = append(pol.Annotations, a)
	}
	eff := p.tok
	if eff.kind != tIdent {
		p.unexpected("`permit` or `forbid`")
	}
	switch eff.text {
	case "permit":
		pol.Effect = syntax.Permit
	case "forbid":
		pol.Effect = syntax.Forbid
	default:
		p.fail(p.pos(eff), KindInvalidEffect, "invalid policy effect `%s`: expected `permit` or `forbid`", eff.text)
	}
	p.next()
	span := PolicySpan{}
	span.Head.Start = startTok.off
	span.Head.End = p.parseScope(pol)
	for p.tok.kind != tSemi {
		c, s := p.parseCondition()
		pol.Conditions = append(pol.Conditions, c)
		span.Conds = append(span.Conds, s)
	}
	span.Span = Span{startTok.off, p.tok.end}
	p.next()
	return pol, span
}

// parseAnnotation parses `@key` or `@key("value")`; keys may be reserved
// words (parsePolicy checks that they are unique within the policy).
func (p *parser) parseAnnotation() syntax.Annotation {
	at := p.tok
	p.next()
	key := p.tok
	if key.kind != tIdent {
		p.unexpected("an annotation name")
	}
	p.next()
	a := syntax.Annotation{Pos: p.pos(at), Key: key.text}
	if p.tok.kind == tLParen {
		p.next()
		v := p.tok
		if v.kind != tString {
			p.unexpected("a string literal")
		}
		p.next()
		a.Value, a.HasValue = p.str(v), true
		p.expect(tRParen)
	}
	return a
}

// varDef is one raw element of a policy scope, as written:
//
//	Var [':' Name] ['is' Path] [RelOp Expr]
type varDef struct {
	varTok  token
	isType  syntax.EntityType
	hasIs   bool
	opTok   token
	hasOp   bool
	rhs     syntax.Expr
	rhsTok  token // first token of rhs
	typeTok token // first token after `is`
}

// parseScope parses `(` VarDef {`,` VarDef} [`,`] `)` and checks that it
// is exactly principal, action, resource, in that order. It returns the
// offset just past the `)`.
func (p *parser) parseScope(pol *syntax.Policy) int {
	p.expect(tLParen)
	n := 0
	for p.tok.kind != tRParen {
		d := p.parseVarDef()
		switch n {
		case 0:
			pol.Principal = p.principalOrResource(d, syntax.VarPrincipal)
		case 1:
			pol.Action = p.actionScope(d)
		case 2:
			pol.Resource = p.principalOrResource(d, syntax.VarResource)
		default:
			p.fail(p.pos(d.varTok), KindExtraScopeElement, "extra element in the policy scope: the scope is `principal, action, resource`")
		}
		n++
		if p.tok.kind != tComma {
			break
		}
		p.next()
	}
	if p.tok.kind != tRParen {
		p.unexpected("`,` or `)`")
	}
	if n < 3 {
		missing := [...]string{"principal", "action", "resource"}[n]
		p.fail(p.pos(p.tok), KindMissingScopeVariable, "the policy scope is missing `%s`: the scope is `principal, action, resource`", missing)
	}
	return p.expect(tRParen).end
}

func (p *parser) parseVarDef() varDef {
	var d varDef
	d.varTok = p.tok
	if p.tok.kind != tIdent {
		p.unexpected("`principal`, `action` or `resource`")
	}
	p.next()
	if p.tok.kind == tColon {
		p.next()
		at := p.tok
		if at.kind == tIdent {
			p.parsePath()
		}
		p.fail(p.pos(at), KindTypeConstraints, "type constraints with `:` are not supported: use `is`")
	}
	if p.isKeyword("is") {
		p.next()
		d.typeTok = p.tok
		d.isType = p.parseIsType()
		d.hasIs = true
	}
	if isRelOp(p.tok) || p.tok.kind == tEq {
		d.opTok, d.hasOp = p.tok, true
		p.next()
		d.rhsTok = p.tok
		d.rhs = p.parseExpr()
	}
	return d
}

// scopeVar maps the variable of a scope element, checking it is the one
// expected at this place.
func (p *parser) scopeVar(d varDef, want syntax.Var) {
	v, ok := syntax.ParseVar(d.varTok.text)
	if !ok || v == syntax.VarContext {
		p.fail(p.pos(d.varTok), KindInvalidScopeVariable, "invalid variable `%s` in the policy scope: expected `%s`", d.varTok.text, want)
	}
	if v != want {
		p.fail(p.pos(d.varTok), KindIncorrectVariable, "found `%s` where the scope needs `%s`: the scope is `principal, action, resource`", v, want)
	}
}

func (p *parser) principalOrResource(d varDef, v syntax.Var) syntax.Scope {
	p.scopeVar(d, v)
	sc := syntax.Scope{Pos: p.pos(d.varTok)}
	if !d.hasOp {
		if d.hasIs {
			sc.Op, sc.Type = syntax.ScopeIs, d.isType
		}
		return sc
	}
	switch d.opTok.kind {
	case tEqEq:
		if d.hasIs {
			p.fail(p.pos(d.opTok), KindIsWithEq, "`is` cannot be combined with `==` in the scope: use `is ... in ...`")
		}
		sc.Op = syntax.ScopeEq
	case tIdent: // in
		if _, ok := d.rhs.(*syntax.Is); ok {
			p.fail(p.pos(d.opTok), KindInvertedIsIn, "when `is` and `in` are used together, `is` comes first: `%s is T in E`", v)
		}
		sc.Op = syntax.ScopeIn
		if d.hasIs {
			sc.Op, sc.Type = syntax.ScopeIsIn, d.isType
		}
	case tEq:
		p.fail(p.pos(d.opTok), KindInvalidSingleEq, "`=` is not an operator in Cedar: use `==`")
	default:
		p.fail(p.pos(d.opTok), KindInvalidScopeOperator, "invalid operator in the policy scope: only `==`, `in`, `is` and `is ... in` are allowed")
	}
	slot := syntax.SlotPrincipal
	if v == syntax.VarResource {
		slot = syntax.SlotResource
	}
	switch r := d.rhs.(type) {
	case *syntax.Slot:
		if r.ID != slot {
			p.fail(r.Pos, KindWrongNode, "expected an entity uid or `%s`, found `%s`", slot, r.ID)
		}
		sc.Slot = r.ID
	case *syntax.SetExpr:
		p.fail(r.Pos, KindWrongEntityArgument, "expected an entity uid or `%s`, found a set: sets are allowed only in `action in [...]`", slot)
	default:
		sc.Entity = p.scopeEntity(d.rhs, "an entity uid or `"+string(slot)+"`")
	}
	return sc
}

// scopeEntity returns the entity literal e, or fails.
func (p *parser) scopeEntity(e syntax.Expr, expected string) syntax.EntityUID {
	if lit, ok := e.(*syntax.Literal); ok {
		if uid, ok := lit.Value.(syntax.EntityUID); ok {
			return uid
		}
	}
	found := "an expression"
	switch e := e.(type) {
	case *syntax.Literal:
		found = "a literal"
		if _, ok := e.Value.(string); ok {
			found = "a string literal (an entity uid needs its type: `Type::\"id\"`)"
		}
	case *syntax.If:
		found = "an `if` expression"
	case *syntax.Is:
		found = "an `is` expression"
	case *syntax.RecordExpr:
		found = "a record literal"
	case *syntax.Slot:
		found = "a template slot"
	case *syntax.SetExpr:
		found = "a set"
	case *syntax.Variable:
		found = "a variable"
	}
	if _, ok := e.(*syntax.Slot); ok {
		p.fail(e.Position(), KindWrongEntityArgument, "expected %s, found %s", expected, found)
	}
	if _, ok := e.(*syntax.SetExpr); ok {
		p.fail(e.Position(), KindWrongEntityArgument, "expected %s, found %s", expected, found)
	}
	p.fail(e.Position(), KindWrongNode, "expected %s, found %s", expected, found)
	return syntax.EntityUID{}
}

func (p *parser) actionScope(d varDef) syntax.Scope {
	p.scopeVar(d, syntax.VarAction)
	sc := syntax.Scope{Pos: p.pos(d.varTok)}
	if d.hasIs {
		p.fail(p.pos(d.typeTok), KindIsInActionScope, "`is` cannot appear in the action scope: test `action is T` in a `when` clause")
	}
	if !d.hasOp {
		return sc
	}
	var uids []syntax.EntityUID
	switch d.opTok.kind {
	case tEqEq:
		sc.Op = syntax.ScopeEq
		sc.Entity = p.scopeEntity(d.rhs, "an entity uid")
		uids = []syntax.EntityUID{sc.Entity}
	case tIdent: // in
		if _, ok := d.rhs.(*syntax.Is); ok {
			p.fail(p.pos(d.opTok), KindIsInActionScope, "`is` cannot appear in the action scope")
		}
		if set, ok := d.rhs.(*syntax.SetExpr); ok {
			sc.Op = syntax.ScopeInSet
			for _, e := range set.Elems {
				sc.Entities = append(sc.Entities, p.scopeEntity(e, "an entity uid"))
			}
			uids = sc.Entities
		} else {
			sc.Op = syntax.ScopeIn
			sc.Entity = p.scopeEntity(d.rhs, "an entity uid or set of entity uids")
			uids = []syntax.EntityUID{sc.Entity}
		}
	case tEq:
		p.fail(p.pos(d.opTok), KindInvalidSingleEq, "`=` is not an operator in Cedar: use `==`")
	default:
		p.fail(p.pos(d.opTok), KindInvalidActionScopeOperator, "invalid operator in the action scope: only `==` and `in` are allowed")
	}
	for _, u := range uids {
		if !u.Type.IsAction() {
			p.fail(p.pos(d.rhsTok), KindInvalidActionType,
				"the action scope must name actions, whose type is `Action` or `<namespace>::Action`; found %s", u)
		}
	}
	return sc
}

// parseCondition parses `when { Expr }` or `unless { Expr }`. Template
// slots are not allowed inside.
func (p *parser) parseCondition() (syntax.Condition, Span) {
	kw := p.tok
	if kw.kind != tIdent || (kw.text != "when" && kw.text != "unless" && p.peek(1).kind != tLBrace) {
		p.unexpected("`when`, `unless` or `;` (is a `;` missing at the end of the policy?)")
	}
	c := syntax.Condition{Pos: p.pos(kw)}
	switch kw.text {
	case "when":
		c.Kind = syntax.When
	case "unless":
		c.Kind = syntax.Unless
	default:
		p.fail(p.pos(kw), KindInvalidCondition, "invalid condition `%s`: expected `when` or `unless`", kw.text)
	}
	p.next()
	p.expect(tLBrace)
	if p.tok.kind == tRBrace {
		p.fail(p.pos(kw), KindEmptyClause, "`%s` condition clause cannot be empty", kw.text)
	}
	p.slotSeen = false
	c.Body = p.parseExpr()
	p.checkNesting(c.Body)
	if p.slotSeen {
		p.fail(p.firstSlot, KindSlotsInConditionClause, "template slots are not allowed in a `%s` clause", kw.text)
	}
	end := p.tok.end
	p.expect(tRBrace)
	return c, Span{kw.off, end}
}
