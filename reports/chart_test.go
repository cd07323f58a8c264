package reports

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi  float64
		n       int
		want    []float64
		wantTop float64
	}{
		{0, 10, 5, []float64{0, 2, 4, 6, 8, 10}, 10},
		{0, 95, 4, []float64{0, 50, 100}, 100},
		{0, 0, 4, []float64{0, 0.5, 1}, 1},
		{0, 0.3, 3, []float64{0, 0.1, 0.2, 0.3}, 0.3},
		{0, 1234, 4, []float64{0, 500, 1000, 1500}, 1500},
		{0, math.NaN(), 4, []float64{0, 0.5, 1}, 1},
		{0, math.Inf(1), 4, []float64{0, 0.5, 1}, 1},
	} {
		got, top := niceTicks(tc.lo, tc.hi, tc.n)
		if !slices.Equal(got, tc.want) || top != tc.wantTop {
			t.Errorf("niceTicks(%v, %v, %d) = %v, %v; want %v, %v", tc.lo, tc.hi, tc.n, got, top, tc.want, tc.wantTop)
		}
		if top < tc.hi && !math.IsInf(tc.hi, 1) && !math.IsNaN(tc.hi) {
			t.Errorf("niceTicks(%v, %v): top %v below the data", tc.lo, tc.hi, top)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 7: "7", 2.5: "2.5", 950: "950", 9999: "9999", 12345: "12.3k", 1.5e6: "1.5M", 2e9: "2G", 0.25: "0.2", 30000: "30k",
	} {
		if got := formatNumber(v); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestLineChart(t *testing.T) {
	for _, tc := range []struct {
		name  string
		chart LineChart
		want  []string
	}{
		{"two series", LineChart{Title: "rates", XLabel: "seconds", YLabel: "per second", Series: []Series{
			{Name: "a", Points: []Point{{0, 0}, {1, 10}, {2, 20}}},
			{Name: "b", Points: []Point{{0, 5}, {2, 5}}},
		}}, []string{"<polyline", ">rates</text>", ">seconds</text>", ">per second</text>", ">a</text>", ">b</text>", ">20</text>"}},
		{"empty", LineChart{Title: "nothing"}, []string{"no data"}},
		{"one point", LineChart{Series: []Series{{Name: "x", Points: []Point{{1, 1}}}}}, []string{"<polyline"}},
		{"not finite", LineChart{Series: []Series{{Name: "x", Points: []Point{{math.NaN(), 1}, {1, math.Inf(1)}}}}}, []string{"no data"}},
		{"hostile", LineChart{Title: hostile, XLabel: hostile, Series: []Series{{Name: hostile, Points: []Point{{1, 1}}}, {Name: "b"}}},
			[]string{"&lt;/script&gt;&lt;b&gt;"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svg := tc.chart.SVG()
			checkXML(t, svg)
			for _, w := range tc.want {
				if !strings.Contains(svg, w) {
					t.Errorf("chart lacks %q:\n%s", w, svg)
				}
			}
			if strings.Contains(svg, "NaN") || strings.Contains(svg, "Inf") || strings.Contains(svg, "<b>") {
				t.Errorf("chart has NaN, Inf or raw markup:\n%s", svg)
			}
		})
	}
}

func TestLineChartGeometry(t *testing.T) {
	// The largest point is at the top of the plot and the origin at its
	// bottom left: y grows downwards in SVG.
	svg := LineChart{Width: 600, Height: 260, Series: []Series{{Name: "a", Points: []Point{{0, 0}, {10, 10}}}}}.SVG()
	// plot: x from 64 to 584, y from 32 (top) to 216 (bottom).
	if !strings.Contains(svg, `points="64,216 584,32"`) {
		t.Fatalf("unexpected geometry:\n%s", svg)
	}
}

func TestBarChart(t *testing.T) {
	svg := BarChart{Title: "kinds", Bars: []Bar{
		{Label: "big", Value: 100},
		{Label: "half", Value: 50, Note: "note"},
		{Label: strings.Repeat("long label ", 10), Value: 1, Highlight: true},
		{Label: hostile, Value: math.NaN()},
	}, Width: 600, LabelWidth: 180}.SVG()
	checkXML(t, svg)
	for _, w := range []string{">kinds</text>", "half: 50 (note)", `class="bar highlight"`, "…", "&lt;/script&gt;&lt;b&gt;"} {
		if !strings.Contains(svg, w) {
			t.Errorf("chart lacks %q", w)
		}
	}
	// Bars are proportional: the full bar is the plot width, 600-180-56-8.
	if !strings.Contains(svg, `width="356" height="16" class="bar"`) || !strings.Contains(svg, `width="178" height="16" class="bar"`) {
		t.Errorf("bar lengths not proportional:\n%s", svg)
	}
	if strings.Contains(svg, "NaN") || strings.Contains(svg, "<b>") || !strings.Contains(svg, ">n/a</text>") {
		t.Errorf("chart has NaN or raw markup:\n%s", svg)
	}

	empty := BarChart{Title: "none"}.SVG()
	checkXML(t, empty)
	if !strings.Contains(empty, ">none</text>") {
		t.Errorf("empty chart does not say so:\n%s", empty)
	}

	pct := BarChart{Bars: []Bar{{Label: "a", Value: 0.25}}, Percent: true, Max: 1}.SVG()
	if !strings.Contains(pct, ">25.0%</text>") {
		t.Errorf("percent chart:\n%s", pct)
	}
}

func TestEscapeControls(t *testing.T) {
	if got := escape("a\x01<b>\x7f"); got != "a\u2401&lt;b&gt;\u2421" {
		t.Fatalf("escape = %q", got)
	}
	if got := string(visibleControls([]byte("é\t\n\x00"))); got != "é\t\n\u2400" {
		t.Fatalf("visibleControls = %q", got)
	}
}
