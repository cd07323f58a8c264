package syntax

import (
	"fmt"
	"runtime/debug"
	"strings"
	"testing"
)

// label names a node for the traversal tests.
func label(e Expr) string {
	switch e := e.(type) {
	case *Literal:
		return fmt.Sprint(e.Value)
	case *Variable:
		return e.Var.String()
	case *Binary:
		return e.Op.String()
	case *Unary:
		return e.Op.String()
	case *GetAttr:
		return "." + e.Attr
	case *Call:
		return e.Name
	case *RecordExpr:
		return "{}"
	case *SetExpr:
		return "[]"
	case *If:
		return "if"
	}
	return fmt.Sprintf("%T", e)
}

func TestInspectVisitsInEvaluationOrder(t *testing.T) {
	// if principal.a < 1 then [2, ip("x")] else {k: -3}
	e := &If{
		Cond: Bin(OpLess, &GetAttr{Left: VarExpr(VarPrincipal), Attr: "a"}, Long(1)),
		Then: &SetExpr{Elems: []Expr{Long(2), &Call{Name: "ip", Args: []Expr{String("x")}}}},
		Else: &RecordExpr{Fields: []Field{{Key: "k", Value: Neg(Long(3))}}},
	}
	var got []string
	Inspect(e, func(x Expr) bool { got = append(got, label(x)); return true })
	want := "if < .a principal 1 [] 2 ip x {} - 3"
	if strings.Join(got, " ") != want {
		t.Errorf("visited %q, want %q", strings.Join(got, " "), want)
	}

	got = nil
	Inspect(e, func(x Expr) bool {
		got = append(got, label(x))
		_, isSet := x.(*SetExpr)
		return !isSet
	})
	if strings.Join(got, " ") != "if < .a principal 1 [] {} - 3" {
		t.Errorf("returning false did not prune: %q", strings.Join(got, " "))
	}
	Inspect(nil, func(Expr) bool { t.Error("f called on nil"); return true })
}

func TestAny(t *testing.T) {
	e := Bin(OpAnd, Bool(true), &Call{Name: "decimal", Args: []Expr{String("+1.0")}})
	isCall := func(x Expr) bool { _, ok := x.(*Call); return ok }
	isVar := func(x Expr) bool { _, ok := x.(*Variable); return ok }
	if !Any(e, isCall) || Any(e, isVar) || Any(nil, isCall) {
		t.Error("Any gives the wrong answer")
	}
}

// TestInspectLongChain: a chain of 300,000 terms is walked in order
// within a small stack.
func TestInspectLongChain(t *testing.T) {
	defer debug.SetMaxStack(debug.SetMaxStack(8 << 20))
	const n = 300_000
	var e Expr = Long(0)
	for i := 1; i < n; i++ {
		e = Bin(OpOr, e, Long(int64(i)))
	}
	e = &If{Cond: Bool(true), Then: e, Else: elseIfChain(n)}
	nodes, next := 0, int64(0)
	Inspect(e, func(x Expr) bool {
		nodes++
		if lit, ok := x.(*Literal); ok && next < n {
			if v, ok := lit.Value.(int64); ok {
				if v != next {
					t.Fatalf("literal %d visited when %d was next", v, next)
				}
				next++
			}
		}
		return true
	})
	if want := 1 + 1 + (2*n - 1) + 3*n + 1; nodes != want {
		t.Errorf("visited %d nodes, want %d", nodes, want)
	}
}

// AppendChildren must give every node kind's children in evaluation
// order after what dst already holds, and Children the same slice.
func TestAppendChildren(t *testing.T) {
	a, b, c := Long(1), Long(2), Long(3)
	tests := []struct {
		e    Expr
		want []Expr
	}{
		{Long(7), nil},
		{VarExpr(VarPrincipal), nil},
		{&Slot{ID: SlotPrincipal}, nil},
		{&Unary{Op: OpNot, Arg: a}, []Expr{a}},
		{Bin(OpAdd, a, b), []Expr{a, b}},
		{&If{Cond: a, Then: b, Else: c}, []Expr{a, b, c}},
		{&GetAttr{Left: a, Attr: "x"}, []Expr{a}},
		{&Has{Left: a, Attr: "x"}, []Expr{a}},
		{&Like{Left: a}, []Expr{a}},
		{&Is{Left: a, Type: "T"}, []Expr{a}},
		{&SetExpr{Elems: []Expr{a, b, c}}, []Expr{a, b, c}},
		{&RecordExpr{Fields: []Field{{Key: "p", Value: b}, {Key: "q", Value: a}}}, []Expr{b, a}},
		{&Call{Name: "f", Args: []Expr{c, a}}, []Expr{c, a}},
	}
	for _, tt := range tests {
		prefix := Long(0)
		got := AppendChildren([]Expr{prefix}, tt.e)
		if len(got) != 1+len(tt.want) || got[0] != prefix {
			t.Errorf("%s: AppendChildren gives %d nodes, prefix kept %v; want %d", label(tt.e), len(got), got[0] == prefix, 1+len(tt.want))
			continue
		}
		kids := Children(tt.e)
		if len(kids) != len(tt.want) {
			t.Errorf("%s: Children gives %d nodes, want %d", label(tt.e), len(kids), len(tt.want))
			continue
		}
		for i, w := range tt.want {
			if got[1+i] != w || kids[i] != w {
				t.Errorf("%s: child %d is %s (Children: %s), want %s", label(tt.e), i, label(got[1+i]), label(kids[i]), label(w))
			}
		}
	}
}
