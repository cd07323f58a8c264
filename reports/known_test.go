package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestKnownDifferencesShownAndMerged(t *testing.T) {
	r := fixture()
	r.Totals.Known = map[string]int{"regressions/decimal-plus-sign-rejected": 7}
	var html bytes.Buffer
	if err := WriteHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	WriteMarkdown(&md, r)
	if !strings.Contains(html.String(), "regressions/decimal-plus-sign-rejected") || !strings.Contains(html.String(), "known differences (tolerated)") {
		t.Error("the HTML report does not show the known differences")
	}
	if !strings.Contains(md.String(), "Known differences, tolerated") || !strings.Contains(md.String(), "decimal") {
		t.Error("the Markdown report does not show the known differences")
	}

	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a, b := shard(0, 2, start), shard(1, 2, start)
	a.Totals.Known = map[string]int{"regressions/x": 2}
	b.Totals.Known = map[string]int{"regressions/x": 3, "regressions/y": 1}
	m, err := Merge([]*Report{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if m.Totals.Known["regressions/x"] != 5 || m.Totals.Known["regressions/y"] != 1 {
		t.Errorf("merged known = %v, want x 5 and y 1", m.Totals.Known)
	}
}
