package printer_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// ignorePos compares trees without their source positions.
var ignorePos = cmpopts.IgnoreTypes(syntax.Pos{})

// genExpr is a gopter generator of random expressions up to depth.
func genExpr(depth int) gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(astGen{p.Rng}.expr(depth), gopter.NoShrinker)
	}
}

func genPolicySet(depth int) gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		g := astGen{p.Rng}
		ps := &syntax.PolicySet{}
		for i := g.pick(4); i > 0; i-- {
			pol := g.policy(depth)
			pol.ID = syntax.DefaultPolicyID(len(ps.Policies))
			ps.Policies = append(ps.Policies, pol)
		}
		return gopter.NewGenResult(ps, gopter.NoShrinker)
	}
}

func properties(t *testing.T) *gopter.Properties {
	params := gopter.DefaultTestParameters()
	params.MinSuccessfulTests = 3000
	if testing.Short() {
		params.MinSuccessfulTests = 300
	}
	return gopter.NewProperties(params)
}

// TestExprRoundTrip: for every AST, parse(print(ast)) == ast up to
// positions.
func TestExprRoundTrip(t *testing.T) {
	props := properties(t)
	props.Property("parse(print(e)) == e", prop.ForAll(func(e syntax.Expr) (bool, error) {
		text := printer.Expr(e)
		back, err := parser.ParseExpr("printed", []byte(text))
		if err != nil {
			t.Logf("%s\n%v", text, err)
			return false, nil
		}
		if diff := cmp.Diff(e, back, ignorePos); diff != "" {
			t.Logf("%s\n(-want +got)\n%s", text, diff)
			return false, nil
		}
		return true, nil
	}, genExpr(6)))
	props.TestingRun(t)
}

// TestPolicySetRoundTrip: the same for whole policy sets, and formatting
// canonical text changes nothing.
func TestPolicySetRoundTrip(t *testing.T) {
	props := properties(t)
	props.Property("parse(print(ps)) == ps", prop.ForAll(func(ps *syntax.PolicySet) (bool, error) {
		text := printer.PolicySet(ps)
		back, err := parser.ParsePolicySet("printed", []byte(text))
		if err != nil {
			t.Logf("%s\n%v", text, err)
			return false, nil
		}
		if diff := cmp.Diff(ps, back, ignorePos, cmpopts.EquateEmpty()); diff != "" {
			t.Logf("%s\n(-want +got)\n%s", text, diff)
			return false, nil
		}
		formatted, err := printer.Format("printed", []byte(text))
		if err != nil || string(formatted) != text {
			t.Logf("Format changed canonical text:\n%s\n---\n%s (%v)", text, formatted, err)
			return false, nil
		}
		return true, nil
	}, genPolicySet(4)))
	props.TestingRun(t)
}
