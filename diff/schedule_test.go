package diff

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
)

// TestScheduleDecide pins the schedule's rules on fixed sequences of
// feature sets: a test with a feature new to the run is always asked, a
// test without one is asked on the share, sampled from (seed, index).
func TestScheduleDecide(t *testing.T) {
	t.Run("novel always sent", func(t *testing.T) {
		for _, share := range []float64{0, 0.05, 1} {
			s := newOracleSchedule(1, share)
			for i := range uint64(500) {
				why, ask := s.decide(i, []string{"old", fmt.Sprint("new ", i)})
				if !ask || why != AskedNovel {
					t.Fatalf("share %v, test %d with a new feature: %q, %v", share, i, why, ask)
				}
			}
		}
	})
	t.Run("share respected", func(t *testing.T) {
		for _, share := range []float64{0, 0.01, 0.05, 0.2, 1} {
			s := newOracleSchedule(7, share)
			s.decide(0, []string{"a", "b"})
			const n = 20000
			asked := 0
			for i := range uint64(n) {
				why, ask := s.decide(i+1, []string{"b", "a"})
				if ask {
					asked++
					if why != AskedSampled {
						t.Fatalf("test %d without anything new asked as %q", i+1, why)
					}
				}
			}
			if got := float64(asked) / n; got < share*0.85 || got > share*1.15 {
				t.Errorf("share %v: %d of %d sampled (%.4f)", share, asked, n, got)
			}
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		decisions := func(seed int64) string {
			s := newOracleSchedule(seed, DefaultOracleShare)
			var b strings.Builder
			for i := range uint64(2000) {
				why, _ := s.decide(i, []string{fmt.Sprint("f", i%97), fmt.Sprint("g", i*i%1009)})
				b.WriteString(why + ";")
			}
			return b.String()
		}
		if a, b := decisions(3), decisions(3); a != b {
			t.Error("two schedules of one seed decided differently on one sequence")
		}
		if decisions(3) == decisions(4) {
			t.Error("the samples do not depend on the seed")
		}
	})
}

// TestNoveltyFeatures checks what the features hold: the outcome of each
// policy per request with its constructs, and the decision shape.
func TestNoveltyFeatures(t *testing.T) {
	tc := generators.Generate(generators.DefaultSettings(), 5, 1)
	res := (&Config{Target: TargetABAC, Impls: []Implementation{Model(), Engine()}, Seed: 5}).CheckTest(TargetABAC, tc)
	ref := res.Answers[res.Reference]
	feats := noveltyFeatures(TargetABAC, tc.Policies, ref, nil)
	joined := strings.Join(feats, "\n")
	for _, want := range []string{"abac shape ", "permit|", "|scope action "} {
		if !strings.Contains(joined, want) {
			t.Errorf("features lack %q:\n%s", want, joined)
		}
	}
	if again := noveltyFeatures(TargetABAC, tc.Policies, ref, nil); strings.Join(again, "\n") != joined {
		t.Error("features are not a function of the test")
	}
}

// oracle is a fake Supervised implementation: the engine behind a
// supervisor that counts the inputs sent.
type oracle struct {
	Implementation
	name string
}

func (o oracle) Name() string       { return o.name }
func (oracle) Health() OracleHealth { return OracleHealth{} }
func (oracle) Processes() int       { return 0 }

// TestRunSchedulesTheOracle runs the defaults of `crosscheck run` (every
// target, a Supervised oracle scheduled) with a planted engine bug: the
// bug is still found, the oracle judges the disagreements, and the
// summary says who was asked about what and why.
func TestRunSchedulesTheOracle(t *testing.T) {
	bug := buggy{Engine(), func(i int, r *Response) {
		if i == 1 && len(r.Errors) > 0 {
			r.Errors = nil // the bug: request 1 loses its errors
		}
	}}
	impls := []Implementation{Model(), bug, oracle{Engine(), "slow"}}
	count := uint64(20 * len(allCycle))
	sum, err := Run(context.Background(), Config{Target: TargetAll, Impls: impls, Seed: 11, Count: count, Jobs: 2,
		ScheduleOracles: true, OracleShare: DefaultOracleShare})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Mismatches["model vs buggy"] == 0 {
		t.Fatalf("the planted bug was not found: mismatches %v", sum.Mismatches)
	}
	slow := sum.Asked["slow"]
	authz := 0
	for target, n := range sum.TestsByTarget {
		if target.authorizes() {
			authz += n
		}
	}
	if slow[AskedNovel] == 0 || slow[AskedDisagreement] == 0 {
		t.Errorf("oracle asked %v: want novel tests and disagreements", slow)
	}
	if total := slow[AskedNovel] + slow[AskedSampled] + slow[AskedDisagreement]; total >= authz {
		t.Errorf("oracle asked on %d of %d authorization tests: not scheduled", total, authz)
	}
	if sum.Asked["model"][AskedEvery] < authz || sum.Asked["buggy"][AskedEvery] != authz {
		t.Errorf("model asked %v, engine %v; want every one of the %d authorization tests", sum.Asked["model"], sum.Asked["buggy"], authz)
	}
	if sum.OracleShare == nil || *sum.OracleShare != DefaultOracleShare {
		t.Errorf("summary's oracle share %v", sum.OracleShare)
	}
	var text strings.Builder
	sum.WriteText(&text)
	for _, want := range []string{"asked: slow: ", " novel", "asked: model: ", "oracle schedule: "} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("summary text lacks %q:\n%s", want, text.String())
		}
	}
	// With only the reference besides it, the oracle sees every test:
	// one left out would compare nothing.
	sum, err = Run(context.Background(), Config{Target: TargetABAC, Impls: []Implementation{Model(), oracle{Engine(), "slow"}},
		Seed: 11, Count: 30, Jobs: 2, ScheduleOracles: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := sum.Asked["slow"]; got[AskedEvery] != 30 || len(got) != 1 || sum.OracleShare != nil {
		t.Errorf("oracle, the only other implementation, asked %v (share %v), want every test", got, sum.OracleShare)
	}
	// Without a schedule the oracle sees every authorization test.
	sum, err = Run(context.Background(), Config{Target: TargetABAC, Impls: impls, Seed: 11, Count: 30, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := sum.Asked["slow"]; got[AskedEvery] != 30 || len(got) != 1 {
		t.Errorf("unscheduled oracle asked %v, want every test", got)
	}
}

func TestAskedLines(t *testing.T) {
	got := AskedLines([]string{"model", "cedar-wasm"}, map[string]map[string]int{
		"model":      {AskedEvery: 40000},
		"cedar-wasm": {AskedNovel: 812, AskedSampled: 422},
	}, 40000)
	want := []string{"model: 40000 of 40000 tests (100.0%): 40000 every test", "cedar-wasm: 1234 of 40000 tests (3.1%): 812 novel, 422 sampled"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestWeightedCycle checks the cycle of TargetAll: every target in the
// proportion of its weight (1 when it has none), spread out.
func TestWeightedCycle(t *testing.T) {
	c := weightedCycle([]Target{"a", "b", "c"}, map[Target]int{"a": 3, "b": 1})
	if got := fmt.Sprint(c); got != "[a b a c a]" && got != "[a b c a a]" && got != "[a a b c a]" {
		t.Errorf("cycle %v", got)
	}
	count := map[Target]int{}
	for _, target := range allCycle {
		count[target]++
	}
	for _, target := range allTargets {
		if count[target] != max(1, targetWeights[target]) {
			t.Errorf("%s is %d times in the cycle, weight %d", target, count[target], targetWeights[target])
		}
	}
}

// TestScheduleAsksOracleOnValueDisagreement: a disagreement on an
// expression's value alone (the answers agree) still has the scheduled
// oracle asked, with no share of the rest, because only its answer can
// tell a known difference from a new one (a 10-minute default run failed
// on cedar-go's known decimal bug for want of it).
func TestScheduleAsksOracleOnValueDisagreement(t *testing.T) {
	impls := []Implementation{Model(), wrongValues{Engine()}, oracle{Engine(), "slow"}}
	withValueFinding := map[uint64]bool{}
	cfg := Config{Target: TargetExpr, Impls: impls, Seed: 4, Count: 300, Jobs: 1, ScheduleOracles: true,
		OnFinding: func(f *Finding) {
			if f.Kind == KindValue {
				withValueFinding[f.Index] = true
			}
		}}
	sum, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(withValueFinding) == 0 {
		t.Fatal("no value finding: the planted bug is not exercised")
	}
	if got := sum.Asked["slow"][AskedDisagreement]; got < len(withValueFinding) {
		t.Errorf("oracle asked on %d disagreements; %d tests have value findings", got, len(withValueFinding))
	}
}
