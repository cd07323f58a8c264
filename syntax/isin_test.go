package syntax

import "testing"

// nestedIsIn builds n nested `(if (X is User in Group::"g") then
// principal else principal)` from X = principal, with x shared by each
// Is and In as the readers build it.
func nestedIsIn(n int) Expr {
	g := Entity(NewEntityUID("Group", "g"))
	var x Expr = VarExpr(VarPrincipal)
	for range n {
		test := &Binary{Op: OpAnd, Form: FormIsIn, Left: &Is{Left: x, Type: "User"}, Right: Bin(OpIn, x, g)}
		x = &If{Cond: test, Then: VarExpr(VarPrincipal), Else: VarExpr(VarPrincipal)}
	}
	return x
}

func TestIsInPair(t *testing.T) {
	x, y := VarExpr(VarPrincipal), Entity(NewEntityUID("Group", "g"))
	is := &Is{Left: x, Type: "User"}
	if _, _, ok := IsInPair(is, Bin(OpIn, x, y)); !ok {
		t.Error("shared x: not a pair")
	}
	if _, _, ok := IsInPair(is, Bin(OpIn, VarExpr(VarPrincipal), y)); ok {
		t.Error("a copy of x: a pair")
	}
	if _, _, ok := IsInPair(is, Bin(OpEq, x, y)); ok {
		t.Error("== : a pair")
	}
	if _, _, ok := IsInPair(&Is{Type: "User"}, Bin(OpIn, nil, y)); ok {
		t.Error("nil x: a pair")
	}
	if _, _, ok := AsIsIn(Bin(OpOr, is, Bin(OpIn, x, y))); ok {
		t.Error("||: an is-in")
	}
}

// Inspect visits each node of nested is-in tests once: 30 levels have
// 7 nodes a level plus the innermost principal (visiting x twice per
// level would be 2^31 visits), and the In is visited, without its x.
func TestInspectIsInOnce(t *testing.T) {
	for _, n := range []int{8, 30} { // 8 first: a regression fails fast
		visits, ins := 0, 0
		Inspect(nestedIsIn(n), func(e Expr) bool {
			visits++
			if b, ok := e.(*Binary); ok && b.Op == OpIn {
				ins++
			}
			return true
		})
		if visits != 7*n+1 || ins != n {
			t.Fatalf("%d levels: %d visits, %d In, want %d and %d", n, visits, ins, 7*n+1, n)
		}
	}
	// Stopping at the In skips only its y.
	visits := 0
	Inspect(nestedIsIn(1), func(e Expr) bool {
		visits++
		b, ok := e.(*Binary)
		return !ok || b.Op != OpIn
	})
	if visits != 7 {
		t.Errorf("%d visits with the In's children skipped, want 7", visits)
	}
}
