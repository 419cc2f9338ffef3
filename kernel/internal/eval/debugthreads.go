package eval

import (
	"bytes"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"golessons/third_party/yaegi/interp"
)

// Goroutines as the debugger shows them. yaegi gives a goroutine its own
// debug routine only for `go f(x)` with f a declared function; the cells'
// goroutines start as closures (the recover guard, see rewrite.go), which
// yaegi runs as compiled wrappers, so they share the routine of the code
// that made them: one resume channel, one step mode. So the session tells
// goroutines apart itself, by Go goroutine id, and a stopped goroutine
// waits inside the event callback on a channel of its own; yaegi's resume
// channel is only a turnstile that every callback return goes through.
// yaegi's step mode is shared, so while any goroutine steps the mode is
// "step into" for all of them and the callback decides, per goroutine,
// where a DAP step ends.

// thread is a goroutine of the debugged cells (a DAP thread).
type thread struct {
	id   int
	name string
	// ev and cmd are set while the goroutine is stopped: it waits in
	// the event callback for a command (a Step* constant).
	ev  *interp.DebugEvent
	cmd chan string
	// step is the step in progress, nil when running freely.
	step *stepOrigin
	// paused is the last pause (debugSession.pauseGen) it stopped for.
	paused int
}

// stepOrigin is where a goroutine was when a step began.
type stepOrigin struct {
	mode  string
	file  string
	line  int
	depth int
}

// where is the position of an event's goroutine; depth counts the cell's
// own frame, which yaegi's frame walk leaves out below a call.
func where(ev *interp.DebugEvent) stepOrigin {
	fr := ev.Frames(0, 1)
	if len(fr) == 0 {
		return stepOrigin{}
	}
	pos := fr[0].Position()
	depth := ev.FrameDepth()
	if fr[0].Name() != "<init>" {
		depth++
	}
	return stepOrigin{file: pos.Filename, line: pos.Line, depth: depth}
}

// event is yaegi's debug event callback; it runs on the goroutine the
// event is about, before yaegi makes that goroutine wait on its routine's
// resume channel.
func (s *debugSession) event(ev *interp.DebugEvent) {
	switch ev.Reason() {
	case interp.DebugTerminate:
		s.mu.Lock()
		if s.ended != nil {
			close(s.ended)
			s.ended = nil
		}
		s.mu.Unlock()
		return
	case interp.DebugEnterGoRoutine, interp.DebugExitGoRoutine:
		return // not every goroutine has these: see above
	}
	r, ok := routineOf(ev)
	if !ok {
		// Not yaegi v0.16.1's layout (the layout test fails first): let
		// the goroutine run on rather than wait for good.
		s.mu.Lock()
		dbg := s.dbg
		s.mu.Unlock()
		go dbg.Continue(ev.GoRoutine()) //nolint:errcheck // best effort
		return
	}
	gid, fromCell := goroutineIdentity()
	s.mu.Lock()
	dbg := s.dbg
	if s.inspecting[gid] {
		s.mu.Unlock()
		go func() { r.resume <- struct{}{} }()
		return
	}
	known := len(s.threads)
	t := s.threadLocked(gid, fromCell, ev)
	if len(s.threads) > known {
		s.cfg.Notify(DebugNote{Kind: "started", Thread: t.id}) // Notify must not block
	}
	reason, stop := "", false
	at := where(ev)
	fn := ""
	if fr := ev.Frames(0, 1); len(fr) > 0 {
		fn = fr[0].Name()
	}
	file, inCell := s.cellFileLocked(at.file, fn)
	if inCell {
		at.file = file
	}
	switch {
	case s.draining || s.detached:
	case ev.Reason() == interp.DebugBreak:
		reason, stop = "breakpoint", true
	case s.pausing && t.paused < s.pauseGen:
		// A pause stops each goroutine once, at a line of a cell: in
		// code that is no cell's (a rewrite's wrapper, a package) it
		// goes on, with events at every node, until it reaches one.
		if inCell && at.line > 0 {
			t.paused = s.pauseGen
			reason, stop = "pause", true
		}
	case t.step != nil && inCell && at.line > 0:
		reason, stop = "step", stepEnds(*t.step, at)
	}
	if !stop {
		s.passLocked(dbg, r)
		s.mu.Unlock()
		return
	}
	cmd := make(chan string, 1)
	t.step, t.ev, t.cmd = nil, ev, cmd
	s.mu.Unlock()
	s.cfg.Notify(DebugNote{Kind: "stopped", Thread: t.id, Reason: reason})
	how := <-cmd
	s.mu.Lock()
	t.ev, t.cmd = nil, nil
	if how != StepContinue && !s.draining && !s.detached {
		from := at
		from.mode = how
		t.step = &from
	}
	s.passLocked(dbg, r)
	s.mu.Unlock()
}

// stepEnds says whether a goroutine stepping from `from` stops at `at`:
// yaegi steps node by node, a DAP step goes to another line.
func stepEnds(from, at stepOrigin) bool {
	moved := at.file != from.file || at.line != from.line || at.depth != from.depth
	switch from.mode {
	case StepIn:
		return moved
	case StepOver:
		return moved && at.depth <= from.depth
	case StepOut:
		return at.depth < from.depth
	}
	return false
}

// passLocked lets a goroutine whose event callback returns go on through
// its routine's resume channel, after setting the routine's mode: "step
// into" while any goroutine steps, "run" (events only at breakpoints)
// otherwise. A function's frame takes the routine of the frame it was
// declared in, not its caller's, so a step may go on in any routine: when
// the mode changes, every live routine changes with it, and a routine
// that has left the live table (its goroutine ended, closures it started
// run on) follows at its next event. The mode is written here, under
// s.mu, never by a goroutine started for the send: a late write would
// undo a newer one and a step would never stop again.
func (s *debugSession) passLocked(dbg *interp.Debugger, r routine) {
	mode := debugRun
	if s.steppingLocked() || s.pausing {
		mode = interp.DebugStepInto
	}
	if mode != s.mode {
		s.mode = mode
		for _, lr := range liveRoutines(dbg) {
			*lr.mode = mode
		}
	}
	*r.mode = mode
	go func() { r.resume <- struct{}{} }()
}

// steppingLocked reports whether a goroutine is in a step.
func (s *debugSession) steppingLocked() bool {
	for _, t := range s.allLocked() {
		if t.step != nil {
			return true
		}
	}
	return false
}

// threadLocked returns the thread of Go goroutine gid, registering it.
func (s *debugSession) threadLocked(gid int64, fromCell bool, ev *interp.DebugEvent) *thread {
	if fromCell {
		return s.main
	}
	if t, ok := s.threads[gid]; ok {
		return t
	}
	name := "goroutine"
	if frames, start := goroutineFrames(s.framesLocked(ev), false); len(frames) > 0 {
		name = strings.TrimPrefix(frames[len(frames)-1].Name, "go ")
		if start > 0 {
			name += fmt.Sprintf(" (line %d)", start)
		}
	}
	t := &thread{id: s.nextID, name: name, paused: s.pauseGen}
	if s.pausing {
		t.paused-- // started during a pause: it stops as well
	}
	s.nextID++
	s.threads[gid] = t
	return t
}

// goroutineIdentity returns the running goroutine's id and whether it
// runs a cell's own statements (yaegi starts one per unit).
func goroutineIdentity() (int64, bool) {
	buf := make([]byte, 16<<10)
	buf = buf[:runtime.Stack(buf, false)]
	id := goroutineID(buf)
	return id, bytes.Contains(buf, []byte("created by golessons/third_party/yaegi/interp.(*Interpreter).ExecuteWithContext"))
}

// goroutineID parses "goroutine 12 [running]:".
func goroutineID(stack []byte) int64 {
	f := bytes.Fields(stack)
	if len(f) < 2 {
		return 0
	}
	n, _ := strconv.ParseInt(string(f[1]), 10, 64)
	return n
}

// drain resumes every stopped goroutine of a cancelled cell, and every one
// that stops until the cell ends, so that the interrupt can finish it.
func (s *debugSession) drain() {
	s.mu.Lock()
	s.draining = true
	s.mu.Unlock()
	s.resumeAll()
}

// resumeAll continues every stopped goroutine.
func (s *debugSession) resumeAll() {
	s.mu.Lock()
	var ids []int
	var cmds []chan string
	s.pausing = false
	for _, t := range s.allLocked() {
		t.step = nil
		if t.cmd != nil {
			ids, cmds = append(ids, t.id), append(cmds, t.cmd)
			t.cmd = nil
		}
	}
	s.mu.Unlock()
	for i, cmd := range cmds {
		s.cfg.Notify(DebugNote{Kind: "continued", Thread: ids[i]})
		cmd <- StepContinue
	}
}

// allLocked lists the threads by id, the cell's first.
func (s *debugSession) allLocked() []*thread {
	out := []*thread{s.main}
	for _, t := range s.threads {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// byIDLocked finds a thread.
func (s *debugSession) byIDLocked(id int) *thread {
	for _, t := range s.allLocked() {
		if t.id == id {
			return t
		}
	}
	return nil
}

// debugStopped reports whether a goroutine sits at a breakpoint or step:
// the deadlock check must not take that wait for a deadlock.
func (e *Evaluator) debugStopped() bool {
	s := e.session()
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.allLocked() {
		if t.cmd != nil {
			return true
		}
	}
	return false
}

// DebugThread is a goroutine of the debugged cells.
type DebugThread struct {
	ID      int
	Name    string
	Stopped bool
}

// DebugThreads lists the cell's own thread and the goroutines seen at a
// breakpoint or step during the running cell (yaegi does not report the
// start of every goroutine, so a goroutine is listed once it stops).
func (e *Evaluator) DebugThreads() []DebugThread {
	s := e.session()
	if s == nil {
		return nil
	}
	live := liveGoroutines()
	s.mu.Lock()
	defer s.mu.Unlock()
	for gid, t := range s.threads { // yaegi does not report their ends
		if t.ev == nil && !live[gid] {
			delete(s.threads, gid)
		}
	}
	var out []DebugThread
	for _, t := range s.allLocked() {
		out = append(out, DebugThread{ID: t.id, Name: fmt.Sprintf("goroutine %d: %s", t.id, t.name), Stopped: t.ev != nil})
	}
	return out
}

// liveGoroutines returns the ids of the process's goroutines.
func liveGoroutines() map[int64]bool {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	live := map[int64]bool{}
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		live[goroutineID(g)] = true
	}
	return live
}

// DebugResume continues a stopped goroutine, or steps it (StepOver,
// StepIn, StepOut).
func (e *Evaluator) DebugResume(thread int, how string) error {
	switch how {
	case StepContinue, StepOver, StepIn, StepOut:
	default:
		return fmt.Errorf("unknown way to resume: %q", how)
	}
	s := e.session()
	if s == nil {
		return errNoSession
	}
	s.mu.Lock()
	t := s.byIDLocked(thread)
	if t == nil || t.cmd == nil {
		s.mu.Unlock()
		return fmt.Errorf("goroutine %d is not stopped", thread)
	}
	cmd := t.cmd
	t.cmd = nil // one command per stop
	s.pausing = false
	s.mu.Unlock()
	cmd <- how
	return nil
}

// DebugPause stops every goroutine of the cells at its next line of a
// cell, each once; the next resume or step ends the pause for the
// goroutines that have not reached one (those blocked on a channel, say).
// DAP's pause names one thread, but the goroutines of a cell share yaegi
// routines, so all of them are asked.
func (e *Evaluator) DebugPause(thread int) error {
	s := e.session()
	if s == nil {
		return errNoSession
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dbg == nil || s.file == "" {
		return fmt.Errorf("no cell is running")
	}
	live := liveRoutines(s.dbg)
	if len(live) == 0 {
		return fmt.Errorf("goroutine %d is not running", thread)
	}
	s.pausing = true
	s.pauseGen++
	s.mode = interp.DebugStepInto
	for _, r := range live {
		*r.mode = interp.DebugStepInto
	}
	return nil
}
