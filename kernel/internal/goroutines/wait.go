package goroutines

import "strings"

// interpPkg prefixes the frames of yaegi's interpreter.
const interpPkg = "golessons/third_party/yaegi/interp."

// Wait is what a goroutine of interpreted code is blocked in.
type Wait struct {
	// Op is the interpreted operation: "send", "recv", "select",
	// "range" (a for-range over a channel) or "call" (a compiled
	// function called straight from interpreted code).
	Op string
	// API is, for Op "call", the compiled function it is in, e.g.
	// "sync.(*WaitGroup).Wait" or "time.Sleep".
	API string
}

// Interpreted reports whether g runs interpreted code.
func (g Goroutine) Interpreted() bool {
	for _, f := range g.Frames {
		if strings.HasPrefix(f.Func, interpPkg) {
			return true
		}
	}
	return false
}

// Runs reports whether g is on the goroutine yaegi starts to run one
// program of a cell (the cell's own goroutine).
func (g Goroutine) Runs(fn string) bool {
	for _, f := range g.Frames {
		if f.Func == fn {
			return true
		}
	}
	return false
}

// Waiting says which interpreted operation g is blocked in: the innermost
// frame outside the runtime, reflect, sync and time must be yaegi's code
// for that operation. ok is false when g waits inside any other compiled
// code (a demos call, os/exec, a network read): such a wait may end by
// itself, and its position in the cell is unknown.
func (g Goroutine) Waiting() (w Wait, ok bool) {
	for _, f := range g.Frames {
		switch {
		case hasAnyPrefix(f.Func, "runtime.", "reflect.", "internal/"):
			continue
		case hasAnyPrefix(f.Func, "sync.", "time."):
			w.API = f.Func // outermost wins: RWMutex.Lock over Mutex.Lock
			continue
		case !strings.HasPrefix(f.Func, interpPkg):
			return Wait{}, false
		}
		name := strings.TrimPrefix(f.Func, interpPkg)
		switch {
		case w.API != "":
			// callDeferred: a deferred call (defer wg.Wait()) running as
			// its function returns.
			if !strings.HasPrefix(name, "callBin.") && name != "callDeferred" {
				return Wait{}, false
			}
			w.Op = "call"
		case strings.HasPrefix(name, "send."):
			w.Op = "send"
		case strings.HasPrefix(name, "recv.") || strings.HasPrefix(name, "recv2."):
			w.Op = "recv"
		case strings.HasPrefix(name, "_select."):
			w.Op = "select"
		case strings.HasPrefix(name, "rangeChan."):
			w.Op = "range"
		default:
			return Wait{}, false
		}
		return w, true
	}
	return Wait{}, false
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// blockedStates are the runtime's wait reasons of a goroutine parked on
// a channel or a sync primitive: states that end only when another
// goroutine acts.
var blockedStates = map[string]bool{
	"chan send": true, "chan receive": true, "select": true, "select (no cases)": true,
	"chan send (nil chan)": true, "chan receive (nil chan)": true,
	"sync.WaitGroup.Wait": true, "sync.Mutex.Lock": true, "sync.RWMutex.Lock": true,
	"sync.RWMutex.RLock": true, "sync.Cond.Wait": true,
}

// syncWaits are the compiled calls whose wait only another goroutine
// can end (by Done, Unlock, Signal or Broadcast).
var syncWaits = map[string]bool{
	"sync.(*WaitGroup).Wait": true, "sync.(*Mutex).Lock": true, "sync.(*RWMutex).Lock": true,
	"sync.(*RWMutex).RLock": true, "sync.(*Cond).Wait": true,
}

// Stuck reports whether g is parked in a channel operation or a sync
// wait of interpreted code, the only waits that another goroutine must
// end. Sleeping, timers, I/O, system calls and compiled code are not.
func (g Goroutine) Stuck() (Wait, bool) {
	if !blockedStates[g.State] {
		return Wait{}, false
	}
	w, ok := g.Waiting()
	if !ok || (w.Op == "call" && !syncWaits[w.API]) {
		return Wait{}, false
	}
	return w, true
}
