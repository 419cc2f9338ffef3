package eval

import (
	"context"
	"reflect"
	"testing"
	"time"

	"golessons/third_party/yaegi/interp"
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

// TestCellGoroutineFoundByItsFrameName pins what settleInterrupted relies
// on: the goroutine yaegi runs a cell on shows cellGoroutineFrame in a stack
// dump while the cell runs, and nothing does once it returned. A yaegi
// upgrade that renames or restructures ExecuteWithContext fails here, not
// as interrupts that report too early or hang.
func TestCellGoroutineFoundByItsFrameName(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{})
	hook := interp.Exports{"testhook/testhook": {"Wait": reflect.ValueOf(func() { close(entered); <-release })}}
	e, err := New(Options{Stderr: &syncBuffer{}, Symbols: []interp.Exports{hook}})
	if err != nil {
		t.Fatal(err)
	}
	// Cells of earlier tests that were interrupted may still be unwinding
	// in this process (yaegi's Execute returns on cancel before its
	// goroutine notices): wait for them before looking.
	for wait := time.Now().Add(20 * time.Second); cellGoroutineRunning() && time.Now().Before(wait); {
		time.Sleep(20 * time.Millisecond)
	}
	if cellGoroutineRunning() {
		t.Fatal("a cell goroutine is reported before any cell of this test ran (and none of an earlier test ended in 20 s)")
	}
	done := make(chan error, 1)
	go func() {
		_, err := e.Eval(context.Background(), "import \"testhook\"\ntesthook.Wait()")
		done <- err
	}()
	select {
	case <-entered:
	case <-time.After(30 * time.Second):
		t.Fatal("the cell did not start")
	}
	if !cellGoroutineRunning() {
		t.Errorf("no goroutine shows %q while a cell runs: yaegi's ExecuteWithContext changed", cellGoroutineFrame)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for cellGoroutineRunning() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if cellGoroutineRunning() {
		t.Error("a cell goroutine is still reported after the cell returned")
	}
}
