package reports

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

// shard returns the fixture as shard i of n, started at start.
func shard(i, n int, start time.Time) *Report {
	r := fixture()
	r.Settings.Shard = strings.Join([]string{itoa(i), itoa(n)}, "/")
	r.Settings.Start = start
	r.Settings.Command = "crosscheck run --shard " + r.Settings.Shard
	return r
}

func itoa(i int) string { return string(rune('0' + i)) }

func TestMergeTwoShards(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)
	a, b := shard(0, 2, t0.Add(time.Second)), shard(1, 2, t0)
	b.Settings.ElapsedSeconds = 5
	b.Totals.Tests, b.Totals.Passed, b.Totals.Failed = 50, 50, 0
	b.Decisions = map[string]int{"allow": 1, "deny": 2}
	b.Throughput = b.Throughput[:1]
	b.Totals.FirstFindingSeconds = 0.5
	b.Settings.StoppedAfter = 1
	// b's second finding is a different test of the same signature; its
	// first is the same as a's (the same shard seen twice in a real run
	// cannot happen, but repeats must not be listed twice).
	extra := *b.Findings[1]
	extra.Index = 9
	b.Findings = append(b.Findings, &extra)

	m, err := Merge([]*Report{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if m.Settings.Shard != "" || m.Settings.Command != "" || !m.Settings.Start.Equal(t0) || m.Settings.ElapsedSeconds != 5 {
		t.Errorf("settings: %+v", m.Settings)
	}
	if m.Settings.StoppedAfter != 1 {
		t.Errorf("stopped after %d, want the shard's 1: a merged report says a shard stopped early", m.Settings.StoppedAfter)
	}
	if m.Settings.Jobs != 4 || m.Settings.CPUs != 4 || m.Settings.Count != 100 {
		t.Errorf("jobs %d, CPUs %d, count %d", m.Settings.Jobs, m.Settings.CPUs, m.Settings.Count)
	}
	wantShards := []string{"0/2", "1/2"}
	var gotShards []string
	for _, s := range m.Shards {
		gotShards = append(gotShards, s.Shard)
	}
	if d := cmp.Diff(wantShards, gotShards); d != "" {
		t.Errorf("shards (-want +got):\n%s", d)
	}
	tot := m.Totals
	if tot.Tests != 150 || tot.Passed != 148 || tot.Failed != 2 || tot.Requests != 2000 || tot.RequestsCompared != 1980 {
		t.Errorf("sums: %+v", tot)
	}
	if tot.FirstFindingSeconds != 0.5 {
		t.Errorf("first finding after %v, want the earliest shard's 0.5", tot.FirstFindingSeconds)
	}
	if tot.TestsPerSecond != 62.5 || tot.FindingsTotal != 6 || tot.Mismatches["model vs engine"] != 4 || tot.PropertyViolations[hostile] != 2 {
		t.Errorf("rates and counts: %+v", tot)
	}
	if d := cmp.Diff(map[string]int{"allow": 301, "deny": 702}, m.Decisions); d != "" {
		t.Errorf("decisions (-want +got):\n%s", d)
	}
	if m.ErrorKinds["attributeDoesNotExist"] != 80 {
		t.Errorf("error kinds: %v", m.ErrorKinds)
	}
	// Signatures: counts summed, most frequent first.
	wantSigs := []SignatureCount{
		{Signature: "mismatch abac [model,engine] on decision", Count: 4},
		{Signature: "property abac [model] on " + hostile, Count: 2},
	}
	if d := cmp.Diff(wantSigs, m.Signatures); d != "" {
		t.Errorf("signatures (-want +got):\n%s", d)
	}
	// Findings: a's two, then b's new one; b's repeats are dropped.
	var idx []uint64
	for _, f := range m.Findings {
		idx = append(idx, f.Index)
	}
	if d := cmp.Diff([]uint64{6, 8, 9}, idx); d != "" {
		t.Errorf("finding indexes (-want +got):\n%s", d)
	}
	// Throughput: second by second from each shard's start; b stops after
	// its first sample, and its counts hold.
	wantTP := []Sample{
		{Seconds: 1, Tests: 60, RequestsCompared: 600, Failed: 2, TestsPerSecond: 60, RequestsPerSecond: 600},
		{Seconds: 2, Tests: 92, RequestsCompared: 915, Failed: 2, TestsPerSecond: 32, RequestsPerSecond: 315},
		{Seconds: 3, Tests: 130, RequestsCompared: 1290, Failed: 3, TestsPerSecond: 31.7, RequestsPerSecond: 312.5},
	}
	if d := cmp.Diff(wantTP, m.Throughput); d != "" {
		t.Errorf("throughput (-want +got):\n%s", d)
	}
	c := m.Coverage
	if c == nil || c.Tests != 200 || c.Policies != 800 || c.Faults["cycle"] != 4 {
		t.Fatalf("coverage: %+v", c)
	}
	for _, row := range c.Constructs {
		if row.Name == "==" && (row.Occurrences != 1000 || row.Policies != 600) {
			t.Errorf("coverage of ==: %+v", row)
		}
	}
	if len(m.Notes) != 0 {
		t.Errorf("notes: %v", m.Notes)
	}
	// The order of the inputs does not matter.
	m2, err := Merge([]*Report{b, a})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(m, m2); d != "" {
		t.Errorf("merge depends on the order of its inputs (-ab +ba):\n%s", d)
	}
	// The inputs are not modified.
	if d := cmp.Diff(shard(0, 2, t0.Add(time.Second)), a); d != "" {
		t.Errorf("merge modified its input (-before +after):\n%s", d)
	}
	// A merge renders and survives JSON.
	if err := Write(t.TempDir(), m); err != nil {
		t.Fatal(err)
	}
}

func TestMergeOfMerges(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)
	ab, err := Merge([]*Report{shard(0, 4, t0), shard(1, 4, t0)})
	if err != nil {
		t.Fatal(err)
	}
	if len(ab.Notes) != 1 || !strings.Contains(ab.Notes[0], "2/4, 3/4") {
		t.Fatalf("missing shards not noted: %v", ab.Notes)
	}
	all, err := Merge([]*Report{ab, shard(3, 4, t0), shard(2, 4, t0)})
	if err != nil {
		t.Fatal(err)
	}
	if all.Totals.Tests != 400 || len(all.Shards) != 4 || len(all.Notes) != 0 {
		t.Fatalf("tests %d, shards %v, notes %v", all.Totals.Tests, all.Shards, all.Notes)
	}
	if _, err := Merge([]*Report{ab, shard(1, 4, t0)}); err == nil || !strings.Contains(err.Error(), "shard 1/4 is given twice") {
		t.Fatalf("shard given twice: %v", err)
	}
}

func TestMergeRejects(t *testing.T) {
	t0 := time.Now()
	otherSeed := shard(1, 2, t0)
	otherSeed.Settings.Seed = 1
	otherImpls := shard(1, 2, t0)
	otherImpls.Settings.Impls = []string{"model"}
	otherTarget := shard(1, 2, t0)
	otherTarget.Settings.Target = "rbac"
	badShard := shard(1, 2, t0)
	badShard.Settings.Shard = "2/2"
	unsharded := fixture()
	unsharded.Settings.Shard = ""
	for _, tc := range []struct {
		name string
		in   []*Report
		want string
	}{
		{"none", nil, "no report"},
		{"seed", []*Report{shard(0, 2, t0), otherSeed}, "seed 1"},
		{"impls", []*Report{shard(0, 2, t0), otherImpls}, "implementations model"},
		{"target", []*Report{shard(0, 2, t0), otherTarget}, "target rbac"},
		{"shard count", []*Report{shard(0, 2, t0), shard(1, 3, t0)}, "not one of 2 shards"},
		{"bad shard", []*Report{shard(0, 2, t0), badShard}, `"2/2" is not I/N`},
		{"twice", []*Report{shard(0, 2, t0), shard(0, 2, t0)}, "given twice"},
		{"unsharded twice", []*Report{unsharded, unsharded}, "given twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Merge(tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestMergeOneUnsharded(t *testing.T) {
	r := fixture()
	r.Settings.Shard = ""
	m, err := Merge([]*Report{r})
	if err != nil {
		t.Fatal(err)
	}
	if m.Shards != nil || m.Settings.Command != r.Settings.Command || m.Totals.Tests != r.Totals.Tests {
		t.Fatalf("merge of one report is not a copy: %+v", m.Settings)
	}
}

func TestMergeFindingsBound(t *testing.T) {
	t0 := time.Now()
	a, b := shard(0, 2, t0), shard(1, 2, t0)
	for _, r := range []*Report{a, b} {
		r.Findings = nil
		for i := range 8 {
			f := *fixture().Findings[0]
			f.Index = uint64(i)
			if r == b {
				f.Index += 100
			}
			r.Findings = append(r.Findings, &f)
		}
	}
	m, err := Merge([]*Report{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Findings) != FindingsPerSignature {
		t.Fatalf("%d findings kept, want %d", len(m.Findings), FindingsPerSignature)
	}
	for i, f := range m.Findings {
		if (f.Test != nil) != (i < TestsPerSignature) {
			t.Errorf("finding %d: has a test %v, want only the first %d to", i, f.Test != nil, TestsPerSignature)
		}
	}
	if a.Findings[7].Test == nil {
		t.Error("merge removed an input's test")
	}
}

// TestMergeEqualsUnsharded runs one run whole and as two shards: the
// shards cover the same test indexes, so the merged counts must equal
// the whole run's.
func TestMergeEqualsUnsharded(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the differential runner")
	}
	run := func(count, shard, shards uint64) *Report {
		sum, err := diff.Run(context.Background(), diff.Config{
			Target: diff.TargetAll, Impls: []diff.Implementation{diff.Model(), diff.Engine()}, Seed: 5, Count: count,
			Jobs: 2, Shard: shard, Shards: shards,
		})
		if err != nil {
			t.Fatal(err)
		}
		return FromSummary(sum)
	}
	whole := run(60, 0, 1)
	m, err := Merge([]*Report{run(30, 1, 2), run(30, 0, 2)})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ShardingDiffs(whole, m) {
		t.Error(d)
	}
}

// TestShardingDiffsSeesDifferences: the check that sharded runs are
// compared with reports on can fail.
func TestShardingDiffsSeesDifferences(t *testing.T) {
	whole := shard(0, 1, time.Unix(0, 0))
	if d := ShardingDiffs(whole, whole); len(d) != 0 {
		t.Fatalf("a report differs from itself: %q", d)
	}
	other := shard(0, 1, time.Unix(0, 0))
	other.Totals.Tests++
	other.Coverage = nil
	if d := ShardingDiffs(whole, other); len(d) != 2 {
		t.Errorf("got %d differences, want 2 (tests, coverage): %q", len(d), d)
	}
}
