package syntax

import "testing"

func chain(op BinaryOp, n int) Expr {
	var e Expr = Bool(true)
	for range n - 1 {
		e = Bin(op, e, Bool(true))
	}
	return e
}

func nested(n int) Expr {
	var e Expr = Bool(true)
	for range n - 1 {
		e = Not(e)
	}
	return e
}

func elseIfChain(n int) Expr {
	var e Expr = Long(0)
	for range n {
		e = &If{Cond: Bool(true), Then: Long(1), Else: e}
	}
	return e
}

func TestNesting(t *testing.T) {
	tests := []struct {
		name  string
		e     Expr
		limit int
		want  int
	}{
		{"literal", Bool(true), 10, 1},
		{"not", Not(Bool(true)), 10, 2},
		{"or chain of 2500", chain(OpOr, 2500), MaxNesting, 2},
		{"and chain of 2500", chain(OpAnd, 2500), MaxNesting, 2},
		{"add chain", Bin(OpSub, Bin(OpAdd, Long(1), Long(2)), Long(3)), 10, 2},
		{"mixed families nest", Bin(OpOr, Bin(OpAnd, Bool(true), Bool(true)), Bool(true)), 10, 3},
		{"chain in right operand nests", Bin(OpOr, Bool(true), Bin(OpOr, Bool(true), Bool(true))), 10, 3},
		{"comparisons do not chain", Bin(OpEq, Bin(OpEq, Long(1), Long(1)), Bool(true)), 10, 3},
		{"else-if chain of 1000", elseIfChain(1000), MaxNesting, 2},
		{"if in then branch nests", &If{Cond: Bool(true), Then: &If{Cond: Bool(true), Then: Long(1), Else: Long(2)}, Else: Long(3)}, 10, 3},
		{"deep operand of a chain", Bin(OpOr, chain(OpOr, 3), nested(5)), 10, 6},
		{"at the limit", nested(MaxNesting), MaxNesting, MaxNesting},
		{"past the limit", nested(MaxNesting + 1), MaxNesting, MaxNesting + 1},
		{"far past the limit is capped", nested(100_000), MaxNesting, MaxNesting + 1},
		{"set", &SetExpr{Elems: []Expr{Long(1), nested(3)}}, 10, 4},
		{"record", &RecordExpr{Fields: []Field{{Key: "a", Value: nested(2)}}}, 10, 3},
		{"call", &Call{Name: "ip", Args: []Expr{String("1.2.3.4")}}, 10, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Nesting(tt.e, tt.limit); got != tt.want {
				t.Errorf("Nesting = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestTooDeep(t *testing.T) {
	deep := nested(MaxNesting + 1)
	var innermost Expr = deep
	for range MaxNesting {
		innermost = innermost.(*Unary).Arg
	}
	tests := []struct {
		name string
		e    Expr
		want Expr
	}{
		{"shallow", chain(OpOr, 2500), nil},
		{"at the limit", nested(MaxNesting), nil},
		{"one past", deep, innermost},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TooDeep(tt.e, MaxNesting); got != tt.want {
				t.Errorf("TooDeep = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestNestingSharedOperands: the readers share x in `x is T in y` and the
// prefixes of has paths; Nesting visits such an operand once per level,
// so nested `is ... in` (2^k paths through the tree) takes linear time.
func TestNestingSharedOperands(t *testing.T) {
	var isIn Expr = VarExpr(VarPrincipal)
	for range 300 {
		isIn = &Binary{Op: OpAnd, Form: FormIsIn, Left: &Is{Left: isIn, Type: "T"},
			Right: &Binary{Op: OpIn, Left: isIn, Right: VarExpr(VarResource)}}
	}
	base := VarExpr(VarContext)
	var hasPath Expr = &Has{Left: base, Attr: "a"}
	var prefix Expr = base
	for range 2000 {
		prefix = &GetAttr{Left: prefix, Attr: "a"}
		hasPath = &Binary{Op: OpAnd, Form: FormHasPath, Left: hasPath, Right: &Has{Left: prefix, Attr: "a"}}
	}
	tests := []struct {
		name  string
		e     Expr
		limit int
		want  int
	}{
		{"300 nested is-in", isIn, 1000, 601},
		{"300 nested is-in past the limit", isIn, MaxNesting, MaxNesting + 1},
		{"has path of 2001", hasPath, 10_000, 2003},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Nesting(tt.e, tt.limit); got != tt.want {
				t.Errorf("Nesting = %d, want %d", got, tt.want)
			}
		})
	}
}
