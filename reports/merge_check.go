package reports

import (
	"fmt"

	"github.com/google/go-cmp/cmp"
)

// ShardingDiffs compares the merged report of a sharded run with the report
// of the same run made whole, on what sharding must not change: the
// totals (property checks included), decisions, error kinds, signatures
// and construct coverage. It returns one line per difference (empty when
// they agree), each with a go-cmp diff (-whole +merged).
func ShardingDiffs(whole, merged *Report) []string {
	var diffs []string
	check := func(what string, want, got any) {
		if d := cmp.Diff(want, got); d != "" {
			diffs = append(diffs, fmt.Sprintf("%s: merged shards differ from the whole run (-whole +merged):\n%s", what, d))
		}
	}
	check("tests", whole.Totals.Tests, merged.Totals.Tests)
	check("failed", whole.Totals.Failed, merged.Totals.Failed)
	check("requests", whole.Totals.Requests, merged.Totals.Requests)
	check("requests compared", whole.Totals.RequestsCompared, merged.Totals.RequestsCompared)
	check("tests by target", whole.Totals.TestsByTarget, merged.Totals.TestsByTarget)
	check("mismatches", whole.Totals.Mismatches, merged.Totals.Mismatches)
	check("property checks", whole.Totals.PropertyChecks, merged.Totals.PropertyChecks)
	check("decisions", whole.Decisions, merged.Decisions)
	check("error kinds", whole.ErrorKinds, merged.ErrorKinds)
	check("signatures", whole.Signatures, merged.Signatures)
	if (whole.Coverage == nil) != (merged.Coverage == nil) {
		diffs = append(diffs, fmt.Sprintf("coverage: whole run has it: %v, merged: %v", whole.Coverage != nil, merged.Coverage != nil))
	} else if whole.Coverage != nil {
		check("coverage", whole.Coverage.Constructs, merged.Coverage.Constructs)
	}
	return diffs
}
