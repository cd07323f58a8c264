package reports

import (
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
)

// FromSummary builds the report of a run from the runner's (non-nil)
// summary. The first TestsPerSignature findings of each signature keep
// their tests as text (see NewTestCase), up to MaxTestBytes in all. Settings.Command is
// rebuilt from the summary; a caller that has the exact command line can
// set it instead (see CommandLine).
func FromSummary(s *diff.Summary, opts ...Option) *Report {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	r := &Report{
		Version: Version,
		Settings: Settings{
			Target: string(s.Target), Impls: append([]string{}, s.Impls...), Seed: s.Seed, Shard: s.Shard,
			Count: s.Count, Jobs: s.Jobs, TimeoutSeconds: s.TimeoutSeconds, Start: s.Start,
			ElapsedSeconds: s.ElapsedSeconds, Interrupted: s.Interrupted, StoppedAfter: s.StoppedAfter, CPUs: s.CPUs, LoadAverage: s.LoadAverage,
			MaxInconclusive: s.MaxInconclusive,
		},
		Totals: Totals{
			Tests: s.Tests, Passed: s.Passed, Failed: s.Failed, TestsByTarget: stringKeys(s.TestsByTarget),
			Requests: s.Requests, RequestsCompared: s.RequestsCompared, ValidationsCompared: s.ValidationsCompared,
			TestsPerSecond: s.TestsPerSecond, RequestsPerSecond: s.RequestsPerSecond,
			Mismatches: copyCounts(s.Mismatches), FindingsByKind: stringKeys(s.FindingsByKind),
			FindingsTotal: s.FindingsTotal, FirstFindingSeconds: s.FirstFindingSeconds,
			PropertyViolations: copyCounts(s.Properties), RoundtripFailures: copyCounts(s.Roundtrips),
			PropertyChecks: copyCounts(s.PropertyChecks), PolicyOrderSampleEvery: s.PolicyOrderSampleEvery,
			Unsupported: copyCounts(s.Unsupported), Inconclusive: copyCounts(s.Inconclusive), Abandoned: s.Abandoned,
			Known: copyCounts(s.Known),
		},
		Decisions:  copyCounts(s.Decisions),
		ErrorKinds: copyCounts(s.ErrorKinds),
		Throughput: []Sample{},
		Signatures: []SignatureCount{},
		Findings:   []*Finding{},
		Versions:   s.Versions,
		KnownFixed: s.KnownFixed,
	}
	for name, h := range s.Oracles {
		if r.Totals.Oracles == nil {
			r.Totals.Oracles = map[string]OracleHealth{}
		}
		r.Totals.Oracles[name] = OracleHealth(h)
	}
	addAsked(&r.Totals.Asked, s.Asked)
	if s.OracleShare != nil {
		share := *s.OracleShare
		r.Settings.OracleShare = &share
	}
	r.Settings.Command = runCommand(&r.Settings, s.Tests)
	for _, x := range s.Throughput {
		r.Throughput = append(r.Throughput, Sample{
			Seconds: x.Seconds, Tests: x.Tests, RequestsCompared: x.Requests, Failed: x.Failed,
			TestsPerSecond: x.TestsPerSecond, RequestsPerSecond: x.RequestsPerSecond,
		})
	}
	for _, sc := range s.Signatures {
		r.Signatures = append(r.Signatures, SignatureCount{Signature: sc.Signature, Count: sc.Count})
	}
	withTest := map[string]int{}
	testBytes := 0
	for _, f := range s.Findings {
		rf := findingFrom(f, &o)
		// Tests make most of a report's size: keep those of the first
		// findings of each signature, within a total. The others are
		// replayed by their commands.
		if rf.Test != nil {
			size := rf.Test.size()
			if withTest[rf.Signature] >= TestsPerSignature || testBytes+size > MaxTestBytes {
				rf.Test = nil
			} else {
				withTest[rf.Signature]++
				testBytes += size
			}
		}
		r.Findings = append(r.Findings, rf)
	}
	if s.Coverage != nil {
		r.Coverage = CoverageFromStats(s.Coverage)
	}
	r.Rarity = RarityFromSummary(s)
	return r
}

// Bounds on the tests a report holds.
const (
	TestsPerSignature = 3
	MaxTestBytes      = 16 << 20
)

// Option adjusts FromSummary.
type Option func(*options)

type options struct {
	minimized func(*diff.Finding) *generators.Test
}

// WithMinimized gives the minimized test of each finding (nil for a
// finding that has none, such as one the shrinker has no oracle for).
// The report shows the minimized test, marked as such, in place of the
// generated one.
func WithMinimized(minimized func(*diff.Finding) *generators.Test) Option {
	return func(o *options) { o.minimized = minimized }
}

// findingFrom converts one of the runner's findings.
func findingFrom(f *diff.Finding, o *options) *Finding {
	test := NewTestCase(f.Test, f.Request)
	if o.minimized != nil {
		if m := o.minimized(f); m != nil {
			// A minimized test holds only what shows the finding: all of
			// its requests are shown.
			test = NewTestCase(m, -1)
			test.Minimized = true
		}
	}
	return &Finding{
		Signature: f.Signature().String(),
		Kind:      string(f.Kind), Target: string(f.Target), Seed: f.Seed, Index: f.Index, Request: f.Request,
		Impls: append([]string{}, f.Impls...), On: append([]string{}, f.On...),
		Diff: f.Diff, Detail: f.Detail, Command: f.Command,
		Test: test,
	}
}

// CoverageFromStats converts the generators' counts. Every construct the
// generators must produce gets a row, so that one never generated shows
// as a zero rather than as a missing row.
func CoverageFromStats(st *generators.Stats) *Coverage {
	c := &Coverage{
		Tests: st.Tests, Policies: st.Policies, Templates: st.Templates, Links: st.Links,
		Requests: st.Requests, Entities: st.Entities, MaxExprDepth: st.MaxExprDepth,
		Faults: stringKeys(st.Faults), Constructs: []ConstructCoverage{},
	}
	required := map[string]bool{}
	for _, name := range generators.RequiredConstructs {
		required[name] = true
	}
	names := map[string]bool{}
	for name := range maps.Keys(st.Occurrences) {
		names[name] = true
	}
	for name := range required {
		names[name] = true
	}
	for name := range names {
		c.Constructs = append(c.Constructs, ConstructCoverage{
			Name: name, Category: CategoryOf(name), Required: required[name],
			Occurrences: st.Occurrences[name], Policies: st.InPolicies[name],
		})
	}
	c.sortConstructs()
	return c
}

// runCommand rebuilds the command line that runs the same tests again.
// A timed run checked the indexes 0 to Tests-1 of its shard (the workers
// take indexes in order and finish the test they hold when time is up),
// so --count Tests reruns exactly its tests, where --duration would run
// however many the machine manages.
func runCommand(s *Settings, tests int) string {
	args := []string{"crosscheck", "run", "--target", s.Target, "--impl", strings.Join(s.Impls, ","),
		"--seed", fmt.Sprint(s.Seed), "--jobs", fmt.Sprint(s.Jobs)}
	count := s.Count
	if count == 0 || s.StoppedAfter > 0 { // a run stopped early checked 0 to tests-1 too
		count = uint64(max(tests, 1))
	}
	args = append(args, "--count", fmt.Sprint(count))
	if s.TimeoutSeconds > 0 {
		args = append(args, "--timeout", time.Duration(s.TimeoutSeconds*float64(time.Second)).String())
	}
	if s.Shard != "" {
		args = append(args, "--shard", s.Shard)
	}
	return CommandLine(args)
}

// CommandLine joins args into a command line a POSIX shell reads back as
// args: arguments with characters special to the shell are single-quoted.
func CommandLine(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = shellQuote(a)
	}
	return strings.Join(quoted, " ")
}

func shellQuote(s string) string {
	if s == "" {
		return "''"
	}
	safe := true
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./,:=@%+", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// stringKeys copies a count map with string-like keys to one with string
// keys; it never returns nil, so that JSON has {} rather than null.
func stringKeys[K ~string](m map[K]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[string(k)] = v
	}
	return out
}

func copyCounts(m map[string]int) map[string]int { return stringKeys(m) }
