package eval

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"
	"unsafe"

	"golessons/third_party/yaegi/interp"
)

// DebugVar is a variable of a stopped frame or a global.
type DebugVar struct {
	Name  string
	Value reflect.Value
}

// DebugGlobals returns the user's variables with their values.
func (e *Evaluator) DebugGlobals() []DebugVar {
	g := e.globals()
	var out []DebugVar
	for _, sym := range e.Symbols() {
		if sym.Kind != "var" {
			continue
		}
		if v, ok := g[sym.Name]; ok && v.IsValid() {
			out = append(out, DebugVar{Name: sym.Name, Value: v})
		}
	}
	return out
}

// DebugTypeName is the Go name of a value's type, cell types by their
// declared names.
func (e *Evaluator) DebugTypeName(t reflect.Type) string {
	return strings.ReplaceAll(e.names.typeName(t), "main.", "")
}

// DebugRich shows the value of a user variable as the cell's final value
// would show (String, HTML, SVG... methods honoured). It runs interpreted
// code, so only between cells.
func (e *Evaluator) DebugRich(ctx context.Context, name string) (map[string]any, error) {
	if !identifier.MatchString(name) {
		return nil, fmt.Errorf("%q is not a variable name", name)
	}
	s := e.session()
	if s == nil {
		return nil, errNoSession // without a session nothing tells whether a cell runs
	}
	if !s.busy.TryLock() {
		return nil, errors.New("a cell is running")
	}
	defer s.busy.Unlock()
	e.dbgs.mu.Lock()
	busy := e.dbgs.richBusy
	e.dbgs.richBusy = true
	e.dbgs.mu.Unlock()
	if busy {
		return nil, errors.New("another inspection is running")
	}
	defer func() {
		e.dbgs.mu.Lock()
		e.dbgs.richBusy = false
		e.dbgs.mu.Unlock()
	}()
	// The value's methods run under the session's debugger: a breakpoint
	// in them must not stop an inspection.
	s.mu.Lock()
	s.draining = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.draining = false
		s.mu.Unlock()
	}()
	return e.run(ctx, name, false)
}

var identifier = regexp.MustCompile(`^[\pL_][\pL\pN_]*$`)

// routine is yaegi's debug state shared by the goroutines of one debug
// routine: the step mode its run loop reads before every node, and the
// channel a goroutine waits on after each event. yaegi v0.16.1 sets the
// mode only together with a blocking send (Continue, Step) or by routine
// id (Interrupt), and an id is not enough: a routine stays in use by the
// closures it started after its own goroutine ended and left the live
// table. So both are reached by reflection (TestDebugYaegiLayoutIsAsExpected
// pins the layout: a yaegi upgrade that changes it fails loudly).
type routine struct {
	mode   *interp.DebugEventReason
	resume chan struct{}
}

// routineOf returns the routine of the goroutine an event is about.
func routineOf(ev *interp.DebugEvent) (routine, bool) {
	fr := reflect.ValueOf(ev).Elem().FieldByName("frame")
	if !fr.IsValid() || fr.IsNil() {
		return routine{}, false
	}
	d := fr.Elem().FieldByName("debug")
	if !d.IsValid() || d.IsNil() {
		return routine{}, false
	}
	g := d.Elem().FieldByName("g")
	if !g.IsValid() || g.IsNil() {
		return routine{}, false
	}
	return routineAt(g)
}

// liveRoutines returns the routines in the debugger's live table.
func liveRoutines(dbg *interp.Debugger) []routine {
	d := reflect.ValueOf(dbg).Elem()
	lockF, liveF := d.FieldByName("gLock"), d.FieldByName("gLive")
	if !lockF.IsValid() || !liveF.IsValid() {
		return nil
	}
	lock := (*sync.Mutex)(unsafe.Pointer(lockF.Pointer()))
	lock.Lock()
	defer lock.Unlock()
	var out []routine
	for it := liveF.MapRange(); it.Next(); {
		if r, ok := routineAt(it.Value()); ok {
			out = append(out, r)
		}
	}
	return out
}

// routineAt reads a *debugRoutine.
func routineAt(g reflect.Value) (routine, bool) {
	if g.Kind() != reflect.Pointer || g.IsNil() {
		return routine{}, false
	}
	m, rf := g.Elem().FieldByName("mode"), g.Elem().FieldByName("resume")
	if !m.IsValid() || !rf.IsValid() || m.Type() != reflect.TypeFor[interp.DebugEventReason]() {
		return routine{}, false
	}
	return routine{
		mode:   (*interp.DebugEventReason)(unsafe.Pointer(m.UnsafeAddr())),
		resume: *(*chan struct{})(unsafe.Pointer(rf.UnsafeAddr())),
	}, true
}

// debugRun is yaegi's unexported "run freely" mode (its zero value).
const debugRun interp.DebugEventReason = 0

// waitDebugGone waits (at most a second) for yaegi's Debug goroutine of an
// ended session to finish removing its debugger, so it cannot remove the
// next session's.
func waitDebugGone() {
	for i := 0; i < 200; i++ {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		if !bytes.Contains(buf[:n], []byte("created by golessons/third_party/yaegi/interp.(*Interpreter).Debug ")) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// debugFiles are the cell files of debug sessions; messages drop them as
// they drop the plain cell file name.
var debugFiles fileSet

type fileSet struct {
	mu    sync.RWMutex
	files map[string]bool
	any   bool
}

func (fs *fileSet) add(f string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.files == nil {
		fs.files = map[string]bool{}
	}
	fs.files[f], fs.any = true, true
}

// strip removes "file:" prefixes of debug cell files from s.
func (fs *fileSet) strip(s string) string {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	if !fs.any {
		return s
	}
	for f := range fs.files {
		s = strings.ReplaceAll(s, f+":", "")
	}
	return s
}

// NumFields is t.NumField() for a struct type, less the field the
// interpreter gives an empty struct type of the cells to carry its name
// (third_party/yaegi EmptyStructField): the fields a cell declared.
func NumFields(t reflect.Type) int {
	if t.NumField() == 1 && t.Field(0).Name == interp.EmptyStructField {
		return 0
	}
	return t.NumField()
}

// DebugFieldNames are the declared field names of a cell struct type, in
// order, or nil when t is not one (its reflect names are then right).
func (e *Evaluator) DebugFieldNames(t reflect.Type) []string {
	_, quoted := e.names.lookup(t)
	var out []string
	for _, q := range quoted {
		out = append(out, strings.Trim(q, `"`))
	}
	return out
}
