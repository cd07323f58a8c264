package generators

import "github.com/cedar-crosscheck/crosscheck/syntax"

// exprDepth returns the height of the tree e (a leaf has depth 1).
func exprDepth(e syntax.Expr) int {
	return (&depths{}).of(e)
}

// depths measures heights, each operand of a Has or GetAttr once: the
// readers share the prefixes of `e has a.b.c` between the steps and
// their accesses, and measuring them once per reference would take time
// exponential in the nesting of has-path tests.
type depths struct {
	prefix map[syntax.Expr]int
}

// ofPrefix is the height of the operand of a Has or GetAttr.
func (m *depths) ofPrefix(e syntax.Expr) int {
	if d, ok := m.prefix[e]; ok {
		return d
	}
	d := m.of(e)
	if m.prefix == nil {
		m.prefix = map[syntax.Expr]int{}
	}
	m.prefix[e] = d
	return d
}

func (m *depths) of(e syntax.Expr) int {
	d := 0
	switch e := e.(type) {
	case *syntax.Unary:
		d = m.of(e.Arg)
	case *syntax.Binary:
		if is, in, ok := syntax.AsIsIn(e); ok {
			// x is T in y: the x shared by the Is and the In is measured
			// once (the Is and the In are one level above it).
			d = max(m.of(is), 1+m.of(in.Right))
			break
		}
		d = max(m.of(e.Left), m.of(e.Right))
	case *syntax.If:
		d = max(m.of(e.Cond), m.of(e.Then), m.of(e.Else))
	case *syntax.GetAttr:
		d = m.ofPrefix(e.Left)
	case *syntax.Has:
		d = m.ofPrefix(e.Left)
	case *syntax.Like:
		d = m.of(e.Left)
	case *syntax.Is:
		d = m.of(e.Left)
	case *syntax.SetExpr:
		for _, x := range e.Elems {
			d = max(d, m.of(x))
		}
	case *syntax.RecordExpr:
		for _, f := range e.Fields {
			d = max(d, m.of(f.Value))
		}
	case *syntax.Call:
		for _, x := range e.Args {
			d = max(d, m.of(x))
		}
	}
	return d + 1
}
