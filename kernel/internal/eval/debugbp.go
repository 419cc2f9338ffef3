package eval

import (
	"reflect"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// DebugBreakpoints sets the line breakpoints of one cell file, replacing
// the earlier ones, and says for each line whether code is there. A file
// whose cell has not run under the debugger keeps its lines and reports
// them unverified until it does.
func (e *Evaluator) DebugBreakpoints(file string, lines []int) ([]bool, error) {
	s := e.session()
	if s == nil {
		return nil, errNoSession
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bps[file] = append([]int(nil), lines...)
	return s.applyLocked(file, lines), nil
}

// applyLocked sets lines on every program compiled from file.
func (s *debugSession) applyLocked(file string, lines []int) []bool {
	ok := make([]bool, len(lines))
	if s.dbg == nil {
		return ok
	}
	reqs := append([]interp.BreakpointRequest{interp.LineBreakpoint(-1)}, breakLines(lines)...) // -1 clears the others
	for _, p := range s.progs[file] {
		for i, b := range setBreakpoints(s.dbg, p, reqs)[1:] {
			ok[i] = ok[i] || b.Valid
		}
	}
	return ok
}

// debugCompiled records a program compiled for the running cell and sets
// its breakpoints before it runs.
func (e *Evaluator) debugCompiled(p *interp.Program) {
	s := e.session()
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == "" {
		return
	}
	s.progs[s.file] = append(s.progs[s.file], p)
	if lines := s.bps[s.file]; len(lines) > 0 && s.dbg != nil {
		setBreakpoints(s.dbg, p, breakLines(lines))
	}
}

func breakLines(lines []int) []interp.BreakpointRequest {
	var reqs []interp.BreakpointRequest
	for _, l := range lines {
		reqs = append(reqs, interp.LineBreakpoint(l))
	}
	return reqs
}

// setBreakpoints sets breakpoints on one program. yaegi's walk panics on
// some nodes that have no code of their own (the call of a defer
// statement), which would lose every breakpoint after it; then the
// subtrees are tried one by one, so only the node that panics is left out.
func setBreakpoints(dbg *interp.Debugger, p *interp.Program, reqs []interp.BreakpointRequest) []interp.Breakpoint {
	if bps, ok := trySetBreakpoints(dbg, interp.ProgramBreakpointTarget(p), reqs); ok {
		return bps
	}
	out := make([]interp.Breakpoint, len(reqs))
	root := field(reflect.ValueOf(p).Elem(), "root")
	if !root.IsValid() {
		return out
	}
	var visit func(n reflect.Value)
	visit = func(n reflect.Value) {
		if bps, ok := trySetBreakpoints(dbg, nodeTarget(n), reqs); ok {
			for i, b := range bps {
				if b.Valid && !out[i].Valid {
					out[i] = b
				}
			}
			return
		}
		kids := field(n.Elem(), "child")
		for i := 0; kids.IsValid() && i < kids.Len(); i++ {
			visit(kids.Index(i))
		}
	}
	visit(root)
	return out
}

func trySetBreakpoints(dbg *interp.Debugger, target interp.BreakpointTarget, reqs []interp.BreakpointRequest) (bps []interp.Breakpoint, ok bool) {
	defer func() {
		if recover() != nil {
			bps, ok = nil, false
		}
	}()
	return dbg.SetBreakpoints(target, reqs...), true
}

// nodeTarget is a breakpoint target of one yaegi node (a *node value).
// BreakpointTarget's callback takes yaegi's unexported *node, so the
// target is made by reflection.
func nodeTarget(n reflect.Value) interp.BreakpointTarget {
	t := reflect.TypeOf(interp.BreakpointTarget(nil))
	fn := reflect.MakeFunc(t, func(args []reflect.Value) []reflect.Value {
		args[1].Call([]reflect.Value{n})
		return nil
	})
	return fn.Interface().(interp.BreakpointTarget)
}

// field reads an unexported field as a value that can be passed on
// (debugger_test.go pins the yaegi layout this relies on).
func field(v reflect.Value, name string) reflect.Value {
	f := v.FieldByName(name)
	if !f.IsValid() || !f.CanAddr() {
		return reflect.Value{}
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}
