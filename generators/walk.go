package generators

import "github.com/cedar-crosscheck/crosscheck/syntax"

// exprDepth returns the height of the tree e (a leaf has depth 1).
func exprDepth(e syntax.Expr) int {
	d := 0
	switch e := e.(type) {
	case *syntax.Unary:
		d = exprDepth(e.Arg)
	case *syntax.Binary:
		if is, in, ok := syntax.AsIsIn(e); ok {
			// x is T in y: the x shared by the Is and the In is measured
			// once (the Is and the In are one level above it).
			d = max(exprDepth(is), 1+exprDepth(in.Right))
			break
		}
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
