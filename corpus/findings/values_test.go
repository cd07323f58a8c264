package findings

import (
	"slices"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// otherValue stands for an official engine whose value of the expression
// differs from the model's: the last policy (a value check) errors.
type otherValue struct{ diff.Implementation }

func (otherValue) Name() string { return "other-value" }

func (o otherValue) Authorize(in *diff.Input, reqs []*syntax.Request) ([]diff.Answer, error) {
	answers, err := o.Implementation.Authorize(in, reqs)
	last := in.Policies.Policies[len(in.Policies.Policies)-1].ID
	for i := range answers {
		answers[i].Response.Errors = append(slices.Clone(answers[i].Response.Errors), last)
		answers[i].Response = answers[i].Response.Normalize()
	}
	return answers, err
}

// TestSaveValueFinding saves a value finding: the saved test carries a
// check policy per expression, its expectations are the reference's, and
// it replays: an implementation with the reference's values passes, one
// with other values fails.
func TestSaveValueFinding(t *testing.T) {
	tc, index := valueTest(t, 3)
	f := &diff.Finding{Kind: diff.KindValue, Target: diff.TargetExpr, Seed: 3, Index: index, Request: 0,
		Impls: []string{"model", "engine"}, On: []string{"value"},
		Command: diff.ReproCommand(3, index, diff.TargetExpr, []string{"model", "engine"}), Test: tc}
	conditions := 0
	for _, p := range tc.Policies.Policies {
		conditions += len(p.Conditions)
	}
	for _, c := range []struct {
		name          string
		reference     diff.Implementation
		pass, fail    diff.Implementation
		checksErrored bool
	}{
		{"the reference agrees with the model", diff.Model(), diff.Engine(), otherValue{diff.Model()}, false},
		{"the reference computes another value", otherValue{diff.Model()}, otherValue{diff.Model()}, diff.Model(), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			path, _, err := (&Saver{Dir: t.TempDir(), Reference: c.reference}).Save(f, nil)
			if err != nil {
				t.Fatal(err)
			}
			ct, err := corpus.LoadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(ct.Policies.Policies); got != len(tc.Policies.Policies)+conditions {
				t.Fatalf("saved %d policies, want %d and a check per condition:\n%s", got, len(tc.Policies.Policies), ct.PolicyText)
			}
			if !strings.Contains(ct.PolicyText, "==") {
				t.Errorf("no check policy in:\n%s", ct.PolicyText)
			}
			last := ct.Policies.Policies[len(ct.Policies.Policies)-1].ID
			if errored := slices.Contains(ct.Requests[0].Errors, last); errored != c.checksErrored {
				t.Errorf("the saved expectations have the check erroring: %v, want %v", errored, c.checksErrored)
			}
			if rep := corpus.Replay(c.pass, []*corpus.Test{ct}, corpus.Options{}); !rep.OK() {
				t.Errorf("%s fails: %v", c.pass.Name(), rep.Failures)
			}
			if rep := corpus.Replay(c.fail, []*corpus.Test{ct}, corpus.Options{}); rep.OK() {
				t.Errorf("%s, whose value differs, passes", c.fail.Name())
			}
		})
	}
}

// valueTest returns the first expr test of seed whose expressions all
// evaluate without error on its first request, so that a check policy
// erroring can only mean a value that differs. (The generator also makes
// expressions that error, such as an overflowing duration.)
func valueTest(t *testing.T, seed int64) (*generators.Test, uint64) {
	t.Helper()
	settings := generators.DefaultSettings()
	settings.Mode = generators.ModeExpr
	for index := uint64(0); index < 200; index++ {
		tc := generators.Generate(settings, seed, index)
		answers, err := diff.Model().Authorize(&diff.Input{Policies: tc.Policies, Entities: tc.Entities, Schema: tc.Schema}, []*syntax.Request{&tc.Requests[0]})
		if err == nil && len(answers) == 1 && len(answers[0].Response.Errors) == 0 {
			return tc, index
		}
	}
	t.Fatal("no expr test in 200 evaluates without error")
	return nil, 0
}
