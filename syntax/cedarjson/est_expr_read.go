package cedarjson

import (
	"fmt"
	"strconv"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// UnmarshalExpr reads one expression in policy JSON.
func UnmarshalExpr(filename string, src []byte) (syntax.Expr, error) {
	d := &decoder{filename: filename, src: src}
	n, err := d.parsePolicyJSON()
	if err != nil {
		return nil, err
	}
	e, err := d.expr(n, nil)
	if err != nil {
		return nil, err
	}
	if err := d.checkNesting(e, nil); err != nil {
		return nil, err
	}
	return e, nil
}

// checkNesting rejects an expression nested deeper than syntax.MaxNesting,
// as the text parser does, at the sub-expression where the limit is
// passed; p is the path of the expression.
func (d *decoder) checkNesting(e syntax.Expr, p *path) error {
	at := syntax.TooDeep(e, syntax.MaxNesting)
	if at == nil {
		return nil
	}
	return &syntax.Error{Pos: at.Position(), Kind: KindTooDeep, Msg: fmt.Sprintf(
		"%s: expression nested more than %d levels deep (as syntax.Nesting counts: chains of one operator and else-if chains are one level)", p, syntax.MaxNesting)}
}

// binaryOps maps the policy-JSON keys of the core binary operators.
var binaryOps = map[string]syntax.BinaryOp{
	"==": syntax.OpEq, "<": syntax.OpLess, "<=": syntax.OpLessEq, "in": syntax.OpIn,
	"&&": syntax.OpAnd, "||": syntax.OpOr, "+": syntax.OpAdd, "-": syntax.OpSub, "*": syntax.OpMul,
	"contains": syntax.OpContains, "containsAll": syntax.OpContainsAll, "containsAny": syntax.OpContainsAny,
	"getTag": syntax.OpGetTag, "hasTag": syntax.OpHasTag,
}

// sugaredComparisons maps the keys Cedar desugars into a negation: the
// operator under the Not and the Form that remembers the sugar.
var sugaredComparisons = map[string]struct {
	op   syntax.BinaryOp
	form syntax.Form
}{
	"!=": {syntax.OpEq, syntax.FormNotEq},
	">":  {syntax.OpLessEq, syntax.FormGreater},
	">=": {syntax.OpLess, syntax.FormGreaterEq},
}

var unaryOps = map[string]syntax.UnaryOp{"!": syntax.OpNot, "neg": syntax.OpNeg, "isEmpty": syntax.OpIsEmpty}

// expr reads an expression: an object with exactly one key naming the
// operator or the extension function (whose value is then the array of
// arguments, the receiver first for a method). As in Cedar, a name that
// is neither is an error here, not at evaluation.
func (d *decoder) expr(n *node, p *path) (syntax.Expr, error) {
	if err := d.expect(n, p, objectNode, "an expression"); err != nil {
		return nil, err
	}
	if len(n.members) != 1 {
		return nil, d.errorf(n, p, KindWrongShape, "an expression is an object with exactly one key, found %d keys", len(n.members))
	}
	key, v := n.members[0].key, n.members[0].value
	ip := p.field(key)
	pos := d.pos(n.off)

	if chainFamily(key) != 0 {
		return d.chain(n, p)
	}
	if op, ok := binaryOps[key]; ok {
		l, r, err := d.leftRight(v, ip, key)
		if err != nil {
			return nil, err
		}
		return &syntax.Binary{Pos: pos, Op: op, Left: l, Right: r}, nil
	}
	if s, ok := sugaredComparisons[key]; ok {
		l, r, err := d.leftRight(v, ip, key)
		if err != nil {
			return nil, err
		}
		return &syntax.Unary{Pos: pos, Op: syntax.OpNot, Form: s.form,
			Arg: &syntax.Binary{Pos: pos, Op: s.op, Left: l, Right: r}}, nil
	}
	if op, ok := unaryOps[key]; ok {
		if err := d.fields(v, ip, "the operand of "+strconv.Quote(key), []string{"arg"}); err != nil {
			return nil, err
		}
		a, err := d.expr(v.get("arg"), ip.field("arg"))
		if err != nil {
			return nil, err
		}
		return &syntax.Unary{Pos: pos, Op: op, Arg: a}, nil
	}

	switch key {
	case "Value":
		return d.value(v, ip)
	case "Var":
		s, err := d.str(v, ip, "a variable name")
		if err != nil {
			return nil, err
		}
		vr, ok := syntax.ParseVar(s)
		if !ok {
			return nil, d.errorf(v, ip, KindWrongShape, "%s is not a variable (principal, action, resource or context)", strconv.Quote(s))
		}
		return &syntax.Variable{Pos: pos, Var: vr}, nil
	case "Slot":
		s, err := d.str(v, ip, "a slot")
		if err != nil {
			return nil, err
		}
		if s != string(syntax.SlotPrincipal) && s != string(syntax.SlotResource) {
			return nil, d.errorf(v, ip, KindInvalidSlot, "%s is not a slot (?principal or ?resource)", strconv.Quote(s))
		}
		slot := &syntax.Slot{Pos: pos, ID: syntax.SlotID(s)}
		if d.firstSlot == nil {
			d.firstSlot = slot
		}
		return slot, nil
	case ".":
		if err := d.fields(v, ip, "an attribute access", []string{"left", "attr"}); err != nil {
			return nil, err
		}
		l, err := d.expr(v.get("left"), ip.field("left"))
		if err != nil {
			return nil, err
		}
		attr, err := d.str(v.get("attr"), ip.field("attr"), "an attribute name")
		if err != nil {
			return nil, err
		}
		return &syntax.GetAttr{Pos: pos, Left: l, Attr: attr}, nil
	case "has":
		return d.has(v, ip, pos)
	case "like":
		return d.like(v, ip, pos)
	case "is":
		return d.is(v, ip, pos)
	case "if-then-else":
		return d.elseIfChain(n, p)
	case "Set":
		elems, err := d.exprList(v, ip, "the elements of a set")
		if err != nil {
			return nil, err
		}
		return &syntax.SetExpr{Pos: pos, Elems: elems}, nil
	case "Record":
		if err := d.expect(v, ip, objectNode, "the fields of a record"); err != nil {
			return nil, err
		}
		rec := &syntax.RecordExpr{Pos: pos, Fields: make([]syntax.Field, 0, len(v.members))}
		for _, m := range v.members {
			e, err := d.expr(m.value, ip.field(m.key))
			if err != nil {
				return nil, err
			}
			rec.Fields = append(rec.Fields, syntax.Field{Key: m.key, Value: e})
		}
		return rec, nil
	}

	if !extensionFunctions[key] {
		return nil, d.errorf(n, p, KindUnknownOperator, "unknown operator or extension function %s", strconv.Quote(key))
	}
	args, err := d.exprList(v, ip, "the arguments of "+key)
	if err != nil {
		return nil, err
	}
	return &syntax.Call{Pos: pos, Name: key, Args: args}, nil
}

// link is one operator of a chain or one arm of an else-if chain, as
// read on the way down.
type link struct {
	n, v *node // the expression object and the value of its one key
	p    *path // the path of the value
	key  string
}

// chain reads a chain of operators of one family down "left"
// ({"||": {"left": {"||": ...}, "right": ...}}) in a loop, as
// syntax.Nesting counts it as one level: it may be as long as the input.
func (d *decoder) chain(n *node, p *path) (syntax.Expr, error) {
	var links []link
	for {
		key, v := n.members[0].key, n.members[0].value
		ip := p.field(key)
		if err := d.fields(v, ip, "the operands of "+strconv.Quote(key), []string{"left", "right"}); err != nil {
			return nil, err
		}
		links = append(links, link{n: n, v: v, p: ip, key: key})
		n, p = v.get("left"), ip.field("left")
		if n.kind != objectNode || len(n.members) != 1 || chainFamily(n.members[0].key) != chainFamily(key) {
			break
		}
	}
	e, err := d.expr(n, p)
	if err != nil {
		return nil, err
	}
	for i := len(links) - 1; i >= 0; i-- {
		l := links[i]
		r, err := d.expr(l.v.get("right"), l.p.field("right"))
		if err != nil {
			return nil, err
		}
		e = &syntax.Binary{Pos: d.pos(l.n.off), Op: binaryOps[l.key], Left: e, Right: r}
	}
	return e, nil
}

// elseIfChain reads an if-then-else and the ones in its "else" in a loop,
// as syntax.Nesting counts an else-if chain as one level.
func (d *decoder) elseIfChain(n *node, p *path) (syntax.Expr, error) {
	var arms []*syntax.If
	for {
		v, ip := n.members[0].value, p.field("if-then-else")
		if err := d.fields(v, ip, "an if-then-else", []string{"if", "then", "else"}); err != nil {
			return nil, err
		}
		arm := &syntax.If{Pos: d.pos(n.off)}
		var err error
		if arm.Cond, err = d.expr(v.get("if"), ip.field("if")); err != nil {
			return nil, err
		}
		if arm.Then, err = d.expr(v.get("then"), ip.field("then")); err != nil {
			return nil, err
		}
		arms = append(arms, arm)
		n, p = v.get("else"), ip.field("else")
		if n.kind != objectNode || len(n.members) != 1 || n.members[0].key != "if-then-else" {
			break
		}
	}
	e, err := d.expr(n, p)
	if err != nil {
		return nil, err
	}
	for i := len(arms) - 1; i >= 0; i-- {
		arms[i].Else = e
		e = arms[i]
	}
	return e, nil
}

func (d *decoder) leftRight(v *node, p *path, op string) (syntax.Expr, syntax.Expr, error) {
	if err := d.fields(v, p, "the operands of "+strconv.Quote(op), []string{"left", "right"}); err != nil {
		return nil, nil, err
	}
	l, err := d.expr(v.get("left"), p.field("left"))
	if err != nil {
		return nil, nil, err
	}
	r, err := d.expr(v.get("right"), p.field("right"))
	if err != nil {
		return nil, nil, err
	}
	return l, r, nil
}

func (d *decoder) exprList(v *node, p *path, what string) ([]syntax.Expr, error) {
	if err := d.expect(v, p, arrayNode, what); err != nil {
		return nil, err
	}
	out := make([]syntax.Expr, 0, len(v.elems))
	for i, el := range v.elems {
		e, err := d.expr(el, p.elem(i))
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// has reads {"left": E, "attr": "a"} or, since Cedar 4.5,
// {"left": E, "attr": ["a", "b", ...]}, which desugars as `E has a.b`
// does in text: ((E has a) && (E.a has b)) && ..., with FormHasPath on
// each &&.
func (d *decoder) has(v *node, p *path, pos syntax.Pos) (syntax.Expr, error) {
	if err := d.fields(v, p, "a has test", []string{"left", "attr"}); err != nil {
		return nil, err
	}
	left, err := d.expr(v.get("left"), p.field("left"))
	if err != nil {
		return nil, err
	}
	an, ap := v.get("attr"), p.field("attr")
	if an.kind == stringNode {
		return &syntax.Has{Pos: pos, Left: left, Attr: an.text}, nil
	}
	if an.kind != arrayNode {
		return nil, d.errorf(an, ap, KindWrongShape, "expected an attribute name or a non-empty array of them, found a JSON %s", an.kind)
	}
	if len(an.elems) == 0 {
		return nil, d.errorf(an, ap, KindWrongShape, "the attribute path of has must not be empty")
	}
	attrs := make([]string, len(an.elems))
	for i, el := range an.elems {
		s, err := d.str(el, ap.elem(i), "an attribute name")
		if err != nil {
			return nil, err
		}
		attrs[i] = s
	}
	var result syntax.Expr = &syntax.Has{Pos: pos, Left: left, Attr: attrs[0]}
	var reached syntax.Expr = &syntax.GetAttr{Pos: pos, Left: left, Attr: attrs[0]}
	for _, a := range attrs[1:] {
		result = &syntax.Binary{Pos: pos, Op: syntax.OpAnd, Form: syntax.FormHasPath,
			Left: result, Right: &syntax.Has{Pos: pos, Left: reached, Attr: a}}
		reached = &syntax.GetAttr{Pos: pos, Left: reached, Attr: a}
	}
	return result, nil
}

// like reads {"left": E, "pattern": ["Wildcard" | {"Literal": "s"}...]}.
func (d *decoder) like(v *node, p *path, pos syntax.Pos) (syntax.Expr, error) {
	if err := d.fields(v, p, "a like test", []string{"left", "pattern"}); err != nil {
		return nil, err
	}
	left, err := d.expr(v.get("left"), p.field("left"))
	if err != nil {
		return nil, err
	}
	pn, pp := v.get("pattern"), p.field("pattern")
	if err := d.expect(pn, pp, arrayNode, "a pattern"); err != nil {
		return nil, err
	}
	pat := syntax.Pattern{}
	for i, el := range pn.elems {
		ep := pp.elem(i)
		switch {
		case el.kind == stringNode && el.text == "Wildcard":
			pat = append(pat, syntax.PatternElem{Wildcard: true})
		case el.kind == objectNode && len(el.members) == 1 && el.members[0].key == "Literal":
			s, err := d.str(el.members[0].value, ep.field("Literal"), "the literal text of a pattern")
			if err != nil {
				return nil, err
			}
			for _, r := range s {
				pat = append(pat, syntax.PatternElem{Char: r})
			}
		default:
			return nil, d.errorf(el, ep, KindInvalidPattern, `a pattern element is "Wildcard" or {"Literal": "text"}`)
		}
	}
	return &syntax.Like{Pos: pos, Left: left, Pattern: pat}, nil
}

// is reads {"left": E, "entity_type": T} and, with "in": E2, desugars to
// (E is T) && (E in E2) with FormIsIn, as the text `E is T in E2` does.
func (d *decoder) is(v *node, p *path, pos syntax.Pos) (syntax.Expr, error) {
	if err := d.fields(v, p, "an is test", []string{"left", "entity_type"}, "in"); err != nil {
		return nil, err
	}
	left, err := d.expr(v.get("left"), p.field("left"))
	if err != nil {
		return nil, err
	}
	t, err := d.entityType(v.get("entity_type"), p.field("entity_type"))
	if err != nil {
		return nil, err
	}
	is := &syntax.Is{Pos: pos, Left: left, Type: t}
	in := v.get("in")
	if in == nil {
		return is, nil
	}
	right, err := d.expr(in, p.field("in"))
	if err != nil {
		return nil, err
	}
	return &syntax.Binary{Pos: pos, Op: syntax.OpAnd, Form: syntax.FormIsIn,
		Left: is, Right: &syntax.Binary{Pos: pos, Op: syntax.OpIn, Left: left, Right: right}}, nil
}
