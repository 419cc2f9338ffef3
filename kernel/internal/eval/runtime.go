package eval

import (
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/traefik/yaegi/stdlib"
	"github.com/traefik/yaegi/stdlib/syscall"
	"github.com/traefik/yaegi/stdlib/unrestricted"

	"golessons/kernel/internal/stdsyms"
	"golessons/third_party/yaegi/interp"
)

// rtPath is the import path of the compiled helpers used by the prelude
// and the rewrites; not meant for users.
const rtPath = "golessons/kernel/internal/eval"

// prelude is interpreted once per Evaluator. __gl_show hands the final
// value to compiled code (display.Bundle); the rich methods of types
// declared in cells, which reflect cannot see, are called by code
// generated for the final expression (see display.go).
const prelude = `import __glrt "golessons/kernel/internal/eval"
import __glfmt "fmt"
import __glsync "sync"

// __gl_fmtState names fmt.State for the kernel's own code run in later
// files, which import nothing (registerStringers' Format wrappers).
type __gl_fmtState = __glfmt.State

// __gl_AtomicPointer stands in for sync/atomic's Pointer[T], a generic
// type no compiled table can hold (rewrite.StdTypes); a mutex makes each
// operation atomic.
type __gl_AtomicPointer[__glT any] struct {
	mu __glsync.Mutex
	p  *__glT
}

func (x *__gl_AtomicPointer[__glT]) Load() *__glT {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.p
}

func (x *__gl_AtomicPointer[__glT]) Store(val *__glT) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.p = val
}

func (x *__gl_AtomicPointer[__glT]) Swap(val *__glT) *__glT {
	x.mu.Lock()
	defer x.mu.Unlock()
	old := x.p
	x.p = val
	return old
}

func (x *__gl_AtomicPointer[__glT]) CompareAndSwap(old, val *__glT) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.p != old {
		return false
	}
	x.p = val
	return true
}


// min and max stand in for the Go 1.21 builtins, which yaegi lacks.
type __gl_ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 | ~string
}

func min[__glT __gl_ordered](x __glT, ys ...__glT) __glT {
	for _, y := range ys {
		if y != y {
			return y // a NaN, whichever argument it is
		}
		// Go's min of 0.0 and -0.0 is -0.0, whichever comes first.
		if y < x || y == x && __glrt.NegZero(y) {
			x = y
		}
	}
	return x
}

func max[__glT __gl_ordered](x __glT, ys ...__glT) __glT {
	for _, y := range ys {
		if y != y {
			return y
		}
		if y > x || y == x && __glrt.NegZero(x) {
			x = y
		}
	}
	return x
}

// clear stands in for the Go 1.21 builtin.
func clear(v any) {
	__glrt.Clear(v)
}

// __gl_next1 and __gl_next2 give the values of a rewritten
// range-over-func loop their static types (see rangefunc.go); seq is
// only there for the type arguments to be inferred from.
func __gl_next1[__glV any](seq func(func(__glV) bool), p *__glrt.Puller) (__glV, bool) {
	var v __glV
	a, ok := p.Next()
	if ok && a[0] != nil {
		v = a[0].(__glV)
	}
	return v, ok
}

func __gl_next2[__glK, __glV any](seq func(func(__glK, __glV) bool), p *__glrt.Puller) (__glK, __glV, bool) {
	var k __glK
	var v __glV
	a, ok := p.Next()
	if ok && a[0] != nil {
		k = a[0].(__glK)
	}
	if ok && a[1] != nil {
		v = a[1].(__glV)
	}
	return k, v, ok
}

// __gl_Collect and __gl_Sorted are slices.Collect and slices.Sorted
// for a cell's own iterators (see seqCalls).
func __gl_Collect[__glE any](seq func(func(__glE) bool)) []__glE {
	var out []__glE
	seq(func(v __glE) bool {
		out = append(out, v)
		return true
	})
	return out
}

func __gl_Sorted[__glE __gl_ordered](seq func(func(__glE) bool)) []__glE {
	var out []__glE
	seq(func(v __glE) bool {
		i := len(out)
		out = append(out, v)
		for i > 0 && v < out[i-1] {
			out[i] = out[i-1]
			i--
		}
		out[i] = v
		return true
	})
	return out
}

// __gl_new is Go 1.26's new(expr).
func __gl_new[__glT any](v __glT) *__glT {
	return &v
}

func __gl_register(name string, ptr any, fields []string) {
	__glrt.RegisterType(name, ptr, fields)
}

func __gl_stringer(slice any, method string, fn any) {
	__glrt.RegisterStringer(slice, method, fn)
}

func __gl_namedStringer(name, method string, fn any) {
	__glrt.RegisterNamedStringer(name, method, fn)
}

func __gl_errMethod(slice any, method string, fn any) {
	__glrt.RegisterErrMethod(slice, method, fn)
}

func __gl_marshaler(name string, slice any, method string, fn any) {
	__glrt.RegisterMarshaler(name, slice, method, fn)
}

func __gl_xmlMarshaler(name string, slice any, method string, fn any) {
	__glrt.RegisterXMLMarshaler(name, slice, method, fn)
}

// errors.Is and As as cells call them (see errchain.go).
func __gl_errIs(err, target error) bool {
	return __glrt.ErrIs(err, target)
}

func __gl_errAs(err error, target any) bool {
	return __glrt.ErrAs(err, target)
}

func __gl_guard() {
	__glrt.GoEnd(recover())
}

// __gl_dyn hands v to __glrt.Dyn as yaegi's interface value, which
// names v's type: passed from a variable or a field of a cell's
// interface type straight to compiled code, a named non-struct value
// arrives bare (see rewrite.DynArgs).
func __gl_dyn(v any) any {
	return __glrt.Dyn(v)
}

func __gl_show(v any) {
	__glrt.Show(v)
}

func __gl_show2(a, b any) {
	__glrt.ShowPair(a, b)
}
`

// ctxKey is a context key of a cell's type (rewrite.CtxKeys): the
// interpreter gives a `type ctxKey string` no type of its own, so the
// key carries its name.
type ctxKey struct {
	typ string
	v   any
	tn  *typeNames // the cells' methods (one for every key: keys compare equal as before)
}

// String is what context's String methods print of a key, as Go's do:
// the key's own String, else its type's name.
func (k ctxKey) String() string {
	if k.tn != nil && k.v != nil {
		if s, ok := k.tn.namedString(k.typ, k.v); ok {
			return s
		}
		if s, ok := k.tn.stringOf(reflect.ValueOf(k.v)); ok {
			return s
		}
	}
	return k.typ
}

// exitPanic is what interpreted os.Exit panics with, so that the cell
// ends instead of the process.
type exitPanic struct{ code int }

// SkipsDeferred implements interp.Exiting: as in Go, os.Exit runs no
// deferred calls.
func (exitPanic) SkipsDeferred() bool { return true }

// returnPanic is what a return among a cell's statements panics with
// (rewrite.TopLevelReturns): the cell ends there, as main would return.
type returnPanic struct{}

// fatalPanic is what interpreted log.Fatal* panic with, after printing
// the message as log does.
type fatalPanic struct{ msg string }

// SkipsDeferred implements interp.Exiting: log.Fatal is os.Exit(1).
func (fatalPanic) SkipsDeferred() bool { return true }

// useSymbols loads the standard library tables, the overrides that keep
// the process alive and talking to opts.Stdin, the helpers and
// opts.Symbols.
func (e *Evaluator) useSymbols() error {
	exports := interp.Exports{}
	for k, v := range stdlib.Symbols {
		switch k {
		case "slices/slices", "maps/maps", "cmp/cmp":
			// Empty tables in yaegi: drop them so the source shims are used.
			continue
		case "fmt/fmt":
			// Any Use call holding the key "fmt/fmt" makes yaegi compile
			// its own generic slices/maps sources, which fail on everyday
			// calls and would shadow the shims. "fmt/./fmt" names the same
			// package (yaegi splits the key with path.Dir/path.Base).
			k = "fmt/./fmt"
		}
		exports[k] = copySymbols(v)
	}
	for k, v := range unrestrictedSymbols() {
		if exports[k] == nil {
			exports[k] = map[string]reflect.Value{}
		}
		for name, sym := range v {
			exports[k][name] = sym
		}
	}
	// What the standard library gained after the Go 1.22 of yaegi's
	// tables; before the overrides, which must win.
	for k, v := range stdsyms.Symbols {
		if k == "fmt/fmt" {
			k = "fmt/./fmt" // as above
		}
		if exports[k] == nil {
			exports[k] = map[string]reflect.Value{}
		}
		for name, sym := range v {
			exports[k][name] = sym
		}
	}
	e.overrideStdlib(exports)
	e.watchOverrides(exports)
	exports[rtPath+"/eval"] = e.runtimeSymbols()
	if err := e.i.Use(exports); err != nil {
		return fmt.Errorf("use stdlib: %w", err)
	}
	if err := e.i.Use(printWrappers(exports)); err != nil {
		return fmt.Errorf("use fmt wrappers: %w", err)
	}
	for _, s := range stdlibGenericSources() {
		if _, err := e.i.Compile(s); err != nil {
			return fmt.Errorf("compile yaegi generic source: %w", err)
		}
	}
	for _, x := range e.opts.Symbols {
		if err := e.i.Use(x); err != nil {
			return fmt.Errorf("use extra symbols: %w", err)
		}
	}
	return nil
}

// unrestrictedSymbols are the tables yaegi keeps out of its stdlib ones:
// os/exec, os.Exit and the syscall package (its constants and types too:
// syscall.SIGTERM in every graceful-shutdown example, syscall.Errno).
// Lessons start child processes, so cells need them. The overrides are
// applied after them, so os.Exit still ends only the cell. Their log
// entries are left out: the restricted log.New returns a logger whose
// Fatal panics instead of ending the process.
var unrestrictedSymbols = sync.OnceValue(func() map[string]map[string]reflect.Value {
	m := map[string]map[string]reflect.Value{}
	add := func(tables map[string]map[string]reflect.Value) {
		for k, v := range tables {
			if k == "log/log" || strings.HasPrefix(k, "github.com/") {
				continue
			}
			if m[k] == nil {
				m[k] = map[string]reflect.Value{}
			}
			for name, sym := range v {
				m[k][name] = sym
			}
		}
	}
	add(syscall.Symbols)
	add(unrestricted.Symbols)
	return m
})

func copySymbols(m map[string]reflect.Value) map[string]reflect.Value {
	c := make(map[string]reflect.Value, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// overrideStdlib replaces the symbols that would end the process or read
// the process's real stdin.
func (e *Evaluator) overrideStdlib(x interp.Exports) {
	var stdin io.Reader = e.in
	x["os/os"]["Stdin"] = reflect.ValueOf(&stdin).Elem()
	x["os/os"]["Exit"] = reflect.ValueOf(func(code int) { panic(exitPanic{code}) })
	// A program counts its own goroutines: the cell's and those cells
	// started that still run, not the kernel's (lessons print the count
	// before and after starting some, and Go's starts at 1).
	x["runtime/runtime"]["NumGoroutine"] = reflect.ValueOf(func() int {
		e.mu.Lock()
		defer e.mu.Unlock()
		return 1 + e.live
	})
	f := x["fmt/./fmt"]
	f["Scan"] = reflect.ValueOf(func(a ...any) (int, error) { return fmt.Fscan(e.in, a...) })
	f["Scanln"] = reflect.ValueOf(func(a ...any) (int, error) { return fmt.Fscanln(e.in, a...) })
	f["Scanf"] = reflect.ValueOf(func(format string, a ...any) (int, error) { return fmt.Fscanf(e.in, format, a...) })
	e.names.overrideFmt(f, &e.out)
	e.overrideLog(x["log/log"])
	e.names.overrideEncoders(x)
	e.names.overrideSlog(x)
	e.overrideSlogDefault(x["log/slog/slog"])
}

// runtimeSymbols are the compiled helpers the prelude calls.
func (e *Evaluator) runtimeSymbols() map[string]reflect.Value {
	m := map[string]reflect.Value{}
	m["GoStart"] = reflect.ValueOf(e.goroutineStarted)
	m["GoEnd"] = reflect.ValueOf(e.goroutineEnded)
	m["Rich"] = reflect.ValueOf(e.rich)
	m["ShowPair"] = reflect.ValueOf(e.showPair)
	m["Plain"] = reflect.ValueOf(e.setPlain)
	m["Show"] = reflect.ValueOf(e.show)
	m["Clear"] = reflect.ValueOf(clearValue)
	m["Pull"] = reflect.ValueOf(pull)
	var hidden atomic.Bool // the last errors.AsType chain held a cell error whose methods are out of reach

	// Chain is the errors of err's tree in errors.As's order (see
	// rewrite.AsType).
	m["Chain"] = reflect.ValueOf(func(err error) []any {
		var out []any
		_, h := e.walkChain(err, func(x error) bool { out = append(out, x); return false })
		hidden.Store(h) // a cell value's own methods were out of reach
		return out
	})
	m["AsTypeMissed"] = reflect.ValueOf(func() {
		if hidden.Swap(false) {
			panic("errors.AsType: " + errChainMissed)
		}
	})
	m["SetInto"] = reflect.ValueOf(e.names.setErrorInto)
	m["MayHold"] = reflect.ValueOf(mayHold)
	e.errChainSymbols(m)
	m["IfaceCmp"] = reflect.ValueOf(e.names.ifaceCmp)
	m["Interpreted"] = reflect.ValueOf(interpretedValue)
	m["CellInterface"] = reflect.ValueOf(func(target any) bool {
		// target: a *T. A T that is a cell's interface (yaegi's interface
		// value) is asserted by the interpreter, which unwraps a cell
		// value in yaegi's wrapper for a package's interface and tests a
		// compiled value's methods (context.DeadlineExceeded has Timeout).
		t := reflect.TypeOf(target)
		return t != nil && t.Kind() == reflect.Pointer && isVI(t.Elem())
	})
	m["PackageInterface"] = reflect.ValueOf(func(target any) bool {
		// target: a *T. A T that is error or another package's interface
		// (net.Error): yaegi's assertion to it is reflect's, right for
		// compiled values too (errors.AsType[error] of errors.New's).
		t := reflect.TypeOf(target)
		return t != nil && t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Interface && !isVI(t.Elem())
	})
	m["LogLine"] = reflect.ValueOf(func(n int) { e.logLine.Store(int64(n)) })
	m["RegisterType"] = reflect.ValueOf(e.names.register)
	m["RegisterStringer"] = reflect.ValueOf(e.names.registerStringer)
	m["RegisterNamedStringer"] = reflect.ValueOf(e.names.registerNamedStringer)
	m["RegisterMarshaler"] = reflect.ValueOf(e.names.registerMarshaler)
	m["RegisterXMLMarshaler"] = reflect.ValueOf(e.names.registerXMLMarshaler)
	m["RegisterErrMethod"] = reflect.ValueOf(e.names.registerErrMethod)
	m["Dyn"] = reflect.ValueOf(func(v any) any { // see rewrite.DynArgs
		if _, _, ok := unwrapVI(v); ok {
			return dynArg{e.names, v}
		}
		return v
	})
	m["AssertionError"] = reflect.ValueOf(e.names.assertionError)
	m["Return"] = reflect.ValueOf(func() { panic(returnPanic{}) })
	m["CtxKey"] = reflect.ValueOf(func(name string, k any) any { return ctxKey{name, bare(k), e.names} })
	m["JSONShape"] = reflect.ValueOf(func(v any, shape string) any { return shapedJSON{e.names, v, shape} })
	m["XMLValue"] = reflect.ValueOf(func(v any, shape string) any {
		if shape == "_" {
			shape = ""
		}
		return xmlRoot{e.names, v, shape}
	})
	m["Elems"] = reflect.ValueOf(e.names.elems)
	m["ElemsDeep"] = reflect.ValueOf(e.names.elemsDeep)
	m["TypeLabel"] = reflect.ValueOf(func(name string, v any) typeLabel { return typeLabel{name, v} })
	m["NegZero"] = reflect.ValueOf(func(v any) bool { // see the prelude's min and max
		f, ok := v.(float64)
		if f32, is32 := v.(float32); is32 {
			f, ok = float64(f32), true
		}
		return ok && f == 0 && math.Signbit(f)
	})
	m["TypeOfAny"] = reflect.ValueOf(func(v any) dynType { return dynType{v: v} })
	m["TypeOfParam"] = reflect.ValueOf(func(v any) dynType { return dynType{v: v, param: true} })
	m["SharpLabel"] = reflect.ValueOf(func(name string, v any) sharpLabel { return sharpLabel{name, v} })
	m["TypeExact"] = reflect.ValueOf(func(v any) exactType { return exactType{v} })
	m["Puller"] = reflect.ValueOf((*Puller)(nil))
	e.names.reflectSymbols(m)
	e.watchSymbols(m)
	m["Stash"] = reflect.ValueOf(func(v any) { e.mu.Lock(); e.stash = v; e.mu.Unlock() })
	m["RunDeferred"] = reflect.ValueOf(e.runDeferred)
	m["Unstash"] = reflect.ValueOf(func() any { e.mu.Lock(); defer e.mu.Unlock(); return e.stash })
	return m
}

// clearValue is the builtin clear: a map loses its entries, a slice's
// elements become zero values. Both share their storage with the
// caller's variable, so the interface copy is enough.
func clearValue(v any) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Map, reflect.Slice:
		rv.Clear()
	case reflect.Invalid:
	default:
		panic(fmt.Sprintf("invalid argument: clear(%s): argument must be a map or a slice", rv.Type()))
	}
}

// goroutineStarted counts a guarded goroutine about to start.
func (e *Evaluator) goroutineStarted() {
	e.mu.Lock()
	e.live++
	e.mu.Unlock()
}

// goroutineEnded is called by the guard of a goroutine started in a
// cell, with what recover returned. While a cell runs, the first panic
// ends it; afterwards the panic is reported on stderr (the kernel shows
// it under the last cell).
func (e *Evaluator) goroutineEnded(r any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.live--
	close(e.changed)
	e.changed = make(chan struct{})
	if r == nil {
		return
	}
	msg := e.names.panicText(r)
	if e.running {
		if e.goPanic == "" {
			e.goPanic, e.goValue = msg, r
			e.goTrace = e.trace.takeStopped() // the guard's recover moved them
			e.cancel(errGoroutinePanic)
		}
		return
	}
	fmt.Fprintf(os.Stderr, "golessons: a goroutine panicked after its cell finished: %s\n", msg)
}

// mayHold reports whether x, an interface's value, may be of the cell's
// type name ("main.Celsius"): false only when yaegi's interface value
// names another type. A Fahrenheit and a Celsius (both float64 with a
// String method) are one reflect type, so x.(Celsius) took the one for
// the other, and x.(fmt.Stringer) gave Celsius's String.
func mayHold(x any, name string) bool {
	if _, n, ok := unwrapVI(x); ok && n != "" {
		return n == name
	}
	return true
}

// panicText is the student-facing text of a recovered value, with what
// its Error or String method says when it is of a cell's type, as Go
// prints a panic; the interpreter hands such a value over without its
// methods (a named non-struct type in its interface value).
func (tn *typeNames) panicText(r any) string {
	name := ""
	if inner, n, ok := unwrapVI(r); ok {
		if s, ok := tn.namedString(n, inner); ok {
			return s
		}
		r, name = inner, n
	}
	if r != nil {
		if s, ok := tn.stringOf(reflect.ValueOf(r)); ok {
			return s
		}
		switch v := reflect.ValueOf(r); v.Kind() {
		case reflect.Struct, reflect.Slice, reflect.Map, reflect.Array, reflect.Pointer, reflect.Chan, reflect.Func:
			if _, isErr := r.(error); !isErr {
				// Go prints such a value as its type and address; the
				// value itself says more.
				return "(" + tn.typeName(v.Type()) + ") " + tn.format(v, fmtMode{}, 0)
			}
		case reflect.String:
			if name != "" { // a named type the interface value kept: main.Color("red")
				return fmt.Sprintf("%s(%q)", name, v.String())
			}
		default:
			if name != "" && v.Kind() != reflect.Interface {
				return fmt.Sprintf("%s(%v)", name, r)
			}
		}
	}
	return tidyTypeNames(panicText(r)) // a runtime error naming a cell's struct type
}

// panicText is the student-facing text of a recovered value.
func panicText(r any) string {
	switch v := r.(type) {
	case exitPanic:
		return fmt.Sprintf("os.Exit(%d) called", v.code)
	case fatalPanic:
		return "log.Fatal: " + v.msg
	case error:
		return plainPanic(v.Error())
	case string:
		return plainPanic(v)
	}
	return fmt.Sprint(r)
}

// plainPanic rewords yaegi's reflect-level panics as Go would say them.
func plainPanic(msg string) string {
	switch {
	case strings.Contains(msg, "index out of range"):
		if strings.HasPrefix(msg, "reflect:") {
			return "runtime error: index out of range"
		}
	case strings.Contains(msg, "on zero Value"), strings.Contains(msg, "nil pointer"), strings.Contains(msg, "Method on nil interface value"):
		return "runtime error: invalid memory address or nil pointer dereference"
	case strings.Contains(msg, errorsAsPanic):
		return explainErrorsAs(msg)
	case (strings.HasPrefix(msg, "reflect.Value.MapIndex: value of type ") || strings.HasPrefix(msg, "reflect.Value.SetMapIndex: value of type ")) &&
		(strings.HasSuffix(msg, " is not assignable to type error") || strings.HasSuffix(msg, " is not assignable to type fmt.Stringer")):
		return msg + " (a value of a type declared in a cell, used as a key of a map keyed by an interface of a package such as error or fmt.Stringer: " +
			"the interpreter (yaegi v0.16.1) cannot use it there; key the map by the concrete type, a string, or any)"
	case strings.Contains(msg, "hash of unhashable type") && (strings.Contains(msg, "interp._") || strings.Contains(msg, "stdlib._")):
		return msg + " (a value of a type declared in a cell, used as a key of a map keyed by an interface of a package such as error or fmt.Stringer: " +
			"the interpreter (yaegi v0.16.1) hands it over wrapped in a struct of funcs, which cannot be a key; key the map by the concrete type, a string, or any)"
	}
	return msg
}

// panicTrace is the interpreter's stderr. yaegi prints one
// "cell:L:C: panic: f(...)" line per frame of an uncaught panic; those
// lines are kept for the error's traceback, everything else is passed on.
type panicTrace struct {
	out   io.Writer
	mu    sync.Mutex
	lines []string
	// stopped are the lines of the last panic a recover stopped (see
	// recovered): a goroutine's guard recovers its panic before the
	// evaluator reports it.
	stopped []string
	// values are the panic values recovered while the cell ran: one
	// panicking again ends the cell "[recovered, repanicked]", as Go says.
	values []any
}

// recovered is interp.Options.PanicRecovered: the lines so far belong
// to a panic that was stopped, not to one the cell may still end with
// (an uncaught panic was reported at an earlier, recovered one's line).
func (p *panicTrace) recovered(r any) {
	p.mu.Lock()
	p.stopped, p.lines = p.lines, nil
	if len(p.values) < 100 {
		p.values = append(p.values, r)
	}
	p.mu.Unlock()
}

// forgetRecovered starts a cell's list of recovered values.
func (p *panicTrace) forgetRecovered() {
	p.mu.Lock()
	p.values = nil
	p.mu.Unlock()
}

// repanicked reports whether r, a panic ending the cell, was recovered
// before: Go's report of it then ends with [recovered, repanicked].
func (p *panicTrace) repanicked(r any) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, v := range p.values {
		if sameValue(v, r) {
			return true
		}
	}
	return false
}

// takeStopped returns and forgets the lines of the last recovered panic.
func (p *panicTrace) takeStopped() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.stopped
	p.stopped = nil
	return l
}

func (p *panicTrace) Write(b []byte) (int, error) {
	s := string(b)
	if strings.Contains(s, ": panic: ") && !strings.Contains(strings.TrimSuffix(s, "\n"), "\n") {
		p.mu.Lock()
		p.lines = append(p.lines, strings.TrimSuffix(s, "\n"))
		p.mu.Unlock()
		return len(b), nil
	}
	return p.out.Write(b)
}

// take returns and forgets the recorded lines.
func (p *panicTrace) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.lines
	p.lines = nil
	return l
}

// setInto stores v, or the cell value inside yaegi's wrapper v, in *ptr
// when its type is *ptr's (errors.AsType, see fixAsType).
func setInto(ptr, v any) bool {
	inner, _ := unwrapYaegi(v)
	dst := reflect.ValueOf(ptr)
	if inner == nil || dst.Kind() != reflect.Pointer || dst.IsNil() {
		return false
	}
	src := reflect.ValueOf(inner)
	if src.Type() != dst.Elem().Type() {
		return false
	}
	dst.Elem().Set(src)
	return true
}

// interpretedValue reports whether v is a cell value as compiled code
// sees it: yaegi's valueInterface, or a type yaegi built (no name).
func interpretedValue(v any) bool {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return false
	}
	return t.Name() == "" || (t.Name() == "valueInterface" && strings.Contains(t.PkgPath(), "yaegi"))
}
