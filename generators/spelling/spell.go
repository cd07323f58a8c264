package spelling

import (
	"math/rand"
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// Precedence levels of Cedar's grammar, loosest first, as in the
// printer: an expression of level l stands where level m is needed when
// l >= m, and is parenthesized otherwise.
const (
	precIf = iota
	precOr
	precAnd
	precRel
	precAdd
	precMul
	precUnary
	precMember
	precPrimary
)

// maxUnaryRun is the longest run of one unary operator Cedar accepts.
const maxUnaryRun = 4

// maxExtraParens bounds the redundant parentheses around one path of the
// tree.
const maxExtraParens = 3

// speller writes tokens with random choices.
type speller struct {
	r      *rand.Rand
	toks   []Token
	extras int // redundant parentheses open around the current node
}

func (w *speller) tok(s string, k Kind) { w.toks = append(w.toks, Token{s, k}) }
func (w *speller) punct(s string)       { w.tok(s, Punct) }
func (w *speller) word(s string)        { w.tok(s, Word) }
func (w *speller) chance(n int) bool    { return w.r.Intn(n) == 0 }

// PolicySet re-spells the policies and templates of ps (links have no
// text form) with choices drawn from r.
func PolicySet(ps *syntax.PolicySet, r *rand.Rand) *Text {
	w := &speller{r: r}
	for _, p := range ps.Policies {
		w.policy(p)
	}
	return &Text{Tokens: w.toks}
}

// Policy re-spells one policy.
func Policy(p *syntax.Policy, r *rand.Rand) *Text {
	w := &speller{r: r}
	w.policy(p)
	return &Text{Tokens: w.toks}
}

// Expr re-spells one expression.
func Expr(e syntax.Expr, r *rand.Rand) *Text {
	w := &speller{r: r}
	w.expr(e, precIf)
	return &Text{Tokens: w.toks}
}

func (w *speller) policy(p *syntax.Policy) {
	for _, a := range p.Annotations {
		w.punct("@")
		w.word(a.Key)
		if a.HasValue || a.Value != "" {
			w.punct("(")
			w.str(a.Value)
			w.punct(")")
		}
	}
	w.word(p.Effect.String())
	w.punct("(")
	w.scope("principal", p.Principal)
	w.punct(",")
	w.scope("action", p.Action)
	w.punct(",")
	w.scope("resource", p.Resource)
	w.punct(")")
	for _, c := range p.Conditions {
		w.word(c.Kind.String())
		w.punct("{")
		w.expr(c.Body, precIf)
		w.punct("}")
	}
	w.punct(";")
}

func (w *speller) scope(v string, s syntax.Scope) {
	w.word(v)
	ref := func() {
		if s.Slot != "" {
			w.punct(string(s.Slot))
		} else {
			w.entity(s.Entity)
		}
	}
	switch s.Op {
	case syntax.ScopeEq:
		w.punct("==")
		ref()
	case syntax.ScopeIn:
		w.word("in")
		if v == "action" && w.chance(3) {
			// `action in [A]` is `action in A`.
			w.punct("[")
			ref()
			w.punct("]")
			return
		}
		ref()
	case syntax.ScopeIs:
		w.word("is")
		w.path(string(s.Type))
	case syntax.ScopeIsIn:
		w.word("is")
		w.path(string(s.Type))
		w.word("in")
		ref()
	case syntax.ScopeInSet:
		w.word("in")
		w.punct("[")
		for i, u := range s.Entities {
			if i > 0 {
				w.punct(",")
			}
			w.entity(u)
		}
		w.punct("]")
	}
}

// path writes a name such as NS::Type as its tokens.
func (w *speller) path(p string) {
	for i, part := range strings.Split(p, "::") {
		if i > 0 {
			w.punct("::")
		}
		w.word(part)
	}
}

func (w *speller) entity(u syntax.EntityUID) {
	w.path(string(u.Type))
	w.punct("::")
	w.str(u.ID)
}

// form is one way of writing a node: its precedence level and a function
// that writes it.
type form struct {
	level int
	write func()
}

// expr writes e, parenthesized if its chosen form's level is below min,
// and sometimes parenthesized anyway.
func (w *speller) expr(e syntax.Expr, min int) {
	f := w.choose(e)
	paren := f.level < min
	extra := !paren && w.extras < maxExtraParens && w.chance(12)
	if extra {
		w.extras++
		defer func() { w.extras-- }()
	}
	if paren || extra {
		w.punct("(")
		f.write()
		w.punct(")")
		return
	}
	f.write()
}

// choose picks how to write e.
func (w *speller) choose(e syntax.Expr) form {
	switch e := e.(type) {
	case *syntax.Literal:
		if i, ok := e.Value.(int64); ok && i < 0 {
			return form{precUnary, func() { w.negativeInt(i) }}
		}
		return form{precPrimary, func() { w.literal(e.Value) }}
	case *syntax.Variable:
		return form{precPrimary, func() { w.word(e.Var.String()) }}
	case *syntax.Slot:
		return form{precPrimary, func() { w.punct(string(e.ID)) }}
	case *syntax.If:
		return form{precIf, func() {
			w.word("if")
			w.expr(e.Cond, precIf)
			w.word("then")
			w.expr(e.Then, precIf)
			w.word("else")
			w.expr(e.Else, precIf)
		}}
	case *syntax.Unary:
		return w.chooseUnary(e)
	case *syntax.Binary:
		return w.chooseBinary(e)
	case *syntax.GetAttr:
		return form{precMember, func() {
			w.expr(e.Left, precMember)
			w.access(e.Attr)
		}}
	case *syntax.Has:
		return form{precRel, func() {
			w.expr(e.Left, precAdd)
			w.word("has")
			w.attrName(e.Attr)
		}}
	case *syntax.Like:
		return form{precRel, func() {
			w.expr(e.Left, precAdd)
			w.word("like")
			w.pattern(e.Pattern)
		}}
	case *syntax.Is:
		return form{precRel, func() {
			w.expr(e.Left, precAdd)
			w.word("is")
			w.path(string(e.Type))
		}}
	case *syntax.SetExpr:
		return form{precPrimary, func() {
			w.punct("[")
			w.list(e.Elems)
			w.punct("]")
		}}
	case *syntax.RecordExpr:
		return form{precPrimary, func() {
			w.punct("{")
			for i, f := range e.Fields {
				if i > 0 {
					w.punct(",")
				}
				w.attrName(f.Key)
				w.punct(":")
				w.expr(f.Value, precIf)
			}
			w.punct("}")
		}}
	case *syntax.Call:
		if parser.IsExtensionMethod(e.Name) && len(e.Args) > 0 && !parser.IsExtensionFunction(e.Name) {
			return form{precMember, func() {
				w.expr(e.Args[0], precMember)
				w.punct(".")
				w.word(e.Name)
				w.punct("(")
				w.list(e.Args[1:])
				w.punct(")")
			}}
		}
		return form{precPrimary, func() {
			w.path(e.Name)
			w.punct("(")
			w.list(e.Args)
			w.punct(")")
		}}
	}
	return form{precPrimary, func() { w.word("<nil>") }}
}

func (w *speller) list(es []syntax.Expr) {
	for i, x := range es {
		if i > 0 {
			w.punct(",")
		}
		w.expr(x, precIf)
	}
}

// isAttrIdent reports whether s can be written as a bare attribute name.
func isAttrIdent(s string) bool {
	return syntax.IsIdent(s) && !syntax.ReservedWords[s] && s != "__cedar"
}

// access writes `.a` or `["a"]`.
func (w *speller) access(attr string) {
	if isAttrIdent(attr) && !w.chance(4) {
		w.punct(".")
		w.word(attr)
		return
	}
	w.punct("[")
	w.str(attr)
	w.punct("]")
}

// attrName writes an attribute name of `has` or a record key, as an
// identifier or a string.
func (w *speller) attrName(s string) {
	if isAttrIdent(s) && !w.chance(4) {
		w.word(s)
		return
	}
	w.str(s)
}

func (w *speller) literal(v syntax.LiteralValue) {
	switch v := v.(type) {
	case bool:
		w.word(strconv.FormatBool(v))
	case int64:
		w.digits(strconv.FormatInt(v, 10))
	case string:
		w.str(v)
	case syntax.EntityUID:
		w.entity(v)
	default:
		w.word("<invalid literal>")
	}
}

// digits writes a non-negative integer literal, sometimes with leading
// zeros.
func (w *speller) digits(d string) {
	if w.chance(20) {
		d = strings.Repeat("0", 1+w.r.Intn(3)) + d
	}
	w.tok(d, Number)
}

// negativeInt writes a negative literal: a minus and the digits, which
// Cedar folds into one literal (white space between them included).
func (w *speller) negativeInt(i int64) {
	w.punct("-")
	w.digits(strings.TrimPrefix(strconv.FormatInt(i, 10), "-"))
}
