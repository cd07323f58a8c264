package printer

import (
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// Precedence levels of the Cedar grammar, loosest first. An expression of
// level l can stand where level m is needed when l >= m; otherwise it is
// parenthesized.
const (
	precIf      = iota // if-then-else: only at the top of an Expr
	precOr             // ||
	precAnd            // &&
	precRel            // == != < <= > >= in has like is
	precAdd            // + -
	precMul            // *
	precUnary          // ! - and negative literals
	precMember         // .attr ["attr"] .method()
	precPrimary        // literals, variables, calls, (...), [...], {...}
)

// maxUnaryRun is the longest run of one unary operator Cedar accepts.
const maxUnaryRun = 4

// Expr returns e as Cedar text.
func Expr(e syntax.Expr) string {
	var w writer
	w.expr(e, precIf)
	return w.String()
}

// writer accumulates Cedar text.
type writer struct{ strings.Builder }

// expr writes e, parenthesized if its level is below min.
func (w *writer) expr(e syntax.Expr, min int) {
	if level(e) < min {
		w.WriteByte('(')
		w.exprBare(e)
		w.WriteByte(')')
		return
	}
	w.exprBare(e)
}

// level returns the precedence level of e as it will be printed.
func level(e syntax.Expr) int {
	switch e := e.(type) {
	case *syntax.If:
		return precIf
	case *syntax.Binary:
		switch e.Op {
		case syntax.OpOr:
			return precOr
		case syntax.OpAnd:
			if isInShape(e) || hasPathShape(e) {
				return precRel
			}
			return precAnd
		case syntax.OpEq, syntax.OpLess, syntax.OpLessEq, syntax.OpIn:
			return precRel
		case syntax.OpAdd, syntax.OpSub:
			return precAdd
		case syntax.OpMul:
			return precMul
		}
		return precMember
	case *syntax.Unary:
		switch e.Op {
		case syntax.OpIsEmpty:
			return precMember
		case syntax.OpNot:
			if relationForm(e) != "" {
				return precRel
			}
		}
		return precUnary
	case *syntax.Has, *syntax.Like, *syntax.Is:
		return precRel
	case *syntax.GetAttr:
		return precMember
	case *syntax.Call:
		if parser.IsExtensionMethod(e.Name) && len(e.Args) > 0 && !parser.IsExtensionFunction(e.Name) {
			return precMember
		}
		return precPrimary
	case *syntax.Literal:
		if isNegativeInt(e) {
			return precUnary
		}
	}
	return precPrimary
}

func isNegativeInt(e syntax.Expr) bool {
	lit, ok := e.(*syntax.Literal)
	if !ok {
		return false
	}
	i, ok := lit.Value.(int64)
	return ok && i < 0
}

func isNonNegativeInt(e syntax.Expr) bool {
	lit, ok := e.(*syntax.Literal)
	if !ok {
		return false
	}
	i, ok := lit.Value.(int64)
	return ok && i >= 0
}

// relationForm returns the operator a Not node is printed as (`!=`, `>`,
// `>=`) when its Form says so and its argument has the matching shape,
// and "" otherwise.
func relationForm(e *syntax.Unary) string {
	b, ok := e.Arg.(*syntax.Binary)
	if !ok || e.Op != syntax.OpNot {
		return ""
	}
	switch {
	case e.Form == syntax.FormNotEq && b.Op == syntax.OpEq:
		return "!="
	case e.Form == syntax.FormGreater && b.Op == syntax.OpLessEq:
		return ">"
	case e.Form == syntax.FormGreaterEq && b.Op == syntax.OpLess:
		return ">="
	}
	return ""
}

// isInShape reports whether e is `x is T in y`: an And marked FormIsIn of
// (x is T) and (x in y) with the same x.
func isInShape(e *syntax.Binary) bool {
	if e.Op != syntax.OpAnd || e.Form != syntax.FormIsIn {
		return false
	}
	is, ok := e.Left.(*syntax.Is)
	if !ok {
		return false
	}
	in, ok := e.Right.(*syntax.Binary)
	return ok && in.Op == syntax.OpIn && in.Form == syntax.FormPlain && Equal(is.Left, in.Left)
}

// hasPath returns the base and attribute path of `base has a.b.c`: a Has,
// or an And marked FormHasPath whose left side is such a path and whose
// right side is `base.a.b has c`.
func hasPath(e syntax.Expr) (base syntax.Expr, attrs []string, ok bool) {
	base, attrs, _, ok = hasPathPrefix(e)
	return base, attrs, ok
}

// hasPathPrefix is hasPath that also returns the left side of the last
// Has (base.a.b for base has a.b.c), so that each level is checked
// against the previous one in constant time when nodes are shared.
func hasPathPrefix(e syntax.Expr) (base syntax.Expr, attrs []string, prefix syntax.Expr, ok bool) {
	switch e := e.(type) {
	case *syntax.Has:
		return e.Left, []string{e.Attr}, e.Left, true
	case *syntax.Binary:
		if e.Op != syntax.OpAnd || e.Form != syntax.FormHasPath {
			return nil, nil, nil, false
		}
		base, attrs, prefix, ok := hasPathPrefix(e.Left)
		if !ok {
			return nil, nil, nil, false
		}
		right, ok := e.Right.(*syntax.Has)
		if !ok {
			return nil, nil, nil, false
		}
		// right.Left must be prefix.attrs[last].
		g, ok := right.Left.(*syntax.GetAttr)
		if !ok || g.Attr != attrs[len(attrs)-1] || !Equal(g.Left, prefix) {
			return nil, nil, nil, false
		}
		return base, append(attrs, right.Attr), g, true
	}
	return nil, nil, nil, false
}

// hasPathShape reports whether e prints as `base has a.b...` with at
// least two identifiers.
func hasPathShape(e *syntax.Binary) bool {
	if e.Form != syntax.FormHasPath {
		return false
	}
	_, attrs, ok := hasPath(e)
	if !ok {
		return false
	}
	for _, a := range attrs {
		if !isAttrIdent(a) {
			return false
		}
	}
	return true
}

// isAttrIdent reports whether s can be written as a bare attribute name:
// an identifier that is neither a reserved word nor `__cedar`.
func isAttrIdent(s string) bool {
	return syntax.IsIdent(s) && !syntax.ReservedWords[s] && s != "__cedar"
}

func (w *writer) exprBare(e syntax.Expr) {
	switch e := e.(type) {
	case *syntax.Literal:
		w.literal(e.Value)
	case *syntax.Variable:
		w.WriteString(e.Var.String())
	case *syntax.Slot:
		w.WriteString(string(e.ID))
	case *syntax.If:
		// An else-if chain is written in a loop: it may be as long as
		// the input.
		for {
			w.WriteString("if ")
			w.expr(e.Cond, precIf)
			w.WriteString(" then ")
			w.expr(e.Then, precIf)
			w.WriteString(" else ")
			next, ok := e.Else.(*syntax.If)
			if !ok {
				w.expr(e.Else, precIf)
				break
			}
			e = next
		}
	case *syntax.Unary:
		w.unary(e)
	case *syntax.Binary:
		w.binary(e)
	case *syntax.GetAttr:
		w.expr(e.Left, precMember)
		if isAttrIdent(e.Attr) {
			w.WriteByte('.')
			w.WriteString(e.Attr)
		} else {
			w.WriteByte('[')
			w.WriteString(syntax.Quote(e.Attr))
			w.WriteByte(']')
		}
	case *syntax.Has:
		w.expr(e.Left, precAdd)
		w.WriteString(" has ")
		w.attrName(e.Attr)
	case *syntax.Like:
		w.expr(e.Left, precAdd)
		w.WriteString(" like ")
		w.pattern(e.Pattern)
	case *syntax.Is:
		w.expr(e.Left, precAdd)
		w.WriteString(" is ")
		w.WriteString(string(e.Type))
	case *syntax.SetExpr:
		w.WriteByte('[')
		w.list(e.Elems)
		w.WriteByte(']')
	case *syntax.RecordExpr:
		w.WriteByte('{')
		for i, f := range e.Fields {
			if i > 0 {
				w.WriteString(", ")
			}
			w.attrName(f.Key)
			w.WriteString(": ")
			w.expr(f.Value, precIf)
		}
		w.WriteByte('}')
	case *syntax.Call:
		if level(e) == precMember {
			w.expr(e.Args[0], precMember)
			w.WriteByte('.')
			w.WriteString(e.Name)
			w.WriteByte('(')
			w.list(e.Args[1:])
			w.WriteByte(')')
			return
		}
		w.WriteString(e.Name)
		w.WriteByte('(')
		w.list(e.Args)
		w.WriteByte(')')
	default:
		w.WriteString("<nil>")
	}
}

// attrName writes an attribute name as an identifier if it can be one,
// and as a string literal otherwise.
func (w *writer) attrName(s string) {
	if isAttrIdent(s) {
		w.WriteString(s)
	} else {
		w.WriteString(syntax.Quote(s))
	}
}

func (w *writer) list(es []syntax.Expr) {
	for i, x := range es {
		if i > 0 {
			w.WriteString(", ")
		}
		w.expr(x, precIf)
	}
}

func (w *writer) literal(v syntax.LiteralValue) {
	switch v := v.(type) {
	case bool:
		w.WriteString(strconv.FormatBool(v))
	case int64:
		w.WriteString(strconv.FormatInt(v, 10))
	case string:
		w.WriteString(syntax.Quote(v))
	case syntax.EntityUID:
		w.WriteString(string(v.Type))
		w.WriteString("::")
		w.WriteString(syntax.Quote(v.ID))
	default:
		w.WriteString("<invalid literal>")
	}
}

// pattern writes a `like` pattern: wildcards as `*`, a literal star as
// `\*`, and other characters escaped as in strings.
func (w *writer) pattern(p syntax.Pattern) {
	w.WriteByte('"')
	var buf [4]byte
	for _, el := range p {
		switch {
		case el.Wildcard:
			w.WriteByte('*')
		case el.Char == '*':
			w.WriteString(`\*`)
		default:
			n := encodeRune(buf[:], el.Char)
			q := syntax.Quote(string(buf[:n]))
			w.WriteString(q[1 : len(q)-1])
		}
	}
	w.WriteByte('"')
}

// unary writes a run of identical unary operators (at most four, as Cedar
// allows) and the operand.
func (w *writer) unary(e *syntax.Unary) {
	if e.Op == syntax.OpIsEmpty {
		w.expr(e.Arg, precMember)
		w.WriteString(".isEmpty()")
		return
	}
	if op := relationForm(e); op != "" {
		b := e.Arg.(*syntax.Binary)
		w.expr(b.Left, precAdd)
		w.WriteString(" " + op + " ")
		w.expr(b.Right, precAdd)
		return
	}
	sign := byte('!')
	if e.Op == syntax.OpNeg {
		sign = '-'
	}
	n := 1
	inner := e.Arg
	for n < maxUnaryRun {
		u, ok := inner.(*syntax.Unary)
		if !ok || u.Op != e.Op || relationForm(u) != "" {
			break
		}
		n++
		inner = u.Arg
	}
	for range n {
		w.WriteByte(sign)
	}
	if e.Op == syntax.OpNeg {
		switch {
		case isNonNegativeInt(inner):
			// -5 would be read as the literal -5, not as -(5).
			w.WriteByte('(')
			w.exprBare(inner)
			w.WriteByte(')')
			return
		case isNegativeInt(inner) && n < maxUnaryRun:
			// The literal's own minus joins the run: --5 is -(-5).
			w.exprBare(inner)
			return
		}
	}
	w.expr(inner, precMember)
}

func (w *writer) binary(e *syntax.Binary) {
	switch e.Op {
	case syntax.OpOr:
		w.chain(e, precOr, precAnd)
	case syntax.OpAnd:
		if isInShape(e) {
			is := e.Left.(*syntax.Is)
			w.expr(is.Left, precAdd)
			w.WriteString(" is ")
			w.WriteString(string(is.Type))
			w.WriteString(" in ")
			w.expr(e.Right.(*syntax.Binary).Right, precAdd)
			return
		}
		if hasPathShape(e) {
			base, attrs, _ := hasPath(e)
			w.expr(base, precAdd)
			w.WriteString(" has ")
			w.WriteString(strings.Join(attrs, "."))
			return
		}
		w.chain(e, precAnd, precRel)
	case syntax.OpEq, syntax.OpLess, syntax.OpLessEq, syntax.OpIn:
		w.expr(e.Left, precAdd)
		w.WriteString(infixOps[e.Op])
		w.expr(e.Right, precAdd)
	case syntax.OpAdd, syntax.OpSub:
		w.chain(e, precAdd, precMul)
	case syntax.OpMul:
		w.chain(e, precMul, precUnary)
	default: // methods
		w.expr(e.Left, precMember)
		w.WriteByte('.')
		w.WriteString(e.Op.String())
		w.WriteByte('(')
		w.expr(e.Right, precIf)
		w.WriteByte(')')
	}
}

// infixOps are the operators written between their operands.
var infixOps = map[syntax.BinaryOp]string{
	syntax.OpOr: " || ", syntax.OpAnd: " && ", syntax.OpEq: " == ", syntax.OpLess: " < ",
	syntax.OpLessEq: " <= ", syntax.OpIn: " in ", syntax.OpAdd: " + ", syntax.OpSub: " - ", syntax.OpMul: " * ",
}

// chain writes e, an operator of precedence prec whose right operand
// needs precedence right, together with the operators of the same
// precedence down its left spine (a || b || c, a + b - c): in a loop,
// since such chains may be as long as the input.
func (w *writer) chain(e *syntax.Binary, prec, right int) {
	spine := chainSpine(e, prec)
	w.expr(spine[len(spine)-1].Left, prec)
	for i := len(spine) - 1; i >= 0; i-- {
		w.WriteString(infixOps[spine[i].Op])
		w.expr(spine[i].Right, right)
	}
}

// chainSpine returns e and the Binary nodes down its left spine that
// print at precedence prec without parentheses, top first.
func chainSpine(e *syntax.Binary, prec int) []*syntax.Binary {
	spine := []*syntax.Binary{e}
	for {
		l, ok := spine[len(spine)-1].Left.(*syntax.Binary)
		if !ok || level(l) != prec || infixOps[l.Op] == "" {
			return spine
		}
		spine = append(spine, l)
	}
}
