package syntax

import (
	"reflect"
	"testing"
)

// everyNode is a tree with one node of each kind.
func everyNode() Expr {
	return &If{
		Cond: Not(&Has{Left: VarExpr(VarContext), Attr: "a"}),
		Then: &SetExpr{Elems: []Expr{Long(1), &Slot{ID: SlotPrincipal}, Unknown("u")}},
		Else: &RecordExpr{Fields: []Field{
			{Key: "k", Value: &Like{Left: &GetAttr{Left: VarExpr(VarResource), Attr: "s"}, Pattern: Pattern{{Char: 'a'}, {Wildcard: true}}}},
			{Key: "i", Value: &Is{Left: VarExpr(VarPrincipal), Type: "User"}},
			{Key: "c", Value: &Call{Name: "ip", Args: []Expr{String("10.0.0.1")}}},
			{Key: "b", Value: Bin(OpAdd, Long(1), Neg(Long(2)))},
		}},
	}
}

func TestRewriteCopies(t *testing.T) {
	e := everyNode()
	c := Rewrite(e, nil)
	if !reflect.DeepEqual(c, e) {
		t.Fatalf("the copy differs:\n%#v\n%#v", c, e)
	}
	// No node of the copy is a node of e.
	nodes := map[Expr]bool{}
	Inspect(e, func(x Expr) bool { nodes[x] = true; return true })
	Inspect(c, func(x Expr) bool {
		if nodes[x] {
			t.Errorf("the copy shares %#v with the original", x)
		}
		return true
	})
	c.(*If).Else.(*RecordExpr).Fields[0].Value.(*Like).Pattern[0].Char = 'z'
	if e.(*If).Else.(*RecordExpr).Fields[0].Value.(*Like).Pattern[0].Char != 'a' {
		t.Error("changing the copy's pattern changed the original")
	}
}

func TestRewriteReplaces(t *testing.T) {
	e := everyNode()
	calls := 0
	got := Rewrite(e, func(x Expr) (Expr, bool) {
		calls++
		if name, ok := UnknownName(x); ok && name == "u" {
			return Long(7), true
		}
		if v, ok := x.(*Variable); ok && v.Var == VarResource {
			return VarExpr(VarPrincipal), true
		}
		return nil, false
	})
	want := everyNode()
	want.(*If).Then.(*SetExpr).Elems[2] = Long(7)
	want.(*If).Else.(*RecordExpr).Fields[0].Value.(*Like).Left.(*GetAttr).Left = VarExpr(VarPrincipal)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%#v\nwant\n%#v", got, want)
	}
	if !reflect.DeepEqual(e, everyNode()) {
		t.Error("Rewrite changed its input")
	}
	nodes := 0
	Inspect(e, func(Expr) bool { nodes++; return true })
	// replace is called on each node outside replaced ones; the unknown's
	// argument is inside a replaced node.
	if calls != nodes-1 {
		t.Errorf("replace called %d times on %d nodes", calls, nodes)
	}
}

// TestRewriteSharedOperands: 300 nested `x is T in y` share x at every
// level (2^300 paths); the copy keeps the sharing and visits each node once.
func TestRewriteSharedOperands(t *testing.T) {
	var isIn Expr = VarExpr(VarPrincipal)
	for range 300 {
		isIn = &Binary{Op: OpAnd, Form: FormIsIn, Left: &Is{Left: isIn, Type: "T"},
			Right: &Binary{Op: OpIn, Left: isIn, Right: VarExpr(VarResource)}}
	}
	calls := 0
	c := Rewrite(isIn, func(Expr) (Expr, bool) { calls++; return nil, false })
	if calls != 300*4+1 {
		t.Errorf("replace called %d times, want once per node (%d)", calls, 300*4+1)
	}
	b := c.(*Binary)
	if b.Left.(*Is).Left != b.Right.(*Binary).Left {
		t.Error("the copy does not share the is-in operand")
	}
	if b == isIn {
		t.Error("the copy is the original")
	}
}

func TestRewritePolicy(t *testing.T) {
	p := &Policy{ID: "p", Annotations: []Annotation{{Key: "k", Value: "v"}},
		Principal:  Scope{Entities: []EntityUID{{Type: "User", ID: "a"}}},
		Conditions: []Condition{{Kind: When, Body: Unknown("u")}, {Kind: Unless, Body: Unknown("u")}}}
	c := RewritePolicy(p, func(x Expr) (Expr, bool) {
		if _, ok := UnknownName(x); ok {
			return Bool(true), true
		}
		return nil, false
	})
	if len(c.Conditions) != 2 || !reflect.DeepEqual(c.Conditions[1].Body, Bool(true)) || c.Conditions[1].Kind != Unless {
		t.Errorf("conditions: %#v", c.Conditions)
	}
	c.Annotations[0].Value = "changed"
	c.Principal.Entities[0].ID = "changed"
	if p.Annotations[0].Value != "v" || p.Principal.Entities[0].ID != "a" {
		t.Error("changing the copy changed the original")
	}
	if _, ok := UnknownName(p.Conditions[0].Body); !ok {
		t.Error("RewritePolicy changed its input")
	}
}
