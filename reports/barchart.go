package reports

import (
	"cmp"
	"fmt"
)

// BarChart is a horizontal bar chart: one labelled bar per row, drawn as
// SVG. Horizontal bars leave room for long labels (error kinds,
// implementation pairs, construct names).
type BarChart struct {
	Title string
	Bars  []Bar
	// Width is the width in pixels (default 600); the height follows
	// from the number of bars.
	Width float64
	// LabelWidth is the room for labels in pixels (default 180); longer
	// labels are shortened, with the full text as a tooltip.
	LabelWidth float64
	// Percent shows values as percentages of PercentOf (default Max)
	// rather than as numbers.
	Percent   bool
	PercentOf float64
	// Max is the value of a full-length bar; 0 means the largest value.
	Max float64
}

// Bar is one bar of a BarChart.
type Bar struct {
	Label string
	Value float64
	// Note is added to the bar's tooltip.
	Note string
	// Highlight draws the bar (and its label) in the warning colour.
	Highlight bool
}

const (
	barHeight = 16
	barGap    = 6
	barTop    = 30
)

// SVG draws the chart; a chart without bars says so.
func (c BarChart) SVG() string {
	width := c.Width
	if width <= 0 {
		width = 600
	}
	labelW := c.LabelWidth
	if labelW <= 0 {
		labelW = 180
	}
	valueW := 56.0
	plotW := width - labelW - valueW - 8
	rows := max(len(c.Bars), 1)
	height := barTop + float64(rows)*(barHeight+barGap) + 8

	top := c.Max
	if top <= 0 {
		for _, b := range c.Bars {
			if finite(b.Value) {
				top = max(top, b.Value)
			}
		}
	}

	var w svgWriter
	w.open(width, height, c.Title)
	w.text(width/2, 18, "middle", "title", c.Title)
	x0 := labelW + 4
	w.line(x0, barTop-2, x0, height-8, "axis")
	if len(c.Bars) == 0 {
		w.text(x0+plotW/2, barTop+barHeight-4, "middle", "empty", "none")
	}
	// Labels are cut to what fits at about 7 pixels a character.
	maxRunes := max(int(labelW/7), 4)
	for i, b := range c.Bars {
		y := barTop + float64(i)*(barHeight+barGap)
		v := b.Value
		if !finite(v) || v < 0 {
			v = 0
		}
		length := 0.0
		if top > 0 {
			length = min(v/top, 1) * plotW
		}
		fill, class := palette[0], "bar"
		if b.Highlight {
			fill, class = highlightColor, "bar highlight"
		}
		value := formatNumber(b.Value)
		if c.Percent && finite(b.Value) {
			value = fmt.Sprintf("%.1f%%", 100*ratio(b.Value, cmp.Or(c.PercentOf, top)))
		}
		tip := b.Label + ": " + value
		if b.Note != "" {
			tip += " (" + b.Note + ")"
		}
		labelClass := "barlabel"
		if b.Highlight {
			labelClass = "barlabel highlight"
		}
		w.textTitled(labelW-2, y+barHeight-4, "end", labelClass, truncate(b.Label, maxRunes), b.Label)
		w.rect(x0, y, max(length, 1), barHeight, class, fill, tip)
		w.text(x0+length+6, y+barHeight-4, "start", "value", value)
	}
	w.close()
	return w.String()
}

func ratio(n, d float64) float64 {
	if d == 0 {
		return 0
	}
	return n / d
}
