package reports

import (
	"fmt"
	"maps"
	"slices"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

// askedHeader and askedRows are the table of who was asked about how
// many tests, and why (Totals.Asked), implementations in the order of
// Settings.Impls and then by name.
var askedHeader = []string{"implementation", "tests", "of all", diff.AskedEvery, diff.AskedNovel, diff.AskedSampled, diff.AskedDisagreement}

func askedRows(r *Report) [][]string {
	names := append([]string{}, r.Settings.Impls...)
	for _, n := range slices.Sorted(maps.Keys(r.Totals.Asked)) {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	var rows [][]string
	for _, name := range names {
		whys, ok := r.Totals.Asked[name]
		if !ok {
			continue
		}
		n := 0
		for _, k := range whys {
			n += k
		}
		share := 0.0
		if r.Totals.Tests > 0 {
			share = 100 * float64(n) / float64(r.Totals.Tests)
		}
		row := []string{name, fmt.Sprint(n), fmt.Sprintf("%.1f%%", share)}
		for _, why := range askedHeader[3:] {
			row = append(row, fmt.Sprint(whys[why]))
		}
		rows = append(rows, row)
	}
	return rows
}

// askedNote says how the oracles' tests were chosen.
func askedNote(r *Report) string {
	if r.Settings.OracleShare == nil {
		return "Every implementation was asked about every test its target uses (no oracle schedule)."
	}
	return diff.ScheduleNote(*r.Settings.OracleShare) + "."
}

// addAsked adds the counts of src to dst.
func addAsked(dst *map[string]map[string]int, src map[string]map[string]int) {
	for name, whys := range src {
		if *dst == nil {
			*dst = map[string]map[string]int{}
		}
		if (*dst)[name] == nil {
			(*dst)[name] = map[string]int{}
		}
		addCounts((*dst)[name], whys)
	}
}
