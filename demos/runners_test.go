package demos

import (
	"strings"
	"testing"
	"time"
)

const short = 200 * time.Millisecond

// Worker processes get longer work: each is a new process (under -race a
// slow start), and the four must still be running at the same time on a
// loaded machine.
const long = 2 * time.Second

// The bounds below tell concurrent runs from sequential ones (all four
// within less than the sum of their durations), not how fast a machine is.
func TestRunners(t *testing.T) {
	labels := []string{"a", "b", "c", "d"}
	sleepy := SleepyWorker(short)
	n := float64(len(labels))
	tests := []struct {
		name        string
		run         func() *Timeline
		dur         time.Duration // of one worker
		where       string        // prefix of every Span.Where
		minSec      float64       // wall time bounds in seconds
		maxSec      float64
		wantOverlap int
		distinct    bool // every worker ran in a different place
	}{
		{"sequential", func() *Timeline { return RunSequential(sleepy, labels...) }, short, "goroutine ", n * short.Seconds(), 60, 1, false},
		{"goroutines", func() *Timeline { return RunGoroutines(sleepy, labels...) }, short, "goroutine ", short.Seconds(), (n - 1) * short.Seconds(), 4, true},
		{"channels", func() *Timeline { return RunChannels(sleepy, labels...) }, short, "goroutine ", short.Seconds(), (n - 1) * short.Seconds(), 4, true},
		{"threads", func() *Timeline { return RunThreads(sleepy, labels...) }, short, "thread ", short.Seconds(), (n - 1) * short.Seconds(), 4, true},
		{"processes", func() *Timeline { return RunProcesses(long, labels...) }, long, "pid ", long.Seconds(), (n - 1) * long.Seconds(), 4, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := tt.run()
			if len(tl.Spans) != len(labels) {
				t.Fatalf("got %d spans, want %d: %+v", len(tl.Spans), len(labels), tl.Spans)
			}
			if s := tl.Seconds(); s < tt.minSec || s > tt.maxSec {
				t.Errorf("took %.3f s, want between %.2f and %.2f", s, tt.minSec, tt.maxSec)
			}
			if got := tl.MaxOverlap(); got != tt.wantOverlap {
				t.Errorf("MaxOverlap = %d, want %d", got, tt.wantOverlap)
			}
			places := map[string]bool{}
			for _, s := range tl.Spans {
				if !strings.HasPrefix(s.Where, tt.where) || s.Cancelled {
					t.Errorf("span %+v: want Where %q… and not cancelled", s, tt.where)
				}
				if d := s.End - s.Start; d < tt.dur.Seconds() || d > tt.dur.Seconds()+1 {
					t.Errorf("span %s lasted %.3f s, want about %.1f", s.Label, d, tt.dur.Seconds())
				}
				places[s.Where] = true
			}
			if tt.distinct && len(places) != len(labels) {
				t.Errorf("ran in %d distinct places %v, want %d", len(places), places, len(labels))
			}
		})
	}
}
