package reports

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

// TestPropertiesInReports: the report says how many requests each
// property was checked on, its violations, and that policy-order is a
// sample, in Markdown, HTML and the merge of shards.
func TestPropertiesInReports(t *testing.T) {
	s := &diff.Summary{
		PropertyChecks:         map[string]int{"explicit-permit": 80, "forbid-overrides-permit": 80, "policy-order": 16, "validator-soundness": 72},
		Properties:             map[string]int{"policy-order": 2},
		PolicyOrderSampleEvery: diff.PolicyOrderSample,
	}
	r := FromSummary(s)
	rows := propertyRows(r)
	var names []string
	for _, row := range rows {
		names = append(names, row[0])
	}
	if want := []string{"explicit-permit", "forbid-overrides-permit", "policy-order", "validator-soundness"}; !slices.Equal(names, want) {
		t.Fatalf("property rows %q, want %q", names, want)
	}
	if got := rows[2]; got[1] != "16" || got[2] != "2" || !strings.Contains(got[3], "one test in 8") {
		t.Errorf("policy-order row = %q", got)
	}
	if got := rows[0]; got[1] != "80" || got[2] != "0" || got[3] != "every answer of the reference" {
		t.Errorf("explicit-permit row = %q", got)
	}
	var md bytes.Buffer
	WriteMarkdown(&md, r)
	for _, want := range []string{"### Properties", "| policy-order | 16 | 2 |", "policy-order is checked on a sample, one test in 8"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	var html bytes.Buffer
	if err := WriteHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	if h := html.String(); !strings.Contains(h, `id="properties"`) || !strings.Contains(h, "one test in 8") {
		t.Errorf("HTML lacks the properties table")
	}

	shard := func(i string) *Report {
		s := *s
		s.Shard = i + "/2"
		return FromSummary(&s)
	}
	m, err := Merge([]*Report{shard("0"), shard("1")})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Totals.PropertyChecks["policy-order"]; got != 32 || m.Totals.PolicyOrderSampleEvery != diff.PolicyOrderSample {
		t.Errorf("merged: policy-order checked on %d requests (want 32), sample one in %d", got, m.Totals.PolicyOrderSampleEvery)
	}
}

// TestPropertiesOfAnOlderReport: a report without property checks (as
// written before they were counted) still lists its violations, with
// the checks unknown.
func TestPropertiesOfAnOlderReport(t *testing.T) {
	r := FromSummary(&diff.Summary{Properties: map[string]int{"explicit-permit": 1}})
	rows := propertyRows(r)
	if len(rows) != 1 || rows[0][0] != "explicit-permit" || rows[0][1] != "-" || rows[0][2] != "1" {
		t.Errorf("rows = %q", rows)
	}
	if propertyNote(r) != "" {
		t.Errorf("note %q for a report that does not say how policy-order was sampled", propertyNote(r))
	}
	if rows := propertyRows(FromSummary(&diff.Summary{})); rows != nil {
		t.Errorf("rows of a report without properties = %q", rows)
	}
}
