package reports

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

//go:embed report.html.tmpl
var htmlSource string

// htmlTemplate renders the page. html/template escapes every string it
// inserts; only the charts, which this package draws and escapes itself,
// go in as template.HTML.
var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"add1": func(i int) int { return i + 1 },
}).Parse(htmlSource))

// WriteHTML writes r as one self-contained HTML page: inline style sheet,
// inline SVG charts, no scripts and nothing fetched from the network.
func WriteHTML(w io.Writer, r *Report) error {
	var b bytes.Buffer
	if err := htmlTemplate.Execute(&b, newHTMLView(r)); err != nil {
		return err
	}
	_, err := w.Write(visibleControls(b.Bytes()))
	return err
}

// visibleControls replaces the control characters HTML does not allow in
// text (all C0 controls but tab, line feed and carriage return, and DEL)
// by their Control Pictures (U+2400 to U+2421), so that a test's odd
// bytes show instead of vanishing. The page's own markup has none, and
// these bytes never occur inside a multi-byte UTF-8 sequence, so bytes
// can be replaced one by one.
func visibleControls(b []byte) []byte {
	if !slices.ContainsFunc(b, isBadControl) {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	for _, c := range b {
		if isBadControl(c) {
			out = utf8.AppendRune(out, controlPicture(rune(c)))
		} else {
			out = append(out, c)
		}
	}
	return out
}

// controlPicture returns the Control Picture of a C0 control or DEL.
func controlPicture(c rune) rune {
	if c == 0x7f {
		return 0x2421
	}
	return 0x2400 + c
}

func isBadControl(c byte) bool { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f }

// htmlView is what the template reads: the report with its tables and
// charts prepared.
type htmlView struct {
	R           *Report
	Status      string
	OK          bool
	Headline    string
	Cards       []card
	Settings    [][]string
	Totals      [][]string
	CountTables []htmlCountTable
	// PropertyHeader, Properties and PropertyNote show the properties.
	PropertyHeader []string
	Properties     [][]string
	PropertyNote   string
	// HealthFailures, OracleHeader, Oracles and OracleLimit show the
	// oracles' health.
	HealthFailures []string
	OracleHeader   []string
	Oracles        [][]string
	OracleLimit    string
	// AskedHeader, Asked and AskedNote show who was asked about how many
	// tests, and why.
	AskedHeader []string
	Asked       [][]string
	AskedNote   string
	Throughput  []template.HTML
	Decisions   template.HTML
	ErrorKinds  template.HTML
	Coverage    *htmlCoverage
	Rarity      *htmlRarity
	Findings    []htmlFinding
	// Omitted is the number of findings counted but not kept.
	Omitted int
}

type card struct{ Label, Value string }

type htmlCountTable struct {
	Title, Key string
	Rows       [][]string
}

type htmlCoverage struct {
	Line, Meaning string
	Measured      bool
	Categories    []htmlCategory
}

type htmlCategory struct {
	Title string
	Chart template.HTML
	Rows  []htmlConstructRow
}

type htmlConstructRow struct {
	ConstructCoverage
	Share       string
	Unexercised bool
}

type htmlFinding struct {
	*Finding
	Number    int
	Title     string
	DiffTitle string
	// Open reports that the finding is the first of its signature, shown
	// expanded.
	Open  bool
	Parts []testPart
}

func newHTMLView(r *Report) *htmlView {
	t := &r.Totals
	v := &htmlView{
		R: r, Status: statusWord(r), OK: r.OK(), Headline: headline(r),
		Cards: []card{
			{"tests", formatNumber(float64(t.Tests))},
			{"failed", formatNumber(float64(t.Failed))},
			{"requests compared", formatNumber(float64(t.RequestsCompared))},
			{"requests/s", formatNumber(t.RequestsPerSecond)},
			{"findings", formatNumber(float64(t.FindingsTotal))},
			{"signatures", fmt.Sprint(len(r.Signatures))},
		},
		Settings:       settingsRows(r),
		Totals:         totalsRows(r),
		PropertyHeader: propertyHeader, Properties: propertyRows(r), PropertyNote: propertyNote(r),
		HealthFailures: r.HealthFailures(), OracleHeader: oracleHeader, Oracles: oracleRows(r), OracleLimit: oracleLimit(r),
		AskedHeader: askedHeader, Asked: askedRows(r), AskedNote: askedNote(r),
		Omitted: max(t.FindingsTotal-len(r.Findings), 0),
	}
	for _, c := range countTables(r) {
		total := sum(c.counts)
		ct := htmlCountTable{Title: c.title, Key: c.key}
		for _, k := range sortedByCount(c.counts) {
			ct.Rows = append(ct.Rows, []string{k, fmt.Sprint(c.counts[k]), fmt.Sprintf("%.1f%%", 100*ratio(float64(c.counts[k]), float64(total)))})
		}
		v.CountTables = append(v.CountTables, ct)
	}
	v.Throughput = throughputCharts(r.Throughput)
	v.Decisions = template.HTML(countChart("Decisions of the reference", r.Decisions))
	v.ErrorKinds = template.HTML(countChart("Policy errors of the reference model, by kind", r.ErrorKinds))
	if c := r.Coverage; c != nil {
		v.Coverage = coverageView(c)
	}
	if rr := r.Rarity; rr != nil {
		v.Rarity = &htmlRarity{Line: rr.Line(), Allow: allowShareLine(r.Decisions), Header: rarityHeader, Rows: rr.rows()}
	}
	seen := map[string]bool{}
	for i, f := range r.Findings {
		hf := htmlFinding{Finding: f, Number: i + 1, Title: findingTitle(f), Open: !seen[f.Signature]}
		seen[f.Signature] = true
		hf.DiffTitle = fmt.Sprintf("Diff (-%s +%s)", first(f.Impls, 0), first(f.Impls, 1))
		if f.Test != nil {
			hf.Parts = testParts(f.Test)
		}
		v.Findings = append(v.Findings, hf)
	}
	return v
}

// minRateInterval is the shortest interval, in seconds, over which a
// sample's rates are drawn.
const minRateInterval = 0.5

// throughputCharts draws the rates over time: requests compared per
// second and tests per second, on charts of their own because their
// scales differ by the number of requests per test.
func throughputCharts(samples []Sample) []template.HTML {
	// Both lines start at the origin; the last sample of a run is taken
	// when it stops, often a fraction of a second after the one before,
	// and its rates over that sliver are noise: it is drawn only in the
	// cumulative line.
	req, tests, failed := []Point{{0, 0}}, []Point{{0, 0}}, []Point{{0, 0}}
	last := 0.0
	for _, s := range samples {
		failed = append(failed, Point{s.Seconds, float64(s.Failed)})
		if s.Seconds-last < minRateInterval {
			continue
		}
		last = s.Seconds
		req = append(req, Point{s.Seconds, s.RequestsPerSecond})
		tests = append(tests, Point{s.Seconds, s.TestsPerSecond})
	}
	return []template.HTML{
		template.HTML(LineChart{Title: "Requests compared per second", XLabel: "seconds", YLabel: "requests/s",
			Series: []Series{{Name: "requests/s", Points: req}}, Width: 520}.SVG()),
		template.HTML(LineChart{Title: "Tests per second and failed tests", XLabel: "seconds", YLabel: "tests",
			Series: []Series{{Name: "tests/s", Points: tests}, {Name: "failed tests (total)", Points: failed}}, Width: 520}.SVG()),
	}
}

// countChart draws a count map as bars, largest first.
func countChart(title string, counts map[string]int) string {
	var bars []Bar
	total := sum(counts)
	for _, k := range sortedByCount(counts) {
		bars = append(bars, Bar{Label: k, Value: float64(counts[k]), Note: fmt.Sprintf("%.1f%%", 100*ratio(float64(counts[k]), float64(total)))})
	}
	return BarChart{Title: title, Bars: bars, Width: 520, LabelWidth: 200}.SVG()
}

func coverageView(c *Coverage) *htmlCoverage {
	hc := &htmlCoverage{Line: coverageLine(c), Meaning: unexercisedMeaning(c), Measured: c.EvaluationMeasured}
	// One scale for every category keeps them comparable; the largest
	// share fills a bar so that small shares remain visible.
	top := 0.0
	for _, row := range c.Constructs {
		top = max(top, c.PolicyShare(row))
	}
	if top == 0 {
		top = 1
	}
	for _, cat := range Categories {
		rows := c.InCategory(cat)
		if len(rows) == 0 {
			continue
		}
		cv := htmlCategory{Title: categoryTitle(cat)}
		var bars []Bar
		for _, row := range rows {
			un := c.Unexercised(row)
			share := c.PolicyShare(row)
			cv.Rows = append(cv.Rows, htmlConstructRow{ConstructCoverage: row, Share: fmt.Sprintf("%.1f%%", 100*share), Unexercised: un})
			note := fmt.Sprintf("%d occurrences in %d policies", row.Occurrences, row.Policies)
			if c.EvaluationMeasured {
				note += fmt.Sprintf(", %d evaluated, %d errors", row.Evaluated, row.EvalErrors)
			}
			// The chart's title names the category; scope rows drop the
			// "scope " every one of them starts with, to fit.
			label := strings.TrimPrefix(row.Name, "scope ")
			bars = append(bars, Bar{Label: label, Value: share, Note: note, Highlight: un})
		}
		cv.Chart = template.HTML(BarChart{Title: cv.Title + ": share of policies containing each", Bars: bars,
			Width: 440, LabelWidth: 170, Percent: true, Max: top, PercentOf: 1}.SVG())
		hc.Categories = append(hc.Categories, cv)
	}
	return hc
}

// htmlRarity is the rarity section of the page.
type htmlRarity struct {
	Line, Allow string
	Header      []string
	Rows        [][]string
}
