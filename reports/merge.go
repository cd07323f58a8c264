package reports

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

// Merge combines the reports of the shards of one run (same target, seed
// and implementations; shards "I/N" with one N) into one report: counts
// and rates are summed, the throughput series are added up second by
// second from each shard's start, findings are concatenated in shard
// order without duplicates and at most FindingsPerSignature per
// signature, and signatures are counted again; the oracles' health is
// added up and judged by the strictest shard's limit. A report that is itself a
// merge contributes its shards. Shards missing from 0..N-1 are named in
// the merged report's Notes; a shard given twice, or reports of different
// runs, are an error. The inputs are not modified.
func Merge(reports []*Report) (*Report, error) {
	if len(reports) == 0 {
		return nil, fmt.Errorf("no report to merge")
	}
	first := reports[0]
	type part struct {
		r      *Report
		shards []Shard
	}
	var parts []part
	seen := map[string]bool{}
	total := uint64(0)
	for i, r := range reports {
		if err := sameRun(first, r); err != nil {
			return nil, fmt.Errorf("report %d: %w", i+1, err)
		}
		shards := r.Shards
		if len(shards) == 0 {
			shards = []Shard{{
				Shard: cmp.Or(r.Settings.Shard, "0/1"), Start: r.Settings.Start, ElapsedSeconds: r.Settings.ElapsedSeconds,
				Tests: r.Totals.Tests, Failed: r.Totals.Failed, Command: r.Settings.Command,
			}}
		}
		for _, sh := range shards {
			_, n, err := parseShardName(sh.Shard)
			if err != nil {
				return nil, fmt.Errorf("report %d: %w", i+1, err)
			}
			if total == 0 {
				total = n
			} else if n != total {
				return nil, fmt.Errorf("report %d: shard %s is not one of %d shards like the others", i+1, sh.Shard, total)
			}
			if seen[sh.Shard] {
				return nil, fmt.Errorf("report %d: shard %s is given twice", i+1, sh.Shard)
			}
			seen[sh.Shard] = true
		}
		parts = append(parts, part{r, shards})
	}
	// Shard order makes the merge independent of the order of the inputs.
	slices.SortStableFunc(parts, func(a, b part) int { return cmp.Compare(shardIndex(a.shards[0].Shard), shardIndex(b.shards[0].Shard)) })

	m := &Report{
		Version: Version,
		// Shards of one run come from one build: the first shard's
		// versions stand for all.
		Versions:   parts[0].r.Versions,
		KnownFixed: parts[0].r.KnownFixed,
		Settings: Settings{
			Target: first.Settings.Target, Impls: append([]string{}, first.Settings.Impls...), Seed: first.Settings.Seed,
			Count: first.Settings.Count,
		},
		Totals: Totals{
			TestsByTarget: map[string]int{}, Mismatches: map[string]int{}, FindingsByKind: map[string]int{},
			PropertyViolations: map[string]int{}, RoundtripFailures: map[string]int{},
			Unsupported: map[string]int{}, Inconclusive: map[string]int{}, Known: map[string]int{},
		},
		Decisions: map[string]int{}, ErrorKinds: map[string]int{},
		Throughput: []Sample{}, Signatures: []SignatureCount{}, Findings: []*Finding{},
	}
	var series [][]Sample
	var coverages []*Coverage
	var rarities []*Rarity
	sigCounts := map[string]int{}
	for i, p := range parts {
		r := p.r
		s, t := &m.Settings, &m.Totals
		for _, sh := range p.shards {
			m.Shards = append(m.Shards, sh)
		}
		if s.Start.IsZero() || (!r.Settings.Start.IsZero() && r.Settings.Start.Before(s.Start)) {
			s.Start = r.Settings.Start
		}
		s.ElapsedSeconds = max(s.ElapsedSeconds, r.Settings.ElapsedSeconds)
		s.Interrupted = s.Interrupted || r.Settings.Interrupted
		s.StoppedAfter = max(s.StoppedAfter, r.Settings.StoppedAfter)
		s.Jobs += r.Settings.Jobs
		s.CPUs += r.Settings.CPUs
		s.LoadAverage = max(s.LoadAverage, r.Settings.LoadAverage)
		s.TimeoutSeconds = max(s.TimeoutSeconds, r.Settings.TimeoutSeconds)
		if i == 0 || r.Settings.MaxInconclusive < s.MaxInconclusive {
			s.MaxInconclusive = r.Settings.MaxInconclusive // the strictest
		}
		if s.Count != r.Settings.Count {
			s.Count = 0 // shards of unequal counts: no single count describes them
		}

		rt := &r.Totals
		t.Tests += rt.Tests
		t.Passed += rt.Passed
		t.Failed += rt.Failed
		t.Requests += rt.Requests
		t.RequestsCompared += rt.RequestsCompared
		t.ValidationsCompared += rt.ValidationsCompared
		t.TestsPerSecond += rt.TestsPerSecond
		t.RequestsPerSecond += rt.RequestsPerSecond
		t.FindingsTotal += rt.FindingsTotal
		if rt.FirstFindingSeconds > 0 && (t.FirstFindingSeconds == 0 || rt.FirstFindingSeconds < t.FirstFindingSeconds) {
			t.FirstFindingSeconds = rt.FirstFindingSeconds
		}
		t.Abandoned += rt.Abandoned
		addCounts(t.TestsByTarget, rt.TestsByTarget)
		addCounts(t.Mismatches, rt.Mismatches)
		addCounts(t.FindingsByKind, rt.FindingsByKind)
		addCounts(t.PropertyViolations, rt.PropertyViolations)
		if len(rt.PropertyChecks) > 0 {
			if t.PropertyChecks == nil {
				t.PropertyChecks = map[string]int{}
			}
			addCounts(t.PropertyChecks, rt.PropertyChecks)
		}
		t.PolicyOrderSampleEvery = max(t.PolicyOrderSampleEvery, rt.PolicyOrderSampleEvery)
		addCounts(t.RoundtripFailures, rt.RoundtripFailures)
		addCounts(t.Unsupported, rt.Unsupported)
		addCounts(t.Inconclusive, rt.Inconclusive)
		addCounts(t.Known, rt.Known)
		addAsked(&t.Asked, rt.Asked)
		if s.OracleShare == nil {
			s.OracleShare = r.Settings.OracleShare
		}
		for name, h := range rt.Oracles {
			if t.Oracles == nil {
				t.Oracles = map[string]OracleHealth{}
			}
			t.Oracles[name] = OracleHealth(diff.OracleHealth(t.Oracles[name]).Add(diff.OracleHealth(h)))
		}
		addCounts(m.Decisions, r.Decisions)
		addCounts(m.ErrorKinds, r.ErrorKinds)

		series = append(series, r.Throughput)
		if r.Coverage != nil {
			coverages = append(coverages, r.Coverage)
		}
		if r.Rarity != nil {
			rarities = append(rarities, r.Rarity)
		}
		for _, sc := range r.Signatures {
			sigCounts[sc.Signature] += sc.Count
		}
		for _, note := range r.Notes {
			// A merge of merges recomputes which shards are missing.
			if !strings.HasPrefix(note, missingShardsNote) {
				m.Notes = append(m.Notes, note)
			}
		}
	}
	m.Throughput = mergeThroughput(series)
	if len(coverages) > 0 {
		m.Coverage = mergeCoverage(coverages)
		if len(coverages) < len(parts) {
			m.Notes = append(m.Notes, fmt.Sprintf("coverage is from %d of %d reports", len(coverages), len(parts)))
		}
	}
	if len(rarities) > 0 {
		m.Rarity = mergeRarity(rarities)
		if len(rarities) < len(parts) {
			m.Notes = append(m.Notes, fmt.Sprintf("the rarity table is from %d of %d reports", len(rarities), len(parts)))
		}
	}
	for sig, n := range sigCounts {
		m.Signatures = append(m.Signatures, SignatureCount{Signature: sig, Count: n})
	}
	slices.SortFunc(m.Signatures, func(a, b SignatureCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Signature, b.Signature))
	})
	ordered := make([]*Report, len(parts))
	for i, p := range parts {
		ordered[i] = p.r
	}
	m.Findings = mergeFindings(ordered)
	if missing := missingShards(seen, total); len(missing) > 0 {
		m.Notes = append(m.Notes, missingShardsNote+strings.Join(missing, ", "))
	}
	if len(m.Shards) == 1 && len(reports) == 1 && reports[0].Shards == nil {
		// Merging one unsharded report is a copy.
		m.Settings.Shard, m.Settings.Command = reports[0].Settings.Shard, reports[0].Settings.Command
		m.Shards = nil
	}
	return m, nil
}

const missingShardsNote = "shards missing from the merge: "

// sameRun checks that r is a shard of the run first is a shard of.
func sameRun(first, r *Report) error {
	if r.Version != Version {
		return fmt.Errorf("report version %d, want %d", r.Version, Version)
	}
	a, b := &first.Settings, &r.Settings
	switch {
	case a.Target != b.Target:
		return fmt.Errorf("not a shard of the same run: target %s, the first report's is %s", b.Target, a.Target)
	case a.Seed != b.Seed:
		return fmt.Errorf("not a shard of the same run: seed %d, the first report's is %d", b.Seed, a.Seed)
	case !slices.Equal(a.Impls, b.Impls):
		return fmt.Errorf("not a shard of the same run: implementations %s, the first report's are %s",
			strings.Join(b.Impls, ","), strings.Join(a.Impls, ","))
	}
	return nil
}

// parseShardName reads "I/N" with 0 <= I < N.
func parseShardName(s string) (i, n uint64, err error) {
	a, b, ok := strings.Cut(s, "/")
	if ok {
		i, err = strconv.ParseUint(a, 10, 64)
		if err == nil {
			n, err = strconv.ParseUint(b, 10, 64)
		}
	}
	if !ok || err != nil || n == 0 || i >= n {
		return 0, 0, fmt.Errorf("shard %q is not I/N with 0 <= I < N", s)
	}
	return i, n, nil
}

func shardIndex(s string) uint64 {
	i, _, _ := parseShardName(s)
	return i
}

// missingShards lists the shards of 0..n-1 not in seen, which holds
// distinct shards of n: at most 20 by name, then how many more.
func missingShards(seen map[string]bool, n uint64) []string {
	var missing []string
	for i := uint64(0); i < n && len(missing) < 20; i++ {
		if name := fmt.Sprintf("%d/%d", i, n); !seen[name] {
			missing = append(missing, name)
		}
	}
	if left := n - uint64(len(seen)) - uint64(len(missing)); len(missing) == 20 && left > 0 {
		missing = append(missing, fmt.Sprintf("and %d more", left))
	}
	return missing
}

func addCounts(dst, src map[string]int) {
	for k, v := range src {
		dst[k] += v
	}
}

// mergeThroughput adds up series sampled about once a second, aligned by
// the time since each shard's start rounded to the second. Cumulative
// counts of a shard hold their last value after its series ends; its
// rates are 0 where it has no sample. Only the seconds some shard
// sampled get a merged sample.
func mergeThroughput(series [][]Sample) []Sample {
	type bucket struct {
		cum  [3]int64 // tests, requests compared, failed
		rate [2]float64
	}
	perShard := make([]map[int64]bucket, len(series))
	secondSet := map[int64]bool{}
	for i, s := range series {
		perShard[i] = map[int64]bucket{}
		for _, x := range s {
			if !finite(x.Seconds) || x.Seconds < 0 || x.Seconds > 1e12 {
				continue
			}
			sec := int64(math.Round(x.Seconds))
			perShard[i][sec] = bucket{[3]int64{x.Tests, x.RequestsCompared, x.Failed}, [2]float64{x.TestsPerSecond, x.RequestsPerSecond}}
			secondSet[sec] = true
		}
	}
	seconds := slices.Sorted(maps.Keys(secondSet))
	out := make([]Sample, 0, len(seconds))
	held := make([][3]int64, len(series))
	for _, sec := range seconds {
		sample := Sample{Seconds: float64(sec)}
		for i := range series {
			if b, ok := perShard[i][sec]; ok {
				held[i] = b.cum
				sample.TestsPerSecond += b.rate[0]
				sample.RequestsPerSecond += b.rate[1]
			}
			sample.Tests += held[i][0]
			sample.RequestsCompared += held[i][1]
			sample.Failed += held[i][2]
		}
		out = append(out, sample)
	}
	return out
}

// mergeCoverage sums coverage counts construct by construct.
func mergeCoverage(cs []*Coverage) *Coverage {
	m := &Coverage{Faults: map[string]int{}, EvaluationMeasured: true, Constructs: []ConstructCoverage{}}
	rows := map[string]*ConstructCoverage{}
	var order []string
	for _, c := range cs {
		m.Tests += c.Tests
		m.Policies += c.Policies
		m.Templates += c.Templates
		m.Links += c.Links
		m.Requests += c.Requests
		m.Entities += c.Entities
		m.MaxExprDepth = max(m.MaxExprDepth, c.MaxExprDepth)
		addCounts(m.Faults, c.Faults)
		m.EvaluationMeasured = m.EvaluationMeasured && c.EvaluationMeasured
		m.EvaluationTests += c.EvaluationTests
		for _, row := range c.Constructs {
			acc, ok := rows[row.Name]
			if !ok {
				acc = &ConstructCoverage{Name: row.Name, Category: row.Category}
				rows[row.Name] = acc
				order = append(order, row.Name)
			}
			acc.Required = acc.Required || row.Required
			acc.Occurrences += row.Occurrences
			acc.Policies += row.Policies
			acc.Evaluated += row.Evaluated
			acc.EvalErrors += row.EvalErrors
		}
	}
	if !m.EvaluationMeasured {
		m.EvaluationTests = 0
	}
	for _, name := range order {
		row := *rows[name]
		if !m.EvaluationMeasured {
			// Partial measurements would look like constructs never
			// evaluated; drop them.
			row.Evaluated, row.EvalErrors = 0, 0
		}
		m.Constructs = append(m.Constructs, row)
	}
	m.sortConstructs()
	return m
}

// mergeFindings concatenates findings, dropping repeats of one test and
// request and keeping at most FindingsPerSignature of each signature, and
// the tests of the first TestsPerSignature of each within MaxTestBytes
// (as FromSummary does).
func mergeFindings(rs []*Report) []*Finding {
	type key struct {
		sig, target  string
		seed         int64
		index        uint64
		request      int
		diff, detail string
	}
	seen := map[key]bool{}
	perSig := map[string]int{}
	withTest := map[string]int{}
	testBytes := 0
	out := []*Finding{}
	for _, r := range rs {
		for _, f := range r.Findings {
			k := key{f.Signature, f.Target, f.Seed, f.Index, f.Request, f.Diff, f.Detail}
			if seen[k] || perSig[f.Signature] >= FindingsPerSignature {
				continue
			}
			seen[k] = true
			perSig[f.Signature]++
			if f.Test != nil {
				size := f.Test.size()
				if withTest[f.Signature] >= TestsPerSignature || testBytes+size > MaxTestBytes {
					copied := *f // the inputs are not modified
					copied.Test = nil
					f = &copied
				} else {
					withTest[f.Signature]++
					testBytes += size
				}
			}
			out = append(out, f)
		}
	}
	return out
}
