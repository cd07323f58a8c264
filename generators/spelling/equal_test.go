package spelling

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// TestPolicyDiffAgreesWithCmp: PolicyDiff's fast path (sameExactly)
// never calls equal two policies that go-cmp with sameOptions tells
// apart, on generated policies read back from their text and on copies
// with one change each; a change of Form only is still no difference.
func TestPolicyDiffAgreesWithCmp(t *testing.T) {
	changes := []struct {
		name   string
		differ bool // whether the change is a difference for PolicyDiff
		apply  func(p *syntax.Policy) bool
	}{
		{"none", false, func(*syntax.Policy) bool { return true }},
		{"id", true, func(p *syntax.Policy) bool { p.ID += "x"; return true }},
		{"effect", true, func(p *syntax.Policy) bool { p.Effect = 1 - p.Effect; return true }},
		{"annotation without value", true, func(p *syntax.Policy) bool {
			p.Annotations = append(p.Annotations, syntax.Annotation{Key: "k"})
			return true
		}},
		{"principal scope", true, func(p *syntax.Policy) bool {
			if p.Principal.Op == syntax.ScopeAll {
				return false
			}
			p.Principal.Op = syntax.ScopeAll
			return true
		}},
		{"condition kind", true, func(p *syntax.Policy) bool {
			if len(p.Conditions) == 0 {
				return false
			}
			p.Conditions[0].Kind = 1 - p.Conditions[0].Kind
			return true
		}},
		{"condition body", true, func(p *syntax.Policy) bool {
			if len(p.Conditions) == 0 {
				return false
			}
			p.Conditions[0].Body = &syntax.Unary{Op: syntax.OpNot, Arg: p.Conditions[0].Body}
			return true
		}},
		{"form only", false, func(p *syntax.Policy) bool {
			for i, c := range p.Conditions {
				switch x := c.Body.(type) {
				case *syntax.Binary:
					y := *x
					y.Form = syntax.FormHasPath
					p.Conditions[i].Body = &y
					return true
				case *syntax.Unary:
					y := *x
					y.Form = syntax.FormNotEq
					p.Conditions[i].Body = &y
					return true
				}
			}
			return false
		}},
		{"position", false, func(p *syntax.Policy) bool { p.Pos.Line += 3; return true }},
	}
	applied := map[string]int{}
	for _, mode := range []generators.Mode{generators.ModeTyped, generators.ModeRBAC, generators.ModeExpr} {
		s := generators.DefaultSettings()
		s.Mode = mode
		for i := range uint64(10) {
			tc := generators.Generate(s, 9, i)
			text := printer.PolicySet(tc.Policies)
			for _, c := range changes {
				a, err1 := parser.ParsePolicySet("a.cedar", []byte(text))
				b, err2 := parser.ParsePolicySet("b.cedar", []byte(text))
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				for j := range a.Policies {
					if !c.apply(b.Policies[j]) {
						continue
					}
					applied[c.name]++
					got := PolicyDiff(a.Policies[j], b.Policies[j]) != ""
					want := cmp.Diff(singleActionIn(a.Policies[j]), singleActionIn(b.Policies[j]), sameOptions...) != ""
					if got != want || got != c.differ {
						t.Fatalf("mode %v index %d policy %d, change %s: PolicyDiff differs %v, cmp differs %v, want %v",
							mode, i, j, c.name, got, want, c.differ)
					}
				}
			}
		}
	}
	for _, c := range changes {
		if applied[c.name] == 0 {
			t.Errorf("change %q never applied", c.name)
		}
	}
}
