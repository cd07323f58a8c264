package main

import (
	"context"
	"io"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// officialStandIn answers as the model does except that it gives no
// reasons, under the official engine's name: a stand-in whose answers
// differ from the model's, so that a test can tell whose answers a saved
// finding expects.
type officialStandIn struct{ diff.Implementation }

func (officialStandIn) Name() string { return "cedar-wasm" }

func (o officialStandIn) Authorize(in *diff.Input, reqs []*syntax.Request) ([]diff.Answer, error) {
	answers, err := o.Implementation.Authorize(in, reqs)
	for i := range answers {
		answers[i].Response.Reasons = nil
	}
	return answers, err
}

func TestResolveReference(t *testing.T) {
	withWasm := []diff.Implementation{diff.Model(), diff.Engine(), officialStandIn{diff.Model()}}
	tests := []struct {
		impls []diff.Implementation
		flag  string
		want  string
	}{
		{[]diff.Implementation{diff.Model(), diff.Engine()}, "auto", "model"},
		{[]diff.Implementation{diff.Engine()}, "auto", "model"},
		{withWasm, "auto", "cedar-wasm"},
		{withWasm, "model", "model"},
		{[]diff.Implementation{diff.Model()}, "cedar-go", "cedar-go"},
	}
	for _, tt := range tests {
		if got := resolveReference(tt.impls, tt.flag); got != tt.want {
			t.Errorf("resolveReference(%v, %q) = %q, want %q", implNames(tt.impls), tt.flag, got, tt.want)
		}
	}
}

// TestSavedFindingExpectsTheOfficialEngine saves the findings of a run of
// the model against the official engine (a stand-in) with the default
// --reference: the saved expectations are the official engine's, so the
// model, which disagrees, fails them.
func TestSavedFindingExpectsTheOfficialEngine(t *testing.T) {
	official := officialStandIn{diff.Model()}
	cfg := diff.Config{Target: diff.TargetABAC, Impls: []diff.Implementation{diff.Model(), official}, Seed: 7, Count: 20, Jobs: 2}
	sum, err := diff.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed == 0 {
		t.Fatal("no finding to save")
	}
	saved, err := saveFindings(context.Background(), io.Discard, &cfg, sum, findingsOptions{dir: t.TempDir(), reference: referenceAuto}, 2, nil)
	if err != nil || len(saved) == 0 {
		t.Fatalf("saved %d findings, %v", len(saved), err)
	}
	for _, sf := range saved {
		ct, err := corpus.LoadFile(sf.path)
		if err != nil {
			t.Fatal(err)
		}
		if rep := corpus.Replay(official, []*corpus.Test{ct}, corpus.Options{}); !rep.OK() {
			t.Errorf("%s: the official engine fails its own expectations: %v", sf.path, rep.Failures)
		}
		if rep := corpus.Replay(diff.Model(), []*corpus.Test{ct}, corpus.Options{}); rep.Failed == 0 {
			t.Errorf("%s: the model, which disagreed, passes: its answers were saved as the truth", sf.path)
		}
	}
}
