package reports

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// TestFromRun builds a report from a real (small) run of the model
// against the engine. With REPORTS_SAMPLE_OUT set, the report is also
// written there, to look at.
func TestFromRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the differential runner")
	}
	sum, err := diff.Run(context.Background(), diff.Config{
		Target: diff.TargetAll, Impls: []diff.Implementation{diff.Model(), diff.Engine()}, Seed: 1, Count: 60, Jobs: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	r := FromSummary(sum)
	if r.Version != Version || r.Totals.Tests != 60 || r.Totals.Tests != r.Totals.Passed+r.Totals.Failed {
		t.Fatalf("totals: %+v", r.Totals)
	}
	if r.Settings.Target != "all" || r.Settings.Seed != 1 || strings.Join(r.Settings.Impls, ",") != "model,engine" {
		t.Fatalf("settings: %+v", r.Settings)
	}
	want := "crosscheck run --target all --impl model,engine --seed 1 --jobs 2 --count 60 --timeout 5s"
	if r.Settings.Command != want {
		t.Fatalf("command %q, want %q", r.Settings.Command, want)
	}
	if r.Coverage == nil || r.Coverage.Tests != 60 {
		t.Fatalf("coverage: %+v", r.Coverage)
	}
	required := map[string]bool{}
	for _, row := range r.Coverage.Constructs {
		if row.Required {
			required[row.Name] = true
		}
	}
	for _, name := range generators.RequiredConstructs {
		if !required[name] {
			t.Errorf("coverage lacks a row for required construct %q", name)
		}
	}
	if len(r.Decisions) == 0 || len(r.Throughput) == 0 {
		t.Errorf("decisions %v, %d throughput samples", r.Decisions, len(r.Throughput))
	}
	dir := t.TempDir()
	if out := os.Getenv("REPORTS_SAMPLE_OUT"); out != "" {
		dir = out
	}
	if err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	back, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if back.Totals.RequestsCompared != r.Totals.RequestsCompared {
		t.Fatalf("read back %d requests compared, wrote %d", back.Totals.RequestsCompared, r.Totals.RequestsCompared)
	}
}

// TestFromSummaryFinding checks the conversion of a finding and that its
// test's parts are in their file formats: each parses back.
func TestFromSummaryFinding(t *testing.T) {
	test := generators.Generate(generators.DefaultSettings(), 3, 5)
	f := &diff.Finding{
		Kind: diff.KindMismatch, Target: diff.TargetABAC, Seed: 3, Index: 5, Request: 0,
		Impls: []string{"model", "engine"}, On: []string{"decision"}, Diff: "-allow\n+deny\n",
		Command: diff.ReproCommand(3, 5, diff.TargetABAC, []string{"model", "engine"}), Test: test,
	}
	sum := &diff.Summary{
		Target: diff.TargetABAC, Impls: []string{"model", "engine"}, Seed: 3, Shard: "1/4", Jobs: 1,
		Tests: 1, Failed: 1, FindingsTotal: 1, Findings: []*diff.Finding{f},
		Signatures:     []diff.SignatureCount{{Signature: f.Signature().String(), Count: 1, Example: f}},
		FindingsByKind: map[diff.FindingKind]int{diff.KindMismatch: 1}, Mismatches: map[string]int{"model vs engine": 1},
		ElapsedSeconds: 12.4, FirstFindingSeconds: 1.25,
	}
	r := FromSummary(sum)
	if r.Settings.Command != "crosscheck run --target abac --impl model,engine --seed 3 --jobs 1 --count 1 --shard 1/4" {
		t.Errorf("command %q", r.Settings.Command)
	}
	if r.Totals.FindingsByKind["mismatch"] != 1 || r.Totals.FirstFindingSeconds != 1.25 || r.Totals.TestsByTarget == nil || r.Decisions == nil {
		t.Errorf("totals: %+v", r.Totals)
	}
	if len(r.Findings) != 1 {
		t.Fatalf("%d findings", len(r.Findings))
	}
	got := r.Findings[0]
	if got.Signature != "mismatch abac [model,engine] on decision" || got.Command != f.Command || got.Diff != f.Diff {
		t.Errorf("finding: %+v", got)
	}
	tc := got.Test
	if tc == nil {
		t.Fatal("no test")
	}
	sch, err := schema.ParseCedar("schema", []byte(tc.Schema))
	if err != nil {
		t.Fatalf("schema does not parse back: %v\n%s", err, tc.Schema)
	}
	ps, err := parser.ParsePolicySet("policies", []byte(tc.Policies))
	if err != nil {
		t.Fatalf("policies do not parse back: %v\n%s", err, tc.Policies)
	}
	if len(ps.Policies) != len(test.Policies.Policies) {
		t.Errorf("%d policies printed, test has %d", len(ps.Policies), len(test.Policies.Policies))
	}
	if _, err := cedarjson.ParseEntities("entities", []byte(tc.Entities), sch); err != nil {
		t.Fatalf("entities do not parse back: %v\n%s", err, tc.Entities)
	}
	if len(tc.Requests) != 1 {
		t.Fatalf("%d requests, want the finding's one", len(tc.Requests))
	}
	var req struct {
		Principal, Action, Resource struct{ Type, ID string }
		Context                     json.RawMessage
	}
	if err := json.Unmarshal([]byte(tc.Requests[0]), &req); err != nil {
		t.Fatalf("request is not JSON: %v\n%s", err, tc.Requests[0])
	}
	if req.Principal.Type != string(test.Requests[0].Principal.Type) || req.Action.ID != test.Requests[0].Action.ID {
		t.Errorf("request %s does not match %+v", tc.Requests[0], test.Requests[0])
	}
	var html bytes.Buffer
	if err := WriteHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.String(), "Request") || !strings.Contains(html.String(), "Schema") {
		t.Error("the page does not show the test")
	}

	// A finding about the whole test lists every request.
	whole := NewTestCase(test, -1)
	if len(whole.Requests) != min(len(test.Requests), maxRequests+1) {
		t.Errorf("whole test: %d requests, test has %d", len(whole.Requests), len(test.Requests))
	}
	if NewTestCase(nil, 0) != nil {
		t.Error("no test should give no test case")
	}
}

func TestFromSummaryMinimized(t *testing.T) {
	big := generators.Generate(generators.DefaultSettings(), 3, 5)
	small := &generators.Test{Schema: big.Schema, Entities: nil, Policies: big.Policies, Requests: big.Requests[len(big.Requests)-1:]}
	f1 := &diff.Finding{Kind: diff.KindMismatch, Target: diff.TargetABAC, Request: len(big.Requests) - 1, Test: big}
	f2 := &diff.Finding{Kind: diff.KindProperty, Target: diff.TargetABAC, Request: -1, Test: big}
	sum := &diff.Summary{Target: diff.TargetABAC, Findings: []*diff.Finding{f1, f2}}
	r := FromSummary(sum, WithMinimized(func(f *diff.Finding) *generators.Test {
		if f == f1 {
			return small
		}
		return nil // no oracle for properties
	}))
	m, g := r.Findings[0].Test, r.Findings[1].Test
	if !m.Minimized || len(m.Requests) != 1 || strings.TrimSpace(m.Entities) != "[]" {
		t.Errorf("minimized finding: %+v", m)
	}
	if g.Minimized || len(g.Requests) != min(len(big.Requests), maxRequests+1) {
		t.Errorf("finding without a minimized test: minimized %v, %d requests", g.Minimized, len(g.Requests))
	}
	var md strings.Builder
	WriteMarkdown(&md, r)
	if !strings.Contains(md.String(), "Minimized test:") {
		t.Error("markdown does not say the test is minimized")
	}
}

func TestMeasureEvaluation(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the differential runner")
	}
	sum, err := diff.Run(context.Background(), diff.Config{
		Target: diff.TargetAll, Impls: []diff.Implementation{diff.Model()}, Seed: 2, Count: 120, Jobs: 2, Shard: 1, Shards: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	r := FromSummary(sum)
	n := MeasureEvaluation(r, generators.DefaultSettings(), 1000, time.Minute)
	// Of 120 tests of "all" (the odd indexes 1 to 239), the authorization
	// ones are measured; the validation, roundtrip and parse ones are not.
	want := 0
	for i := uint64(1); i < 240; i += 2 {
		switch diff.TargetAll.At(i) {
		case diff.TargetABAC, diff.TargetABACUntyped, diff.TargetRBAC, diff.TargetExpr, diff.TargetLimits, diff.TargetPartial:
			want++
		}
	}
	if n != want || r.Coverage.EvaluationTests != want || !r.Coverage.EvaluationMeasured {
		t.Fatalf("measured %d tests (coverage says %d)", n, r.Coverage.EvaluationTests)
	}
	rows := map[string]ConstructCoverage{}
	for _, row := range r.Coverage.Constructs {
		rows[row.Name] = row
	}
	for _, name := range []string{"==", "&&", "scope principal all", "scope action in"} {
		if rows[name].Evaluated == 0 {
			t.Errorf("%s never evaluated in %d tests: %+v", name, want, rows[name])
		}
	}
	if a, b := rows["scope principal in ?principal"], rows["scope principal in"]; a.Evaluated != b.Evaluated {
		t.Errorf("slot form does not share the plain form's counts: %d vs %d", a.Evaluated, b.Evaluated)
	}
	var md strings.Builder
	WriteMarkdown(&md, r)
	if !strings.Contains(md.String(), "| evaluated ok | eval errors |") || !strings.Contains(md.String(), fmt.Sprintf("on %d of the run's tests", want)) {
		t.Error("markdown lacks the evaluation columns")
	}

	// Budgets bound the measurement.
	r2 := FromSummary(sum)
	if n := MeasureEvaluation(r2, generators.DefaultSettings(), 5, time.Minute); n != 5 {
		t.Errorf("maxTests 5: measured %d", n)
	}
	if n := MeasureEvaluation(&Report{}, generators.DefaultSettings(), 5, time.Minute); n != 0 {
		t.Errorf("no coverage section: measured %d", n)
	}
}

func TestFromSummaryBoundsTests(t *testing.T) {
	test := generators.Generate(generators.DefaultSettings(), 3, 5)
	sum := &diff.Summary{Target: diff.TargetABAC}
	for i := range 5 {
		sum.Findings = append(sum.Findings, &diff.Finding{Kind: diff.KindMismatch, Target: diff.TargetABAC, Index: uint64(i), Test: test})
	}
	sum.Findings = append(sum.Findings, &diff.Finding{Kind: diff.KindPanic, Target: diff.TargetABAC, Test: test})
	r := FromSummary(sum)
	var with []bool
	for _, f := range r.Findings {
		with = append(with, f.Test != nil)
	}
	want := []bool{true, true, true, false, false, true}
	if !slices.Equal(with, want) {
		t.Fatalf("findings with a test: %v, want %v", with, want)
	}
}

// TestFromSummaryStoppedEarly: a run that --stop-after ended says so in
// summary.json's settings, in report.md and in report.html, and its
// command reruns the tests it checked, not the count it was asked for.
func TestFromSummaryStoppedEarly(t *testing.T) {
	sum := &diff.Summary{
		Target: diff.TargetABAC, Impls: []string{"model", "engine"}, Seed: 3, Jobs: 2, Count: 1000,
		Tests: 40, Passed: 39, Failed: 1, FindingsTotal: 1, StoppedAfter: 1, RequestsCompared: 300,
	}
	r := FromSummary(sum)
	if r.Settings.StoppedAfter != 1 {
		t.Errorf("stopped after %d, want 1", r.Settings.StoppedAfter)
	}
	if !strings.Contains(r.Settings.Command, "--count 40") {
		t.Errorf("command %q does not rerun the 40 tests checked", r.Settings.Command)
	}
	var md, html bytes.Buffer
	WriteMarkdown(&md, r)
	if err := WriteHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"markdown": md.String(), "html": html.String()} {
		if !strings.Contains(out, "stopped early") || !strings.Contains(out, "--stop-after 1") {
			t.Errorf("%s does not say the run stopped early:\n%s", name, out)
		}
	}
	sum.StoppedAfter = 0
	if out := func() string { var b bytes.Buffer; WriteMarkdown(&b, FromSummary(sum)); return b.String() }(); strings.Contains(out, "stopped early") {
		t.Errorf("a run that was not stopped says it was:\n%s", out)
	}
}
