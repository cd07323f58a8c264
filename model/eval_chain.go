package model

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// chain reads a binary expression as a chain: its operands a1 ... an and
// operators op1 ... op(n-1), left to right, for a1 op1 a2 ... an. The
// left spine of one operator family (||, &&, + and -, *) is one chain,
// as syntax.Nesting counts it; any other operator makes a chain of two
// operands.
func chain(e *syntax.Binary) (operands []syntax.Expr, ops []syntax.BinaryOp) {
	family := chainFamily(e.Op)
	for {
		operands, ops = append(operands, e.Right), append(ops, e.Op)
		l, ok := e.Left.(*syntax.Binary)
		if !ok || family == 0 || chainFamily(l.Op) != family {
			operands = append(operands, e.Left)
			break
		}
		e = l
	}
	slices.Reverse(operands)
	slices.Reverse(ops)
	return operands, ops
}

// chainFamily groups the operators that Cedar's grammar repeats at one
// precedence level; 0 means the operator does not chain.
func chainFamily(op syntax.BinaryOp) int {
	switch op {
	case syntax.OpOr:
		return 1
	case syntax.OpAnd:
		return 2
	case syntax.OpAdd, syntax.OpSub:
		return 3
	case syntax.OpMul:
		return 4
	}
	return 0
}
