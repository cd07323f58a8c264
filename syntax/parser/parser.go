package parser

import (
	"fmt"
	"strconv"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// DefaultMaxDepth is the default limit on the nesting depth of a
// condition: syntax.MaxNesting, the limit every reader, the model and the
// engine share. See syntax.Nesting for how depth is counted.
const DefaultMaxDepth = syntax.MaxNesting

// maxErrors bounds the number of errors one parse reports.
const maxErrors = 10

// Option configures a parse.
type Option func(*config)

type config struct {
	maxDepth int
}

// MaxDepth sets the nesting limit (DefaultMaxDepth by default): a
// condition, or the expression of ParseExpr, whose syntax.Nesting is
// greater is rejected with a NestingTooDeep error. Values below 1 mean 1.
func MaxDepth(n int) Option {
	return func(c *config) { c.maxDepth = max(n, 1) }
}

// parser holds the state of one parse. Errors abort the current policy by
// panicking with bailout; the policy-set loop recovers, skips to the next
// `;` and goes on, so that one run reports the errors of several policies.
type parser struct {
	file     string
	lx       *lexer
	tok      token    // the current token
	ahead    [2]token // tokens lexed beyond tok, for peek
	nahead   int
	pathBuf  [4]token // scratch space for parsePath
	maxDepth int
	depth    int // recursion depth of parseExpr and parseParens (see enter)
	errs     syntax.ErrorList

	// pending is a primary expression already parsed, which parsePrimary
	// returns next instead of reading one; it starts at pendingPos. It is
	// how a parenthesized operand continues the expression around it
	// without recursion (see parseParens).
	pending    syntax.Expr
	pendingPos syntax.Pos

	// firstSlot is where the first template slot of the current
	// condition clause was seen (Line 0 if none).
	firstSlot syntax.Pos
	slotSeen  bool
}

// bailout is the panic value that unwinds a failed policy.
type bailout struct{}

func newParser(file string, src []byte, opts []Option) *parser {
	cfg := config{maxDepth: DefaultMaxDepth}
	for _, o := range opts {
		o(&cfg)
	}
	lx := newLexer(file, src)
	p := &parser{file: file, lx: lx, maxDepth: cfg.maxDepth}
	p.tok = lx.next()
	return p
}

// pos returns the position of token t.
func (p *parser) pos(t token) syntax.Pos {
	return syntax.Pos{Filename: p.file, Offset: t.off, Line: t.line, Column: t.col}
}

// fail records an error and abandons the current policy.
func (p *parser) fail(pos syntax.Pos, kind, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	p.errs = append(p.errs, &syntax.Error{Pos: pos, Kind: kind, Msg: msg})
	panic(bailout{})
}

// checkToken fails on a lexical error token.
func (p *parser) checkToken() {
	if p.tok.kind == tIllegal {
		p.fail(p.pos(p.tok), p.tok.bad, "%s", p.tok.text)
	}
}

// advance moves to the next token without checking it. Tokens are lexed
// on demand, so a parse keeps no token slice.
func (p *parser) advance() {
	if p.nahead > 0 {
		p.tok = p.ahead[0]
		p.ahead[0] = p.ahead[1]
		p.nahead--
		return
	}
	p.tok = p.lx.next()
}

// next advances to the next token, failing on a lexical error.
func (p *parser) next() {
	p.advance()
	p.checkToken()
}

// peek returns the token n places after the current one (1 <= n <= 2;
// EOF at the end).
func (p *parser) peek(n int) token {
	for p.nahead < n {
		p.ahead[p.nahead] = p.lx.next()
		p.nahead++
	}
	return p.ahead[n-1]
}

// describe names a token for error messages.
func describe(t token) string {
	switch t.kind {
	case tIdent:
		return "`" + t.text + "`"
	case tInt:
		return "integer `" + t.text + "`"
	case tString:
		return "string literal"
	case tSlot:
		return "`" + t.text + "`"
	}
	return t.kind.String()
}

// unexpected fails with "expected X, found Y".
func (p *parser) unexpected(expected string) {
	p.fail(p.pos(p.tok), KindUnexpectedToken, "expected %s, found %s", expected, describe(p.tok))
}

// expect consumes a token of kind k, or fails.
func (p *parser) expect(k tokKind) token {
	t := p.tok
	if t.kind != k {
		p.unexpected(k.String())
	}
	p.next()
	return t
}

// isKeyword reports whether the current token is the identifier kw.
func (p *parser) isKeyword(kw string) bool {
	return p.tok.kind == tIdent && p.tok.text == kw
}

// expectKeyword consumes the identifier kw, or fails.
func (p *parser) expectKeyword(kw string) {
	if !p.isKeyword(kw) {
		p.unexpected("`" + kw + "`")
	}
	p.next()
}

// str decodes the string literal token t.
func (p *parser) str(t token) string {
	s, _, err := unescape(t.text, false)
	if err != nil {
		p.fail(p.posInString(t, err.at), KindInvalidEscape, "%s", err.msg)
	}
	return s
}

// pattern decodes the string literal token t as a `like` pattern.
func (p *parser) pattern(t token) syntax.Pattern {
	_, pat, err := unescape(t.text, true)
	if err != nil {
		p.fail(p.posInString(t, err.at), KindInvalidEscape, "%s", err.msg)
	}
	return pat
}

// posInString returns the position of byte i of the contents of the
// string literal token t.
func (p *parser) posInString(t token, i int) syntax.Pos {
	pos := p.pos(t)
	pos.Offset = t.off + 1 + i
	pos.Column++
	for j := 0; j < i; j++ {
		if t.text[j] == '\n' {
			pos.Line++
			pos.Column = 1
		} else {
			pos.Column++
		}
	}
	return pos
}

// integer converts the digits of an integer token to its value, which
// must fit in an int64 unless negated (then it may be 2^63).
func (p *parser) integer(t token, negated bool) int64 {
	u, err := strconv.ParseUint(t.text, 10, 64)
	limit := uint64(1<<63 - 1)
	if negated {
		limit++
	}
	if err != nil || u > limit {
		p.fail(p.pos(t), KindIntegerLiteralTooLarge,
			"integer literal `%s` is too large: the largest is 9223372036854775807 (and -9223372036854775808 when written with a minus sign)", t.text)
	}
	if negated {
		return int64(-u) // two's complement; exact for 2^63
	}
	return int64(u)
}
