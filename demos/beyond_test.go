package demos

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestCountPrimes(t *testing.T) {
	tests := []struct {
		limit, goroutines int
		want              string
	}{
		{100, 1, "25 primes"},
		{100, 3, "25 primes"},
		{1_000_000, 1, "78498 primes"},
		{1_000_000, 4, "78498 primes"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			tl := CountPrimes(tt.limit, tt.goroutines)
			if tl.Note != tt.want || len(tl.Spans) != tt.goroutines {
				t.Errorf("CountPrimes(%d, %d): note %q with %d spans, want %q with %d",
					tt.limit, tt.goroutines, tl.Note, len(tl.Spans), tt.want, tt.goroutines)
			}
		})
	}
}

func TestWorkerPool(t *testing.T) {
	tl := WorkerPool(7, 3, 50*time.Millisecond)
	rows := map[string]int{}
	for _, s := range tl.Spans {
		rows[s.Row]++
	}
	if len(tl.Spans) != 7 || len(rows) != 3 || tl.MaxOverlap() != 3 {
		t.Errorf("got %d spans on rows %v, overlap %d; want 7 spans on 3 rows, overlap 3", len(tl.Spans), rows, tl.MaxOverlap())
	}
	if s := tl.Seconds(); s < 0.15 || s > 0.4 { // 7 jobs / 3 workers = 3 rounds of 50 ms
		t.Errorf("took %.3f s, want about 0.15", s)
	}
}

func TestCancellation(t *testing.T) {
	tl := Cancellation(150*time.Millisecond, 50*time.Millisecond, 10*time.Second)
	cancelled := map[string]bool{}
	for _, s := range tl.Spans {
		cancelled[s.Label] = s.Cancelled
	}
	want := map[string]bool{"worker 1: sleep 50ms": false, "worker 2: sleep 10s": true}
	if len(cancelled) != 2 || cancelled["worker 1: sleep 50ms"] != false || cancelled["worker 2: sleep 10s"] != true {
		t.Errorf("cancelled = %v, want %v", cancelled, want)
	}
	if s := tl.Seconds(); s > 1 {
		t.Errorf("took %.3f s; the 10 s worker was not stopped", s)
	}
}

func TestSleepContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := SleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("SleepContext on a cancelled context = %v, want context.Canceled", err)
	}
	if err := SleepContext(context.Background(), time.Millisecond); err != nil {
		t.Errorf("SleepContext(1ms) = %v, want nil", err)
	}
}

func TestSafeCounters(t *testing.T) {
	tests := []struct {
		name string
		run  func(int, int) Count
	}{
		{"mutex", MutexCounter},
		{"atomic", AtomicCounter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.run(4, 20_000)
			if c.Want != 80_000 || c.Got != 80_000 || len(c.Spans) != 4 {
				t.Errorf("got %+v with %d spans, want 80000 of 80000 with 4", c, len(c.Spans))
			}
		})
	}
}
