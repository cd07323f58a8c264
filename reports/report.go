package reports

import (
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

// Version is the version of the report.json schema this package writes.
// It changes when a field changes meaning or is removed; new fields may be
// added without a change. Read rejects reports of a later version.
const Version = 1

// Report is the record of a differential run. Its JSON form (report.json)
// is the stable schema other tools read; maps are serialized with sorted
// keys, so equal reports give equal files.
type Report struct {
	// Version is the schema version (see Version).
	Version int `json:"version"`
	// Settings says what was run and how to run it again.
	Settings Settings `json:"settings"`
	// Shards describes the shards of a merged report, one per shard in
	// shard order; empty for a single run.
	Shards []Shard `json:"shards,omitempty"`
	// Totals are the run's counts.
	Totals Totals `json:"totals"`
	// Throughput holds about one sample per second of the run, by time
	// since the start.
	Throughput []Sample `json:"throughput"`
	// Decisions is the reference's decision mix ("allow", "deny").
	Decisions map[string]int `json:"decisions"`
	// ErrorKinds counts the reference model's policy errors by kind.
	ErrorKinds map[string]int `json:"error_kinds"`
	// Coverage says what the generated tests contained; nil when the run
	// did not record it.
	Coverage *Coverage `json:"coverage,omitempty"`
	// Rarity is the rarity table of the tests generated (see Rarity); nil
	// when the run did not record it.
	Rarity *Rarity `json:"rarity,omitempty"`
	// Signatures counts the findings by signature, most frequent first.
	Signatures []SignatureCount `json:"signatures"`
	// Findings are the findings kept (at most FindingsPerSignature of
	// each signature), in the order they were found.
	Findings []*Finding `json:"findings"`
	// Notes are remarks about the report itself, such as a shard missing
	// from a merge.
	Notes []string `json:"notes,omitempty"`
	// Versions records Crosscheck's build and each implementation's
	// version (from the run's summary; a merge keeps the first shard's).
	Versions *diff.Versions `json:"versions,omitempty"`
	// KnownFixed are the known differences that the releases run no
	// longer show (see diff.KnownFixed): said to be fixed, not dropped.
	KnownFixed []diff.FixedDifference `json:"known_fixed,omitempty"`
}

// FindingsPerSignature is how many findings of one signature a report
// keeps; the others are only counted. It matches the runner's bound.
const FindingsPerSignature = 10

// Settings are the parameters of a run.
type Settings struct {
	Target string   `json:"target"`
	Impls  []string `json:"impls"`
	Seed   int64    `json:"seed"`
	// Shard is "I/N" for one shard of a sharded run, "" otherwise (and in
	// a merged report, whose shards are listed in Report.Shards).
	Shard string `json:"shard,omitempty"`
	// Count is the requested number of tests per shard; 0 when the run
	// was bounded by time instead.
	Count          uint64  `json:"count,omitempty"`
	Jobs           int     `json:"jobs"`
	TimeoutSeconds float64 `json:"timeout_seconds"`
	// Start is when the run (the earliest shard) started.
	Start time.Time `json:"start"`
	// ElapsedSeconds is how long the run took (the longest shard).
	ElapsedSeconds float64 `json:"elapsed_seconds"`
	// Interrupted reports that the run (some shard) was stopped early.
	Interrupted bool `json:"interrupted,omitempty"`
	// StoppedAfter is run --stop-after N when the run (some shard) ended
	// early because it had N findings; 0 otherwise. In a merged report,
	// the largest of the shards'.
	StoppedAfter int `json:"stopped_after,omitempty"`
	// CPUs and LoadAverage describe the machine (in a merged report, the
	// total CPUs and the highest load).
	CPUs        int     `json:"cpus"`
	LoadAverage float64 `json:"load_average"`
	// MaxInconclusive is the share (0 to 1) of the tests sent to an
	// oracle (see Totals.Oracles) that may be inconclusive before the run
	// fails; in a merged report, the strictest of the shards'.
	MaxInconclusive float64 `json:"max_inconclusive"`
	// OracleShare is the share of the tests that bring nothing new sent
	// to the oracles when the run scheduled them; nil when it did not.
	OracleShare *float64 `json:"oracle_share,omitempty"`
	// Command is the command line that runs the same tests again (a
	// timed run as a count of the tests it ran); empty in a merged
	// report, whose shards each have one.
	Command string `json:"command,omitempty"`
}

// Shard is one shard of a merged report.
type Shard struct {
	Shard          string    `json:"shard"`
	Start          time.Time `json:"start"`
	ElapsedSeconds float64   `json:"elapsed_seconds"`
	Tests          int       `json:"tests"`
	Failed         int       `json:"failed"`
	Command        string    `json:"command,omitempty"`
	// Source is the file the shard's report was read from.
	Source string `json:"source,omitempty"`
}

// Totals are the counts of a run.
type Totals struct {
	// Tests counts the tests run; Passed those without a finding, Failed
	// those with one.
	Tests         int            `json:"tests"`
	Passed        int            `json:"passed"`
	Failed        int            `json:"failed"`
	TestsByTarget map[string]int `json:"tests_by_target"`
	// Requests counts the requests the reference answered;
	// RequestsCompared those also answered by another implementation and
	// compared; ValidationsCompared the validation results compared.
	Requests            int `json:"requests"`
	RequestsCompared    int `json:"requests_compared"`
	ValidationsCompared int `json:"validations_compared"`
	// TestsPerSecond and RequestsPerSecond (requests compared) are the
	// run's rates; in a merged report the sum of the shards' rates, which
	// is the aggregate rate of shards run side by side.
	TestsPerSecond    float64 `json:"tests_per_second"`
	RequestsPerSecond float64 `json:"requests_per_second"`
	// Mismatches counts disagreeing requests (or policy sets, for
	// validation) by pair, "reference vs other".
	Mismatches map[string]int `json:"mismatches"`
	// FindingsByKind counts every finding by kind; FindingsTotal is their
	// sum, kept or not.
	FindingsByKind map[string]int `json:"findings_by_kind"`
	FindingsTotal  int            `json:"findings_total"`
	// FirstFindingSeconds is when the first finding came, in seconds
	// since the start (of its shard); 0 when there was none.
	FirstFindingSeconds float64 `json:"first_finding_seconds,omitempty"`
	// PropertyViolations counts property violations by property;
	// RoundtripFailures failed round trips by what was round-tripped.
	PropertyViolations map[string]int `json:"property_violations"`
	RoundtripFailures  map[string]int `json:"roundtrip_failures"`
	// PropertyChecks counts, by property, the requests whose answers it
	// was checked on; PolicyOrderSampleEvery is the run's sampling of the
	// policy-order property (diff.PolicyOrderSample). Both are absent
	// from reports written before they were recorded.
	PropertyChecks         map[string]int `json:"property_checks,omitempty"`
	PolicyOrderSampleEvery int            `json:"policy_order_sample_every,omitempty"`
	// Unsupported counts the skipped (implementation, test) pairs by
	// "impl: reason"; Inconclusive the tests an implementation could not
	// tell, by implementation.
	Unsupported  map[string]int `json:"unsupported"`
	Inconclusive map[string]int `json:"inconclusive"`
	// Known counts the findings tolerated as documented bugs of a
	// third-party implementation, by the regression case that pins each
	// (see docs/known-differences.md). They are not failures.
	Known map[string]int `json:"known,omitempty"`
	// Abandoned counts timed-out tests still running at the end.
	Abandoned int64 `json:"abandoned,omitempty"`
	// Oracles is the health of each supervised external implementation
	// (one run in processes the harness supervises, such as cedar-wasm),
	// by name.
	Oracles map[string]OracleHealth `json:"oracles,omitempty"`
	// Asked counts, by implementation and then by why ("every test",
	// "novel", "sampled", "disagreement"), the tests each was asked
	// about (see diff.Summary.Asked).
	Asked map[string]map[string]int `json:"asked,omitempty"`
}

// OracleHealth is what the supervision of an external implementation saw
// (see diff.OracleHealth).
type OracleHealth struct {
	// Sent counts the tests sent to the implementation, Inconclusive
	// those it gave no answer to.
	Sent         int `json:"sent"`
	Inconclusive int `json:"inconclusive"`
	// Restarts counts the processes replaced; Timeouts the calls killed
	// for taking too long.
	Restarts int `json:"restarts"`
	Timeouts int `json:"timeouts"`
}

// OK reports whether the run found nothing and its oracles were healthy.
func (r *Report) OK() bool {
	return r.Totals.Failed == 0 && r.Totals.FindingsTotal == 0 && len(r.HealthFailures()) == 0
}

// HealthFailures says why the oracles fail the run: each one inconclusive
// on more than Settings.MaxInconclusive of the tests sent to it.
func (r *Report) HealthFailures() []string {
	m := map[string]diff.OracleHealth{}
	for name, h := range r.Totals.Oracles {
		m[name] = diff.OracleHealth(h)
	}
	return diff.HealthFailures(m, r.Settings.MaxInconclusive)
}

// Sample is the state of a run at one moment: cumulative counts and the
// rates over the second before.
type Sample struct {
	Seconds           float64 `json:"seconds"`
	Tests             int64   `json:"tests"`
	RequestsCompared  int64   `json:"requests_compared"`
	Failed            int64   `json:"failed"`
	TestsPerSecond    float64 `json:"tests_per_second"`
	RequestsPerSecond float64 `json:"requests_per_second"`
}

// SignatureCount is the number of findings with one signature.
type SignatureCount struct {
	Signature string `json:"signature"`
	Count     int    `json:"count"`
}

// Finding is one problem found in one generated test, with what is needed
// to understand and replay it.
type Finding struct {
	// Signature groups findings that are likely one bug.
	Signature string `json:"signature"`
	// Kind is "mismatch", "property", "validation", "roundtrip",
	// "panic", "timeout" or "error".
	Kind   string `json:"kind"`
	Target string `json:"target"`
	Seed   int64  `json:"seed"`
	Index  uint64 `json:"index"`
	// Request is the index of the request in the test, -1 when the
	// finding is about the whole test.
	Request int `json:"request"`
	// Impls names the implementations involved, the reference first.
	Impls []string `json:"impls"`
	// On says what differs (see diff.Finding.On).
	On []string `json:"on"`
	// Diff is a go-cmp diff (-first +second); Detail explains further.
	Diff   string `json:"diff,omitempty"`
	Detail string `json:"detail,omitempty"`
	// Command replays the finding.
	Command string `json:"command"`
	// Test is the test that shows the finding (the minimized one when a
	// shrinker ran); nil when the run did not keep it.
	Test *TestCase `json:"test,omitempty"`
}

// TestCase is a test as text, ready to be read or saved: each part in its
// usual file format. A part longer than MaxPartBytes is cut and marked.
type TestCase struct {
	// Minimized reports that a shrinker reduced the test.
	Minimized bool `json:"minimized,omitempty"`
	// Schema is in the Cedar schema syntax; Policies in Cedar policy
	// syntax; Entities is entity JSON.
	Schema   string `json:"schema,omitempty"`
	Policies string `json:"policies"`
	Entities string `json:"entities"`
	// Requests are JSON objects with principal, action, resource and
	// context, as in the integration tests: the finding's request only,
	// or all of the test's requests when the finding is about the test.
	Requests []string `json:"requests,omitempty"`
	// Expr is the expression of an expression test, in Cedar syntax.
	Expr string `json:"expr,omitempty"`
}
