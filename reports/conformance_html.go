package reports

import (
	"bytes"
	_ "embed"
	"html/template"
	"io"
	"strings"
)

//go:embed conformance.html.tmpl
var conformanceHTMLSource string

var conformanceTemplate = template.Must(template.New("conformance").Funcs(template.FuncMap{
	"add1": func(i int) int { return i + 1 },
	"join": strings.Join,
}).Parse(conformanceHTMLSource))

// WriteConformanceHTML writes c as one self-contained HTML page (inline
// style sheet, no scripts, nothing fetched), with the sections of
// WriteConformanceMarkdown. html/template escapes everything from tests.
func WriteConformanceHTML(w io.Writer, c *Conformance) error {
	v := conformanceView{C: c, Headline: conformanceHeadline(c), StatusClass: "incomplete"}
	switch c.Verdict() {
	case "PASS":
		v.StatusClass = "pass"
	case "FAIL":
		v.StatusClass = "fail"
	}
	v.Versions = conformanceVersions(c)
	for _, a := range append(append([]AreaCounts{}, c.Areas...), c.Total) {
		width := 0
		if r := a.PassRate(); r > 0 {
			width = int(160 * r)
		}
		v.Areas = append(v.Areas, areaView{AreaCounts: a, Rate: passRateText(a), Width: width})
	}
	var b bytes.Buffer
	if err := conformanceTemplate.Execute(&b, v); err != nil {
		return err
	}
	_, err := w.Write(visibleControls(b.Bytes()))
	return err
}

type conformanceView struct {
	C           *Conformance
	Headline    string
	StatusClass string
	Versions    [][2]string
	Areas       []areaView
}

type areaView struct {
	AreaCounts
	Rate  string
	Width int
}
