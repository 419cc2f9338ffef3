package eval

import (
	"bytes"
	"context"
	"runtime"
	"time"
)

// yaegi runs a program on a goroutine of its own; this is that goroutine's
// function as it appears in a stack dump.
var cellGoroutineFrame = []byte("interp.(*Interpreter).ExecuteWithContext.func1")

// debugHoldFrame marks the goroutine of the debugger's hold program.
var debugHoldFrame = []byte("eval.(*Evaluator).debugHold")

// settleInterrupted waits until the goroutine that ran an interrupted cell
// has returned.
//
// yaegi's ExecuteWithContext stops waiting as soon as the context is
// cancelled, and stops interpreted loops and channel operations, but it
// cannot stop a compiled call (time.Sleep, wg.Wait, a demos runner): that
// goroutine carries on and the cell would keep printing after the student
// pressed stop. Reporting "Interrupted" only once the goroutine is gone
// keeps the promise that an interrupted cell is over; while a compiled call
// holds it, Eval blocks, the runner's grace period runs out and the kernel
// replaces the process, the one way to stop compiled code.
//
// yaegi stops interpreted code by bumping a run id that every loop
// compares with its frame's; but Execute copies the current id into the
// frame when it starts, so a unit whose goroutine starts just after the
// bump runs with the new id and never stops. While the goroutine stays
// in interpreted code, stop asks yaegi to stop again (a bump the running
// frame cannot have copied) every 50 ms.
func (e *Evaluator) settleInterrupted() {
	for i := 1; cellGoroutineRunning(); i++ {
		time.Sleep(5 * time.Millisecond)
		if i%10 == 0 {
			e.stopAgain()
		}
	}
}

// stopAgain bumps yaegi's run id by running an empty program with a
// cancelled context. The empty program's own Execute may take the new id
// first; then the next call bumps it again.
func (e *Evaluator) stopAgain() {
	if e.empty == nil {
		p, err := e.i.Compile("")
		if err != nil {
			return
		}
		e.empty = p
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e.i.ExecuteWithContext(ctx, e.empty) //nolint:errcheck // only the stop matters
}

// cellGoroutineRunning reports whether a goroutine is executing inside
// yaegi's ExecuteWithContext closure. "created by" lines are skipped: they
// name the creator of a goroutine, not code it runs.
func cellGoroutineRunning() bool {
	buf := make([]byte, 256<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		if bytes.Contains(g, debugHoldFrame) { // the debugger's hold program (debug.go)
			continue
		}
		for _, line := range bytes.Split(g, []byte("\n")) {
			if bytes.Contains(line, cellGoroutineFrame) && !bytes.HasPrefix(line, []byte("created by")) {
				return true
			}
		}
	}
	return false
}
