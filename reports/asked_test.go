package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

// TestAskedIsShownAndMerged checks that each implementation's share of
// the tests and why it was asked go from the summary to every form of
// the report, and add up in a merge.
func TestAskedIsShownAndMerged(t *testing.T) {
	share := 0.05
	sum := &diff.Summary{
		Impls: []string{"model", "cedar-wasm"}, Tests: 40000, OracleShare: &share,
		Asked: map[string]map[string]int{
			"model":      {diff.AskedEvery: 40000},
			"cedar-wasm": {diff.AskedNovel: 812, diff.AskedSampled: 422, diff.AskedDisagreement: 3},
		},
	}
	r := FromSummary(sum)
	if r.Totals.Asked["cedar-wasm"][diff.AskedSampled] != 422 || r.Settings.OracleShare == nil || *r.Settings.OracleShare != 0.05 {
		t.Fatalf("from the summary: asked %v, share %v", r.Totals.Asked, r.Settings.OracleShare)
	}
	var html, md bytes.Buffer
	if err := WriteHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	WriteMarkdown(&md, r)
	for what, page := range map[string]string{"HTML": html.String(), "Markdown": md.String()} {
		for _, want := range []string{"Who was asked, and why", "cedar-wasm", "1237", "3.1%", "812", "422", "sampled", "--oracle-share", "5%"} {
			if !strings.Contains(page, want) {
				t.Errorf("the %s report lacks %q", what, want)
			}
		}
	}

	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a, b := shard(0, 2, start), shard(1, 2, start)
	a.Totals.Asked = map[string]map[string]int{"cedar-wasm": {diff.AskedNovel: 10, diff.AskedSampled: 2}}
	b.Totals.Asked = map[string]map[string]int{"cedar-wasm": {diff.AskedNovel: 5}, "model": {diff.AskedEvery: 7}}
	a.Settings.OracleShare, b.Settings.OracleShare = &share, &share
	m, err := Merge([]*Report{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if w := m.Totals.Asked["cedar-wasm"]; w[diff.AskedNovel] != 15 || w[diff.AskedSampled] != 2 || m.Totals.Asked["model"][diff.AskedEvery] != 7 {
		t.Errorf("merged asked %v", m.Totals.Asked)
	}
	if m.Settings.OracleShare == nil || *m.Settings.OracleShare != share {
		t.Errorf("merged share %v", m.Settings.OracleShare)
	}
}
