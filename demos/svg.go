package demos

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// Chart geometry, in SVG user units (pixels at 100% zoom).
const (
	chartWidth = 720
	labelWidth = 150 // left column with row names
	rowHeight  = 30
	barHeight  = 20
	topMargin  = 34 // room for the title
	axisHeight = 36 // room for tick labels and the axis caption
	rightPad   = 20
)

// colour picks row i's bar colour from the colour-blind friendly Okabe–Ito palette.
func colour(i int) string {
	palette := [...]string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999"}
	return palette[i%len(palette)]
}

// SVG draws the timeline as a Gantt chart: one row per worker, one bar per
// span, time in seconds since the runner started along the bottom. Bars
// that overlap horizontally ran at the same time.
func (t *Timeline) SVG() string {
	rows := t.rows()
	height := topMargin + len(rows)*rowHeight + axisHeight
	span := max(t.Seconds(), 1e-3)
	x := func(sec float64) float64 {
		return labelWidth + (sec-t.Start)/span*(chartWidth-labelWidth-rightPad)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`, chartWidth, height, chartWidth, height)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/><text x="8" y="20" font-size="14" font-weight="bold">%s</text>`, html.EscapeString(t.String()))
	t.drawAxis(&b, x, span, topMargin+len(rows)*rowHeight)
	for i, row := range rows {
		y := topMargin + i*rowHeight
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" dominant-baseline="middle">%s</text>`, labelWidth-8, y+rowHeight/2, html.EscapeString(row))
		for _, s := range t.Spans {
			if s.Row == row {
				drawBar(&b, s, x, y, colour(i))
			}
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// rows lists the distinct rows: the launch order first, then any others in
// order of appearance.
func (t *Timeline) rows() []string {
	var rows []string
	seen := map[string]bool{}
	for _, r := range t.order {
		if !seen[r] {
			seen[r] = true
			rows = append(rows, r)
		}
	}
	for _, s := range t.Spans {
		if !seen[s.Row] {
			seen[s.Row] = true
			rows = append(rows, s.Row)
		}
	}
	return rows
}

// drawAxis draws vertical grid lines with a tick label at round numbers of seconds.
func (t *Timeline) drawAxis(b *strings.Builder, x func(float64) float64, span float64, bottom int) {
	step := niceStep(span)
	for s := 0.0; s <= span+step/1e3; s += step {
		px := x(t.Start + s)
		fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>`, px, topMargin-4, px, bottom)
		fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>`, px, bottom+14, formatSeconds(s, step))
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle" fill="#555">seconds since start</text>`, (labelWidth+chartWidth)/2, bottom+30)
}

func drawBar(b *strings.Builder, s Span, x func(float64) float64, y int, colour string) {
	x0, x1 := x(s.Start), x(s.End)
	w := max(x1-x0, 1)
	opacity, ink := "1", "white"
	if s.Cancelled {
		opacity, ink = "0.35", "#333"
	}
	fmt.Fprintf(b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" rx="3" fill="%s" fill-opacity="%s"><title>%s</title></rect>`,
		x0, y+(rowHeight-barHeight)/2, w, barHeight, colour, opacity, html.EscapeString(spanTitle(s)))
	text := s.Where
	if s.Label != s.Row {
		text = s.Label + " · " + s.Where
	}
	if s.Cancelled {
		text += " (cancelled)"
	}
	if w > 7*float64(len(text)) { // roughly 7 px per character at 12 px
		fmt.Fprintf(b, `<text x="%.1f" y="%d" fill="%s" dominant-baseline="middle">%s</text>`, x0+5, y+rowHeight/2, ink, html.EscapeString(text))
	}
}

func spanTitle(s Span) string {
	return fmt.Sprintf("%s on %s: %.7f → %.7f (%.3f s)", s.Label, s.Where, s.Start, s.End, s.End-s.Start)
}

// niceStep picks a tick spacing of 1, 2 or 5 times a power of ten giving
// between 4 and 10 ticks.
func niceStep(span float64) float64 {
	raw := span / 8
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

func formatSeconds(s, step float64) string {
	decimals := max(0, int(-math.Floor(math.Log10(step))))
	return fmt.Sprintf("%.*f", decimals, s)
}
