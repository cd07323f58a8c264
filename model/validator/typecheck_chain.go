package validator

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// chain returns the operands of a binary expression read as a chain
// a1 op1 a2 ... an, left to right: the left spine of one operator family
// (||, &&, + and -, *) is one chain, as syntax.Nesting counts it; any
// other operator has two operands.
func chain(e *syntax.Binary) []syntax.Expr {
	family := chainFamily(e.Op)
	var operands []syntax.Expr
	for {
		operands = append(operands, e.Right)
		l, ok := e.Left.(*syntax.Binary)
		if !ok || family == 0 || chainFamily(l.Op) != family {
			operands = append(operands, e.Left)
			break
		}
		e = l
	}
	slices.Reverse(operands)
	return operands
}

// chainFamily groups the operators Cedar's grammar repeats at one
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
