package diff_test

import (
	"path/filepath"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// regressionTest loads case "regressions/<name>" of the regression
// corpus as a generated test.
func regressionTest(t *testing.T, kase string) *generators.Test {
	t.Helper()
	ct, err := corpus.LoadFile(filepath.Join("..", "corpus", kase+".json"))
	if err != nil {
		t.Fatal(err)
	}
	tc := &generators.Test{Mode: generators.ModeTyped, Schema: ct.Schema, Entities: ct.Entities, Policies: ct.Policies}
	for _, r := range ct.Requests {
		tc.Requests = append(tc.Requests, *r.SyntaxRequest())
	}
	return tc
}

// TestKnownRulesFireOnTheirCases checks each run-level rule on the input
// of the regression case it names, run through the model, the engine and
// cedar-go as a run would: every finding is known, under that case.
func TestKnownRulesFireOnTheirCases(t *testing.T) {
	cfg := diff.Config{Impls: []diff.Implementation{diff.Model(), diff.Engine(), diff.CedarGo()}}
	for _, k := range diff.KnownRules() {
		t.Run(k.Case, func(t *testing.T) {
			res := cfg.CheckTest(diff.TargetABAC, regressionTest(t, k.Case))
			for _, f := range res.Findings {
				t.Errorf("not known:\n%s", f)
			}
			if len(res.Known) == 0 {
				t.Fatal("no known finding: the bug no longer shows, or the rule does not see it")
			}
			for _, f := range res.Known {
				if f.Known != k.Case {
					t.Errorf("known as %q, want %q:\n%s", f.Known, k.Case, f)
				}
			}
		})
	}
}

// flipper is an implementation named cedar-go whose every decision is
// flipped: a cedar-go bug no rule knows.
type flipper struct{ diff.Implementation }

func (flipper) Name() string { return "cedar-go" }

func (f flipper) Authorize(in *diff.Input, reqs []*syntax.Request) ([]diff.Answer, error) {
	answers, err := f.Implementation.Authorize(in, reqs)
	for i := range answers {
		answers[i].Response.Decision = 1 - answers[i].Response.Decision
	}
	return answers, err
}

// TestUnknownCedarGoFindingFails checks that a cedar-go mismatch on a
// test with no rule's trigger fails, and that on a test with a trigger
// the other, unrelated mismatches a planted bug causes are still
// reported: a rule explains findings of its own kind only.
func TestUnknownCedarGoFindingFails(t *testing.T) {
	cfg := diff.Config{Impls: []diff.Implementation{diff.Model(), flipper{diff.Engine()}}}
	res := cfg.CheckTest(diff.TargetABAC, regressionTest(t, "regressions/all-satisfied-permits-are-reasons"))
	if !res.Failed() || len(res.Known) > 0 {
		t.Errorf("a planted cedar-go bug: failed %v, known %v; want failed and nothing known", res.Failed(), res.Known)
	}
	// The negated-integer rule explains cedar-go rejecting the policy,
	// not a mismatch.
	res = cfg.CheckTest(diff.TargetABAC, regressionTest(t, "regressions/negated-integer-member-access"))
	if !res.Failed() || len(res.Known) > 0 {
		t.Errorf("a planted cedar-go mismatch on a test with a parser trigger: failed %v, known %v; want failed and nothing known", res.Failed(), res.Known)
	}
}
