package demos

import (
	"context"
	"fmt"
	"time"
)

// SleepContext sleeps for d, or until ctx is cancelled, whichever comes
// first; it returns ctx's error when it was cut short. This is how a
// well-behaved Go worker waits: it always listens for "stop" as well.
func SleepContext(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Cancellation starts one goroutine per duration in sleeps, all sharing a
// context that times out after timeout. Workers that need less than the
// timeout finish; the others stop the moment the deadline passes. With a
// 1.5 s timeout and sleeps of 0.5, 1, 2 and 3 s, two bars end early (drawn
// pale) and the whole run takes about 1.5 s instead of 3 s.
func Cancellation(timeout time.Duration, sleeps ...time.Duration) *Timeline {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel() // release the context's timer even if everyone finished early
	labels := make([]string, len(sleeps))
	sleepFor := make(map[string]time.Duration, len(sleeps))
	for i, d := range sleeps {
		labels[i] = fmt.Sprintf("worker %d: sleep %v", i+1, d)
		sleepFor[labels[i]] = d
	}
	return RunWithContext(ctx, func(ctx context.Context, label string) error {
		return SleepContext(ctx, sleepFor[label]) // the map is only read here: safe to share
	}, labels...)
}

// RunWithContext runs work once per label, each on its own goroutine, and
// passes them all ctx. A worker that returns an error is drawn as cancelled;
// each prints one line saying how it ended.
func RunWithContext(ctx context.Context, work func(context.Context, string) error, labels ...string) *Timeline {
	t := newTimeline("context cancellation", labels...)
	done := make(chan Span) // each worker hands its span back here
	for _, label := range labels {
		go func() {
			s := Span{Row: label, Label: label, Where: fmt.Sprintf("goroutine %d", goroutineID()), Start: Now()}
			err := work(ctx, label)
			s.End, s.Cancelled = Now(), err != nil
			if err != nil {
				fmt.Printf("%s: stopped after %.3f s: %v\n", label, s.End-s.Start, err)
			} else {
				fmt.Printf("%s: finished after %.3f s\n", label, s.End-s.Start)
			}
			done <- s
		}()
	}
	for range labels {
		t.add(<-done)
	}
	return t.Done()
}
