package diff

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/model/validator"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// installedOracle returns cedar-wasm when it is installed (closed when the
// test ends), and nil with a log line otherwise.
func installedOracle(t *testing.T) *CedarWasmImpl {
	t.Helper()
	w, err := CedarWasm(cedarwasm.Options{Processes: 2})
	switch {
	case errors.Is(err, cedarwasm.ErrNotInstalled):
		t.Logf("cedar-wasm not compared: %v", err)
		return nil
	case err != nil:
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	return w
}

// TestRunAllTargetsAgree runs a few hundred tests of every target through
// the model and the engine (and the official engine when installed) and
// expects no finding at all.
func TestRunAllTargetsAgree(t *testing.T) {
	impls := []Implementation{Model(), Engine()}
	if w := installedOracle(t); w != nil {
		impls = append(impls, w)
	}
	// Whole turns of the cycle, so that each target runs as many tests as
	// its weight says: about 700 tests (140 in -short).
	turns := max(1, 700/len(allCycle))
	if testing.Short() {
		turns = max(1, 140/len(allCycle))
	}
	count := uint64(turns * len(allCycle))
	// A generous timeout: the machine may be loaded, and timeouts are
	// tested on their own.
	sum, err := Run(context.Background(), Config{Target: TargetAll, Impls: impls, Seed: 20261125, Count: count, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sum.Findings {
		t.Errorf("%s", f)
	}
	if sum.Tests != int(count) || sum.Passed != int(count) || sum.Failed != 0 {
		t.Errorf("tests %d, passed %d, failed %d; want %d passed", sum.Tests, sum.Passed, sum.Failed, count)
	}
	for _, target := range allTargets {
		if want := turns * max(1, targetWeights[target]); sum.TestsByTarget[target] != want {
			t.Errorf("target %s ran %d tests, want %d", target, sum.TestsByTarget[target], want)
		}
	}
	// The comparison is not vacuous: requests were answered and compared,
	// both decisions occur, and the model saw evaluation errors.
	if sum.Requests == 0 || sum.RequestsCompared != sum.Requests {
		t.Errorf("requests answered %d, compared %d", sum.Requests, sum.RequestsCompared)
	}
	if sum.Decisions["allow"] == 0 || sum.Decisions["deny"] == 0 {
		t.Errorf("decision mix %v lacks a decision", sum.Decisions)
	}
	if len(sum.ErrorKinds) < 3 {
		t.Errorf("model error kinds %v: the tests hardly exercise errors", sum.ErrorKinds)
	}
	if len(impls) == 3 && sum.ValidationsCompared == 0 {
		t.Errorf("no validation compared with cedar-wasm")
	}
	if sum.Coverage == nil || sum.Coverage.Tests != int(count) {
		t.Errorf("coverage stats missing or wrong: %+v", sum.Coverage)
	}
	t.Logf("%d tests, %d requests compared, %d validations compared, %.0f requests/s", sum.Tests, sum.RequestsCompared, sum.ValidationsCompared, sum.RequestsPerSecond)
}

// TestRunCedarGo compares cedar-go too. cedar-go has known deviations
// from Cedar (see the log); every finding must be about cedar-go, and when
// the official engine is installed, it must side with the model, so that
// each is a cedar-go bug and not one of ours.
func TestRunCedarGo(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	impls := []Implementation{Model(), Engine(), CedarGo()}
	w := installedOracle(t)
	if w != nil {
		impls = append(impls, w)
	}
	sum, err := Run(context.Background(), Config{Target: TargetAll, Impls: impls, Seed: 7, Count: 600, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	wasmDisagrees := map[[2]int]bool{} // (index, request) where cedar-wasm disagrees with the model
	for _, f := range sum.Findings {
		if slices.Contains(f.Impls, "cedar-wasm") {
			wasmDisagrees[[2]int{int(f.Index), f.Request}] = true
		}
	}
	for _, f := range sum.Findings {
		switch {
		case !slices.Contains(f.Impls, "cedar-go") || slices.ContainsFunc(f.Impls, func(n string) bool { return n != "model" && n != "cedar-go" }):
			t.Errorf("finding not about cedar-go:\n%s", f)
		case w != nil && wasmDisagrees[[2]int{int(f.Index), f.Request}]:
			t.Errorf("cedar-go and cedar-wasm both disagree with the model:\n%s", f)
		default:
			t.Logf("cedar-go deviation:\n%s", f)
		}
	}
	if sum.Unsupported["cedar-go: templates"] == 0 {
		t.Errorf("unsupported %v: cedar-go should skip the templates of rbac tests", sum.Unsupported)
	}
}

// buggy wraps the engine with a planted bug: its answers are changed by
// change, per request.
type buggy struct {
	Implementation
	change func(i int, r *Response)
}

func (b buggy) Name() string { return "buggy" }

func (b buggy) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	answers, err := b.Implementation.Authorize(in, reqs)
	for i := range answers {
		b.change(i, &answers[i].Response)
	}
	return answers, err
}

func TestPlantedMismatchIsFound(t *testing.T) {
	// The bug: request 2 of every test loses its errors and gets a
	// flipped decision.
	bug := buggy{Engine(), func(i int, r *Response) {
		if i == 2 {
			r.Decision = 1 - r.Decision
			r.Errors = nil
		}
	}}
	cfg := Config{Target: TargetABAC, Impls: []Implementation{Model(), bug}, Seed: 3, Count: 20, Jobs: 2}
	sum, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 20 || sum.Mismatches["model vs buggy"] != 20 || sum.FindingsByKind[KindMismatch] != 20 {
		t.Fatalf("failed %d, mismatches %v, findings %v; want 20 mismatching tests", sum.Failed, sum.Mismatches, sum.FindingsByKind)
	}
	if !strings.HasSuffix(sum.Line(), "0 passed, 20 failed") {
		t.Errorf("line %q", sum.Line())
	}
	for _, f := range sum.Findings {
		if f.Kind != KindMismatch || f.Request != 2 || !slices.Equal(f.Impls, []string{"model", "buggy"}) ||
			f.On[0] != "decision" || f.Test == nil || f.Diff == "" || f.Seed != 3 {
			t.Fatalf("unexpected finding:\n%s", f)
		}
		want := "crosscheck repro --seed 3 --index " + itoa(f.Index) + " --target abac --impl model,buggy"
		if f.Command != want {
			t.Errorf("command %q, want %q", f.Command, want)
		}
		// Check reproduces the finding exactly.
		again := cfg.Check(f.Index)
		if len(again.Findings) != 1 || again.Findings[0].Diff != f.Diff {
			t.Errorf("index %d does not reproduce: %v", f.Index, again.Findings)
		}
	}
	if len(sum.Signatures) == 0 || sum.Signatures[0].Count < 1 {
		t.Errorf("signatures %v", sum.Signatures)
	}
}

func itoa(i uint64) string { b, _ := json.Marshal(i); return string(b) }

// orderDependent is a reference with a planted order bug: it only looks
// at the first policy of the list.
type orderDependent struct{ Implementation }

func (orderDependent) Name() string { return "first-only" }

func (o orderDependent) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	first := *in
	first.Policies = &syntax.PolicySet{Policies: in.Policies.Policies[:1]}
	if in.Policies.Policies[0].IsTemplate() {
		first.Policies.Policies = nil
	}
	return o.Implementation.Authorize(&first, reqs)
}

func TestPropertiesCatchPlantedBugs(t *testing.T) {
	// Reasons that are not permits, and allow without reasons.
	noReason := buggy{Model(), func(i int, r *Response) {
		if r.Decision == Allow {
			r.Reasons = nil
		} else {
			r.Reasons = append(r.Reasons, "policy0")
			r.Decision = Allow
		}
	}}
	sum, err := Run(context.Background(), Config{Target: TargetABAC, Impls: []Implementation{noReason}, Seed: 5, Count: 30})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Properties[string(PropExplicitPermit)] == 0 || sum.Properties[string(PropForbidOverrides)] == 0 {
		t.Errorf("property violations %v: explicit-permit and forbid-overrides should be broken", sum.Properties)
	}
	sum, err = Run(context.Background(), Config{Target: TargetABAC, Impls: []Implementation{orderDependent{Model()}}, Seed: 5, Count: 60})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Properties[string(PropPolicyOrder)] == 0 {
		t.Errorf("property violations %v: the order dependence was not caught", sum.Properties)
	}
}

func TestDecisionViolations(t *testing.T) {
	effects := map[string]syntax.Effect{"p": syntax.Permit, "f": syntax.Forbid}
	tests := []struct {
		resp Response
		want []Property
	}{
		{Response{Decision: Allow, Reasons: []string{"p"}}, nil},
		{Response{Decision: Deny, Reasons: []string{"f"}}, nil},
		{Response{Decision: Deny}, nil},
		{Response{Decision: Allow}, []Property{PropExplicitPermit}},
		{Response{Decision: Allow, Reasons: []string{"p", "f"}}, []Property{PropExplicitPermit, PropForbidOverrides}},
		{Response{Decision: Deny, Reasons: []string{"p"}}, []Property{PropForbidOverrides}},
		{Response{Decision: Allow, Reasons: []string{"nope"}}, []Property{PropExplicitPermit}},
	}
	for _, tt := range tests {
		var got []Property
		for p := range decisionViolations(effects, tt.resp) {
			got = append(got, p)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%+v: violations %v, want %v", tt.resp, got, tt.want)
		}
	}
}

// hang never answers; panicky panics without a guard.
type hang struct{ Implementation }

func (hang) Name() string { return "hang" }
func (hang) Authorize(*Input, []*syntax.Request) ([]Answer, error) {
	time.Sleep(time.Hour)
	return nil, nil
}

type panicky struct{ Implementation }

func (panicky) Name() string { return "panicky" }
func (panicky) Authorize(*Input, []*syntax.Request) ([]Answer, error) {
	panic("planted panic")
}

type inconclusive struct{ Implementation }

func (inconclusive) Name() string { return "flaky" }
func (inconclusive) Authorize(*Input, []*syntax.Request) ([]Answer, error) {
	return nil, &InconclusiveError{Impl: "flaky", Reason: "process died twice"}
}

type unsupported struct{ Implementation }

func (unsupported) Name() string              { return "partial" }
func (unsupported) Unsupported(*Input) string { return "everything" }

func TestPanicTimeoutInconclusiveUnsupported(t *testing.T) {
	before := abandoned.Load()
	impls := []Implementation{Model(), hang{Engine()}}
	sum, err := Run(context.Background(), Config{Target: TargetABAC, Impls: impls, Seed: 1, Count: 3, Jobs: 2, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Tests != 3 || sum.Failed != 3 {
		t.Fatalf("tests %d, failed %d: every test should time out", sum.Tests, sum.Failed)
	}
	if sum.FindingsByKind[KindTimeout] != 3 {
		t.Errorf("findings %v, want 3 timeouts", sum.FindingsByKind)
	}
	for _, f := range sum.Findings {
		if f.Kind != KindTimeout || !slices.Equal(f.Impls, []string{"hang"}) || f.On[0] != "authorize" || f.Test == nil {
			t.Errorf("unexpected finding:\n%s", f)
		}
	}
	if sum.Abandoned-before != 3 {
		t.Errorf("abandoned %d, want 3 still running", sum.Abandoned-before)
	}

	// Without the hang, a guarded panic is a finding with its stack, and
	// the rest is counted.
	sum, err = Run(context.Background(), Config{Target: TargetABAC, Impls: []Implementation{Model(), Guard(panicky{Engine()}), inconclusive{Engine()}, unsupported{Engine()}}, Seed: 1, Count: 3})
	if err != nil {
		t.Fatal(err)
	}
	if sum.FindingsByKind[KindPanic] != 3 || sum.Inconclusive["flaky"] != 3 || sum.Unsupported["partial: everything"] != 3 {
		t.Errorf("findings %v, inconclusive %v, unsupported %v", sum.FindingsByKind, sum.Inconclusive, sum.Unsupported)
	}
	// An unguarded panic stops the test and is still a finding that
	// names where it happened.
	sum, err = Run(context.Background(), Config{Target: TargetABAC, Impls: []Implementation{Model(), panicky{Engine()}}, Seed: 1, Count: 3})
	if err != nil {
		t.Fatal(err)
	}
	if sum.FindingsByKind[KindPanic] != 3 {
		t.Errorf("findings %v, want 3 panics", sum.FindingsByKind)
	}
	for _, f := range sum.Findings {
		if f.Kind != KindPanic || !strings.Contains(f.Detail, "planted panic") || !strings.Contains(f.Detail, "goroutine") || f.Impls[0] != "panicky" {
			t.Errorf("panic finding without the panic, its stack or its implementation:\n%s", f)
		}
	}
}

// recorder answers like the engine and records the inputs it saw.
type recorder struct {
	Implementation
	mu    sync.Mutex
	names []string
}

func (r *recorder) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	r.mu.Lock()
	r.names = append(r.names, in.Name)
	r.mu.Unlock()
	return r.Implementation.Authorize(in, reqs)
}

func TestShards(t *testing.T) {
	rec := &recorder{Implementation: Engine()}
	_, err := Run(context.Background(), Config{Target: TargetABAC, Impls: []Implementation{Model(), rec}, Seed: 9, Count: 5, Shard: 1, Shards: 3})
	if err != nil {
		t.Fatal(err)
	}
	rec.names = slices.DeleteFunc(rec.names, func(n string) bool { return n == "warm-up" })
	slices.Sort(rec.names)
	want := []string{"seed 9 index 1", "seed 9 index 10", "seed 9 index 13", "seed 9 index 4", "seed 9 index 7"}
	if !slices.Equal(rec.names, want) {
		t.Errorf("shard 1/3 ran %v, want %v", rec.names, want)
	}
	if _, err := Run(context.Background(), Config{Target: TargetABAC, Impls: []Implementation{Model()}, Shard: 3, Shards: 3}); err == nil {
		t.Error("shard 3/3 accepted")
	}
	if _, err := Run(context.Background(), Config{Target: "bogus", Impls: []Implementation{Model()}}); err == nil {
		t.Error("unknown target accepted")
	}
	if _, err := Run(context.Background(), Config{Target: TargetABAC}); err == nil {
		t.Error("no implementation accepted")
	}
}

func TestDurationAndInterrupt(t *testing.T) {
	start := time.Now()
	sum, err := Run(context.Background(), Config{Target: TargetABAC, Impls: []Implementation{Model(), Engine()}, Seed: 1, Duration: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 5*time.Second || sum.Tests == 0 || sum.Interrupted {
		t.Errorf("a 300ms run took %v, ran %d tests, interrupted %v", el, sum.Tests, sum.Interrupted)
	}
	if len(sum.Throughput) == 0 || sum.RequestsPerSecond <= 0 {
		t.Errorf("throughput %v, %v requests/s", sum.Throughput, sum.RequestsPerSecond)
	}

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	sum, err = Run(ctx, Config{Target: TargetABAC, Impls: []Implementation{Model(), Engine()}, Seed: 1, Duration: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted || sum.Tests == 0 || time.Since(start) > 10*time.Second {
		t.Errorf("interrupted %v after %d tests", sum.Interrupted, sum.Tests)
	}
}

func TestSummaryJSON(t *testing.T) {
	bug := buggy{Engine(), func(i int, r *Response) {
		if i == 0 {
			r.Reasons = append(r.Reasons, "ghost")
		}
	}}
	sum, err := Run(context.Background(), Config{Target: TargetABAC, Impls: []Implementation{Model(), bug}, Seed: 1, Count: 4})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	path, err := sum.Save(dir)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"requests_per_second", "tests", "passed", "failed", "mismatches", "findings", "signatures", "throughput", "decisions", "error_kinds", "coverage", "seed"} {
		if _, ok := got[key]; !ok {
			t.Errorf("summary.json lacks %q", key)
		}
	}
	findings := got["findings"].([]any)
	if len(findings) != 4 {
		t.Fatalf("%d findings in JSON, want 4", len(findings))
	}
	f := findings[0].(map[string]any)
	if f["kind"] != "mismatch" || !strings.HasPrefix(f["command"].(string), "crosscheck repro --seed 1 ") {
		t.Errorf("finding %v", f)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("output directory holds %d files, want only summary.json", len(entries))
	}
}

func TestTargets(t *testing.T) {
	for _, target := range Targets() {
		got, err := ParseTarget(string(target))
		if err != nil || got != target {
			t.Errorf("ParseTarget(%q) = %q, %v", target, got, err)
		}
	}
	if _, err := ParseTarget("abac-typed"); err == nil {
		t.Error("unknown target parsed")
	}
	seen := map[Target]bool{}
	for i := range uint64(len(allCycle)) {
		seen[TargetAll.At(i)] = true
	}
	if len(seen) != len(allTargets) || seen[TargetAll] {
		t.Errorf("all cycles through %v", seen)
	}
	// The mixed targets visit every mode, also under all (within ten
	// turns of its cycle).
	for _, target := range []Target{TargetValidation, TargetRoundtrip, TargetParse} {
		modes := map[string]bool{}
		for i := range uint64(10 * len(allCycle)) {
			if TargetAll.At(i) == target {
				modes[TargetAll.Mode(i).String()] = true
				if TargetAll.Mode(i) != target.Mode(i) {
					t.Errorf("index %d: mode under all %s, under %s %s", i, TargetAll.Mode(i), target, target.Mode(i))
				}
			}
		}
		if len(modes) != 3 {
			t.Errorf("%s under all visits modes %v", target, modes)
		}
	}
}

func TestRoundtripHelpers(t *testing.T) {
	e := &syntax.EntityData{UID: syntax.EntityUID{Type: "User", ID: "a"},
		Attrs:   []syntax.Field{{Key: "n", Value: syntax.Long(1)}},
		Parents: []syntax.EntityUID{{Type: "G", ID: "x"}, {Type: "G", ID: "y"}}}
	same := &syntax.EntityData{UID: e.UID, Attrs: []syntax.Field{{Key: "n", Value: syntax.Long(1)}},
		Parents: []syntax.EntityUID{{Type: "G", ID: "y"}, {Type: "G", ID: "x"}}}
	if d := entityDiff(e, same); d != "" {
		t.Errorf("equal entities differ: %s", d)
	}
	changed := *same
	changed.Attrs = []syntax.Field{{Key: "n", Value: syntax.Long(2)}}
	if d := entityDiff(e, &changed); !strings.Contains(d, `attribute "n"`) {
		t.Errorf("changed attribute: %q", d)
	}
	changed = *same
	changed.Parents = changed.Parents[:1]
	if d := entityDiff(e, &changed); !strings.Contains(d, "parents") {
		t.Errorf("changed parents: %q", d)
	}
	if d := entityDiff(e, nil); d == "" {
		t.Error("missing entity not noticed")
	}

	// Schemas compare by content: set-like lists in any order, but a
	// changed attribute is a difference.
	mk := func(members []syntax.EntityType, required bool) *syntax.Schema {
		return &syntax.Schema{EntityTypes: map[syntax.EntityType]*syntax.EntityTypeDef{
			"User": {Name: "User", MemberOfTypes: members, Shape: &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{
				"age": {Type: &syntax.PrimitiveType{Kind: syntax.LongType}, Required: required}}}},
		}}
	}
	if d := cmp.Diff(mk([]syntax.EntityType{"A", "B"}, true), mk([]syntax.EntityType{"B", "A"}, true), schemaCmp...); d != "" {
		t.Errorf("reordered parent types differ:\n%s", d)
	}
	if d := cmp.Diff(mk(nil, true), mk(nil, false), schemaCmp...); d == "" {
		t.Error("an attribute that became optional is not a difference")
	}
	// And the printed forms of generated schemas read back.
	for i := range uint64(30) {
		tc := generators.Generate(generators.DefaultSettings(), 11, i)
		for _, what := range []Roundtrip{RoundtripSchemaText, RoundtripSchemaJSON} {
			if f := schemaRoundtrip(what, tc.Schema); f != nil {
				t.Errorf("test 11/%d: %s: %s\n%s", i, what, f.diff, f.detail)
			}
		}
	}
}

// TestSoundnessViolation checks that the validator soundness property
// fires on a kind a validated policy set cannot raise, and only then.
func TestSoundnessViolation(t *testing.T) {
	for i := range uint64(50) {
		tc := generators.Generate(generators.DefaultSettings(), 13, i)
		if len(tc.Faults) > 0 || !validator.Validate(tc.Schema, tc.Policies).OK() || validator.ValidateEntities(tc.Schema, tc.Entities) != nil {
			continue
		}
		req := &tc.Requests[0]
		if validator.ValidateRequest(tc.Schema, req) != nil {
			continue
		}
		in := &Input{Policies: tc.Policies, Entities: tc.Entities, Schema: tc.Schema}
		s := &soundness{in: in}
		for _, k := range []model.ErrorKind{model.EntityDoesNotExist, model.Overflow, model.ExtensionError} {
			if msg := s.violation(req, []model.ErrorKind{k}, Response{}); msg != "" {
				t.Errorf("%s is allowed, got %q", k, msg)
			}
		}
		for _, k := range []model.ErrorKind{model.TypeError, model.AttrDoesNotExist, model.TagDoesNotExist} {
			if msg := s.violation(req, []model.ErrorKind{k}, Response{}); !strings.Contains(msg, k.String()) {
				t.Errorf("%s is not reported as a violation: %q", k, msg)
			}
		}
		return
	}
	t.Fatal("no generated test validates: the property cannot be tested")
}

func TestOpen(t *testing.T) {
	impls, notes, release, err := Open([]string{"all"}, cedarwasm.Options{Processes: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	var names []string
	for _, impl := range impls {
		names = append(names, impl.Name())
	}
	if len(names) < 3 || !slices.Equal(names[:3], []string{"model", "engine", "cedar-go"}) || len(names)+len(notes) != len(ImplementationNames) {
		t.Errorf("all opened %v, notes %v", names, notes)
	}
	for _, bad := range [][]string{{"nope"}, {"model", "model"}, {}} {
		if _, _, release, err := Open(bad, cedarwasm.Options{}); err == nil {
			t.Errorf("Open(%v) succeeded", bad)
		} else {
			release()
		}
	}
}

func TestStopAfterEndsTheRunEarly(t *testing.T) {
	// Every test mismatches; a run of an hour that may stop after 3
	// findings ends after the tests under way, not interrupted.
	bug := buggy{Engine(), func(i int, r *Response) { r.Decision = 1 - r.Decision }}
	cfg := Config{Target: TargetABAC, Impls: []Implementation{Model(), bug}, Seed: 3, Duration: time.Hour, Jobs: 2, StopAfter: 3}
	start := time.Now()
	sum, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > time.Minute {
		t.Fatalf("the run went on for %v after its third finding", time.Since(start))
	}
	// Each of the 2 jobs may finish the test it had started.
	if sum.StoppedAfter != 3 || sum.FindingsTotal < 3 || sum.Tests > 3+2 || sum.Interrupted {
		t.Fatalf("stopped after %d, %d findings in %d tests, interrupted %v; want a stop after 3 findings", sum.StoppedAfter, sum.FindingsTotal, sum.Tests, sum.Interrupted)
	}
	var text strings.Builder
	sum.WriteText(&text)
	if !strings.Contains(text.String(), "stopped early, after 3 findings") {
		t.Errorf("the summary does not say the run stopped early:\n%s", text.String())
	}

	// Without findings, StopAfter changes nothing.
	cfg = Config{Target: TargetABAC, Impls: []Implementation{Model(), Engine()}, Seed: 3, Count: 5, StopAfter: 1}
	if sum, err = Run(context.Background(), cfg); err != nil || sum.Tests != 5 || sum.StoppedAfter != 0 {
		t.Fatalf("a clean run with StopAfter: %v tests, stopped after %d, %v", sum.Tests, sum.StoppedAfter, err)
	}
}
