package model

import (
	"math"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Operands for the chain tests, evaluated against fixture's context
// {n: 1, ...}: true, false, an error, a non-bool.
var (
	cT = bin(syntax.OpEq, getAttr(syntax.VarExpr(syntax.VarContext), "n"), lit(1))
	cF = bin(syntax.OpEq, getAttr(syntax.VarExpr(syntax.VarContext), "n"), lit(2))
	cE = getAttr(syntax.VarExpr(syntax.VarContext), "missing")
	cN = getAttr(syntax.VarExpr(syntax.VarContext), "n")
)

// fold joins operands by op, left associative, as the parsers build a
// written chain.
func chainExpr(op syntax.BinaryOp, xs ...syntax.Expr) syntax.Expr {
	x := xs[0]
	for _, y := range xs[1:] {
		x = bin(op, x, y)
	}
	return x
}

func andChain(xs ...syntax.Expr) syntax.Expr { return chainExpr(syntax.OpAnd, xs...) }
func orChain(xs ...syntax.Expr) syntax.Expr  { return chainExpr(syntax.OpOr, xs...) }

// sum is x0 op1 x1 op2 x2 ..., left associative.
func strictChain(x syntax.Expr, rest ...any) syntax.Expr {
	for i := 0; i < len(rest); i += 2 {
		x = bin(rest[i].(syntax.BinaryOp), x, rest[i+1].(syntax.Expr))
	}
	return x
}

// ifs is if c1 then t1 else if c2 then t2 ... else last.
func ifs(xs ...syntax.Expr) syntax.Expr {
	if len(xs) == 1 {
		return xs[0]
	}
	return ifte(xs[0], xs[1], ifs(xs[2:]...))
}

// TestChainSemantics pins Cedar's order of evaluation and errors along
// chains, which the model evaluates with loops; the engine has the same
// table.
func TestChainSemantics(t *testing.T) {
	type chainCase struct {
		name string
		expr syntax.Expr
		want any // bool, int64 or the ErrorKind
	}
	var cases []evalCase
	for _, c := range []chainCase{
		// && chains: left to right, the first false decides, the first
		// error or non-bool operand reached wins.
		{"and all true", andChain(cT, cT, cT), true},
		{"and false skips error", andChain(cT, cF, cE), false},
		{"and error before false", andChain(cT, cE, cF), AttrDoesNotExist},
		{"and non-bool before error", andChain(cT, cN, cE), TypeError},
		{"and first error wins", andChain(cE, cN), AttrDoesNotExist},
		{"and false skips non-bool", andChain(cF, cN), false},
		{"and last non-bool", andChain(cT, cT, cN), TypeError},
		{"and true constant first", andChain(lit(true), cT), true},
		{"and false constant skips error", andChain(lit(false), cE), false},
		{"and true constant then non-bool", andChain(lit(true), cN), TypeError},
		{"and constant false midway", andChain(cT, lit(false), cE), false},
		{"and constant non-bool midway", andChain(cT, lit(1), cE), TypeError},
		{"and constant non-bool first", andChain(lit(1), cE), TypeError},
		{"and true constant last", andChain(cT, lit(true)), true},
		{"and true constants around false", andChain(cT, lit(true), cF, lit(true)), false},
		{"and all constants", andChain(lit(true), lit(true), lit(true)), true},
		// || chains: the first true decides.
		{"or last true", orChain(cF, cF, cT), true},
		{"or true skips error", orChain(cF, cT, cE), true},
		{"or error before true", orChain(cF, cE, cT), AttrDoesNotExist},
		{"or non-bool before true", orChain(cF, cN, cT), TypeError},
		{"or true skips non-bool", orChain(cT, cN), true},
		{"or last non-bool", orChain(cF, cF, cN), TypeError},
		{"or all false constants", orChain(lit(false), lit(false), lit(false)), false},
		{"or true constant midway", orChain(cF, lit(true), cE), true},
		{"or error before true constant", orChain(cE, lit(true)), AttrDoesNotExist},
		{"or all false", orChain(cF, cF, cF, cF), false},
		// Mixed: a chain of one operator is an operand of the other.
		{"or inside and", andChain(orChain(cT, cE), cF), false},
		{"and inside or", orChain(andChain(cT, cF), andChain(cT, cT)), true},
		// +, - and * chains: operands left to right, each operator
		// applied as soon as its right operand is evaluated.
		{"sum", strictChain(lit(1), syntax.OpAdd, lit(2), syntax.OpSub, lit(3), syntax.OpAdd, cN), int64(1)},
		{"sum type error before later error", strictChain(cN, syntax.OpAdd, lit("a"), syntax.OpAdd, cE), TypeError},
		{"sum error before later type error", strictChain(cN, syntax.OpAdd, cE, syntax.OpAdd, lit("a")), AttrDoesNotExist},
		{"sum overflow before later error", strictChain(lit(math.MaxInt64), syntax.OpAdd, cN, syntax.OpAdd, cE), Overflow},
		{"sum overflow undone later is still overflow", strictChain(lit(math.MaxInt64), syntax.OpAdd, cN, syntax.OpSub, cN), Overflow},
		{"product", strictChain(lit(2), syntax.OpMul, cN, syntax.OpMul, lit(3)), int64(6)},
		// else-if chains: guards in order until one is true.
		{"else-if second arm", ifs(cF, cE, cT, lit(1), cE), int64(1)},
		{"else-if non-bool guard", ifs(cF, lit(1), cN, lit(1), lit(2)), TypeError},
		{"else-if error guard", ifs(cE, lit(1), cT, lit(1), lit(2)), AttrDoesNotExist},
		{"else-if final else", ifs(cF, lit(1), cF, lit(2), lit(3)), int64(3)},
		{"else-if constant false guard", ifs(lit(false), cE, cT, lit(2), cE), int64(2)},
		{"else-if constant true guard", ifs(cF, cE, lit(true), lit(5), cE), int64(5)},
		{"else-if constant non-bool guard", ifs(cF, lit(1), lit("x"), lit(2), lit(3)), TypeError},
		{"else-if error in untaken branch", ifs(cF, cE, cF, cE, lit(4)), int64(4)},
	} {
		ec := evalCase{name: c.name, expr: c.expr}
		switch w := c.want.(type) {
		case bool:
			ec.want = Bool(w)
		case int64:
			ec.want = Long(w)
		case ErrorKind:
			ec.wantErr = w
		}
		cases = append(cases, ec)
	}
	runEvalCases(t, cases)
}

func TestEvalDepthLimitFollowsNesting(t *testing.T) {
	runEvalCases(t, []evalCase{
		{"at limit", nots(lit(true), syntax.MaxNesting-1), Bool((syntax.MaxNesting-1)%2 == 0), 0},
		{"beyond limit", nots(lit(true), syntax.MaxNesting), nil, RecursionLimit},
		{"beyond limit, not reached", orChain(lit(true), nots(lit(true), syntax.MaxNesting)), Bool(true), 0},
		{"long or chain", chainExpr(syntax.OpOr, repeat(cF, 200_000)...), Bool(false), 0},
		{"long and chain", chainExpr(syntax.OpAnd, repeat(cT, 200_000)...), Bool(true), 0},
		{"long sum", bin(syntax.OpEq, chainExpr(syntax.OpAdd, repeat(lit(1), 200_000)...), lit(200_000)), Bool(true), 0},
		{"long else-if chain", ifs(append(repeat(cF, 10_000), lit(7))...), Long(7), 0},
	})
}

// nest wraps e in n negations.
func nots(e syntax.Expr, n int) syntax.Expr {
	for range n {
		e = syntax.Not(e)
	}
	return e
}

func repeat(e syntax.Expr, n int) []syntax.Expr {
	out := make([]syntax.Expr, n)
	for i := range out {
		out[i] = e
	}
	return out
}
