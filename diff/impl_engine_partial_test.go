package diff

import (
	"slices"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

func TestEnginePartialAuthorize(t *testing.T) {
	ps, err := parser.ParsePolicySet("p.cedar", []byte(`permit(principal == User::"a", action, resource);
forbid(principal, action, resource) when { context.x };
permit(principal, action, resource) when { 1 };`))
	if err != nil {
		t.Fatal(err)
	}
	a, u := syntax.NewEntityUID("Action", "view"), syntax.NewEntityUID("User", "a")
	ctx := &syntax.RecordExpr{Fields: []syntax.Field{{Key: "x", Value: syntax.Unknown("x")}}}
	reqs := []*syntax.PartialRequest{
		{Action: &a, Resource: &a, Context: ctx},
		{Principal: &u, Action: &a, Resource: &a, Context: &syntax.RecordExpr{Fields: []syntax.Field{{Key: "x", Value: syntax.Bool(false)}}}},
		{Principal: &u, Action: &a, Resource: &a, Context: syntax.Long(1)},
	}
	answers, err := EnginePartial().PartialAuthorize(&Input{Policies: ps}, reqs)
	if err != nil {
		t.Fatal(err)
	}
	if len(answers) != len(reqs) {
		t.Fatalf("%d answers for %d requests", len(answers), len(reqs))
	}
	for _, tc := range []struct {
		i                             int
		decision                      PartialDecision
		satisfied, errored, may, must []string
		residuals                     []string
	}{
		{0, PartialUnknown, nil, []string{"policy2"}, []string{"policy0", "policy1"}, nil, []string{
			`unknown("principal") == User::"a" && true`, // as cedar-wasm 4.13 answers
			`true && (true && (true && unknown("x")))`}},
		{1, PartialAllow, []string{"policy0"}, []string{"policy2"}, []string{"policy0"}, []string{"policy0"}, nil},
	} {
		got := answers[tc.i]
		if got.Err != nil {
			t.Fatalf("request %d: %v", tc.i, got.Err)
		}
		r := got.Response
		var residuals []string
		for _, p := range r.Residuals {
			residuals = append(residuals, printer.Expr(p.Conditions[0].Body))
		}
		if r.Decision != tc.decision || !slices.Equal(r.Satisfied, tc.satisfied) || !slices.Equal(r.Errored, tc.errored) ||
			!slices.Equal(r.MayBeDetermining, tc.may) || !slices.Equal(r.MustBeDetermining, tc.must) || !slices.Equal(residuals, tc.residuals) {
			t.Errorf("request %d: got %+v, residuals %q", tc.i, r, residuals)
		}
	}
	if err := answers[2].Err; err == nil || !strings.Contains(err.Error(), "context must be a record") {
		t.Errorf("request 2: err = %v, want a context error", err)
	}
	bad := &syntax.PolicySet{Policies: []*syntax.Policy{{ID: "a"}, {ID: "a"}}}
	if _, err := EnginePartial().PartialAuthorize(&Input{Policies: bad}, reqs); err == nil {
		t.Error("duplicate policy ids accepted")
	}
}
