package demos

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func TestMaxOverlap(t *testing.T) {
	tests := []struct {
		name  string
		spans [][2]float64
		want  int
	}{
		{"empty", nil, 0},
		{"one", [][2]float64{{0, 1}}, 1},
		{"touching spans take turns", [][2]float64{{0, 1}, {1, 2}, {2, 3}}, 1},
		{"all together", [][2]float64{{0, 2}, {0.1, 2}, {0.2, 2.1}}, 3},
		{"two pairs", [][2]float64{{0, 1}, {0.5, 1.5}, {2, 3}, {2.5, 3.5}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := &Timeline{}
			for _, s := range tt.spans {
				tl.Spans = append(tl.Spans, Span{Start: s[0], End: s[1]})
			}
			if got := tl.MaxOverlap(); got != tt.want {
				t.Errorf("MaxOverlap = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestString(t *testing.T) {
	tl := &Timeline{Title: "goroutines", Start: 10, End: 12.0004, Note: "done",
		Spans: []Span{{Start: 10, End: 12}, {Start: 10.001, End: 12}}}
	want := "goroutines: 2 calls in 2.000 s, up to 2 at once; done"
	if got := tl.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestSVG(t *testing.T) {
	tl := &Timeline{Title: "a <b> & c", Start: 100, End: 102.5, order: []string{"worker 1", "first"}, Spans: []Span{
		{Row: "first", Label: "first", Where: "pid 12", Start: 100, End: 102},
		{Row: "worker 1", Label: "job 1", Where: "goroutine 7", Start: 100.5, End: 102.5, Cancelled: true},
		{Row: "worker 1", Label: "job 2", Where: "goroutine 7", Start: 102, End: 102.5},
	}}
	svg := tl.SVG()
	dec := xml.NewDecoder(strings.NewReader(svg))
	rects, texts := 0, []string{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "rect" {
				rects++
			}
		case xml.CharData:
			texts = append(texts, string(tok))
		}
	}
	if rects != 4 { // background + 3 bars
		t.Errorf("got %d rects, want 4 (background and 3 bars)", rects)
	}
	all := strings.Join(texts, "|")
	if strings.Index(all, "|worker 1|") > strings.Index(all, "|first|") {
		t.Errorf("rows not in launch order (worker 1, first): %q", all)
	}
	for _, want := range []string{"a <b> & c: 3 calls", "first", "worker 1", "pid 12", "0.0", "2.5", "seconds since start"} {
		if !strings.Contains(all, want) {
			t.Errorf("chart text %q lacks %q", all, want)
		}
	}
}

func TestNiceStep(t *testing.T) {
	tests := []struct{ span, want float64 }{{8, 1}, {2, 0.5}, {2.5, 0.5}, {0.3, 0.05}, {16, 2}, {40, 5}}
	for _, tt := range tests {
		t.Run("", func(t *testing.T) {
			if got := niceStep(tt.span); got != tt.want {
				t.Errorf("niceStep(%v) = %v, want %v", tt.span, got, tt.want)
			}
		})
	}
}

func TestRecord(t *testing.T) {
	tl := NewTimeline("cell")
	ran := 0
	tl.Record("b", func() { ran++ })
	tl.Record("a", func() { ran++ })
	tl.Record("b", func() { ran++ })
	tl.Done()
	if ran != 3 || len(tl.Spans) != 3 || tl.End < tl.Start {
		t.Fatalf("ran %d, %d spans, start %v end %v; want 3 runs and 3 spans", ran, len(tl.Spans), tl.Start, tl.End)
	}
	if got := tl.rows(); len(got) != 2 || got[0] != "b" || got[1] != "a" {
		t.Errorf("rows = %v, want [b a]", got)
	}
}
