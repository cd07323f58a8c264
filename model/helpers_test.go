package model

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Builders that keep hand-written ASTs short in tests.

func uid(t, id string) syntax.EntityUID { return syntax.NewEntityUID(syntax.EntityType(t), id) }

// lit is a literal of a bool, int, string or entity uid.
func lit(v any) syntax.Expr {
	switch v := v.(type) {
	case bool:
		return syntax.Bool(v)
	case int:
		return syntax.Long(int64(v))
	case int64:
		return syntax.Long(v)
	case string:
		return syntax.String(v)
	case syntax.EntityUID:
		return syntax.Entity(v)
	}
	panic("lit: unsupported literal")
}

func ent(t, id string) syntax.Expr { return syntax.Entity(uid(t, id)) }

func bin(op syntax.BinaryOp, a, b syntax.Expr) syntax.Expr { return syntax.Bin(op, a, b) }

func call(name string, args ...syntax.Expr) syntax.Expr {
	return &syntax.Call{Name: name, Args: args}
}

func getAttr(e syntax.Expr, a string) syntax.Expr { return &syntax.GetAttr{Left: e, Attr: a} }
func hasAttr(e syntax.Expr, a string) syntax.Expr { return &syntax.Has{Left: e, Attr: a} }
func isType(e syntax.Expr, t string) syntax.Expr {
	return &syntax.Is{Left: e, Type: syntax.EntityType(t)}
}
func ifte(c, a, b syntax.Expr) syntax.Expr { return &syntax.If{Cond: c, Then: a, Else: b} }
func setOf(es ...syntax.Expr) syntax.Expr  { return &syntax.SetExpr{Elems: es} }

// rec is a record literal from alternating keys and values.
func rec(kv ...any) syntax.Expr {
	r := &syntax.RecordExpr{}
	for i := 0; i < len(kv); i += 2 {
		r.Fields = append(r.Fields, syntax.Field{Key: kv[i].(string), Value: kv[i+1].(syntax.Expr)})
	}
	return r
}

var (
	principal = syntax.VarExpr(syntax.VarPrincipal)
	action    = syntax.VarExpr(syntax.VarAction)
	resource  = syntax.VarExpr(syntax.VarResource)
	context   = syntax.VarExpr(syntax.VarContext)
)

// like builds `e like pattern` from pattern text where '*' is a wildcard
// (there is no escape in these tests).
func like(e syntax.Expr, pattern string) syntax.Expr {
	var p syntax.Pattern
	for _, r := range pattern {
		p = append(p, syntax.PatternElem{Wildcard: r == '*', Char: r})
	}
	return &syntax.Like{Left: e, Pattern: p}
}

// pat is a pattern with '*' as wildcard.
func pat(s string) syntax.Pattern {
	return like(nil, s).(*syntax.Like).Pattern
}

// entity builds entity data with attributes from alternating keys and
// values.
func entity(u syntax.EntityUID, parents []syntax.EntityUID, kv ...any) *syntax.EntityData {
	d := &syntax.EntityData{UID: u, Parents: parents}
	for i := 0; i < len(kv); i += 2 {
		d.Attrs = append(d.Attrs, syntax.Field{Key: kv[i].(string), Value: kv[i+1].(syntax.Expr)})
	}
	return d
}

func mustEntities(data ...*syntax.EntityData) *Entities {
	es, err := NewEntities(data)
	if err != nil {
		panic(err)
	}
	return es
}
