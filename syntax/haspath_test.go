package syntax

import "testing"

// hasPath builds `x has path[0].path[1]...` as the readers do, with the
// prefixes x, x.path[0], ... shared.
func hasPath(x Expr, path ...string) Expr {
	var out Expr = &Has{Left: x, Attr: path[0]}
	prefix := x
	for i := 1; i < len(path); i++ {
		prefix = &GetAttr{Left: prefix, Attr: path[i-1]}
		out = &Binary{Op: OpAnd, Form: FormHasPath, Left: out, Right: &Has{Left: prefix, Attr: path[i]}}
	}
	return out
}

// nestedHasPath builds n nested `(if X has a.b then context else
// context)` from X = context, with the prefixes shared.
func nestedHasPath(n int) Expr {
	var x Expr = VarExpr(VarContext)
	for range n {
		x = &If{Cond: hasPath(x, "a", "b"), Then: VarExpr(VarContext), Else: VarExpr(VarContext)}
	}
	return x
}

func TestHasPathStep(t *testing.T) {
	x := VarExpr(VarContext)
	first := &Has{Left: x, Attr: "a"}
	if _, _, ok := HasPathStep(first, &Has{Left: &GetAttr{Left: x, Attr: "a"}, Attr: "b"}); !ok {
		t.Error("shared prefix: not a step")
	}
	if _, _, ok := HasPathStep(first, &Has{Left: &GetAttr{Left: VarExpr(VarContext), Attr: "a"}, Attr: "b"}); ok {
		t.Error("a copy of the prefix: a step")
	}
	if _, _, ok := HasPathStep(first, &Has{Left: &GetAttr{Left: x, Attr: "z"}, Attr: "b"}); ok {
		t.Error("another attribute: a step")
	}
	run := HasPathRun(chainOperands(hasPath(x, "a", "b", "c")), 0)
	if len(run) != 3 || run[2].Attr != "c" {
		t.Errorf("run of a.b.c: %v", run)
	}
	if run := HasPathRun([]Expr{first, first}, 0); run != nil {
		t.Errorf("two unrelated Has: run %v", run)
	}
	if _, _, ok := AsHasPathStep(Bin(OpOr, first, &Has{Left: &GetAttr{Left: x, Attr: "a"}, Attr: "b"})); ok {
		t.Error("||: a step")
	}
}

// chainOperands flattens a left-nested && chain.
func chainOperands(e Expr) []Expr {
	b, ok := e.(*Binary)
	if !ok || b.Op != OpAnd {
		return []Expr{e}
	}
	return append(chainOperands(b.Left), b.Right)
}

// Inspect visits each node of nested has-path tests once: 7 nodes a level
// plus the innermost context (visiting each prefix once per reference
// would be 2^(n+3) visits at 30 levels), each GetAttr included.
func TestInspectHasPathOnce(t *testing.T) {
	for _, n := range []int{8, 30} { // 8 first: a regression fails fast
		visits, gets := 0, 0
		Inspect(nestedHasPath(n), func(e Expr) bool {
			visits++
			if _, ok := e.(*GetAttr); ok {
				gets++
			}
			return true
		})
		if visits != 7*n+1 || gets != n {
			t.Fatalf("%d levels: %d visits, %d GetAttr, want %d and %d", n, visits, gets, 7*n+1, n)
		}
	}
	// A longer path: context has a.b.c.d is 4 Has, 3 And, 3 GetAttr and
	// context.
	visits := 0
	Inspect(hasPath(VarExpr(VarContext), "a", "b", "c", "d"), func(Expr) bool { visits++; return true })
	if visits != 11 {
		t.Errorf("a.b.c.d: %d visits, want 11", visits)
	}
}
