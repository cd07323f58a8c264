package shrink

import (
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// ExprShrinker is the gopter.Shrinker of expressions (syntax.Expr). Its
// stream, for an expression e, is in this order:
//
//  1. each direct sub-term of e (`a && b` becomes `a`, then `b`);
//  2. the small literals true, false, 0 and "" that cost less than e;
//  3. e with a smaller literal or a shorter list: a number nearer zero,
//     a shorter string or pattern, a set without one element, a record
//     without one field; the two equal operands of a binary operator
//     shrunk alike;
//  4. e with one child replaced by a candidate of that child's stream.
//
// Candidates need not be well typed: the caller's predicate decides.
// The stream is finite, and built lazily as it is pulled.
var ExprShrinker gopter.Shrinker = func(v any) gopter.Shrink {
	return shrinkExpr(v.(syntax.Expr))
}

func shrinkExpr(e syntax.Expr) gopter.Shrink {
	kids := children(e)
	return gopter.ConcatShrinks(
		indexed(len(kids), func(i int) (any, bool) { return kids[i], true }),
		smallLiterals(e),
		lazy(func() gopter.Shrink { return shrinkNode(e) }),
		lazy(func() gopter.Shrink { return shrinkChildren(e, kids) }),
	)
}

// smallLiterals streams the literals that could stand for any
// expression, cheapest first, leaving out those that are not cheaper
// than e.
func smallLiterals(e syntax.Expr) gopter.Shrink {
	cost := exprCost(e)
	var out []any
	for _, lit := range []syntax.Expr{syntax.Bool(true), syntax.Bool(false), syntax.Long(0), syntax.String("")} {
		if exprCost(lit) < cost {
			out = append(out, lit)
		}
	}
	return values(out...)
}

// shrinkNode streams the candidates that change e itself rather than
// one of its children.
func shrinkNode(e syntax.Expr) gopter.Shrink {
	switch e := e.(type) {
	case *syntax.Literal:
		return shrinkLiteral(e)
	case *syntax.Like:
		return mapShrink(sliceCuts(len(e.Pattern)), func(v any) any {
			return &syntax.Like{Pos: e.Pos, Left: e.Left, Pattern: pick(e.Pattern, v.([]int))}
		})
	case *syntax.SetExpr:
		return gopter.ConcatShrinks(
			values(&syntax.SetExpr{Pos: e.Pos}),
			mapShrink(sliceCuts(len(e.Elems)), func(v any) any {
				return &syntax.SetExpr{Pos: e.Pos, Elems: pick(e.Elems, v.([]int))}
			}))
	case *syntax.RecordExpr:
		return gopter.ConcatShrinks(
			values(&syntax.RecordExpr{Pos: e.Pos}),
			mapShrink(sliceCuts(len(e.Fields)), func(v any) any {
				return &syntax.RecordExpr{Pos: e.Pos, Fields: pick(e.Fields, v.([]int))}
			}))
	case *syntax.Binary:
		if printer.Equal(e.Left, e.Right) {
			// `x < x` stays a comparison of equal operands only when both
			// shrink alike: one at a time would make them differ.
			return mapShrink(shrinkExpr(e.Left), func(v any) any {
				n := *e
				n.Left, n.Right = v.(syntax.Expr), v.(syntax.Expr)
				return &n
			})
		}
	case *syntax.If:
		// `if c then a else b` to `c && a` or `c || b` keeps the shape of
		// a Boolean condition with one node fewer.
		return values(syntax.Bin(syntax.OpAnd, e.Cond, e.Then), syntax.Bin(syntax.OpOr, e.Cond, e.Else))
	}
	return gopter.NoShrink
}

// shrinkLiteral streams smaller literals of the same type, with gopter's
// own shrinkers for numbers and strings.
func shrinkLiteral(l *syntax.Literal) gopter.Shrink {
	switch v := l.Value.(type) {
	case bool:
		if !v {
			return values(&syntax.Literal{Pos: l.Pos, Value: true})
		}
	case int64:
		// gopter halves towards zero, which keeps the digit count of
		// most numbers; one and a tenth of the number shorten it.
		small := values(int64(1), int64(-1), v/10)
		return mapShrink(gopter.ConcatShrinks(small, gen.Int64Shrinker(v)), func(x any) any {
			return &syntax.Literal{Pos: l.Pos, Value: x.(int64)}
		})
	case string:
		return mapShrink(gen.StringShrinker(v), func(x any) any { return &syntax.Literal{Pos: l.Pos, Value: x.(string)} })
	}
	return gopter.NoShrink
}

// shrinkChildren streams e with one child replaced by one of that
// child's candidates, children in source order.
func shrinkChildren(e syntax.Expr, kids []syntax.Expr) gopter.Shrink {
	streams := make([]gopter.Shrink, len(kids))
	for i, k := range kids {
		streams[i] = lazy(func() gopter.Shrink {
			return mapShrink(shrinkExpr(k), func(c any) any { return withChild(e, i, c.(syntax.Expr)) })
		})
	}
	return gopter.ConcatShrinks(streams...)
}
