package reports

import (
	"fmt"
	"maps"
	"slices"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

// propertyHeader and propertyRows are the table of the properties: how
// many requests each was checked on, how many violated it, and which
// answers it is checked on.
var propertyHeader = []string{"property", "requests checked", "violations", "checked on"}

// propertyRows lists every property with a check or a violation, in the
// order of diff.Properties, then any other name the report holds.
func propertyRows(r *Report) [][]string {
	t := &r.Totals
	if len(t.PropertyChecks) == 0 && len(t.PropertyViolations) == 0 {
		return nil
	}
	var names []string
	for _, p := range diff.Properties() {
		names = append(names, string(p))
	}
	for _, m := range []map[string]int{t.PropertyChecks, t.PropertyViolations} {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if !slices.Contains(names, k) {
				names = append(names, k)
			}
		}
	}
	var rows [][]string
	for _, name := range names {
		checked, checkedOK := t.PropertyChecks[name]
		violations, violated := t.PropertyViolations[name]
		if !checkedOK && !violated {
			continue
		}
		checkedCell := "-" // a report written before checks were counted
		if len(t.PropertyChecks) > 0 {
			checkedCell = fmt.Sprint(checked)
		}
		rows = append(rows, []string{name, checkedCell, fmt.Sprint(violations), propertyScope(diff.Property(name), t.PolicyOrderSampleEvery)})
	}
	return rows
}

// propertyScope says which answers property p is checked on.
func propertyScope(p diff.Property, policyOrderEvery int) string {
	switch p {
	case diff.PropExplicitPermit, diff.PropForbidOverrides:
		return "every answer of the reference"
	case diff.PropPolicyOrder:
		switch {
		case policyOrderEvery > 1:
			return fmt.Sprintf("a sample: one test in %d, answered again with the policies reversed", policyOrderEvery)
		case policyOrderEvery == 1:
			return "every test, answered again with the policies reversed"
		}
		return "-"
	case diff.PropValidatorSoundness:
		return "every answer of the model, on tests with a schema"
	}
	return "-"
}

// propertyNote explains the policy-order sample, when the run took one.
func propertyNote(r *Report) string {
	if r.Totals.PolicyOrderSampleEvery == 0 {
		return ""
	}
	return diff.PolicyOrderNote(r.Totals.PolicyOrderSampleEvery) + "."
}
