package syntax

import (
	"errors"
	"testing"
)

func TestEntityTypeParts(t *testing.T) {
	cases := []struct {
		t        EntityType
		base, ns string
		isAction bool
	}{
		{"User", "User", "", false},
		{"A::B::User", "User", "A::B", false},
		{"Action", "Action", "", true},
		{"NS::Action", "Action", "NS", true},
		{"NS::Actions", "Actions", "NS", false},
	}
	for _, c := range cases {
		if got := c.t.Basename(); got != c.base {
			t.Errorf("%s.Basename() = %q, want %q", c.t, got, c.base)
		}
		if got := c.t.Namespace(); got != c.ns {
			t.Errorf("%s.Namespace() = %q, want %q", c.t, got, c.ns)
		}
		if got := c.t.IsAction(); got != c.isAction {
			t.Errorf("%s.IsAction() = %v, want %v", c.t, got, c.isAction)
		}
	}
}

func TestQuote(t *testing.T) {
	cases := map[string]string{
		"":              `""`,
		"alice":         `"alice"`,
		`a"b\c`:         `"a\"b\\c"`,
		"tab\tnl\ncr\r": `"tab\tnl\ncr\r"`,
		"\x00":          `"\0"`,
		"\x1f\x7f":      `"\u{1f}\u{7f}"`,
		"héllo ✓":       `"héllo ✓"`,
		"*":             `"*"`,
	}
	for in, want := range cases {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
	if got := NewEntityUID("NS::User", `a"b`).String(); got != `NS::User::"a\"b"` {
		t.Errorf("EntityUID.String() = %s", got)
	}
}

func TestIsIdent(t *testing.T) {
	for s, want := range map[string]bool{"a": true, "_": true, "a1_B": true, "1a": false, "": false, "a-b": false, "é": false} {
		if got := IsIdent(s); got != want {
			t.Errorf("IsIdent(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestVarNames(t *testing.T) {
	for _, v := range []Var{VarPrincipal, VarAction, VarResource, VarContext} {
		got, ok := ParseVar(v.String())
		if !ok || got != v {
			t.Errorf("ParseVar(%q) = %v, %v", v.String(), got, ok)
		}
	}
	if _, ok := ParseVar("principals"); ok {
		t.Error("ParseVar accepted an unknown name")
	}
}

func TestErrorFormatting(t *testing.T) {
	e := &Error{Pos: Pos{Filename: "p.cedar", Line: 3, Column: 7}, Kind: "InvalidSingleEq", Msg: "use =="}
	if got := e.Error(); got != "p.cedar:3:7: use ==" {
		t.Errorf("Error() = %q", got)
	}
	if got := (&Error{Msg: "bare"}).Error(); got != "bare" {
		t.Errorf("Error() without position = %q", got)
	}
	var list ErrorList
	if list.Err() != nil {
		t.Error("empty ErrorList.Err() is not nil")
	}
	list = append(list, e, &Error{Pos: Pos{Line: 4, Column: 1}, Msg: "second"})
	if got := list.Error(); got != "p.cedar:3:7: use ==\n4:1: second" {
		t.Errorf("ErrorList.Error() = %q", got)
	}
	if first := FirstError(list.Err()); first != e {
		t.Errorf("FirstError = %v", first)
	}
	var target *Error
	if !errors.As(list.Err(), &target) || target.Kind != "InvalidSingleEq" {
		t.Error("errors.As does not find the first error in a list")
	}
}

func TestPolicyHelpers(t *testing.T) {
	p := &Policy{
		Principal:   Scope{Op: ScopeIn, Slot: SlotPrincipal},
		Resource:    Scope{Op: ScopeEq, Slot: SlotResource},
		Annotations: []Annotation{{Key: "id", Value: "x", HasValue: true}},
	}
	if !p.IsTemplate() || len(p.Slots()) != 2 || p.Slots()[0] != SlotPrincipal {
		t.Errorf("slots: IsTemplate %v, Slots %v", p.IsTemplate(), p.Slots())
	}
	if v, ok := p.Annotation("id"); !ok || v != "x" {
		t.Errorf("Annotation(id) = %q, %v", v, ok)
	}
	ps := &PolicySet{Policies: []*Policy{{ID: DefaultPolicyID(0)}, {ID: DefaultPolicyID(12)}}}
	if ps.Policy("policy12") == nil || ps.Policy("policy1") != nil {
		t.Error("PolicySet.Policy looks up the wrong policy")
	}
}
