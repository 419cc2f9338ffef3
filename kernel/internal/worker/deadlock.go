package worker

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"time"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/eval"
	"golessons/kernel/internal/goroutines"
)

// The deadlock check. A compiled Go program whose goroutines all block
// dies with "fatal error: all goroutines are asleep - deadlock!"; in the
// runner the worker's own goroutines are alive, so the runtime never says
// it. While a cell runs, the worker looks at a dump of all goroutines
// every watchEvery once the cell has run for watchStart, and ends the
// cell when two dumps in a row show the same deadlock.
//
// The rule (also in the README): the cell's own goroutine and every
// goroutine cells started must be parked on a channel operation, a
// select, or sync.WaitGroup.Wait / Mutex.Lock / RWMutex.(R)Lock /
// Cond.Wait called by cell code, at a site whose channels were all made
// by cells; and no time.AfterFunc or context.AfterFunc callback of a
// cell may be pending. Anything else — a sleeping, running or I/O-bound
// goroutine, a wait inside compiled code (demos, os/exec, fmt.Scanln), a
// timer, ticker or context channel, cell code running on a goroutine the
// check cannot attribute — means the kernel cannot be sure, and it says
// nothing.
const (
	watchStart = 400 * time.Millisecond
	watchEvery = 250 * time.Millisecond
	// watchMaxGoroutines bounds the cost of a dump; beyond it no verdict.
	watchMaxGoroutines = 5000
)

// cellGoroutine is the function of the goroutine yaegi runs a program on.
const cellGoroutine = "golessons/third_party/yaegi/interp.(*Interpreter).ExecuteWithContext.func1"

// watched is what the check needs from the evaluator (*eval.Evaluator).
type watched interface {
	SiteOf(label string) (eval.Site, bool)
	PendingCallbacks() int64
	CellNumber() int
	Abort(err *cellio.Error) bool
}

// watchCell starts the check for the cell that the calling goroutine is
// about to evaluate and labels that goroutine, so that every goroutine
// the cell starts carries the cell label. stop ends the check and removes
// the label. The looks run on a timer, not on a goroutine of the cell's
// own, so a short cell pays no goroutine start and no hand-over at its end.
func watchCell(ev watched, job int64) (stop func()) {
	var mu sync.Mutex // held by a look, so none can outlive stop
	stopped, last := false, ""
	var t *time.Timer
	t = time.AfterFunc(watchStart, func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		key, err := "", (*cellio.Error)(nil)
		if runtime.NumGoroutine() <= watchMaxGoroutines {
			key, err = judge(goroutines.Parse(goroutines.Dump()), job, ev, goroutines.ID())
		}
		if err != nil && key == last {
			ev.Abort(err)
			return
		}
		last = key
		t.Reset(watchEvery)
	})
	pprof.SetGoroutineLabels(eval.CellLabels())
	return func() {
		t.Stop()
		mu.Lock()
		stopped = true
		mu.Unlock()
		pprof.SetGoroutineLabels(context.Background())
	}
}

// stuckLine is one goroutine of a deadlock report.
type stuckLine struct {
	main bool
	id   int64
	text string
	// held: it waits in the sync package (WaitGroup.Wait, Mutex.Lock),
	// where no cancellation reaches it: it stays blocked.
	held bool
}

// judge returns the deadlock error for a dump, or nil when the dump does
// not prove one; key identifies the deadlock, to compare two dumps. job is
// the goroutine that called Eval (it waits for the cell, it is not one),
// self the goroutine judging (a timer's, which may carry any labels).
func judge(gs []goroutines.Goroutine, job int64, ev watched, self int64) (key string, err *cellio.Error) {
	if ev.PendingCallbacks() > 0 {
		return "", nil
	}
	cur := ev.CellNumber()
	var lines []stuckLine
	main, earlier, held := false, false, false
	for _, g := range gs {
		if g.ID == job || g.ID == self {
			continue
		}
		label, ok := g.Labels[eval.LabelKey]
		if !ok {
			if g.Interpreted() {
				return "", nil // cell code the labels do not cover: unsure
			}
			continue
		}
		w, stuck := g.Stuck()
		if !stuck {
			return "", nil
		}
		s, ok := ev.SiteOf(label)
		if !ok || s.External || !sameOp(s.Op, w.Op) {
			return "", nil
		}
		isMain := g.Runs(cellGoroutine) && g.Creator == job
		isHeld := strings.HasPrefix(stuckState(g, s), "sync.")
		main = main || isMain
		earlier = earlier || !isMain && !isHeld && s.Cell != cur
		held = held || isHeld
		lines = append(lines, stuckLine{main: isMain, id: g.ID, text: stuckText(g, s, cur), held: isHeld})
	}
	if !main {
		return "", nil
	}
	sort.SliceStable(lines, func(i, j int) bool {
		if lines[i].main != lines[j].main {
			return lines[i].main
		}
		return lines[i].id < lines[j].id
	})
	tb := []string{"fatal error: all goroutines are asleep - deadlock!", ""}
	var k strings.Builder
	for _, l := range lines {
		id := l.id
		if l.main {
			id = 1
		}
		tb = append(tb, fmt.Sprintf("goroutine %d %s", id, l.text))
		fmt.Fprintf(&k, "%d %s\n", l.id, l.text)
	}
	switch {
	case earlier:
		// They are stopped with the cell, as a deadlock ends a Go program:
		// a later cell must not count on them.
		tb = append(tb, "", "The cell was stopped, and so were the goroutines of earlier cells listed above that wait on a channel; your variables are kept.")
	default:
		tb = append(tb, "", "The cell was stopped; your variables are kept.")
	}
	if held {
		tb = append(tb, "Goroutines waiting in the sync package (sync.WaitGroup.Wait, sync.Mutex.Lock, ...) cannot be stopped: those listed above stay blocked.")
	}
	return k.String(), &cellio.Error{Name: "fatal error", Value: "all goroutines are asleep - deadlock!", Traceback: tb}
}

// sameOp reports whether the operation seen on the stack is the one the
// goroutine's label names; a mismatch means the label is stale.
func sameOp(site, stack string) bool {
	return site == stack
}

// stuckText is "[chan send]: line 2:1: ch <- 1" in Go's words.
func stuckText(g goroutines.Goroutine, s eval.Site, cur int) string {
	state := stuckState(g, s)
	where := fmt.Sprintf("line %d:%d", s.Line, s.Col)
	if s.Cell != cur {
		where += " of an earlier cell"
	}
	if s.Code != "" {
		where += ": " + s.Code
	}
	return "[" + state + "]: " + where
}

// stuckState names g's wait as Go's tracebacks do.
func stuckState(g goroutines.Goroutine, s eval.Site) string {
	state := g.State
	switch s.Op {
	case "send":
		state = "chan send"
	case "recv", "range":
		state = "chan receive"
	case "select":
		state = "select"
		if s.Cases == 0 {
			state = "select (no cases)"
		}
	}
	if s.NilChan && (s.Op == "send" || s.Op == "recv" || s.Op == "range") {
		state += " (nil chan)"
	}
	return state
}

// showLabels makes goroutine dumps carry pprof labels, which the check
// reads. The runtime rereads GODEBUG when it changes; child processes
// inherit the setting, which only matters to programs that set labels.
func showLabels() {
	const set = "tracebacklabels=1"
	cur := os.Getenv("GODEBUG")
	if strings.Contains(cur, set) {
		return
	}
	if cur != "" {
		cur += ","
	}
	os.Setenv("GODEBUG", cur+set)
}
