package generators

import "github.com/cedar-crosscheck/crosscheck/syntax"

// walkExpr calls f on e and, while f returns true, on each of its
// sub-expressions in evaluation order (depth first, left to right).
func walkExpr(e syntax.Expr, f func(syntax.Expr) bool) {
	if e == nil || !f(e) {
		return
	}
	switch e := e.(type) {
	case *syntax.Unary:
		walkExpr(e.Arg, f)
	case *syntax.Binary:
		walkExpr(e.Left, f)
		walkExpr(e.Right, f)
	case *syntax.If:
		walkExpr(e.Cond, f)
		walkExpr(e.Then, f)
		walkExpr(e.Else, f)
	case *syntax.GetAttr:
		walkExpr(e.Left, f)
	case *syntax.Has:
		walkExpr(e.Left, f)
	case *syntax.Like:
		walkExpr(e.Left, f)
	case *syntax.Is:
		walkExpr(e.Left, f)
	case *syntax.SetExpr:
		for _, x := range e.Elems {
			walkExpr(x, f)
		}
	case *syntax.RecordExpr:
		for _, fl := range e.Fields {
			walkExpr(fl.Value, f)
		}
	case *syntax.Call:
		for _, x := range e.Args {
			walkExpr(x, f)
		}
	}
}

// exprDepth returns the height of the tree e (a leaf has depth 1).
func exprDepth(e syntax.Expr) int {
	d := 0
	switch e := e.(type) {
	case *syntax.Unary:
		d = exprDepth(e.Arg)
	case *syntax.Binary:
		d = max(exprDepth(e.Left), exprDepth(e.Right))
	case *syntax.If:
		d = max(exprDepth(e.Cond), exprDepth(e.Then), exprDepth(e.Else))
	case *syntax.GetAttr:
		d = exprDepth(e.Left)
	case *syntax.Has:
		d = exprDepth(e.Left)
	case *syntax.Like:
		d = exprDepth(e.Left)
	case *syntax.Is:
		d = exprDepth(e.Left)
	case *syntax.SetExpr:
		for _, x := range e.Elems {
			d = max(d, exprDepth(x))
		}
	case *syntax.RecordExpr:
		for _, f := range e.Fields {
			d = max(d, exprDepth(f.Value))
		}
	case *syntax.Call:
		for _, x := range e.Args {
			d = max(d, exprDepth(x))
		}
	}
	return d + 1
}
