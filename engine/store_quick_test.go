package engine

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// renameZ gives a record's key z the record's first key, making a
// duplicate the parser would refuse.
func renameZ(e syntax.Expr) {
	switch e := e.(type) {
	case *syntax.RecordExpr:
		for i := range e.Fields {
			if e.Fields[i].Key == "z" {
				e.Fields[i].Key = e.Fields[0].Key
			}
			renameZ(e.Fields[i].Value)
		}
	case *syntax.SetExpr:
		for _, x := range e.Elems {
			renameZ(x)
		}
	}
}

// TestQuickRestrictedAgrees checks that the direct evaluation of
// restricted values gives the compiler's value, and gives up wherever
// the compiler's path reports an error, so that errors stay the same.
func TestQuickRestrictedAgrees(t *testing.T) {
	for _, tt := range []struct {
		src string
		ok  bool
	}{
		{`[1, -2, "a", true, User::"x", [1, 1], {}]`, true},
		{`{a: 1, b: {c: [decimal("1.5"), ip("10.0.0.1/8")]}, d: datetime("2024-01-01")}`, true},
		{`{a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11}`, true},
		{`[datetime("2024-01-01").offset(duration("1h")), decimal("1.0").lessThan(decimal("2.0"))]`, true},
		{`{a: 1, z: 2}`, false}, // z becomes a: the parser refuses duplicates
		{`{a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, z: 11}`, false},
		{`[decimal("x")]`, false},
		{`{a: decimal("x"), b: {c: 1, z: 2}}`, false},
		{`[ip(1)]`, false},
		{`[-(-9223372036854775807 - 1)]`, false},
		{`[-"a"]`, false},
		{`[principal]`, false},
	} {
		e, err := parser.ParseExpr("t.cedar", []byte(tt.src))
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		renameZ(e)
		checkQuick(t, tt.src, e, tt.ok)
	}
	// Calls the parser refuses.
	lit := &syntax.Literal{Value: "1.0"}
	checkQuick(t, "decimal with two arguments", &syntax.Call{Name: "decimal", Args: []syntax.Expr{lit, lit}}, false)
	checkQuick(t, "unknown function", &syntax.Call{Name: "nosuch", Args: []syntax.Expr{lit}}, false)
}

func checkQuick(t *testing.T, src string, e syntax.Expr, wantOK bool) {
	t.Helper()
	quick, ok := quickRestricted(e, 0, nil)
	if ok != wantOK {
		t.Errorf("%s: quickRestricted ok = %v, want %v", src, ok, wantOK)
		return
	}
	// From an arena, after another value took parts of its chunks.
	a := &arena{}
	quickRestricted(e, 0, a)
	if fromArena, okArena := quickRestricted(e, 0, a); okArena != ok || ok && !fromArena.equal(quick) {
		t.Errorf("%s: from an arena %v (ok %v), alone %v", src, fromArena, okArena, quick)
	}
	var want value
	var wantErr error
	if err := checkRestricted(e, 0); err != nil {
		wantErr = err
	} else if n, err := (&compiler{}).compile(e); err != nil {
		wantErr = err
	} else if v, evErr := n.fn()(&env{}); evErr != nil {
		wantErr = evErr
	} else {
		want = v
	}
	if ok != (wantErr == nil) {
		t.Errorf("%s: quick ok = %v, compiler error %v", src, ok, wantErr)
	}
	if ok && !quick.equal(want) {
		t.Errorf("%s: quick %v, compiler %v", src, quick, want)
	}
}
