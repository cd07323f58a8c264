package parser

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// This file holds the nesting limit. The rule is syntax.Nesting's,
// checked on the tree of each condition once it is built (checkNesting).
// The parser also bounds its own recursion, so that hostile input such as
// a megabyte of `[` fails fast instead of exhausting the stack, with a
// bound chosen so that it never rejects a tree within the limit:
//
//   - Only parseExpr and parseParens recurse (sets, records, arguments,
//     the parts of an if-then-else and parenthesized operands); each
//     counts one level of recursion (enter).
//   - Every such level adds a level to the tree, except a parenthesized
//     expression that is the whole of its context, as in `[(x)]`. A run
//     of `(` is one level, and inside it an operand that is not first is
//     one tree level deeper; so between two levels of recursion that add
//     nothing there is always one that adds a tree level.
//   - Hence recursion depth d means a tree at least 1+(d-1)/2 deep, and
//     recursion deeper than 2*maxDepth+1 is already past the limit.
//
// Flat chains (`a || b || ...`, `a + b - ...`), else-if chains and runs of
// parentheses are read in loops, so they cost no recursion.

// enter counts one level of recursion, failing when the tree being read is
// sure to be nested deeper than the limit.
func (p *parser) enter() {
	p.depth++
	if p.depth > 2*p.maxDepth+1 {
		p.tooDeep(p.pos(p.tok))
	}
}

func (p *parser) tooDeep(pos syntax.Pos) {
	p.fail(pos, KindNestingTooDeep, "expression nested more than %d levels deep (parentheses, sets, records, calls, operators and if-then-else; flat chains of one operator and else-if chains count as one level)", p.maxDepth)
}

// checkNesting fails if e is nested deeper than the limit, at the
// sub-expression where the limit is passed.
func (p *parser) checkNesting(e syntax.Expr) {
	if at := syntax.TooDeep(e, p.maxDepth); at != nil {
		p.tooDeep(at.Position())
	}
}

// parenPos is the position of one `(` of a run; smaller than syntax.Pos,
// since a run can be as long as the input.
type parenPos struct{ off, line, col int }

// parseParens parses a run of opening parentheses and what they enclose,
// with one level of recursion for the whole run. Parentheses add no node
// to the tree, and other printers write left-nested chains as
// `((a || b) || c) || d`, so a run may be long: after each `)` but the
// last, the parenthesized expression becomes the pending first primary of
// the expression the next `(` of the run opened, which is then parsed on
// in the same loop.
func (p *parser) parseParens() syntax.Expr {
	var run []parenPos
	for p.tok.kind == tLParen {
		run = append(run, parenPos{p.tok.off, p.tok.line, p.tok.col})
		p.next()
	}
	p.enter()
	e := p.parseExprBody()
	p.expect(tRParen)
	for i := len(run) - 1; i > 0; i-- {
		// The expression run[i] enclosed, now closed, is the first
		// operand of the one run[i-1] opened, which starts at run[i].
		p.pending = e
		p.pendingPos = syntax.Pos{Filename: p.file, Offset: run[i].off, Line: run[i].line, Column: run[i].col}
		e = p.parseOr()
		p.expect(tRParen)
	}
	p.depth--
	return e
}
