package eval

import (
	"context"
	"errors"
	"go/ast"
	"os"
	"os/signal"
	"reflect"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
	"weak"
)

// Watching cells for deadlocks and goroutines left behind.
//
// The runner's deadlock check (package worker) reads a dump of all
// goroutines. Two facts it cannot read there come from here:
//
//   - where an interpreted goroutine waits. Before every channel operation,
//     select and blocking call of cell code, a rewrite (watchrewrite.go)
//     inserts a call that sets the goroutine's pprof labels to that
//     operation's site; the dump shows the labels (GODEBUG
//     tracebacklabels=1), the site table turns them into a cell line.
//   - whether a channel is one only cells can wake. Channels a cell makes
//     (`ch := make(chan T)`) are registered; a site that ever operates on
//     any other channel (time.After, a ticker, ctx.Done(), one handed to
//     signal.Notify) or on one the rewrite could not see is marked
//     external, and a goroutine waiting there never counts as stuck.
//
// Timers and context callbacks that will run cell code later
// (time.AfterFunc, context.AfterFunc) are counted while pending: the check
// stays silent while any is.

// LabelKey is the pprof label that marks goroutines running cell code.
// Its value is LabelCell, or "s<n>" for the site where it last waited.
const (
	LabelKey  = "golessons"
	LabelCell = "cell"
)

// cellLabels labels a goroutine that runs cell code.
var cellLabels = pprof.WithLabels(context.Background(), pprof.Labels(LabelKey, LabelCell))

// CellLabels is the context whose labels mark cell goroutines; the
// worker labels the goroutine that calls Eval with it, and every
// goroutine the cell starts inherits the labels.
func CellLabels() context.Context { return cellLabels }

// Site is a place in cell code where a goroutine can wait.
type Site struct {
	Cell      int    // the evaluator's count of user cells, from 1
	Line, Col int    // in that cell
	Op        string // "send", "recv", "select", "range" or "call"
	Cases     int    // for "select": the number of cases
	Code      string // the statement, one line
	// External: some channel used here was not made by a cell, or could
	// not be checked; a goroutine waiting here may be woken from outside.
	External bool
	// NilChan: a nil channel was used here (blocks forever).
	NilChan bool
}

// site is a Site with the state the helpers update from cell goroutines.
type site struct {
	Site
	external, nilChan atomic.Bool
	labels            context.Context

	// The channels waited on here (leftover.go); last skips the lock and
	// the registry when a loop waits on the same channel again (it keeps
	// that one channel alive).
	last    atomic.Pointer[byte]
	chanMu  sync.Mutex
	chans   []weak.Pointer[byte]
	tooMany bool
}

// watch is the per-Evaluator state of the deadlock check.
type watch struct {
	mu    sync.RWMutex
	sites []*site
	// view is sites as the helpers read it, without the lock: an append
	// publishes a new slice header.
	view    atomic.Pointer[[]*site]
	cell    int                            // user cells started
	made    map[uintptr]weak.Pointer[byte] // channels made by cells
	madeMax int                            // prune made when it grows past this
	final   map[*unit]finalSite            // final expressions with a wait
	pending atomic.Int64                   // AfterFunc callbacks not run yet
	aborted atomic.Pointer[Error]          // why the running cell was stopped
	imports map[string]string              // name → path of the cell being rewritten
	dones   []chan struct{}                // yaegi done channels of runs that left goroutines
	alive   atomic.Int64                   // goroutines of go statements running (begin/end)
}

// finalSite is the site of a cell's final expression and its channels.
type finalSite struct {
	id    int
	stmts []ast.Stmt // the labelling calls, run first to classify the channels
}

// errAborted is the cancel cause when the watch ends a cell.
var errAborted = errors.New("cell aborted by the deadlock check")

// BeginCell counts a user cell; sites rewritten from now on belong to it.
func (e *Evaluator) BeginCell() {
	e.w.mu.Lock()
	e.w.cell++
	e.w.mu.Unlock()
}

// CellNumber is the count of user cells begun.
func (e *Evaluator) CellNumber() int {
	e.w.mu.RLock()
	defer e.w.mu.RUnlock()
	return e.w.cell
}

// SiteOf returns the site a label value names ("s<n>").
func (e *Evaluator) SiteOf(label string) (Site, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(label, "s"))
	if !strings.HasPrefix(label, "s") || err != nil {
		return Site{}, false
	}
	e.w.mu.RLock()
	defer e.w.mu.RUnlock()
	if n < 0 || n >= len(e.w.sites) {
		return Site{}, false
	}
	s := e.w.sites[n]
	out := s.Site
	out.External, out.NilChan = s.external.Load(), s.nilChan.Load()
	return out, true
}

// PendingCallbacks is the number of time.AfterFunc and context.AfterFunc
// callbacks of cells that have not run yet.
func (e *Evaluator) PendingCallbacks() int64 { return e.w.pending.Load() }

// Abort ends the running cell now with err. Interpreted goroutines stop
// at their next operation, as on an interrupt; a goroutine blocked in a
// compiled call (wg.Wait, mu.Lock) stays blocked, abandoned. It reports
// whether a cell was running.
func (e *Evaluator) Abort(err *Error) bool {
	if e.debugStopped() { // waiting at a breakpoint is no deadlock
		return false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.running || e.cancel == nil {
		return false
	}
	e.w.aborted.Store(err)
	e.cancel(errAborted)
	return true
}

// abortError is the error of a cell that Abort stopped, or nil.
func (e *Evaluator) abortError(cctx context.Context) *Error {
	if !errors.Is(context.Cause(cctx), errAborted) {
		return nil
	}
	// Goroutines the cell's earlier units started wait on those runs'
	// done channels, which the cancel did not close.
	e.closeDones()
	return e.w.aborted.Swap(nil)
}

// addSite records a site and returns its number.
func (e *Evaluator) addSite(s Site) int {
	e.w.mu.Lock()
	defer e.w.mu.Unlock()
	s.Cell = e.w.cell
	n := len(e.w.sites)
	st := &site{Site: s, labels: pprof.WithLabels(context.Background(), pprof.Labels(LabelKey, "s"+strconv.Itoa(n)))}
	st.external.Store(s.External)
	e.w.sites = append(e.w.sites, st)
	view := e.w.sites
	e.w.view.Store(&view)
	return n
}

func (e *Evaluator) siteAt(n int) *site {
	v := e.w.view.Load()
	if v == nil || n < 0 || n >= len(*v) {
		return nil
	}
	return (*v)[n]
}

// at labels the calling goroutine with site n (a wait with no channel).
func (e *Evaluator) at(n int) {
	if s := e.siteAt(n); s != nil {
		pprof.SetGoroutineLabels(s.labels)
	}
}

// atChan is at for a wait on ch, which it also classifies.
func (e *Evaluator) atChan(n int, ch any) {
	s := e.siteAt(n)
	if s == nil {
		return
	}
	v := reflect.ValueOf(ch)
	switch {
	case !v.IsValid(), v.Kind() == reflect.Chan && v.IsNil():
		// yaegi passes a nil channel as a nil interface
		s.nilChan.Store(true)
	case v.Kind() != reflect.Chan:
		// range over a slice or map: nothing to classify
	case (*byte)(v.UnsafePointer()) == s.last.Load():
		// the channel of the last wait here, already classified
	case !e.madeByCell(v.UnsafePointer()):
		s.external.Store(true)
	default:
		p := (*byte)(v.UnsafePointer())
		s.last.Store(p)
		s.noteChan(unsafe.Pointer(p))
	}
	pprof.SetGoroutineLabels(s.labels)
}

// fresh gives the calling goroutine the plain cell label again, before it
// runs code whose waits carry no site (a teacher's package).
func fresh() { pprof.SetGoroutineLabels(cellLabels) }

// made registers a channel a cell made (interp.Options.ChanMade): one
// made in a struct literal or a constructor's result counts too.
func (e *Evaluator) made(ch any) {
	v := reflect.ValueOf(ch)
	if !v.IsValid() || v.Kind() != reflect.Chan || v.IsNil() {
		return
	}
	p := v.UnsafePointer()
	e.w.mu.Lock()
	defer e.w.mu.Unlock()
	if e.w.made == nil {
		e.w.made, e.w.madeMax = map[uintptr]weak.Pointer[byte]{}, 1024
	}
	if len(e.w.made) >= e.w.madeMax {
		for k, wp := range e.w.made {
			if wp.Value() == nil {
				delete(e.w.made, k)
			}
		}
		e.w.madeMax = max(1024, 2*len(e.w.made))
	}
	e.w.made[uintptr(p)] = weak.Make((*byte)(p))
}

// madeByCell reports whether the live channel at p was made by a cell.
// The weak pointer tells a channel apart from a later one at the same
// address: it reads nil once the first is gone.
func (e *Evaluator) madeByCell(p unsafe.Pointer) bool {
	e.w.mu.RLock()
	wp, ok := e.w.made[uintptr(p)]
	e.w.mu.RUnlock()
	return ok && unsafe.Pointer(wp.Value()) == p
}

// unmade drops a channel from the registry: compiled code outside the
// cells may send on it (signal.Notify).
func (e *Evaluator) unmade(ch any) {
	v := reflect.ValueOf(ch)
	if !v.IsValid() || v.Kind() != reflect.Chan || v.IsNil() {
		return
	}
	e.w.mu.Lock()
	delete(e.w.made, uintptr(v.UnsafePointer()))
	e.w.mu.Unlock()
}

// watchSymbols adds the helpers the rewrite calls to the runtime package.
func (e *Evaluator) watchSymbols(m map[string]reflect.Value) {
	m["At"] = reflect.ValueOf(e.at)
	m["AtChan"] = reflect.ValueOf(e.atChan)
	m["Fresh"] = reflect.ValueOf(fresh)
	m["Begin"] = reflect.ValueOf(e.begin)
	m["End"] = reflect.ValueOf(e.end)
}

// watchOverrides wraps the standard calls that let code outside the
// cells' goroutines wake them later.
func (e *Evaluator) watchOverrides(x map[string]map[string]reflect.Value) {
	if t := x["time/time"]; t != nil {
		t["AfterFunc"] = reflect.ValueOf(e.afterFunc)
	}
	if c := x["context/context"]; c != nil {
		c["AfterFunc"] = reflect.ValueOf(e.contextAfterFunc)
	}
	if s := x["os/signal/signal"]; s != nil {
		s["Notify"] = reflect.ValueOf(func(c chan<- os.Signal, sig ...os.Signal) {
			e.unmade(c)
			signal.Notify(c, sig...)
		})
	}
}

// afterFunc is time.AfterFunc counting its callback as pending until it
// runs, or until the timer is garbage (stopped and dropped). The callback
// runs labelled as cell code.
func (e *Evaluator) afterFunc(d time.Duration, f func()) *time.Timer {
	done := e.pendingCallback()
	t := time.AfterFunc(d, func() {
		done()
		pprof.SetGoroutineLabels(cellLabels)
		f()
	})
	runtime.AddCleanup(t, func(done func()) { done() }, done)
	return t
}

// contextAfterFunc is context.AfterFunc with the same counting; stop
// returning true ends the wait too.
func (e *Evaluator) contextAfterFunc(ctx context.Context, f func()) func() bool {
	done := e.pendingCallback()
	stop := context.AfterFunc(ctx, func() {
		done()
		pprof.SetGoroutineLabels(cellLabels)
		f()
	})
	return func() bool {
		ok := stop()
		if ok {
			done()
		}
		return ok
	}
}

// pendingCallback counts one pending callback and returns its one-shot
// completion.
func (e *Evaluator) pendingCallback() func() {
	e.w.pending.Add(1)
	var once sync.Once
	return func() { once.Do(func() { e.w.pending.Add(-1) }) }
}

// LiveGoroutines is the number of goroutines started by cells (with a go
// statement) that have not returned. It is counted by a compiled deferred
// call (see begin), which runs however the goroutine ends: the
// interpreted guard's count (e.live) misses goroutines that an interrupt,
// the deadlock check or StopAll stopped.
func (e *Evaluator) LiveGoroutines() int {
	return int(e.w.alive.Load())
}

// GoStatements counts the go statements cells have run whose goroutine's
// guard has not run: it grows at the go statement itself, before the
// goroutine starts, and stays high for goroutines an interrupt stopped.
// Compare two readings.
func (e *Evaluator) GoStatements() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.live
}

// begin starts a goroutine of a cell: `defer __glrt.End(__glrt.Begin())`
// as the first statement of its body. The label is the plain cell label,
// so a site label inherited from its parent is not taken for its own.
func (e *Evaluator) begin() int {
	pprof.SetGoroutineLabels(cellLabels)
	e.w.alive.Add(1)
	return 0
}

// end is begin's deferred half.
func (e *Evaluator) end(int) { e.w.alive.Add(-1) }
