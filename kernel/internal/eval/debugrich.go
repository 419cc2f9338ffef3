package eval

import (
	"encoding/base64"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"sort"
	"strings"
	"time"
	"unsafe"

	"golessons/display"
	"golessons/third_party/yaegi/interp"
)

// A value read in a stopped frame is shown with its rich methods without
// running a cell (the cell is stopped): for a cell type, a declared func
// `__gl_debugrich_N(v T, mark, out)` that runs mark() then out(v.HTML())
// and a helper `func(v T, mark, out) { go __gl_debugrich_N(v, mark, out) }`
// are compiled once per type and method; the helper is handed to compiled
// code, which calls it with the frame's value. Three things keep the
// stopped goroutines undisturbed:
//   - the helpers' own nodes carry no position, so yaegi's debugger never
//     stops in them, whatever mode the cell's routine is in;
//   - the method runs on a goroutine started by `go` on a declared func,
//     the one form for which yaegi gives a goroutine a debug routine of its
//     own (a closure would share the stopped cell's, and letting it pass a
//     breakpoint could resume the cell); mark records its Go goroutine, and
//     event lets every stop of it pass (a breakpoint in HTML() must not
//     stop an inspection, nor show up as a thread);
//   - running the helpers' units moves the root frame's current node, which
//     the stopped cell's frames report; it is put back.
// A method that panics leaves its form out (the goroutine recovers: a
// panic there would end the process); one that does not return in time
// leaves its goroutine behind.
// Compiling and running the helpers while other goroutines run meets the
// same yaegi frame resizing as any cell that runs beside goroutines.

// DebugRichValue returns the MIME bundle of v, a value of a stopped frame:
// the forms of its String, HTML, SVG... methods (text/plain only when a
// String or Error method gave it). The methods get wait, all together, to
// answer; note says which did not.
func (e *Evaluator) DebugRichValue(v reflect.Value, wait time.Duration) (data map[string]any, note string) {
	if !v.IsValid() || !v.CanInterface() {
		return nil, ""
	}
	deadline := time.Now().Add(wait) // for all the methods: several may block
	out := make(chan map[string]any, 1)
	go func() { out <- display.Bundle(v.Interface()) }() // compiled types' methods may block too
	select {
	case data = <-out:
	case <-time.After(wait):
		return nil, fmt.Sprintf("its methods did not answer within %v", wait)
	}
	// text/plain only from a String or Error method: the caller's own
	// text names cell types and fields as declared.
	switch v.Interface().(type) {
	case fmt.Stringer, error:
	default:
		delete(data, display.MIMEText)
	}
	name := e.DebugTypeName(v.Type())
	if name == "" || strings.ContainsAny(name, "[(.|") {
		// A generic, compiled or unnamed type, or one struct type under
		// several cell names (whose methods cannot be told apart).
		return data, ""
	}
	// The methods run side by side, so one that blocks costs the others
	// nothing; together they get what is left of wait.
	type answer struct {
		method, mime string
		got          any
		ok           bool
	}
	answers := make(chan answer, len(richMethods))
	n := 0
	for _, m := range richMethods {
		if !e.declaresMethod(strings.TrimPrefix(name, "*"), m.method) {
			continue
		}
		fn, err := e.richHelper(name, m.method, v.Type())
		if err != nil {
			continue // the value's type lacks the method, or yaegi cannot compile it: plain text
		}
		n++
		go func(method, mime string) {
			got, ok := e.callRich(fn, v, time.Until(deadline))
			answers <- answer{method, mime, got, ok}
		}(m.method, m.mime)
	}
	var late []string
	for ; n > 0; n-- {
		a := <-answers // callRich returns by the deadline
		switch {
		case !a.ok:
			late = append(late, a.method)
		case a.got != nil:
			data[a.mime] = a.got
		}
	}
	sort.Strings(late)
	if len(late) > 0 {
		note = "its " + strings.Join(late, ", ") + " did not answer within " + wait.String()
	}
	return data, note
}

// declaresMethod says whether a cell declared method on type recv.
func (e *Evaluator) declaresMethod(recv, method string) bool {
	for _, m := range e.decls.methods {
		if strings.TrimPrefix(m.recv, "*") == recv && m.name == method {
			return true
		}
	}
	return false
}

// richKey names a helper: a redeclared type has a new reflect type.
type richKey struct {
	t      reflect.Type
	method string
}

// richHelper compiles (once) the helper that calls method on a value of
// the cell type written typeName, and returns it as a Go func.
func (e *Evaluator) richHelper(typeName, method string, t reflect.Type) (reflect.Value, error) {
	e.dbgs.mu.Lock()
	defer e.dbgs.mu.Unlock()
	key := richKey{t, method}
	if fn, ok := e.dbgs.richFns[key]; ok {
		return fn, nil
	}
	// yaegi gives a goroutine a debug routine of its own only for `go f(x)`
	// with a declared f: a closure would share the stopped cell's.
	e.dbgs.richN++
	call := fmt.Sprintf("__gl_debugrich_%d", e.dbgs.richN)
	decl, err := parser.ParseFile(token.NewFileSet(), "", fmt.Sprintf("package main\nfunc %s(v %s, mark func(), out func(any)) {\n\tmark()\n\tdefer func() {\n\t\tif recover() != nil {\n\t\t\tout(nil)\n\t\t}\n\t}()\n\tout(v.%s())\n}", call, typeName, method), 0)
	if err != nil {
		return reflect.Value{}, err
	}
	src := fmt.Sprintf("__gl_debugrich_set(func(v %s, mark func(), out func(any)) {\n\tgo %s(v, mark, out)\n})", typeName, call)
	file, err := parser.ParseFile(token.NewFileSet(), "", "package main\nfunc _() {\n"+src+"\n}", 0)
	if err != nil {
		return reflect.Value{}, err
	}
	body := file.Decls[0].(*ast.FuncDecl).Body
	clearPositions(decl)
	clearPositions(body)
	restore := e.saveRootNode()
	err = e.runQuiet(decl) // Execute generates the func's code
	if err == nil {
		err = e.runQuiet(body)
	}
	restore()
	fn := e.dbgs.richSet
	e.dbgs.richSet = reflect.Value{}
	if err != nil {
		return reflect.Value{}, err
	}
	if !fn.IsValid() || fn.Kind() != reflect.Func || fn.Type().NumIn() != 3 || !t.AssignableTo(fn.Type().In(0)) {
		return reflect.Value{}, fmt.Errorf("the helper for %s.%s has no usable type", typeName, method)
	}
	if e.dbgs.richFns == nil {
		e.dbgs.richFns = map[richKey]reflect.Value{}
	}
	e.dbgs.richFns[key] = fn
	return fn, nil
}

// compileQuiet compiles without a panic escaping and without the
// session's breakpoints (the helper has no lines).
func (e *Evaluator) compileQuiet(n ast.Node) (p *interp.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return e.i.CompileAST(n)
}

// runQuiet compiles and runs n.
func (e *Evaluator) runQuiet(n ast.Node) error {
	p, err := e.compileQuiet(n)
	if err == nil {
		_, err = e.i.Execute(p)
	}
	return err
}

// debugRichSet receives a compiled helper (called from interpreted code,
// under richHelper's lock).
func (e *Evaluator) debugRichSet(fn any) {
	e.dbgs.richSet = reflect.ValueOf(fn)
}

// callRich calls a helper with v and waits for the method's result.
func (e *Evaluator) callRich(fn, v reflect.Value, wait time.Duration) (any, bool) {
	res := make(chan any, 1)
	inspecting := func(on bool) {
		gid, _ := goroutineIdentity()
		if s := e.session(); s != nil {
			s.mu.Lock()
			if s.inspecting == nil {
				s.inspecting = map[int64]bool{}
			}
			if on {
				s.inspecting[gid] = true
			} else {
				delete(s.inspecting, gid)
			}
			s.mu.Unlock()
		}
	}
	mark := func() { inspecting(true) }
	out := func(x any) {
		inspecting(false)
		if b, ok := x.([]byte); ok {
			x = base64.StdEncoding.EncodeToString(b)
		}
		res <- x
	}
	panicked := make(chan struct{})
	go func() {
		defer func() {
			if recover() != nil {
				close(panicked)
			}
		}()
		fn.Call([]reflect.Value{v.Convert(fn.Type().In(0)), reflect.ValueOf(mark), reflect.ValueOf(out)})
	}()
	select {
	case x := <-res:
		return x, true
	case <-panicked:
		return nil, true
	case <-time.After(wait):
		return nil, false
	}
}

// clearPositions zeroes every position in n: yaegi's debugger passes
// nodes without one.
func clearPositions(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		v := reflect.ValueOf(n)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return true
		}
		v = v.Elem()
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.Type() == reflect.TypeOf(token.NoPos) && f.CanSet() {
				f.SetInt(0)
			}
		}
		return true
	})
}

// saveRootNode returns a func that puts back the node yaegi's debugger
// records as current in the root frame (field names pinned by
// TestDebugRichValueCallsACellTypesHTMLInAStoppedFrame).
func (e *Evaluator) saveRootNode() func() {
	frame := reflect.ValueOf(e.i).Elem().FieldByName("frame")
	if !frame.IsValid() || frame.IsNil() {
		return func() {}
	}
	dbg := frame.Elem().FieldByName("debug")
	if !dbg.IsValid() || dbg.IsNil() {
		return func() {}
	}
	node := dbg.Elem().FieldByName("node")
	if !node.IsValid() {
		return func() {}
	}
	ptr := (*unsafe.Pointer)(unsafe.Pointer(node.UnsafeAddr()))
	saved := *ptr
	return func() { *ptr = saved }
}
