package eval

import (
	"fmt"
	"go/token"
	"reflect"
	"regexp"
	"strings"
	"unsafe"

	"golessons/third_party/yaegi/interp"
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
	progs := s.progs[file]
	if len(progs) == 0 { // a cell that ran before the session
		progs = s.earlierLocked(file)
	}
	for _, p := range progs {
		for i, b := range setBreakpoints(s.dbg, s.fset, p, reqs)[1:] {
			ok[i] = ok[i] || b.Valid
		}
	}
	return ok
}

// debugCompiled records a program compiled for the running cell and sets
// its breakpoints before it runs.
func (e *Evaluator) debugCompiled(p *interp.Program) {
	e.dbgs.mu.Lock()
	if e.dbgs.code != "" {
		if e.dbgs.byCode == nil {
			e.dbgs.byCode = map[string][]*interp.Program{}
		}
		e.dbgs.byCode[e.dbgs.code] = append(e.dbgs.byCode[e.dbgs.code], p)
	}
	s := e.dbgs.s
	e.dbgs.mu.Unlock()
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == "" {
		return
	}
	s.progs[s.file] = append(s.progs[s.file], p)
	if s.dbg != nil {
		showBlockLocals(e.i, p)
	}
	if lines := s.bps[s.file]; len(lines) > 0 && s.dbg != nil {
		setBreakpoints(s.dbg, s.fset, p, breakLines(lines))
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
func setBreakpoints(dbg *interp.Debugger, fset *token.FileSet, p *interp.Program, reqs []interp.BreakpointRequest) []interp.Breakpoint {
	root := field(reflect.ValueOf(p).Elem(), "root")
	if !root.IsValid() {
		return make([]interp.Breakpoint, len(reqs))
	}
	defer breakBeforeStatements(root, fset)
	if bps, ok := trySetBreakpoints(dbg, interp.ProgramBreakpointTarget(p), reqs); ok {
		return bps
	}
	out := make([]interp.Breakpoint, len(reqs))
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

// breakMovable are the statements whose breakpoint moves to their first node.
var breakMovable = map[string]bool{"assignStmt": true, "assignXStmt": true, "defineStmt": true, "defineXStmt": true,
	"returnStmt": true, "sendStmt": true, "incDecStmt": true, "callExpr": true, "goStmt": true}

// breakBeforeStatements moves each line breakpoint yaegi put on a simple
// statement to the statement's first node in execution order: yaegi flags
// the statement node, which runs last, so `r := f(x)` would stop after f
// had run. Loops and conditions keep theirs (their node is the check
// that runs on every pass).
func breakBeforeStatements(root reflect.Value, fset *token.FileSet) {
	defer func() { _ = recover() }() // a layout surprise leaves yaegi's choice
	var flagged []reflect.Value
	var walk func(n reflect.Value)
	walk = func(n reflect.Value) {
		if !n.IsValid() || n.IsNil() {
			return
		}
		if d := field(n.Elem(), "debug"); !d.IsNil() && field(d.Elem(), "breakOnLine").Bool() {
			flagged = append(flagged, n)
		}
		kids := field(n.Elem(), "child")
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i))
		}
	}
	walk(root)
	for _, n := range flagged {
		if !breakMovable[fmt.Sprint(field(n.Elem(), "kind").Interface())] {
			continue
		}
		st := field(n.Elem(), "start")
		if st.IsNil() || st.Pointer() == n.Pointer() || field(st.Elem(), "exec").IsNil() {
			continue
		}
		at, from := fset.Position(token.Pos(field(st.Elem(), "pos").Int())), fset.Position(token.Pos(field(n.Elem(), "pos").Int()))
		if at.Filename != from.Filename || at.Line != from.Line {
			continue
		}
		field(field(n.Elem(), "debug").Elem(), "breakOnLine").SetBool(false)
		sd := field(st.Elem(), "debug")
		if sd.IsNil() {
			sd.Set(reflect.New(sd.Type().Elem()))
		}
		field(sd.Elem(), "breakOnLine").SetBool(true)
	}
}

// earlierLocked returns the programs of the cell whose file is file,
// compiled before the session (under the plain cell file name).
func (s *debugSession) earlierLocked(file string) []*interp.Program {
	s.state.mu.Lock()
	defer s.state.mu.Unlock()
	for code, progs := range s.state.byCode {
		if s.cfg.FileOf(code) == file {
			return progs
		}
	}
	return nil
}

// cellFileLocked returns the cell file of code at pos in function fn, and
// whether it is a cell's code. Cells that ran before the session were
// compiled under the plain cell file name: their functions are found by
// name among the cells' sources.
func (s *debugSession) cellFileLocked(file, fn string) (string, bool) {
	if s.files[file] {
		return file, true
	}
	if file != cellFile || fn == "" || strings.HasPrefix(fn, "__gl") || strings.HasPrefix(fn, "<") {
		return "", false
	}
	decl := regexp.MustCompile(`(?m)^func\s+(\([^)]*\)\s*)?` + regexp.QuoteMeta(fn) + `\s*[\[(]`)
	s.state.mu.Lock()
	defer s.state.mu.Unlock()
	found := ""
	for code := range s.state.byCode {
		if decl.MatchString(code) {
			if found != "" {
				return "", false // declared in two cells: which one ran is unknown
			}
			found = code
		}
	}
	if found == "" {
		return "", false
	}
	return s.cfg.FileOf(found), true
}

// showBlockLocals makes the cell's frame list the variables of the unit
// about to run. A unit of statements is a block at top level whose
// variables live in the root frame, but yaegi gives the root frame no
// scope, so a stop in the cell's own code showed no locals at all.
func showBlockLocals(i *interp.Interpreter, p *interp.Program) {
	defer func() { _ = recover() }() // a layout surprise only loses the locals
	fr := field(reflect.ValueOf(i).Elem(), "frame")
	if !fr.IsValid() || fr.IsNil() {
		return
	}
	d := field(fr.Elem(), "debug")
	root := field(reflect.ValueOf(p).Elem(), "root")
	if d.IsNil() || root.IsNil() {
		return
	}
	sc := field(root.Elem(), "scope")
	if sc.IsNil() {
		return
	}
	field(d.Elem(), "scope").Set(sc)
}
