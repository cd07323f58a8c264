package reports

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// svgWriter builds an SVG document. Every string that reaches the output
// goes through escape, so labels taken from tests cannot break out of a
// text node or an attribute.
type svgWriter struct {
	b strings.Builder
}

// escape returns s safe for XML text and double-quoted attributes:
// markup characters become references, control characters their Control
// Pictures (as in the HTML page, see visibleControls), and anything else
// XML forbids U+FFFD.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, visibleControls([]byte(s))) // never fails on a strings.Builder
	return b.String()
}

// num formats a coordinate compactly.
func num(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

func (w *svgWriter) open(width, height float64, title string) {
	fmt.Fprintf(&w.b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="%s" height="%s" viewBox="0 0 %s %s" role="img" aria-label="%s">`,
		num(width), num(height), num(width), num(height), escape(title))
	fmt.Fprintf(&w.b, "<title>%s</title>", escape(title))
}

func (w *svgWriter) close() { w.b.WriteString("</svg>") }

// text writes a text element; anchor is "start", "middle" or "end".
func (w *svgWriter) text(x, y float64, anchor, class, s string) {
	fmt.Fprintf(&w.b, `<text x="%s" y="%s" text-anchor="%s" class="%s">%s</text>`, num(x), num(y), anchor, escape(class), escape(s))
}

// textTitled writes a text element with a tooltip giving the full
// string, for labels that were shortened.
func (w *svgWriter) textTitled(x, y float64, anchor, class, s, full string) {
	fmt.Fprintf(&w.b, `<text x="%s" y="%s" text-anchor="%s" class="%s"><title>%s</title>%s</text>`,
		num(x), num(y), anchor, escape(class), escape(full), escape(s))
}

func (w *svgWriter) line(x1, y1, x2, y2 float64, class string) {
	fmt.Fprintf(&w.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" class="%s"/>`, num(x1), num(y1), num(x2), num(y2), escape(class))
}

// rect writes a rectangle with a tooltip.
func (w *svgWriter) rect(x, y, width, height float64, class, fill, tooltip string) {
	fmt.Fprintf(&w.b, `<rect x="%s" y="%s" width="%s" height="%s" class="%s"`, num(x), num(y), num(max(width, 0)), num(max(height, 0)), escape(class))
	if fill != "" {
		fmt.Fprintf(&w.b, ` fill="%s"`, escape(fill))
	}
	fmt.Fprintf(&w.b, `><title>%s</title></rect>`, escape(tooltip))
}

// polyline writes a line through the points (x0 y0 x1 y1 ...).
func (w *svgWriter) polyline(points []float64, stroke string) {
	var ps []string
	for i := 0; i+1 < len(points); i += 2 {
		ps = append(ps, num(points[i])+","+num(points[i+1]))
	}
	fmt.Fprintf(&w.b, `<polyline points="%s" fill="none" stroke="%s" class="series"/>`, strings.Join(ps, " "), escape(stroke))
}

func (w *svgWriter) String() string { return w.b.String() }

// palette colours the series and bars of charts; it reads well for the
// common kinds of colour blindness (Okabe and Ito).
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}

// highlightColor marks bars that need attention.
const highlightColor = "#D55E00"

// truncate shortens s to at most n runes, ending in "…" when cut.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:max(n-1, 0)]) + "…"
}
