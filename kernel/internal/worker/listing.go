package worker

import (
	"sync"

	cellgo "golessons/goroutines"
)

// lister is the provider of package golessons/goroutines: cells list the
// goroutines that cells started, and ask for them to be stopped, which
// happens when the asking cell ends (stopping them during the cell would
// stop the cell too).
type lister struct {
	mu   sync.Mutex
	ev   stoppable // nil before the first cell
	job  int64     // the goroutine running the current cell
	stop bool      // StopAll was called during the current cell
}

// stoppable is the evaluator as the lister sees it.
type stoppable interface {
	leftovers
	StopGoroutines() error
}

// begin records the cell about to run.
func (l *lister) begin(ev stoppable, job int64) {
	l.mu.Lock()
	l.ev, l.job, l.stop = ev, job, false
	l.mu.Unlock()
}

// end stops the goroutines if the cell asked for it.
func (l *lister) end() {
	l.mu.Lock()
	ev, stop := l.ev, l.stop
	l.stop = false
	l.mu.Unlock()
	if stop && ev != nil {
		ev.StopGoroutines() //nolint:errcheck // compiling `select {}` does not fail
	}
}

// List implements cellgo.Provider.
func (l *lister) List() []cellgo.Goroutine {
	l.mu.Lock()
	ev, job := l.ev, l.job
	l.mu.Unlock()
	if ev == nil || ev.LiveGoroutines() == 0 {
		return nil
	}
	gs, all, allStuck := cellGoroutines(job, nil)
	cur := ev.CellNumber()
	var held map[uintptr]bool
	canLeak := allStuck && noneReachable(ev, all, &held)
	out := make([]cellgo.Goroutine, 0, len(gs))
	for _, g := range gs {
		d := describeLeftover(ev, g, cur, canLeak, &held)
		cell := "this cell"
		switch {
		case d.line == 0:
			cell = "a cell"
		case d.earlier:
			cell = "an earlier cell"
		}
		code := ""
		if s, ok := ev.SiteOf(g.Labels["golessons"]); ok && d.line != 0 {
			code = s.Code
		}
		out = append(out, cellgo.Goroutine{ID: g.ID, State: d.what, Cell: cell, Line: d.line, Code: code})
	}
	return out
}

// StopAll implements cellgo.Provider.
func (l *lister) StopAll() int {
	l.mu.Lock()
	l.stop = true
	l.mu.Unlock()
	return len(l.List())
}
