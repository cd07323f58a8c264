package parser

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// This file parses expressions. Precedence, loosest first:
//
//	Expr     := Or | 'if' Expr 'then' Expr 'else' Expr
//	Or       := And {'||' And}
//	And      := Relation {'&&' Relation}
//	Relation := Add [RelOp Add] | Add 'has' (Ident{'.'Ident} | Str)
//	          | Add 'like' Str | Add 'is' Path ['in' Add]
//	Add      := Mult {('+'|'-') Mult}
//	Mult     := Unary {'*' Unary}
//	Unary    := ['!'{1..4} | '-'{1..4}] Member
//	Member   := Primary {'.' Ident ['(' Args ')'] | '[' Str ']'}
//	Primary  := literal | entity | slot | variable | Name '(' Args ')'
//	          | '(' Expr ')' | '[' Args ']' | '{' RecInits '}'

// parseExpr parses an Expr. It is, with parseParens, where the grammar
// recurses, so that is where the parser's own recursion is bounded.
func (p *parser) parseExpr() syntax.Expr {
	p.enter()
	e := p.parseExprBody()
	p.depth--
	return e
}

// parseExprBody parses an Expr at the current recursion depth. An
// else-if chain is read in a loop, not by recursion: like syntax.Nesting,
// the parser treats it as one level, so its length is not limited.
func (p *parser) parseExprBody() syntax.Expr {
	if !p.atIf() {
		return p.parseOr()
	}
	var chain []*syntax.If
	for p.atIf() {
		start := p.pos(p.tok)
		p.next()
		cond := p.parseExpr()
		p.expectKeyword("then")
		then := p.parseExpr()
		p.expectKeyword("else")
		chain = append(chain, &syntax.If{Pos: start, Cond: cond, Then: then})
	}
	els := p.parseExpr()
	for i := len(chain) - 1; i >= 0; i-- {
		chain[i].Else = els
		els = chain[i]
	}
	return els
}

// atIf reports whether an if-then-else starts here (`if::T` is a name).
func (p *parser) atIf() bool {
	return p.pending == nil && p.isKeyword("if") && p.peek(1).kind != tColon2
}

// startPos is where the expression about to be parsed starts: at the
// current token, or where the pending primary started.
func (p *parser) startPos() syntax.Pos {
	if p.pending != nil {
		return p.pendingPos
	}
	return p.pos(p.tok)
}

func (p *parser) parseOr() syntax.Expr {
	start := p.startPos()
	left := p.parseAnd()
	for p.tok.kind == tOrOr {
		p.next()
		right := p.parseAnd()
		left = &syntax.Binary{Pos: start, Op: syntax.OpOr, Left: left, Right: right}
	}
	return left
}

func (p *parser) parseAnd() syntax.Expr {
	start := p.startPos()
	left := p.parseRelation()
	for p.tok.kind == tAndAnd {
		p.next()
		right := p.parseRelation()
		left = &syntax.Binary{Pos: start, Op: syntax.OpAnd, Left: left, Right: right}
	}
	return left
}

// isRelOp reports whether t is a relational operator (including the
// invalid `=`, so that it gets its own error).
func isRelOp(t token) bool {
	switch t.kind {
	case tEqEq, tNotEq, tLess, tLessEq, tGreater, tGreaterEq, tEq:
		return true
	case tIdent:
		return t.text == "in"
	}
	return false
}

func (p *parser) parseRelation() syntax.Expr {
	start := p.startPos()
	left := p.parseAdd()
	switch {
	case p.isKeyword("has"):
		return p.parseHas(start, left)
	case p.isKeyword("like"):
		p.next()
		t := p.tok
		if t.kind != tString || isMemberContinuation(p.peek(1)) {
			p.fail(p.pos(t), KindInvalidPattern, "the right-hand side of `like` must be a string literal pattern, found %s", describe(t))
		}
		p.next()
		return &syntax.Like{Pos: start, Left: left, Pattern: p.pattern(t)}
	case p.isKeyword("is"):
		p.next()
		typ := p.parseIsType()
		is := &syntax.Is{Pos: start, Left: left, Type: typ}
		if !p.isKeyword("in") {
			return is
		}
		p.next()
		in := p.parseAdd()
		return &syntax.Binary{Pos: start, Op: syntax.OpAnd, Form: syntax.FormIsIn,
			Left:  is,
			Right: &syntax.Binary{Pos: start, Op: syntax.OpIn, Left: left, Right: in}}
	}
	if !isRelOp(p.tok) {
		return left
	}
	op := p.tok
	if op.kind == tEq {
		p.fail(p.pos(op), KindInvalidSingleEq, "`=` is not an operator in Cedar: use `==`")
	}
	p.next()
	right := p.parseAdd()
	if isRelOp(p.tok) {
		p.fail(p.pos(p.tok), KindAmbiguousOperators,
			"relational operators (==, <, in, ...) do not chain: use parentheses to make the order explicit")
	}
	bin := func(o syntax.BinaryOp, a, b syntax.Expr) *syntax.Binary {
		return &syntax.Binary{Pos: start, Op: o, Left: a, Right: b}
	}
	not := func(f syntax.Form, a syntax.Expr) *syntax.Unary {
		return &syntax.Unary{Pos: start, Op: syntax.OpNot, Arg: a, Form: f}
	}
	switch op.kind {
	case tEqEq:
		return bin(syntax.OpEq, left, right)
	case tNotEq:
		return not(syntax.FormNotEq, bin(syntax.OpEq, left, right))
	case tLess:
		return bin(syntax.OpLess, left, right)
	case tLessEq:
		return bin(syntax.OpLessEq, left, right)
	case tGreater:
		return not(syntax.FormGreater, bin(syntax.OpLessEq, left, right))
	case tGreaterEq:
		return not(syntax.FormGreaterEq, bin(syntax.OpLess, left, right))
	default: // in
		return bin(syntax.OpIn, left, right)
	}
}

// isMemberContinuation reports whether t would continue a member
// expression or an arithmetic one, which the right-hand sides of `has`
// and `like` do not allow.
func isMemberContinuation(t token) bool {
	switch t.kind {
	case tDot, tLBrack, tLParen, tColon2, tPlus, tMinus, tStar, tSlash, tPercent:
		return true
	}
	return false
}

// parseHas parses the right-hand side of `has`: a string literal, or one
// or more identifiers separated by dots. `e has a.b.c` desugars to
// `((e has a) && (e.a has b)) && (e.a.b has c)`.
func (p *parser) parseHas(start syntax.Pos, left syntax.Expr) syntax.Expr {
	p.next() // has
	t := p.tok
	switch t.kind {
	case tString:
		if isMemberContinuation(p.peek(1)) {
			p.fail(p.pos(p.peek(1)), KindInvalidHasRHS, "the right-hand side of `has` is a string literal or a path of identifiers, not an expression")
		}
		p.next()
		return &syntax.Has{Pos: start, Left: left, Attr: p.str(t)}
	case tIdent:
	default:
		p.fail(p.pos(t), KindInvalidHasRHS, "the right-hand side of `has` must be an attribute name or string literal, found %s", describe(t))
	}
	attrs := []string{p.attrIdent()}
	for p.tok.kind == tDot {
		p.next()
		attrs = append(attrs, p.attrIdent())
	}
	if p.tok.kind == tColon2 {
		p.fail(p.pos(t), KindPathAsAttribute, "`has` takes an attribute name, not a path with `::`")
	}
	if isMemberContinuation(p.tok) {
		p.fail(p.pos(p.tok), KindInvalidHasRHS, "the right-hand side of `has` is a string literal or a path of identifiers, not an expression")
	}
	var result syntax.Expr = &syntax.Has{Pos: start, Left: left, Attr: attrs[0]}
	form := syntax.FormPlain
	if len(attrs) > 1 {
		form = syntax.FormHasPath
	}
	prefix := left
	for i := 1; i < len(attrs); i++ {
		prefix = &syntax.GetAttr{Pos: start, Left: prefix, Attr: attrs[i-1]}
		result = &syntax.Binary{Pos: start, Op: syntax.OpAnd, Form: form,
			Left: result, Right: &syntax.Has{Pos: start, Left: prefix, Attr: attrs[i]}}
	}
	return result
}

// attrIdent consumes an identifier used as an attribute name, which may
// not be a reserved word.
func (p *parser) attrIdent() string {
	t := p.tok
	if t.kind != tIdent {
		p.unexpected("an attribute name")
	}
	p.checkUnreserved(t)
	p.next()
	return t.text
}

// checkReserved fails if the identifier token t is a reserved word.
func (p *parser) checkReserved(t token) {
	if syntax.ReservedWords[t.text] {
		p.fail(p.pos(t), KindReservedIdentifier, "`%s` is a reserved word and cannot be used as an identifier here", t.text)
	}
}

// checkUnreserved fails unless the identifier token t can be an
// attribute, record key or method name: not a reserved word and not
// `__cedar`.
func (p *parser) checkUnreserved(t token) {
	p.checkReserved(t)
	if t.text == "__cedar" {
		p.fail(p.pos(t), KindReservedNamespace, "`__cedar` is reserved and cannot be used as an identifier")
	}
}

// parseIsType parses the entity type after `is`.
func (p *parser) parseIsType() syntax.EntityType {
	if p.tok.kind != tIdent {
		p.fail(p.pos(p.tok), KindInvalidIsType, "the right-hand side of `is` must be an entity type name, found %s", describe(p.tok))
	}
	start := p.tok
	path := p.parsePath()
	if p.tok.kind == tColon2 {
		p.fail(p.pos(start), KindInvalidIsType, "the right-hand side of `is` must be an entity type name, not an entity")
	}
	return p.entityType(start, path)
}

// parsePath parses IDENT {'::' IDENT}, stopping before a `::` that is not
// followed by an identifier. Reserved words are checked by the caller.
// The result lives in a scratch buffer that the next parsePath reuses, so
// callers use it before parsing further.
func (p *parser) parsePath() []token {
	path := append(p.pathBuf[:0], p.tok)
	p.next()
	for p.tok.kind == tColon2 && p.peek(1).kind == tIdent {
		p.next()
		path = append(path, p.tok)
		p.next()
	}
	return path
}

// entityType checks a path as an entity type or other name: no reserved
// words and no `__cedar` component.
func (p *parser) entityType(start token, path []token) syntax.EntityType {
	n := 0
	for _, t := range path {
		p.checkReserved(t)
		if t.text == "__cedar" {
			p.fail(p.pos(t), KindReservedNamespace, "`__cedar` is reserved and cannot appear in a name")
		}
		n += len(t.text) + 2
	}
	if len(path) == 1 {
		return syntax.EntityType(path[0].text)
	}
	b := make([]byte, 0, n)
	for i, t := range path {
		if i > 0 {
			b = append(b, ':', ':')
		}
		b = append(b, t.text...)
	}
	return syntax.EntityType(b)
}

func (p *parser) parseAdd() syntax.Expr {
	start := p.startPos()
	left := p.parseMult()
	for p.tok.kind == tPlus || p.tok.kind == tMinus {
		op := syntax.OpAdd
		if p.tok.kind == tMinus {
			op = syntax.OpSub
		}
		p.next()
		right := p.parseMult()
		left = &syntax.Binary{Pos: start, Op: op, Left: left, Right: right}
	}
	return left
}

func (p *parser) parseMult() syntax.Expr {
	start := p.startPos()
	left := p.parseUnary()
	for {
		switch p.tok.kind {
		case tStar:
		case tSlash:
			p.fail(p.pos(p.tok), KindUnsupportedDivision, "division is not supported in Cedar")
		case tPercent:
			p.fail(p.pos(p.tok), KindUnsupportedModulo, "remainder (modulo) is not supported in Cedar")
		default:
			return left
		}
		p.next()
		right := p.parseUnary()
		left = &syntax.Binary{Pos: start, Op: syntax.OpMul, Left: left, Right: right}
	}
}

// parseUnary parses a run of 1 to 4 identical unary operators and its
// operand. A minus directly before an integer literal is folded into the
// literal, which is how -9223372036854775808 is written.
func (p *parser) parseUnary() syntax.Expr {
	kind := p.tok.kind
	if p.pending != nil || kind != tBang && kind != tMinus {
		return p.parseMember()
	}
	start := p.pos(p.tok)
	n := 0
	for p.tok.kind == kind {
		n++
		p.next()
	}
	if n > 4 {
		p.fail(start, KindUnaryOpLimit, "more than 4 `%s` in a row: use parentheses", tokNames[kind][1:2])
	}
	if p.tok.kind == tBang || p.tok.kind == tMinus {
		p.fail(p.pos(p.tok), KindUnexpectedToken, "`%s` cannot directly follow `%s`: use parentheses",
			tokNames[p.tok.kind][1:2], tokNames[kind][1:2])
	}
	var e syntax.Expr
	if kind == tMinus && p.tok.kind == tInt && !isAccess(p.peek(1)) {
		e = &syntax.Literal{Pos: p.pos(p.tok), Value: p.integer(p.tok, true)}
		p.next()
		n--
	} else {
		e = p.parseMember()
	}
	op := syntax.OpNot
	if kind == tMinus {
		op = syntax.OpNeg
	}
	for ; n > 0; n-- {
		e = &syntax.Unary{Pos: start, Op: op, Arg: e}
	}
	return e
}

// isAccess reports whether t starts a member access or call.
func isAccess(t token) bool {
	return t.kind == tDot || t.kind == tLBrack || t.kind == tLParen
}
