package eval

import (
	"context"
	"testing"
	"time"
)

// TestSettleStopsALoopStartedAfterTheCancel reproduces yaegi's race head
// on: a unit executed with an already cancelled context often starts its
// goroutine after the stop, takes the new run id and would loop forever.
// settleInterrupted must still bring it to an end.
func TestSettleStopsALoopStartedAfterTheCancel(t *testing.T) {
	if raceDetector {
		t.Skip("yaegi races internally on cancellation; see race_on_test.go")
	}
	e, err := New(Options{Stderr: &syncBuffer{}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.i.Compile("for {}")
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		e.i.ExecuteWithContext(ctx, p) //nolint:errcheck // cancelled on purpose
		done := make(chan struct{})
		go func() { e.settleInterrupted(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("an interpreted loop started after the cancel still runs after 30 s")
		}
	}
}
