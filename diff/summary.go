package diff

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/cedar-crosscheck/crosscheck/generators"
)

// Summary is the outcome of a differential run: counts, the findings (up
// to a bound, all of them counted by signature), throughput over time,
// the reference's decision mix and the model's error kinds, and what the
// generated tests contained. It is what `crosscheck run` prints and
// writes to summary.json, and what reports are made from. Map keys are
// sorted when serialized.
type Summary struct {
	Target Target   `json:"target"`
	Impls  []string `json:"impls"`
	Seed   int64    `json:"seed"`
	// Shard is "I/N" for a sharded run, "" otherwise.
	Shard string `json:"shard,omitempty"`
	// Count is the requested number of tests (0: the run was timed).
	Count          uint64    `json:"count,omitempty"`
	Jobs           int       `json:"jobs"`
	TimeoutSeconds float64   `json:"timeout_seconds"`
	Start          time.Time `json:"start"`
	ElapsedSeconds float64   `json:"elapsed_seconds"`
	// Interrupted reports that the run was stopped (Ctrl-C) before its
	// count or duration was reached.
	Interrupted bool `json:"interrupted"`
	// CPUs and LoadAverage describe the machine: the 1-minute load
	// average at the end of the run (Linux; 0 elsewhere).
	CPUs        int     `json:"cpus"`
	LoadAverage float64 `json:"load_average"`

	// Tests counts the tests run, Passed those without a finding, Failed
	// those with one.
	Tests         int            `json:"tests"`
	Passed        int            `json:"passed"`
	Failed        int            `json:"failed"`
	TestsByTarget map[Target]int `json:"tests_by_target"`
	// Requests counts the requests the reference answered;
	// RequestsCompared those also answered and compared by another
	// implementation; ValidationsCompared the validation results compared
	// with the model's.
	Requests            int `json:"requests"`
	RequestsCompared    int `json:"requests_compared"`
	ValidationsCompared int `json:"validations_compared"`

	TestsPerSecond    float64 `json:"tests_per_second"`
	RequestsPerSecond float64 `json:"requests_per_second"` // requests compared per second
	// CPUSeconds is the CPU time the process used during the run, and
	// RequestsPerCPUSecond the requests compared per CPU second: on a
	// shared machine the wall-clock rate depends on the other load, this
	// one much less. (0 where CPU time is not measured.)
	CPUSeconds           float64 `json:"cpu_seconds"`
	RequestsPerCPUSecond float64 `json:"requests_per_cpu_second"`

	// Mismatches counts disagreeing requests (authorization targets) and
	// policy sets (validation) by pair, "reference vs other", known
	// differences included.
	Mismatches map[string]int `json:"mismatches"`
	// FindingsByKind counts every finding by kind; Properties the
	// property violations by property; Roundtrips the failed round trips
	// by what was round-tripped.
	FindingsByKind map[FindingKind]int `json:"findings_by_kind"`
	Properties     map[string]int      `json:"property_violations"`
	// PropertyChecks counts, by property, the requests whose answers it
	// was checked on. Policy-order is checked on one test in
	// PolicyOrderSampleEvery (by index), the others on every answer of
	// the reference (validator-soundness: of the model, with a schema).
	PropertyChecks         map[string]int `json:"property_checks"`
	PolicyOrderSampleEvery int            `json:"policy_order_sample_every,omitempty"`
	Roundtrips             map[string]int `json:"roundtrip_failures"`
	// Unsupported counts skipped (implementation, test) pairs by
	// "impl: reason"; Inconclusive by implementation.
	Unsupported  map[string]int `json:"unsupported"`
	Inconclusive map[string]int `json:"inconclusive"`
	// Abandoned counts the timed-out tests whose goroutines were still
	// running when the run ended.
	Abandoned int64 `json:"abandoned"`
	// Oracles is the health of each Supervised implementation during the
	// run, by name; MaxInconclusive the share of inconclusive tests above
	// which one fails the run (see Config.MaxInconclusive).
	Oracles         map[string]OracleHealth `json:"oracles"`
	MaxInconclusive float64                 `json:"max_inconclusive"`
	// Asked counts, by implementation and then by why (AskedEvery,
	// AskedNovel, AskedSampled, AskedDisagreement), the tests each
	// implementation was asked about. OracleShare is the share of the
	// other tests sent to the Supervised implementations when the run
	// schedules them (Config.ScheduleOracles), nil when it does not.
	Asked       map[string]map[string]int `json:"asked"`
	OracleShare *float64                  `json:"oracle_share,omitempty"`

	// Decisions is the reference's decision mix; ErrorKinds counts the
	// model's policy errors by kind.
	Decisions  map[string]int `json:"decisions"`
	ErrorKinds map[string]int `json:"error_kinds"`

	// Signatures counts findings by signature, most frequent first.
	Signatures []SignatureCount `json:"signatures"`
	// Findings are the findings kept: the first ten of each signature, up
	// to the run's MaxFindings. FindingsTotal counts every finding that
	// is not known.
	Findings      []*Finding `json:"findings"`
	FindingsTotal int        `json:"findings_total"`
	// Known counts the known findings (documented bugs of a third-party
	// implementation, tolerated by a KnownRule) by regression case;
	// KnownExamples keeps the first finding of each case. They count
	// neither in FindingsTotal nor in Failed.
	Known         map[string]int `json:"known"`
	KnownExamples []*Finding     `json:"known_examples"`
	// KnownFixed are the known differences of the run's implementations
	// that their releases no longer show (KnownFixed): reported as fixed
	// rather than silently no longer tolerated.
	KnownFixed []FixedDifference `json:"known_fixed,omitempty"`
	// FirstFindingSeconds is when the first finding was recorded, in
	// seconds since the start (0 when there was none).
	FirstFindingSeconds float64 `json:"first_finding_seconds,omitempty"`
	// StoppedAfter is Config.StopAfter when the run ended early because
	// it had that many findings, else 0.
	StoppedAfter int `json:"stopped_after,omitempty"`

	// Throughput holds a sample per second of the run.
	Throughput []Sample `json:"throughput"`
	// Coverage counts what the generated tests contained.
	Coverage *generators.Stats `json:"coverage"`
	// Rarity tallies the rarity cases (generators.RarityCases) over the
	// run's tests, or over the sample of one test in RaritySampleEvery
	// (by a hash of the index) when that is more than 1; Rarity.Tests is
	// the number of tests tallied. Nil in summaries written before it.
	Rarity            *generators.Rarity `json:"rarity,omitempty"`
	RaritySampleEvery uint64             `json:"rarity_sample_every,omitempty"`
	// Versions records Crosscheck's build and each implementation's
	// version (see VersionsOf).
	Versions *Versions `json:"versions,omitempty"`

	maxFindings int
	perSig      map[Signature]int
	cpuStart    time.Duration
}

// SignatureCount is the number of findings with one signature, with the
// first of them as an example.
type SignatureCount struct {
	Signature string   `json:"signature"`
	Count     int      `json:"count"`
	Example   *Finding `json:"example"`
}

// Sample is the state of a run at one moment: the cumulative counts and
// the rates over the second before.
type Sample struct {
	Seconds           float64 `json:"seconds"`
	Tests             int64   `json:"tests"`
	Requests          int64   `json:"requests_compared"`
	Failed            int64   `json:"failed"`
	TestsPerSecond    float64 `json:"tests_per_second"`
	RequestsPerSecond float64 `json:"requests_per_second"`
}

func newSummary(c *Config, jobs int) *Summary {
	s := &Summary{
		Target: c.Target, Seed: c.Seed, Count: c.Count, Jobs: jobs,
		TimeoutSeconds: c.timeout().Seconds(), Start: time.Now(), CPUs: runtimeCPUs(),
		TestsByTarget: map[Target]int{}, Mismatches: map[string]int{}, FindingsByKind: map[FindingKind]int{},
		Properties: map[string]int{}, PropertyChecks: map[string]int{}, PolicyOrderSampleEvery: PolicyOrderSample,
		Roundtrips: map[string]int{}, Unsupported: map[string]int{},
		Inconclusive: map[string]int{}, Decisions: map[string]int{}, ErrorKinds: map[string]int{},
		Findings: []*Finding{}, Signatures: []SignatureCount{}, Throughput: []Sample{},
		Known: map[string]int{}, KnownExamples: []*Finding{},
		Oracles: map[string]OracleHealth{}, MaxInconclusive: c.maxInconclusive(), Asked: map[string]map[string]int{},
		maxFindings: cmp.Or(c.MaxFindings, DefaultMaxFindings), perSig: map[Signature]int{},
		cpuStart: processCPUTime(),
	}
	if c.Shards > 1 {
		s.Shard = fmt.Sprintf("%d/%d", c.Shard, c.Shards)
	}
	for _, impl := range c.Impls {
		s.Impls = append(s.Impls, impl.Name())
	}
	s.Versions = VersionsOf(c.Impls)
	s.KnownFixed = KnownFixed(s.Impls)
	if c.schedule != nil {
		share := c.OracleShare
		s.OracleShare = &share
	}
	return s
}

// add counts one test's result; onFinding, when not nil, sees each of
// its findings.
func (s *Summary) add(r *TestResult, onFinding func(*Finding)) {
	s.Tests++
	s.TestsByTarget[r.Target]++
	if r.Failed() {
		s.Failed++
	} else {
		s.Passed++
	}
	s.Requests += r.Requests
	s.RequestsCompared += r.Compared
	s.ValidationsCompared += r.Validated
	addAll(s.Mismatches, r.Mismatches)
	addAll(s.Unsupported, r.Unsupported)
	addAll(s.Inconclusive, r.Inconclusive)
	addAll(s.Decisions, r.Decisions)
	addAll(s.ErrorKinds, r.ErrorKinds)
	addAll(s.PropertyChecks, r.PropertyChecks)
	for name, why := range r.Asked {
		if s.Asked[name] == nil {
			s.Asked[name] = map[string]int{}
		}
		s.Asked[name][why]++
	}
	for _, f := range r.Known {
		if s.Known[f.Known]++; s.Known[f.Known] == 1 {
			s.KnownExamples = append(s.KnownExamples, f)
		}
	}
	if len(r.Findings) > 0 && s.FindingsTotal == 0 {
		s.FirstFindingSeconds = time.Since(s.Start).Seconds()
	}
	for _, f := range r.Findings {
		s.FindingsTotal++
		s.FindingsByKind[f.Kind]++
		switch f.Kind {
		case KindProperty:
			s.Properties[strings.Join(f.On, ",")]++
		case KindRoundtrip:
			s.Roundtrips[strings.Join(f.On, ",")]++
		}
		sig := f.Signature()
		s.perSig[sig]++
		if s.perSig[sig] == 1 {
			s.Signatures = append(s.Signatures, SignatureCount{Signature: sig.String(), Example: f})
		}
		if s.perSig[sig] <= findingsPerSignature && len(s.Findings) < s.maxFindings {
			s.Findings = append(s.Findings, f)
		}
		if onFinding != nil {
			onFinding(f)
		}
	}
}

func addAll[K comparable](dst, src map[K]int) {
	for k, v := range src {
		dst[k] += v
	}
}

// finish computes the rates and sorts what needs sorting.
func (s *Summary) finish(stats *generators.Stats, interrupted bool) {
	elapsed := time.Since(s.Start)
	s.ElapsedSeconds = elapsed.Seconds()
	s.Interrupted = interrupted
	s.Coverage = stats
	s.Abandoned = abandoned.Load()
	s.LoadAverage = loadAverage()
	if secs := elapsed.Seconds(); secs > 0 {
		s.TestsPerSecond = float64(s.Tests) / secs
		s.RequestsPerSecond = float64(s.RequestsCompared) / secs
	}
	s.CPUSeconds = (processCPUTime() - s.cpuStart).Seconds()
	if s.CPUSeconds > 0 {
		s.RequestsPerCPUSecond = float64(s.RequestsCompared) / s.CPUSeconds
	}
	bySig := map[string]Signature{}
	for sig := range s.perSig {
		bySig[sig.String()] = sig
	}
	for i := range s.Signatures {
		s.Signatures[i].Count = s.perSig[bySig[s.Signatures[i].Signature]]
	}
	slices.SortStableFunc(s.Signatures, func(a, b SignatureCount) int { return cmp.Compare(b.Count, a.Count) })
}

// OK reports whether the run found nothing and its oracles were healthy
// (see HealthFailures).
func (s *Summary) OK() bool { return s.Failed == 0 && len(s.HealthFailures()) == 0 }

// HealthFailures says why the oracles fail the run: each Supervised
// implementation inconclusive on more than MaxInconclusive of the tests
// sent to it.
func (s *Summary) HealthFailures() []string { return HealthFailures(s.Oracles, s.MaxInconclusive) }

// Line is the last line of a run: "N passed, N failed", counting tests.
func (s *Summary) Line() string { return fmt.Sprintf("%d passed, %d failed", s.Passed, s.Failed) }

// WriteText prints the summary for people: the counts, what disagreed,
// the findings' signatures with an example each, the Verdict and the
// final line.
func (s *Summary) WriteText(w io.Writer) {
	fmt.Fprintf(w, "target %s, implementations %s, seed %d", s.Target, strings.Join(s.Impls, ","), s.Seed)
	if s.Shard != "" {
		fmt.Fprintf(w, ", shard %s", s.Shard)
	}
	fmt.Fprintf(w, ", %d jobs on %d CPUs (load %.1f)\n", s.Jobs, s.CPUs, s.LoadAverage)
	fmt.Fprintf(w, "%d tests in %.1fs (%.0f tests/s), %d requests answered, %d compared (%.0f requests/s, %.0f per CPU second)",
		s.Tests, s.ElapsedSeconds, s.TestsPerSecond, s.Requests, s.RequestsCompared, s.RequestsPerSecond, s.RequestsPerCPUSecond)
	if s.ValidationsCompared > 0 {
		fmt.Fprintf(w, ", %d validations compared", s.ValidationsCompared)
	}
	fmt.Fprintln(w)
	if len(s.TestsByTarget) > 1 {
		writeCounts(w, "tests by target", s.TestsByTarget)
	}
	writeCounts(w, "decisions", s.Decisions)
	writeCounts(w, "model errors by kind", s.ErrorKinds)
	if len(s.Known) > 0 {
		writeCounts(w, "mismatches (known differences included)", s.Mismatches)
	} else {
		writeCounts(w, "mismatches", s.Mismatches)
	}
	writeCounts(w, "property violations", s.Properties)
	if len(s.PropertyChecks) > 0 {
		writeCounts(w, "properties checked, in requests", s.PropertyChecks)
		fmt.Fprintln(w, PolicyOrderNote(s.PolicyOrderSampleEvery))
	}
	writeCounts(w, "round-trip failures", s.Roundtrips)
	writeCounts(w, "findings by kind", s.FindingsByKind)
	writeCounts(w, "unsupported", s.Unsupported)
	writeCounts(w, "inconclusive", s.Inconclusive)
	writeCounts(w, "known differences, tolerated (docs/known-differences.md)", s.Known)
	for _, f := range s.KnownFixed {
		fmt.Fprintln(w, "known difference fixed:", f)
	}
	for _, name := range slices.Sorted(maps.Keys(s.Oracles)) {
		fmt.Fprintf(w, "oracle health: %s: %s\n", name, s.Oracles[name])
	}
	for _, line := range AskedLines(s.Impls, s.Asked, s.Tests) {
		fmt.Fprintln(w, "asked:", line)
	}
	if s.OracleShare != nil {
		fmt.Fprintln(w, ScheduleNote(*s.OracleShare))
	}
	if r := s.Rarity; r != nil && r.Tests > 0 {
		missed := r.Missed()
		fmt.Fprintf(w, "rarity: %d of %d cases below %d per %d over %d tests (one in %d sampled; the table is in the report)",
			len(missed), len(r.Counts), generators.RarityGoal, generators.RarityPer, r.Tests, s.RaritySampleEvery)
		if len(missed) > 0 && len(missed) <= 8 {
			fmt.Fprintf(w, ": %s", strings.Join(missed, ", "))
		}
		fmt.Fprintln(w)
	}
	if s.Abandoned > 0 {
		fmt.Fprintf(w, "%d timed-out tests were still running at the end\n", s.Abandoned)
	}
	if len(s.Signatures) > 0 {
		fmt.Fprintf(w, "%d findings (the first after %.2fs), %d signatures:\n", s.FindingsTotal, s.FirstFindingSeconds, len(s.Signatures))
		if s.StoppedAfter > 0 {
			fmt.Fprintf(w, "(the run stopped early, after %d findings: --stop-after)\n", s.StoppedAfter)
		}
		for _, sc := range s.Signatures {
			fmt.Fprintf(w, "  %6d  %s\n", sc.Count, sc.Signature)
		}
		fmt.Fprintln(w, "first finding of each signature:")
		for _, sc := range s.Signatures {
			io.WriteString(w, sc.Example.String())
		}
	}
	for _, reason := range s.HealthFailures() {
		fmt.Fprintln(w, "FAIL:", reason)
	}
	fmt.Fprintln(w, s.Verdict())
	fmt.Fprintln(w, s.Line())
}

func writeCounts[K ~string](w io.Writer, title string, m map[K]int) {
	if len(m) == 0 {
		return
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	fmt.Fprintf(w, "%s: %s\n", title, strings.Join(parts, ", "))
}

// loadAverage returns the 1-minute load average, or 0 where it is not
// known.
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	var l float64
	fmt.Sscan(string(b), &l)
	return l
}
