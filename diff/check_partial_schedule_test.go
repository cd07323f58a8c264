package diff

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// slowPartial is a Supervised oracle with partial authorization: the
// engine under another name.
type slowPartial struct{ oracle }

func (o slowPartial) PartialAuthorize(in *Input, reqs []*syntax.PartialRequest) ([]PartialAnswer, error) {
	return o.Implementation.(PartialAuthorizer).PartialAuthorize(in, reqs)
}

// wrongPartial is the engine with a planted partial bug: a known allow
// becomes a deny.
type wrongPartial struct{ Implementation }

func (wrongPartial) Name() string { return "wrong-partial" }

func (w wrongPartial) PartialAuthorize(in *Input, reqs []*syntax.PartialRequest) ([]PartialAnswer, error) {
	out, err := w.Implementation.(PartialAuthorizer).PartialAuthorize(in, reqs)
	for i := range out {
		if out[i].Err == nil && out[i].Response.Decision == PartialAllow {
			out[i].Response.Decision = PartialDeny
		}
	}
	return out, err
}

// TestSchedulePartial: in the partial target the scheduled oracle is
// asked on the tests that are new to the run and on disagreements, not
// on every test; unscheduled, on every one.
func TestSchedulePartial(t *testing.T) {
	const count = 150
	impls := []Implementation{Model(), Engine(), slowPartial{oracle{Engine(), "slow"}}}
	sum, err := Run(context.Background(), Config{Target: TargetPartial, Impls: impls, Seed: 21, Count: count, Jobs: 1, ScheduleOracles: true})
	if err != nil {
		t.Fatal(err)
	}
	asked := sum.Asked["slow"]
	if asked[AskedNovel] == 0 || asked[AskedEvery] != 0 || asked[AskedNovel]+asked[AskedSampled] >= count {
		t.Errorf("scheduled oracle asked %v over %d partial tests: want the novel ones and a share of the rest", asked, count)
	}
	if sum.FindingsTotal != 0 {
		t.Fatalf("findings among agreeing implementations: %v", sum.Signatures)
	}

	impls[1] = wrongPartial{Engine()}
	sum, err = Run(context.Background(), Config{Target: TargetPartial, Impls: impls, Seed: 21, Count: count, Jobs: 1, ScheduleOracles: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.FindingsTotal == 0 || sum.Asked["slow"][AskedDisagreement] == 0 {
		t.Errorf("planted partial bug: %d findings, oracle asked %v; want findings and the oracle asked on them", sum.FindingsTotal, sum.Asked["slow"])
	}

	impls = []Implementation{Model(), slowPartial{oracle{Engine(), "slow"}}}
	sum, err = Run(context.Background(), Config{Target: TargetPartial, Impls: impls, Seed: 21, Count: 20, Jobs: 1, ScheduleOracles: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := sum.Asked["slow"]; got[AskedEvery] != 20 || len(got) != 1 {
		t.Errorf("oracle, the only other implementation, asked %v; want every test", got)
	}
}

// TestPartialFeatures: a partial test's features are (effect, class,
// construct) for each policy's place in each answer, and its decision
// shape.
func TestPartialFeatures(t *testing.T) {
	ps, err := parser.ParsePolicySet("p.cedar", []byte(`
permit (principal, action, resource) when { context.a like "x*" };
forbid (principal, action, resource) when { context.b has c };
`))
	if err != nil {
		t.Fatal(err)
	}
	ref := []PartialAnswer{
		{Response: PartialResponse{Decision: PartialAllow, Satisfied: []string{"policy0"}}},
		{Response: PartialResponse{Decision: PartialUnknown, Residuals: []*syntax.Policy{{ID: "policy1"}}}},
		{Err: errors.New("no answer")},
	}
	got := partialFeatures(ps, ref)
	constructs, _ := policyFeatures(ps)
	for _, want := range []string{
		"partial/permit/satisfied/" + constructs["policy0"][0],
		"partial/forbid/false/" + constructs["policy1"][0],
		"partial/forbid/residual/" + constructs["policy1"][0],
		"partial/permit/false/" + constructs["policy0"][0],
		"partial shape allow,error,unknown",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("features lack %q:\n%q", want, got)
		}
	}
	if !slices.IsSorted(got) {
		t.Errorf("features not sorted: %q", got)
	}
}
