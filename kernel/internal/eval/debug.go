package eval

import (
	"context"
	"errors"
	"fmt"
	"go/token"
	"reflect"
	"runtime/pprof"
	"sync"

	"golessons/third_party/yaegi/interp"
)

// The debugger runs on yaegi's interp.Debugger, with one such debugger for
// a whole debug session rather than one per unit: yaegi's Debug goroutine
// clears the interpreter's debugger when it ends, unsynchronised, so a
// second Debug started while the first one's goroutines live would be
// switched off under the cell's feet. The session's Debug runs a "hold"
// program whose main goroutine waits in a compiled call (debugHold) until
// the session ends; while it waits, every unit runs with the plain
// ExecuteWithContext and yaegi's run loop finds the debugger installed, so
// breakpoints, stepping and goroutine tracking work in code of any unit or
// earlier cell. Without a session the interpreter has no debugger at all:
// no cost when off.

// DebugNote is what the debugger tells its owner. It is sent from the
// goroutine concerned, and the callee must not block.
type DebugNote struct {
	// Kind is "stopped", "continued" (resumed by the evaluator itself: an
	// interrupt or a detach), "started" or "exited" (a goroutine, Thread).
	Kind   string
	Thread int
	// Reason says why a thread stopped: "breakpoint", "step", "pause".
	Reason string
}

// DebugConfig configures a debug session.
type DebugConfig struct {
	// FileOf names the source file a cell's code is compiled under (the
	// frontend's dumpCell path of that exact code). Its base name must be
	// "cell": yaegi scopes imports by the base name of a file, and every
	// cell shares the imports of earlier ones.
	FileOf func(code string) string
	// Notify receives stops and goroutine starts and exits.
	Notify func(DebugNote)
}

// Step kinds for DebugResume.
const (
	StepContinue = "continue"
	StepOver     = "next"
	StepIn       = "stepIn"
	StepOut      = "stepOut"
)

// debugSession is the state of an attached debugger.
type debugSession struct {
	cfg DebugConfig

	// busy is held while a cell runs, so that what must not overlap a
	// cell (running interpreted code for richer inspection) can tell.
	busy sync.Mutex

	mu       sync.Mutex
	dbg      *interp.Debugger // nil until the first cell of the session
	release  chan struct{}    // closed to end the hold program
	held     chan struct{}    // closed once the hold program waits
	ended    chan struct{}    // closed when yaegi's Debug goroutine ends
	file     string           // the running cell's file, "" between cells
	files    map[string]bool  // every cell file of the session
	progs    map[string][]*interp.Program
	bps      map[string][]int
	fset     *token.FileSet          // the interpreter's
	state    *debugState             // the Evaluator's (programs by cell code)
	threads  map[int64]*thread       // by Go goroutine id
	main     *thread                 // DAP thread 1: the cell's own statements
	nextID   int                     // the next DAP thread id
	mode     interp.DebugEventReason // the mode passLocked last gave the routines
	pausing  bool                    // a pause is asked for (DebugPause)
	pauseGen int                     // counts the pauses asked for
	draining bool                    // the cell was cancelled: every stop resumes at once
	// inspecting holds the Go goroutines running a value's methods for
	// DebugRichValue: they never stop.
	inspecting map[int64]bool
	detached   bool
}

// debugState is the Evaluator's part of the debugger (one field there).
type debugState struct {
	mu         sync.Mutex
	s          *debugSession             // the attached session, nil when off
	ended      chan struct{}             // closed when the last session's Debug goroutine ended
	holdLoaded bool                      // the debughold package is imported
	holding    *debugSession             // the session whose hold program starts
	richBusy   bool                      // DebugRich runs interpreted code
	richFns    map[richKey]reflect.Value // DebugRichValue's compiled helpers
	richSet    reflect.Value             // the helper just handed over
	richN      int                       // numbers the helpers' declared funcs
	// code is the cell Eval runs; byCode keeps each cell's programs, so
	// a session attached later can set breakpoints in the functions of
	// cells that ran before it (one pointer per unit: no cost to speak of).
	code   string
	byCode map[string][]*interp.Program
}

// errNoSession is returned by debug calls without an attached session.
var errNoSession = errors.New("the debugger is not attached")

// DebugAttach starts a debug session. The interpreter's debugger is
// installed when the next cell starts, never under a running cell.
func (e *Evaluator) DebugAttach(cfg DebugConfig) error {
	if cfg.FileOf == nil || cfg.Notify == nil {
		return errors.New("debug attach: FileOf and Notify are required")
	}
	e.dbgs.mu.Lock()
	defer e.dbgs.mu.Unlock()
	if e.dbgs.s != nil {
		return nil
	}
	if old := e.dbgs.ended; old != nil {
		select {
		case <-old:
		default:
			return errors.New("the previous debug session is still ending: its cell or goroutines it started still run; try again once they are done (or restart the kernel)")
		}
	}
	e.dbgs.s = &debugSession{cfg: cfg, fset: e.i.FileSet(), state: &e.dbgs, files: map[string]bool{}, progs: map[string][]*interp.Program{},
		bps: map[string][]int{}, threads: map[int64]*thread{}, main: &thread{id: 1, name: "cell"},
		nextID: 2}
	return nil
}

// DebugDetach ends the session: breakpoints are cleared and stopped
// goroutines resume. The interpreter's debugger goes once the running
// cell, if any, ends.
func (e *Evaluator) DebugDetach() {
	s := e.session()
	if s == nil {
		return
	}
	e.dbgs.mu.Lock()
	e.dbgs.s = nil
	e.dbgs.mu.Unlock()
	s.mu.Lock()
	s.detached = true
	for path := range s.bps {
		s.applyLocked(path, nil)
	}
	s.bps = map[string][]int{}
	s.mu.Unlock()
	s.resumeAll()
	if s.busy.TryLock() { // idle: end the hold now
		s.end()
		s.busy.Unlock()
	}
}

// session returns the attached session, or nil.
func (e *Evaluator) session() *debugSession {
	e.dbgs.mu.Lock()
	defer e.dbgs.mu.Unlock()
	return e.dbgs.s
}

// debugCell prepares a cell run under an attached session and returns
// what to do when the cell ends. Eval calls it first.
func (e *Evaluator) debugCell(ctx context.Context, code string) func() {
	e.dbgs.mu.Lock()
	e.dbgs.code = code // programs are kept by cell code, with or without a session
	s := e.dbgs.s
	e.dbgs.mu.Unlock()
	forget := func() {
		e.dbgs.mu.Lock()
		e.dbgs.code = ""
		e.dbgs.mu.Unlock()
	}
	if s == nil {
		return forget
	}
	s.busy.Lock()
	file := s.cfg.FileOf(code)
	s.mu.Lock()
	s.file, s.files[file], s.draining = file, true, false
	s.mu.Unlock()
	debugFiles.add(file)
	if err := s.start(e); err != nil {
		fmt.Fprintf(e.opts.Stderr, "golessons: the debugger could not start: %v\n", err)
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			s.drain()
		case <-done:
		}
	}()
	return func() {
		forget()
		close(done)
		s.mu.Lock()
		s.file = ""
		s.main.step = nil // a step that ran off the cell's end is over
		for gid, t := range s.threads {
			if t.ev == nil { // a goroutine still stopped stays listed
				delete(s.threads, gid)
			}
		}
		detached := s.detached
		s.mu.Unlock()
		if detached {
			s.end()
		}
		s.busy.Unlock()
	}
}

// start installs yaegi's debugger for the session, once.
func (s *debugSession) start(e *Evaluator) error {
	s.mu.Lock()
	if s.dbg != nil || s.detached {
		s.mu.Unlock()
		return nil
	}
	s.release, s.held, s.ended = make(chan struct{}), make(chan struct{}), make(chan struct{})
	s.mu.Unlock()
	e.dbgs.mu.Lock()
	previous := e.dbgs.ended
	e.dbgs.mu.Unlock()
	if previous != nil {
		waitDebugGone()
	}
	prog, err := e.holdProgram()
	if err != nil {
		return err
	}
	started := make(chan *interp.Debugger)
	// The hold and Debug goroutines must not carry the cell's pprof
	// labels, or the deadlock check would count them as the cell's.
	go func() {
		pprof.SetGoroutineLabels(context.Background())
		started <- e.i.Debug(context.Background(), prog, s.event, &interp.DebugOptions{GoRoutineStartAt1: true})
	}()
	dbg := <-started
	e.dbgs.mu.Lock()
	e.dbgs.ended, e.dbgs.holding = s.ended, s
	e.dbgs.mu.Unlock()
	s.mu.Lock()
	s.dbg = dbg
	for file, lines := range s.bps { // set while no debugger existed yet
		s.applyLocked(file, lines)
	}
	s.mu.Unlock()
	if err := dbg.Continue(1); err != nil {
		return err
	}
	<-s.held
	return nil
}

// holdProgram compiles the program that keeps the session's debugger
// installed: a call of debugHold, imported from a package of its own.
func (e *Evaluator) holdProgram() (*interp.Program, error) {
	if !e.dbgs.holdLoaded {
		err := e.i.Use(interp.Exports{"golessons/debughold/debughold": {
			"Hold": reflect.ValueOf(e.debugHold),
		}, "golessons/debugrich/debugrich": {
			"__gl_debugrich_set": reflect.ValueOf(e.debugRichSet),
		}})
		if err != nil {
			return nil, err
		}
		if _, err := e.i.Eval(`import __gl_debughold "golessons/debughold"`); err != nil {
			return nil, err
		}
		// A dot import: yaegi looks named imports up by the file of the
		// position, and DebugRichValue's helpers have none.
		if _, err := e.i.Eval(`import . "golessons/debugrich"`); err != nil {
			return nil, err
		}
		e.dbgs.holdLoaded = true
	}
	return e.i.Compile(`__gl_debughold.Hold()`)
}

// debugHold is the hold program's compiled call. settle.go knows this
// name: an interrupt must not wait for the goroutine blocked here.
func (e *Evaluator) debugHold() {
	e.dbgs.mu.Lock()
	s := e.dbgs.holding
	e.dbgs.mu.Unlock()
	if s == nil {
		return
	}
	s.mu.Lock()
	release, held := s.release, s.held
	s.mu.Unlock()
	close(held)
	<-release
}

// end releases the hold program; yaegi removes its debugger once the
// goroutines started under it are over.
func (s *debugSession) end() {
	s.mu.Lock()
	started := s.release != nil
	if started {
		close(s.release)
		s.release = nil
	}
	s.mu.Unlock()
	if started {
		// Without goroutines left, yaegi's Debug goroutine ends at once;
		// let it finish clearing its debugger before the next cell runs.
		waitDebugGone()
	}
}

// debugFile is the file name the running cell is compiled under: its
// debugger file while a session is attached, else cellFile.
func (e *Evaluator) debugFile() string {
	s := e.session()
	if s == nil {
		return cellFile
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == "" {
		return cellFile
	}
	return s.file
}
