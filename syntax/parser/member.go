package parser

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// parseMember parses a primary expression and the attribute accesses and
// method calls applied to it.
func (p *parser) parseMember() syntax.Expr {
	start := p.startPos()
	e, name := p.parsePrimary()
	if name != nil {
		e = p.nameUse(start, name)
	} else if v, ok := e.(*syntax.Variable); ok && p.tok.kind == tLParen {
		p.fail(start, KindVariableCall, "`%s(...)` is not a valid call: variables cannot be called", v.Var)
	}
	for {
		switch p.tok.kind {
		case tDot:
			p.next()
			t := p.tok
			if t.kind != tIdent {
				p.unexpected("an attribute or method name")
			}
			p.checkUnreserved(t)
			p.next()
			if p.tok.kind == tLParen {
				e = p.method(start, e, t)
			} else {
				e = &syntax.GetAttr{Pos: start, Left: e, Attr: t.text}
			}
		case tLBrack:
			p.next()
			t := p.tok
			if t.kind != tString || p.peek(1).kind != tRBrack {
				p.fail(p.pos(t), KindNonStringIndex, "the index in `[...]` must be a string literal, found %s", describe(t))
			}
			p.next()
			p.next()
			e = &syntax.GetAttr{Pos: start, Left: e, Attr: p.str(t)}
		case tLParen:
			p.fail(p.pos(p.tok), KindExpressionCall, "only extension functions can be called: calls must be of the form `name(args)` or `e.method(args)`")
		default:
			return e
		}
	}
}

// nameUse resolves a bare name (a path that is not a variable or an entity
// literal): it is valid only as the callee of an extension function.
func (p *parser) nameUse(start syntax.Pos, path []token) syntax.Expr {
	switch p.tok.kind {
	case tLParen:
		return p.function(start, path)
	case tDot:
		if p.peek(2).kind == tLParen {
			p.fail(start, KindNoMethods, "`%s` is not a value, so it has no methods", pathString(path))
		}
		p.fail(start, KindInvalidAccess, "`%s` is not a value, so it has no attributes", pathString(path))
	case tLBrack:
		p.fail(start, KindInvalidIndex, "`%s` is not a value, so it cannot be indexed", pathString(path))
	}
	p.fail(start, KindArbitraryVariable,
		"invalid variable `%s`: the variables are principal, action, resource and context; to write a string, use quotes", pathString(path))
	return nil
}

func pathString(path []token) string {
	s := path[0].text
	for _, t := range path[1:] {
		s += "::" + t.text
	}
	return s
}

// args parses `(` [Expr {`,` Expr} [`,`]] `)`.
func (p *parser) args() []syntax.Expr {
	p.expect(tLParen)
	var out []syntax.Expr
	for p.tok.kind != tRParen {
		out = append(out, p.parseExpr())
		if p.tok.kind != tComma {
			break
		}
		p.next()
	}
	p.expect(tRParen)
	return out
}

// function parses a call of the named function.
func (p *parser) function(start syntax.Pos, path []token) syntax.Expr {
	name := string(p.entityType(path[0], path))
	if len(path) == 1 {
		if _, ok := builtinMethods[name]; ok || extMethods[name] {
			p.fail(start, KindFunctionCallOnMethod, "`%s` is a method, not a function: write `e.%s(...)`", name, name)
		}
	}
	if len(path) != 1 || !extFunctions[name] {
		p.fail(start, KindUnknownFunction, "`%s` is not a function: the functions are ip, decimal, datetime and duration", name)
	}
	return &syntax.Call{Pos: start, Name: name, Args: p.args()}
}

// method parses the arguments of a method call on recv.
func (p *parser) method(start syntax.Pos, recv syntax.Expr, name token) syntax.Expr {
	m := name.text
	if arity, ok := builtinMethods[m]; ok {
		args := p.args()
		if len(args) != arity {
			plural := "s"
			if arity == 1 {
				plural = ""
			}
			p.fail(p.pos(name), KindWrongArity, "`%s` takes exactly %d argument%s, got %d", m, arity, plural, len(args))
		}
		switch m {
		case "isEmpty":
			return &syntax.Unary{Pos: start, Op: syntax.OpIsEmpty, Arg: recv}
		case "contains":
			return &syntax.Binary{Pos: start, Op: syntax.OpContains, Left: recv, Right: args[0]}
		case "containsAll":
			return &syntax.Binary{Pos: start, Op: syntax.OpContainsAll, Left: recv, Right: args[0]}
		case "containsAny":
			return &syntax.Binary{Pos: start, Op: syntax.OpContainsAny, Left: recv, Right: args[0]}
		case "getTag":
			return &syntax.Binary{Pos: start, Op: syntax.OpGetTag, Left: recv, Right: args[0]}
		default: // hasTag
			return &syntax.Binary{Pos: start, Op: syntax.OpHasTag, Left: recv, Right: args[0]}
		}
	}
	if extFunctions[m] {
		p.fail(p.pos(name), KindMethodCallOnFunction, "`%s` is a function, not a method: write `%s(...)`", m, m)
	}
	if !extMethods[m] {
		p.fail(p.pos(name), KindUnknownMethod, "`%s` is not a method", m)
	}
	args := p.args()
	all := make([]syntax.Expr, 0, len(args)+1)
	all = append(all, recv)
	all = append(all, args...)
	return &syntax.Call{Pos: start, Name: m, Args: all}
}

// parsePrimary parses a primary expression. When the primary is a bare
// name (a path that is neither a variable nor an entity literal), it
// returns the path instead, for parseMember to resolve.
func (p *parser) parsePrimary() (syntax.Expr, []token) {
	if e := p.pending; e != nil {
		p.pending = nil
		return e, nil
	}
	t := p.tok
	pos := p.pos(t)
	switch t.kind {
	case tInt:
		v := p.integer(t, false)
		p.next()
		return &syntax.Literal{Pos: pos, Value: v}, nil
	case tString:
		p.next()
		return &syntax.Literal{Pos: pos, Value: p.str(t)}, nil
	case tSlot:
		id := syntax.SlotID(t.text)
		if id != syntax.SlotPrincipal && id != syntax.SlotResource {
			p.fail(pos, KindInvalidSlot, "`%s` is not a template slot: the slots are ?principal and ?resource", t.text)
		}
		if !p.slotSeen {
			p.slotSeen, p.firstSlot = true, pos
		}
		p.next()
		return &syntax.Slot{Pos: pos, ID: id}, nil
	case tLParen:
		return p.parseParens(), nil
	case tLBrack:
		p.next()
		var elems []syntax.Expr
		for p.tok.kind != tRBrack {
			elems = append(elems, p.parseExpr())
			if p.tok.kind != tComma {
				break
			}
			p.next()
		}
		p.expect(tRBrack)
		return &syntax.SetExpr{Pos: pos, Elems: elems}, nil
	case tLBrace:
		return p.parseRecord(), nil
	case tIdent:
		return p.parseName()
	}
	p.unexpected("an expression")
	return nil, nil
}

// parseName parses a primary that starts with an identifier: a literal
// true or false, a variable, an entity literal, or a name.
func (p *parser) parseName() (syntax.Expr, []token) {
	t := p.tok
	pos := p.pos(t)
	if p.peek(1).kind != tColon2 {
		switch t.text {
		case "true", "false":
			p.next()
			return &syntax.Literal{Pos: pos, Value: t.text == "true"}, nil
		case "if":
			p.fail(pos, KindUnexpectedToken, "an `if` expression must be parenthesized when it is an operand")
		case "then", "else", "in", "has", "like", "is":
			p.checkReserved(t)
		}
		if v, ok := syntax.ParseVar(t.text); ok {
			p.next()
			return &syntax.Variable{Pos: pos, Var: v}, nil
		}
	}
	path := p.parsePath()
	if p.tok.kind != tColon2 {
		return nil, path
	}
	switch p.peek(1).kind {
	case tString:
		typ := p.entityType(t, path)
		p.next()
		id := p.str(p.tok)
		p.next()
		return &syntax.Literal{Pos: pos, Value: syntax.EntityUID{Type: typ, ID: id}}, nil
	case tLBrace:
		p.fail(pos, KindInvalidEntityLiteral, "invalid entity literal: write `Type::\"id\"`")
	}
	p.next()
	p.unexpected("an identifier or string literal after `::`")
	return nil, nil
}

// parseRecord parses a record literal; keys are identifiers or string
// literals, and must be unique.
func (p *parser) parseRecord() syntax.Expr {
	pos := p.pos(p.tok)
	p.next() // {
	var fields []syntax.Field
	var seen map[string]bool // used once the record is large
	for p.tok.kind != tRBrace {
		t := p.tok
		var key string
		switch {
		case t.kind == tIdent && p.peek(1).kind == tColon:
			p.checkUnreserved(t)
			key = t.text
		case t.kind == tString && p.peek(1).kind == tColon:
			key = p.str(t)
		case t.kind == tIdent && p.peek(1).kind == tColon2:
			p.fail(p.pos(t), KindPathAsAttribute, "a record key must be an identifier or string literal, not a path")
		default:
			p.parseExpr()
			if p.tok.kind == tColon {
				p.fail(p.pos(t), KindInvalidAttribute, "a record key must be an identifier or string literal")
			}
			p.unexpected("`:`")
		}
		if p.duplicateKey(fields, &seen, key) {
			p.fail(p.pos(t), KindDuplicateKey, "duplicate key %s in record literal", syntax.Quote(key))
		}
		p.next() // key
		p.next() // :
		fields = append(fields, syntax.Field{Key: key, Value: p.parseExpr()})
		if p.tok.kind != tComma {
			break
		}
		p.next()
	}
	p.expect(tRBrace)
	return &syntax.RecordExpr{Pos: pos, Fields: fields}
}

// duplicateKey reports whether key is already among fields, switching from
// a linear scan to a set once the record grows, so that huge records stay
// linear.
func (p *parser) duplicateKey(fields []syntax.Field, seen *map[string]bool, key string) bool {
	const small = 16
	if len(fields) < small {
		for _, f := range fields {
			if f.Key == key {
				return true
			}
		}
		return false
	}
	if *seen == nil {
		*seen = make(map[string]bool, 2*len(fields))
		for _, f := range fields {
			(*seen)[f.Key] = true
		}
	}
	if (*seen)[key] {
		return true
	}
	(*seen)[key] = true
	return false
}
