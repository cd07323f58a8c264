package reports

import "math"

// LineChart is a chart of one or more series of (x, y) points sharing
// both axes, drawn as SVG.
type LineChart struct {
	Title          string
	XLabel, YLabel string
	Series         []Series
	// Width and Height are the size in pixels (default 600 by 260).
	Width, Height float64
}

// Series is one line of a LineChart.
type Series struct {
	Name   string
	Points []Point
}

// Point is one point of a series.
type Point struct{ X, Y float64 }

// Margins of a line chart: room for the title, the tick labels, the axis
// labels and the legend.
const (
	lineLeft   = 64
	lineRight  = 16
	lineTop    = 32
	lineBottom = 44
)

// SVG draws the chart. Points that are not finite are skipped; a chart
// without points says so in place of the lines.
func (c LineChart) SVG() string {
	width, height := c.Width, c.Height
	if width <= 0 {
		width = 600
	}
	if height <= 0 {
		height = 260
	}
	legend := 0.0
	if len(c.Series) > 1 {
		legend = 18
	}
	plotW := width - lineLeft - lineRight
	plotH := height - lineTop - lineBottom - legend
	x0, y0 := float64(lineLeft), float64(lineTop)+plotH // the origin, bottom left

	xmax, ymax := 0.0, 0.0
	points := 0
	for _, s := range c.Series {
		for _, p := range s.Points {
			if finite(p.X) && finite(p.Y) {
				xmax, ymax = max(xmax, p.X), max(ymax, p.Y)
				points++
			}
		}
	}
	// Time runs to the last sample and no further: the x axis ends at
	// the data, with the round ticks inside it.
	xticks, xtop := niceTicks(0, xmax, 6)
	if xmax > 0 {
		xtop = xmax
		for len(xticks) > 1 && xticks[len(xticks)-1] > xmax {
			xticks = xticks[:len(xticks)-1]
		}
	}
	yticks, ytop := niceTicks(0, ymax, 4)
	sx := func(x float64) float64 { return x0 + x/xtop*plotW }
	sy := func(y float64) float64 { return y0 - y/ytop*plotH }

	var w svgWriter
	w.open(width, height, c.Title)
	w.text(width/2, 18, "middle", "title", c.Title)
	for _, t := range yticks {
		w.line(x0, sy(t), x0+plotW, sy(t), "grid")
		w.text(x0-6, sy(t)+4, "end", "tick", formatNumber(t))
	}
	for _, t := range xticks {
		w.line(sx(t), y0, sx(t), y0+4, "axis")
		w.text(sx(t), y0+16, "middle", "tick", formatNumber(t))
	}
	w.line(x0, y0, x0+plotW, y0, "axis")
	w.line(x0, y0, x0, y0-plotH, "axis")
	w.text(x0+plotW/2, y0+34, "middle", "label", c.XLabel)
	w.b.WriteString(`<g transform="rotate(-90)">`)
	w.text(-(y0 - plotH/2), 14, "middle", "label", c.YLabel)
	w.b.WriteString(`</g>`)

	if points == 0 {
		w.text(x0+plotW/2, y0-plotH/2, "middle", "empty", "no data")
	}
	for i, s := range c.Series {
		color := palette[i%len(palette)]
		var coords []float64
		for _, p := range s.Points {
			if finite(p.X) && finite(p.Y) {
				coords = append(coords, sx(p.X), sy(p.Y))
			}
		}
		if len(coords) == 2 { // one point: a dot-long line so it shows
			coords = append(coords, coords[0]+1, coords[1])
		}
		if len(coords) > 0 {
			w.polyline(coords, color)
		}
		if legend > 0 {
			lx := x0 + float64(i)*180
			ly := height - 8
			w.rect(lx, ly-9, 14, 4, "key", color, s.Name)
			w.text(lx+20, ly-3, "start", "legend", truncate(s.Name, 26))
		}
	}
	w.close()
	return w.String()
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
