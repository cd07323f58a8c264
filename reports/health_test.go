package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

// passing returns the fixture without its findings: a run that passes
// unless its oracles say otherwise.
func passing() *Report {
	r := fixture()
	r.Totals.Failed, r.Totals.Passed, r.Totals.FindingsTotal = 0, r.Totals.Tests, 0
	r.Totals.FindingsByKind = map[string]int{}
	r.Findings, r.Signatures = []*Finding{}, []SignatureCount{}
	r.Settings.MaxInconclusive = diff.DefaultMaxInconclusive
	return r
}

func TestOracleHealthIsShownAndFailsTheReport(t *testing.T) {
	tests := []struct {
		name   string
		health OracleHealth
		wantOK bool
	}{
		{"healthy", OracleHealth{Sent: 100, Inconclusive: 5, Restarts: 3, Timeouts: 2}, true},
		{"too many inconclusive", OracleHealth{Sent: 100, Inconclusive: 6, Restarts: 7, Timeouts: 4}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := passing()
			r.Totals.Oracles = map[string]OracleHealth{"cedar-wasm": tt.health}
			if r.OK() != tt.wantOK {
				t.Errorf("OK() = %v, want %v (%q)", r.OK(), tt.wantOK, r.HealthFailures())
			}
			var html, md bytes.Buffer
			if err := WriteHTML(&html, r); err != nil {
				t.Fatal(err)
			}
			WriteMarkdown(&md, r)
			for what, page := range map[string]string{"HTML": html.String(), "Markdown": md.String()} {
				for _, want := range []string{"Oracle health", "cedar-wasm", "restarts", "timeouts", "--max-inconclusive"} {
					if !strings.Contains(page, want) {
						t.Errorf("the %s report lacks %q", what, want)
					}
				}
				if got := strings.Contains(page, "inconclusive on 6 of the 100 tests"); got == tt.wantOK {
					t.Errorf("the %s report shows the failure reason: %v, want %v", what, got, !tt.wantOK)
				}
				if got := strings.Contains(page, "FAIL"); got == tt.wantOK {
					t.Errorf("the %s report says FAIL: %v, want %v", what, got, !tt.wantOK)
				}
			}
		})
	}
}

func TestOracleHealthFromSummaryAndMerged(t *testing.T) {
	sum := &diff.Summary{
		Oracles:         map[string]diff.OracleHealth{"cedar-wasm": {Sent: 10, Inconclusive: 1, Restarts: 2, Timeouts: 1}},
		MaxInconclusive: 0.2,
	}
	r := FromSummary(sum)
	if r.Totals.Oracles["cedar-wasm"] != (OracleHealth{10, 1, 2, 1}) || r.Settings.MaxInconclusive != 0.2 || !r.OK() {
		t.Fatalf("from the summary: oracles %v, limit %v, OK %v", r.Totals.Oracles, r.Settings.MaxInconclusive, r.OK())
	}

	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a, b := shard(0, 2, start), shard(1, 2, start)
	a.Settings.MaxInconclusive, b.Settings.MaxInconclusive = 0.2, 0.05
	a.Totals.Oracles = map[string]OracleHealth{"cedar-wasm": {Sent: 10, Inconclusive: 1, Restarts: 2, Timeouts: 1}}
	b.Totals.Oracles = map[string]OracleHealth{"cedar-wasm": {Sent: 30, Inconclusive: 2, Restarts: 1, Timeouts: 3}}
	m, err := Merge([]*Report{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.Totals.Oracles["cedar-wasm"], (OracleHealth{40, 3, 3, 4}); got != want {
		t.Errorf("merged health %+v, want %+v", got, want)
	}
	if m.Settings.MaxInconclusive != 0.05 {
		t.Errorf("merged limit %v, want the strictest, 0.05", m.Settings.MaxInconclusive)
	}
	// 3 of 40 is 7.5%, above the strictest limit of 5%.
	if len(m.HealthFailures()) != 1 {
		t.Errorf("merged health failures %q, want one", m.HealthFailures())
	}
}
