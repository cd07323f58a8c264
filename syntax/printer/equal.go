package printer

import (
	"unicode/utf8"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Equal reports whether two expressions are the same tree, ignoring
// positions (Form included).
func Equal(a, b syntax.Expr) bool {
	if a == b {
		return true // the same node: the parser shares x in `x is T in y`
	}
	switch a := a.(type) {
	case *syntax.Literal:
		b, ok := b.(*syntax.Literal)
		return ok && a.Value == b.Value
	case *syntax.Variable:
		b, ok := b.(*syntax.Variable)
		return ok && a.Var == b.Var
	case *syntax.Slot:
		b, ok := b.(*syntax.Slot)
		return ok && a.ID == b.ID
	case *syntax.Unary:
		b, ok := b.(*syntax.Unary)
		return ok && a.Op == b.Op && a.Form == b.Form && Equal(a.Arg, b.Arg)
	case *syntax.Binary:
		// Down the left spine in a loop: chains may be as long as the
		// input.
		b, ok := b.(*syntax.Binary)
		for ok && a.Op == b.Op && a.Form == b.Form && Equal(a.Right, b.Right) {
			al, aok := a.Left.(*syntax.Binary)
			bl, bok := b.Left.(*syntax.Binary)
			if !aok || !bok || al == bl {
				return Equal(a.Left, b.Left)
			}
			a, b = al, bl
		}
		return false
	case *syntax.If:
		// Down the else-if chain in a loop.
		b, ok := b.(*syntax.If)
		for ok && Equal(a.Cond, b.Cond) && Equal(a.Then, b.Then) {
			ae, aok := a.Else.(*syntax.If)
			be, bok := b.Else.(*syntax.If)
			if !aok || !bok || ae == be {
				return Equal(a.Else, b.Else)
			}
			a, b = ae, be
		}
		return false
	case *syntax.GetAttr:
		b, ok := b.(*syntax.GetAttr)
		return ok && a.Attr == b.Attr && Equal(a.Left, b.Left)
	case *syntax.Has:
		b, ok := b.(*syntax.Has)
		return ok && a.Attr == b.Attr && Equal(a.Left, b.Left)
	case *syntax.Like:
		b, ok := b.(*syntax.Like)
		if !ok || len(a.Pattern) != len(b.Pattern) || !Equal(a.Left, b.Left) {
			return false
		}
		for i := range a.Pattern {
			if a.Pattern[i] != b.Pattern[i] {
				return false
			}
		}
		return true
	case *syntax.Is:
		b, ok := b.(*syntax.Is)
		return ok && a.Type == b.Type && Equal(a.Left, b.Left)
	case *syntax.SetExpr:
		b, ok := b.(*syntax.SetExpr)
		return ok && equalList(a.Elems, b.Elems)
	case *syntax.RecordExpr:
		b, ok := b.(*syntax.RecordExpr)
		if !ok || len(a.Fields) != len(b.Fields) {
			return false
		}
		for i := range a.Fields {
			if a.Fields[i].Key != b.Fields[i].Key || !Equal(a.Fields[i].Value, b.Fields[i].Value) {
				return false
			}
		}
		return true
	case *syntax.Call:
		b, ok := b.(*syntax.Call)
		return ok && a.Name == b.Name && equalList(a.Args, b.Args)
	}
	return false
}

func equalList(a, b []syntax.Expr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

func encodeRune(buf []byte, r rune) int { return utf8.EncodeRune(buf, r) }
