package spelling

import (
	"strconv"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// chooseUnary writes !, - and isEmpty, with `!=`, `>` and `>=` for a
// negated comparison whatever its Form says (the tree is the same).
func (w *speller) chooseUnary(e *syntax.Unary) form {
	if e.Op == syntax.OpIsEmpty {
		return form{precMember, func() {
			w.expr(e.Arg, precMember)
			w.punct(".")
			w.word("isEmpty")
			w.punct("(")
			w.punct(")")
		}}
	}
	if e.Op == syntax.OpNot {
		if b, ok := e.Arg.(*syntax.Binary); ok && b.Form == syntax.FormPlain {
			op := map[syntax.BinaryOp]string{syntax.OpEq: "!=", syntax.OpLessEq: ">", syntax.OpLess: ">="}[b.Op]
			// Sugar for the sugared, sometimes for the plain form too,
			// and sometimes the plain form for the sugared.
			if op != "" && (e.Form != syntax.FormPlain) != w.chance(4) {
				return form{precRel, func() {
					w.expr(b.Left, precAdd)
					w.punct(op)
					w.expr(b.Right, precAdd)
				}}
			}
		}
	}
	return form{precUnary, func() { w.unaryRun(e) }}
}

// unaryRun writes a run of up to four identical unary operators and the
// operand. A minus directly before digits would fold into a literal, so a
// negated non-negative literal is parenthesized, and a negative literal
// may take the run's place as its last minus.
func (w *speller) unaryRun(e *syntax.Unary) {
	sign := "!"
	if e.Op == syntax.OpNeg {
		sign = "-"
	}
	n := 1
	inner := e.Arg
	limit := 1 + w.r.Intn(maxUnaryRun)
	for n < limit {
		u, ok := inner.(*syntax.Unary)
		if !ok || u.Op != e.Op {
			break
		}
		n++
		inner = u.Arg
	}
	for range n {
		w.punct(sign)
	}
	if e.Op == syntax.OpNeg {
		if lit, ok := inner.(*syntax.Literal); ok {
			if i, ok := lit.Value.(int64); ok {
				if i >= 0 {
					w.punct("(")
					w.digits(strconv.FormatInt(i, 10))
					w.punct(")")
					return
				}
				if n < maxUnaryRun && !w.chance(3) {
					w.negativeInt(i)
					return
				}
			}
		}
	}
	w.expr(inner, precMember)
}

// chooseBinary writes infix operators and methods, with `x is T in y`
// and `e has a.b` wherever the tree has their shape.
func (w *speller) chooseBinary(e *syntax.Binary) form {
	switch e.Op {
	case syntax.OpOr:
		return w.infix(e, "||", precOr, precOr, precAnd)
	case syntax.OpAnd:
		if is, in, ok := isInShape(e); ok && (e.Form == syntax.FormIsIn) != w.chance(4) {
			return form{precRel, func() {
				w.expr(is.Left, precAdd)
				w.word("is")
				w.path(string(is.Type))
				w.word("in")
				w.expr(in.Right, precAdd)
			}}
		}
		if base, attrs, ok := hasPath(e); ok && len(attrs) > 1 && (e.Form == syntax.FormHasPath) != w.chance(4) {
			return form{precRel, func() {
				w.expr(base, precAdd)
				w.word("has")
				for i, a := range attrs {
					if i > 0 {
						w.punct(".")
					}
					w.word(a)
				}
			}}
		}
		return w.infix(e, "&&", precAnd, precAnd, precRel)
	case syntax.OpEq:
		return w.infix(e, "==", precRel, precAdd, precAdd)
	case syntax.OpLess:
		return w.infix(e, "<", precRel, precAdd, precAdd)
	case syntax.OpLessEq:
		return w.infix(e, "<=", precRel, precAdd, precAdd)
	case syntax.OpIn:
		return form{precRel, func() {
			w.expr(e.Left, precAdd)
			w.word("in")
			w.expr(e.Right, precAdd)
		}}
	case syntax.OpAdd:
		return w.infix(e, "+", precAdd, precAdd, precMul)
	case syntax.OpSub:
		return w.infix(e, "-", precAdd, precAdd, precMul)
	case syntax.OpMul:
		return w.infix(e, "*", precMul, precMul, precUnary)
	}
	return form{precMember, func() {
		w.expr(e.Left, precMember)
		w.punct(".")
		w.word(e.Op.String())
		w.punct("(")
		w.expr(e.Right, precIf)
		w.punct(")")
	}}
}

func (w *speller) infix(e *syntax.Binary, op string, level, left, right int) form {
	return form{level, func() {
		w.expr(e.Left, left)
		w.punct(op)
		w.expr(e.Right, right)
	}}
}

// isInShape matches (x is T) && (x in y), one x on both sides.
func isInShape(e *syntax.Binary) (*syntax.Is, *syntax.Binary, bool) {
	is, ok := e.Left.(*syntax.Is)
	if !ok {
		return nil, nil, false
	}
	in, ok := e.Right.(*syntax.Binary)
	if !ok || in.Op != syntax.OpIn || !sameTree(is.Left, in.Left) {
		return nil, nil, false
	}
	return is, in, true
}

// hasPath matches e has a.b.c, desugared as
// ((e has a) && (e.a has b)) && (e.a.b has c), with identifiers only.
func hasPath(e syntax.Expr) (base syntax.Expr, attrs []string, ok bool) {
	switch e := e.(type) {
	case *syntax.Has:
		if !isAttrIdent(e.Attr) {
			return nil, nil, false
		}
		return e.Left, []string{e.Attr}, true
	case *syntax.Binary:
		if e.Op != syntax.OpAnd {
			return nil, nil, false
		}
		base, attrs, ok := hasPath(e.Left)
		if !ok {
			return nil, nil, false
		}
		right, ok := e.Right.(*syntax.Has)
		if !ok || !isAttrIdent(right.Attr) {
			return nil, nil, false
		}
		var prefix syntax.Expr = base
		for _, a := range attrs {
			prefix = &syntax.GetAttr{Left: prefix, Attr: a}
		}
		if !sameTree(right.Left, prefix) {
			return nil, nil, false
		}
		return base, append(attrs, right.Attr), true
	}
	return nil, nil, false
}
