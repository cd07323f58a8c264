package shrink

import (
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

func TestRenamed(t *testing.T) {
	alice := syntax.EntityUID{Type: "User", ID: "alice"}
	admins := syntax.EntityUID{Type: "Group", ID: "admins"}
	ps, err := parser.ParsePolicySet("p.cedar", []byte(`permit(principal in Group::"admins", action, resource == User::"alice") when { context.who == User::"alice" && [User::"alice"].contains(principal) };`))
	if err != nil {
		t.Fatal(err)
	}
	orig := &generators.Test{
		Policies: ps,
		Entities: []*syntax.EntityData{{UID: alice, Parents: []syntax.EntityUID{admins}, Attrs: []syntax.Field{{Key: "self", Value: syntax.Entity(alice)}}}, {UID: admins}},
		Requests: []syntax.Request{{Principal: alice, Action: syntax.EntityUID{Type: "Action", ID: "view"}, Resource: alice,
			Context: &syntax.RecordExpr{Fields: []syntax.Field{{Key: "who", Value: syntax.Entity(alice)}}}}},
	}
	before := printer.PolicySet(orig.Policies)
	c := renamed(orig, alice, syntax.EntityUID{Type: "User", ID: "a"})
	if got := entityUIDs(c); len(got) != 3 || got[1] != admins || got[2].ID != "a" {
		t.Errorf("uids after renaming: %v", got)
	}
	want := `permit (principal in Group::"admins", action, resource == User::"a")
when { context.who == User::"a" && [User::"a"].contains(principal) };`
	if got := printer.PolicySet(c.Policies); !sameText(got, want) {
		t.Errorf("renamed policies:\n%s\nwant\n%s", got, want)
	}
	if c.Requests[0].Principal.ID != "a" || c.Entities[0].UID.ID != "a" || c.Entities[0].Attrs[0].Value.(*syntax.Literal).Value.(syntax.EntityUID).ID != "a" {
		t.Errorf("request or entity not renamed: %+v %+v", c.Requests[0], c.Entities[0])
	}
	// The original is untouched.
	if printer.PolicySet(orig.Policies) != before || orig.Entities[0].UID != alice || orig.Requests[0].Resource != alice ||
		orig.Requests[0].Context.(*syntax.RecordExpr).Fields[0].Value.(*syntax.Literal).Value != alice {
		t.Error("renaming changed the original test")
	}
	// Every candidate of renameCuts is cheaper.
	s := renameCuts(orig)
	n := 0
	for v, ok := s(); ok; v, ok = s() {
		n++
		if Cost(v.(*generators.Test)) >= Cost(orig) {
			t.Errorf("candidate %d is not cheaper", n)
		}
	}
	if n != 2 { // alice and admins; the action is left alone
		t.Errorf("%d rename candidates, want 2", n)
	}
}

// sameText compares two texts ignoring all white space.
func sameText(a, b string) bool {
	return strings.Join(strings.Fields(a), "") == strings.Join(strings.Fields(b), "")
}
