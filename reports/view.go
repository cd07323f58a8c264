package reports

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

// This file holds what the Markdown and HTML renderings share: the
// wording of headlines and the rows of the settings and totals tables.

// statusWord is PASS or FAIL; a run stopped early is FAIL (interrupted)
// or INCOMPLETE (interrupted), as diff.Summary.Verdict says.
func statusWord(r *Report) string {
	switch {
	case !r.OK() && r.Settings.Interrupted:
		return "FAIL (interrupted)"
	case !r.OK():
		return "FAIL"
	case r.Settings.Interrupted:
		return "INCOMPLETE (interrupted)"
	}
	return "PASS"
}

// headline is the report's one-line summary.
func headline(r *Report) string {
	t := &r.Totals
	s := fmt.Sprintf("%d tests: %d passed, %d failed; %d requests compared", t.Tests, t.Passed, t.Failed, t.RequestsCompared)
	if t.ValidationsCompared > 0 {
		s += fmt.Sprintf(", %d validations compared", t.ValidationsCompared)
	}
	s += fmt.Sprintf("; %d findings in %d signatures", t.FindingsTotal, len(r.Signatures))
	return s
}

// settingsRows are the rows of the settings table.
func settingsRows(r *Report) [][]string {
	s := &r.Settings
	size := fmt.Sprintf("%d tests", s.Count)
	if s.Count == 0 {
		size = "timed"
	}
	if s.Interrupted {
		size += ", interrupted"
	}
	if s.StoppedAfter > 0 {
		size += ", stopped early"
	}
	if len(r.Shards) > 0 && s.Count > 0 {
		size += " per shard"
	}
	rows := [][]string{
		{"target", s.Target},
		{"implementations", strings.Join(s.Impls, ", ")},
		{"seed", fmt.Sprint(s.Seed)},
		{"size", size},
		{"elapsed", fmt.Sprintf("%.1fs", s.ElapsedSeconds)},
		{"jobs", fmt.Sprint(s.Jobs)},
		{"timeout per test", fmt.Sprintf("%gs", s.TimeoutSeconds)},
	}
	switch {
	case s.Shard != "":
		rows = append(rows, []string{"shard", s.Shard})
	case len(r.Shards) > 0:
		rows = append(rows, []string{"shards", fmt.Sprintf("%d merged", len(r.Shards))})
	}
	if !s.Start.IsZero() {
		rows = append(rows, []string{"start", s.Start.UTC().Format(time.RFC3339)})
	}
	rows = append(rows, []string{"machine", fmt.Sprintf("%d CPUs, load average %.1f", s.CPUs, s.LoadAverage)})
	if s.Interrupted {
		rows = append(rows, []string{"interrupted", "yes: the run stopped before its count or duration"})
	}
	if s.StoppedAfter > 0 {
		rows = append(rows, []string{"stopped early", fmt.Sprintf("after %d findings (--stop-after %d), once the tests under way finished", s.StoppedAfter, s.StoppedAfter)})
	}
	return rows
}

// totalsRows are the rows of the totals table.
func totalsRows(r *Report) [][]string {
	t := &r.Totals
	rows := [][]string{
		{"tests", fmt.Sprint(t.Tests)},
		{"passed", fmt.Sprint(t.Passed)},
		{"failed", fmt.Sprint(t.Failed)},
		{"requests answered by the reference", fmt.Sprint(t.Requests)},
		{"requests compared", fmt.Sprint(t.RequestsCompared)},
		{"validations compared", fmt.Sprint(t.ValidationsCompared)},
		{"tests per second", fmt.Sprintf("%.1f", t.TestsPerSecond)},
		{"requests compared per second", fmt.Sprintf("%.1f", t.RequestsPerSecond)},
		{"findings", fmt.Sprint(t.FindingsTotal)},
		{"first finding after", firstFinding(t)},
		{"mismatches", fmt.Sprint(sum(t.Mismatches))},
		{"property violations", fmt.Sprint(sum(t.PropertyViolations))},
		{"round-trip failures", fmt.Sprint(sum(t.RoundtripFailures))},
		{"unsupported (implementation, test) pairs", fmt.Sprint(sum(t.Unsupported))},
		{"inconclusive", fmt.Sprint(sum(t.Inconclusive))},
		{"known differences (tolerated)", fmt.Sprint(sum(t.Known))},
	}
	if t.Abandoned > 0 {
		rows = append(rows, []string{"timed-out tests still running at the end", fmt.Sprint(t.Abandoned)})
	}
	return rows
}

// oracleHeader and oracleRows are the table of the oracles' health.
var oracleHeader = []string{"implementation", "sent", "inconclusive", "share", "restarts", "timeouts"}

func oracleRows(r *Report) [][]string {
	var rows [][]string
	for _, name := range slices.Sorted(maps.Keys(r.Totals.Oracles)) {
		h := r.Totals.Oracles[name]
		rows = append(rows, []string{name, fmt.Sprint(h.Sent), fmt.Sprint(h.Inconclusive),
			fmt.Sprintf("%.1f%%", 100*diff.OracleHealth(h).InconclusiveShare()), fmt.Sprint(h.Restarts), fmt.Sprint(h.Timeouts)})
	}
	return rows
}

// oracleLimit says when the oracles fail a run.
func oracleLimit(r *Report) string {
	return fmt.Sprintf("A run fails when an oracle is inconclusive on more than %.1f%% of the tests sent to it (--max-inconclusive).",
		100*r.Settings.MaxInconclusive)
}

// countTable is a titled breakdown of the totals.
type countTable struct {
	title, key string
	counts     map[string]int
}

// countTables are the non-empty breakdowns of the totals.
func countTables(r *Report) []countTable {
	t := &r.Totals
	all := []countTable{
		{"Tests by target", "target", t.TestsByTarget},
		{"Mismatches by implementation pair", "pair", t.Mismatches},
		{"Findings by kind", "kind", t.FindingsByKind},
		{"Round-trip failures", "round trip", t.RoundtripFailures},
		{"Unsupported", "implementation: reason", t.Unsupported},
		{"Inconclusive", "implementation", t.Inconclusive},
		{"Known differences, tolerated (docs/known-differences.md)", "regression case", t.Known},
	}
	var out []countTable
	for _, c := range all {
		if len(c.counts) > 0 {
			out = append(out, c)
		}
	}
	return out
}

func firstFinding(t *Totals) string {
	if t.FindingsTotal == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2fs", t.FirstFindingSeconds)
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// coverageLine summarizes what the generated tests held.
func coverageLine(c *Coverage) string {
	return fmt.Sprintf("%d tests, %d policies (%d templates, %d links), %d requests, %d entities; deepest condition %d",
		c.Tests, c.Policies, c.Templates, c.Links, c.Requests, c.Entities, c.MaxExprDepth)
}

// unexercisedMeaning says what a highlighted construct means.
func unexercisedMeaning(c *Coverage) string {
	if c.EvaluationMeasured {
		return fmt.Sprintf("Highlighted: operators, methods, extension functions and scope forms never evaluated without error "+
			"(evaluation measured with the reference model on %d of the run's tests; scope forms with a slot share the counts of the plain form), "+
			"and constructs never generated.", c.EvaluationTests)
	}
	return "Highlighted: constructs never generated, so never evaluated. Evaluation was not measured in this run."
}

func categoryTitle(c Category) string {
	switch c {
	case CategoryOperator:
		return "Operators"
	case CategoryMethod:
		return "Methods"
	case CategoryExtension:
		return "Extension functions"
	case CategoryScope:
		return "Scope forms"
	}
	return "Other constructs"
}

// findingTitle is a finding's heading.
func findingTitle(f *Finding) string {
	s := fmt.Sprintf("%s: %s, seed %d, index %d", f.Kind, f.Target, f.Seed, f.Index)
	if f.Request >= 0 {
		s += fmt.Sprintf(", request %d", f.Request)
	}
	return s + fmt.Sprintf(": [%s] on %s", strings.Join(f.Impls, " vs "), strings.Join(f.On, ", "))
}

// testPart is one file of a test case.
type testPart struct {
	Title, Lang, Text string
}

// testParts lists the non-empty parts of t.
func testParts(t *TestCase) []testPart {
	var parts []testPart
	add := func(title, lang, text string) {
		if strings.TrimSpace(text) != "" {
			parts = append(parts, testPart{title, lang, text})
		}
	}
	add("Schema", "cedarschema", t.Schema)
	add("Policies", "cedar", t.Policies)
	add("Expression", "cedar", t.Expr)
	add("Entities", "json", t.Entities)
	for i, req := range t.Requests {
		title := "Request"
		if len(t.Requests) > 1 {
			title = fmt.Sprintf("Request %d", i)
		}
		add(title, "json", req)
	}
	return parts
}
