package demos

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Span is one piece of work on a [Timeline].
type Span struct {
	Row       string  // chart row it is drawn on: the label, or a pool worker
	Label     string  // text on the bar
	Where     string  // where it ran: "goroutine 7", "thread 4242", "pid 4243"
	Start     float64 // seconds, from [Now]
	End       float64 // seconds, from [Now]
	Cancelled bool    // stopped early by a context
}

// Timeline records who ran when. Runners fill it in and return it; a cell
// that ends with a Timeline shows the SVG chart, with String as text.
type Timeline struct {
	Title string
	Note  string  // one line of result, e.g. how many primes were found
	Start float64 // when the runner started, from [Now]
	End   float64 // when the runner returned, from [Now]
	Spans []Span  // sorted by Start once the runner returns

	mu    sync.Mutex // workers add spans from many goroutines
	order []string   // rows in the order the runner launched them
}

// NewTimeline starts an empty timeline, for a cell that runs its own
// workers: wrap each piece of work in [Timeline.Record] and call
// [Timeline.Done] at the end. Rows appear in the order of their first
// Record call.
func NewTimeline(title string) *Timeline { return newTimeline(title) }

// Record runs work, timing it as one span on the row label, and names the
// goroutine it ran on. Safe to call from many goroutines at once.
func (t *Timeline) Record(label string, work func()) {
	t.timed(label, fmt.Sprintf("goroutine %d", goroutineID()), func(string) { work() }, label)
}

// newTimeline starts a timeline whose chart lists rows in the given order
// (the order the caller passed its labels), whoever happens to start first.
func newTimeline(title string, rows ...string) *Timeline {
	return &Timeline{Title: title, Start: Now(), order: rows}
}

// add records a span; safe to call from many goroutines.
func (t *Timeline) add(s Span) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.Spans = append(t.Spans, s)
}

// Done stamps the end time, orders the spans by start and returns t, so a
// cell can end with tl.Done() to show the chart.
func (t *Timeline) Done() *Timeline {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.End = Now()
	slices.SortStableFunc(t.Spans, func(a, b Span) int {
		if a.Start < b.Start {
			return -1
		}
		if a.Start > b.Start {
			return 1
		}
		return 0
	})
	return t
}

// timed runs work(label) and records how long it took, where. A panicking
// worker is reported on stderr instead of taking the whole program down.
func (t *Timeline) timed(row, where string, work func(string), label string) {
	s := Span{Row: row, Label: label, Where: where, Start: Now()}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "worker %q panicked: %v\n", label, r)
		}
		s.End = Now()
		t.add(s)
	}()
	work(label)
}

// Seconds is the wall-clock time the runner took.
func (t *Timeline) Seconds() float64 { return t.End - t.Start }

// MaxOverlap is the largest number of spans running at the same moment:
// 1 when workers took turns, len(Spans) when they all ran together.
func (t *Timeline) MaxOverlap() int {
	type edge struct {
		at    float64
		delta int
	}
	var edges []edge
	for _, s := range t.Spans {
		edges = append(edges, edge{s.Start, +1}, edge{s.End, -1})
	}
	// Ends sort before starts at the same instant: touching spans do not overlap.
	slices.SortFunc(edges, func(a, b edge) int {
		if a.at != b.at {
			if a.at < b.at {
				return -1
			}
			return 1
		}
		return a.delta - b.delta
	})
	cur, top := 0, 0
	for _, e := range edges {
		cur += e.delta
		top = max(top, cur)
	}
	return top
}

// String summarises the timeline, e.g.
// "goroutines: 4 calls in 2.002 s, up to 4 at once".
func (t *Timeline) String() string {
	var b strings.Builder
	calls := "calls"
	if len(t.Spans) == 1 {
		calls = "call"
	}
	fmt.Fprintf(&b, "%s: %d %s in %.3f s, up to %d at once", t.Title, len(t.Spans), calls, t.Seconds(), t.MaxOverlap())
	if t.Note != "" {
		b.WriteString("; " + t.Note)
	}
	return b.String()
}

// goroutineID returns the running goroutine's number. Go keeps it hidden on
// purpose (code should not depend on it); the chart reads it from the first
// line of a stack trace, "goroutine 7 [running]:", only to label bars.
func goroutineID() int {
	var buf [64]byte
	line := buf[:runtime.Stack(buf[:], false)]
	line = line[len("goroutine "):]
	if i := strings.IndexByte(string(line), ' '); i > 0 {
		n, _ := strconv.Atoi(string(line[:i]))
		return n
	}
	return 0
}

// numbered returns n row names made from format and 1..n.
func numbered(format string, n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf(format, i+1)
	}
	return names
}
