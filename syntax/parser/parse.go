package parser

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ParseFile parses a policy file: a sequence of policies. It returns the
// policy set, with ids policy0, policy1, ... in source order, together with
// the comments and spans the formatter needs. On error it returns a
// syntax.ErrorList of up to 10 errors (the parser skips to the next `;`
// after an error in a policy) and a nil File.
func ParseFile(filename string, src []byte, opts ...Option) (*File, error) {
	p := newParser(filename, src, opts)
	f := &File{PolicySet: &syntax.PolicySet{}}
	p.parseFile(f)
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	f.Comments = p.lx.comments
	return f, nil
}

// ParsePolicySet parses a text policy set. Policies get the ids policy0,
// policy1, ... in source order.
func ParsePolicySet(filename string, src []byte, opts ...Option) (*syntax.PolicySet, error) {
	f, err := ParseFile(filename, src, opts...)
	if err != nil {
		return nil, err
	}
	return f.PolicySet, nil
}

// ParsePolicy parses exactly one policy or template, whose id is policy0.
func ParsePolicy(filename string, src []byte, opts ...Option) (*syntax.Policy, error) {
	f, err := ParseFile(filename, src, opts...)
	if err != nil {
		return nil, err
	}
	if n := len(f.PolicySet.Policies); n != 1 {
		pos := syntax.Pos{Filename: filename, Line: 1, Column: 1}
		if n > 1 {
			pos = f.PolicySet.Policies[1].Pos
		}
		return nil, syntax.ErrorList{{Pos: pos, Kind: KindExpectedOnePolicy,
			Msg: "expected exactly one policy, found " + itoa(n)}}
	}
	return f.PolicySet.Policies[0], nil
}

// ParseExpr parses a single expression, which must make up the whole
// input. Template slots are allowed.
func ParseExpr(filename string, src []byte, opts ...Option) (syntax.Expr, error) {
	p := newParser(filename, src, opts)
	var e syntax.Expr
	p.guard(func() {
		p.checkToken()
		e = p.parseExpr()
		if p.tok.kind != tEOF {
			p.unexpected("end of expression")
		}
		p.checkNesting(e)
	})
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return e, nil
}

// ParseEntityUID parses an entity uid written as Cedar text, such as
// `User::"alice"` or `NS::Action::"view"`.
func ParseEntityUID(s string) (syntax.EntityUID, error) {
	p := newParser("", []byte(s), nil)
	var uid syntax.EntityUID
	p.guard(func() {
		p.checkToken()
		start := p.tok
		if start.kind != tIdent {
			p.unexpected("an entity type name")
		}
		path := p.parsePath()
		typ := p.entityType(start, path)
		p.expect(tColon2)
		if p.tok.kind != tString {
			p.unexpected("a string literal")
		}
		uid = syntax.EntityUID{Type: typ, ID: p.str(p.tok)}
		p.next()
		if p.tok.kind != tEOF {
			p.unexpected("end of input")
		}
	})
	if len(p.errs) > 0 {
		return syntax.EntityUID{}, p.errs
	}
	return uid, nil
}

// guard runs fn, turning a bailout into the error already recorded.
func (p *parser) guard(fn func()) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
		}
	}()
	fn()
}

// parseFile parses policies up to the end of input, resynchronizing after
// `;` when a policy has an error.
func (p *parser) parseFile(f *File) {
	for p.tok.kind != tEOF && len(p.errs) < maxErrors {
		startErrs := len(p.errs)
		var pol *syntax.Policy
		var span PolicySpan
		p.guard(func() { pol, span = p.parsePolicy() })
		if len(p.errs) > startErrs {
			p.skipPast(tSemi)
			continue
		}
		pol.ID = syntax.DefaultPolicyID(len(f.PolicySet.Policies))
		f.PolicySet.Policies = append(f.PolicySet.Policies, pol)
		f.Spans = append(f.Spans, span)
	}
}

// skipPast advances to just after the next token of kind k (or to EOF),
// without reporting lexical errors on the way.
func (p *parser) skipPast(k tokKind) {
	for p.tok.kind != tEOF {
		kind := p.tok.kind
		p.advance()
		if kind == k {
			break
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
