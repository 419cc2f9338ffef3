package eval

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"regexp"
	"strings"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/third_party/yaegi/interp"
)

// cellFile is the file name given to cell code; it is stripped from
// messages so that positions read "3:5: ...".
const cellFile = "cell"

// unit is one piece of a cell ready for yaegi.
type unit struct {
	kind  segKind
	file  *ast.File           // imports and declarations
	block *ast.BlockStmt      // statements
	final ast.Expr            // the cell's final expression, shown if it has one value
	src   string              // the parsed source, for slicing declaration texts
	texts map[ast.Node]string // declaration texts taken before the rewrites with facts (keepTexts)
	segs  []segment
	defs  []string // top-level names the unit declares
	// pending are the table entries committed once the unit has run.
	pending        []*entry
	pendingMethods []*methodEntry
	retried        bool     // a failed statement run is retried once, statement by statement
	piece          *unit    // the declaration unit this one was split from (see orderByUse)
	mainCall       bool     // the call of a cell's func main (not repeated when callers are recompiled)
	copied         []string // the generic funcs its code calls as copies (typecheck.go)
	pre            *unit    // run just before: the values of a definition reading its own names (rewrite.SelfDefine)
}

// run evaluates cell code; user is false for the prelude, whose names
// are not recorded.
func (e *Evaluator) run(ctx context.Context, cell string, user bool) (map[string]any, error) {
	e.useFacts(cell, user)
	if user {
		e.cellBase.Store(int64(e.i.FileSet().Base())) // before the cell's units are parsed
	}
	if line, col, msg, ok := notAGoFile(cell); ok && user && !e.replaying {
		return nil, &Error{Name: "CompileError", Value: fmt.Sprintf("%d:%d: %s (a cell with a package clause is a Go file; without one, a cell's statements and declarations may come in any order)", line, col, msg)}
	}
	units, err := e.prepare(splitCell(cell))
	if err != nil {
		return nil, err
	}
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	e.mu.Lock()
	e.running, e.cancel, e.goPanic, e.goTrace, e.shown, e.richOut = true, cancel, "", nil, nil, nil
	e.mu.Unlock()
	defer func() {
		e.mu.Lock()
		e.running, e.cancel = false, nil
		e.mu.Unlock()
	}()
	e.trace.take()
	e.trace.forgetRecovered()
	e.unitPanic, e.panicked = nil, false
	for _, u := range units {
		if err = e.runWatched(cctx, ctx, u, user); err != nil {
			break
		}
	}
	if err == errReturned { // the cell returned: the rest is skipped, as after main's return
		err = nil
	}
	if len(units) > 0 {
		err = e.runTopDeferred(cctx, ctx, err, units[0].node().Pos())
	}
	if err != nil && user {
		err = e.goWords(err)
	}
	if err != nil {
		return nil, err
	}
	e.settleGoroutines()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.goPanic != "" {
		return nil, e.goroutineError()
	}
	return e.shown, nil
}

// prepare parses and rewrites every segment before anything runs, so a
// syntax error anywhere in the cell runs nothing.
func (e *Evaluator) prepare(segs []segment) ([]*unit, error) {
	var units []*unit
	for _, s := range segs {
		u, err := e.parseUnit([]segment{s})
		if err != nil {
			return nil, err
		}
		units = append(units, u)
	}
	for _, u := range units {
		if err := e.refuseGenericAliases(u.node()); err != nil {
			return nil, err
		}
		e.typeGenericVars(u.node())
	}
	var top []ast.Stmt
	for _, u := range units {
		if u.kind == segStmt && u.block != nil {
			top = append(top, u.block.List...)
		}
	}
	if g, ok := rewrite.GotoIntoTopLevel(top); ok {
		p := e.i.FileSet().Position(g.Pos())
		return nil, &Error{Name: "CompileError", Value: fmt.Sprintf("%d:%d: the kernel cannot run goto %s here: at a cell's top level, the statement labelled %s runs in a function of its own, which a goto from outside it cannot enter; put this code in a func", p.Line, p.Column, g.Label.Name, g.Label.Name)}
	}
	units = hoistVars(hoistDecls(hoistImports(units)))
	if n := len(units); n > 0 && units[n-1].kind == segStmt {
		if fin := splitFinal(units[n-1]); fin != nil {
			if len(units[n-1].block.List) == 0 {
				units = units[:n-1]
			}
			units = append(units, fin)
		}
	}
	units = oneStatementEach(units, func(s ast.Stmt) bool { return len(e.decls.known(stmtDefs([]ast.Stmt{s}))) > 0 })
	for _, u := range units {
		e.fixAnyConversions(u.node()) // the cell's own: the rewrites below write some the interpreter must see as they are
	}
	for _, u := range units {
		e.keepTexts(u)
	}
	if err := e.rewriteUnitsWithFacts(units); err != nil { // first: the other rewrites see the code these write
		return nil, err
	}
	ints := e.globalInts()
	for _, u := range units {
		ints.Collect(u.node())
	}
	e.seqs = nil
	if needsSeqScope(units) || len(e.facts.f.Generics) > 0 || len(e.facts.f.Seqs) > 0 || e.rangesNeedSeqs() { // copies may range over funcs
		e.seqs = e.newSeqScope(units)
	}
	e.cellErrTypes, e.cellFuncs = nil, map[string]bool{}
	for _, u := range units {
		if u.node() != nil {
			e.cellErrTypes = append(e.cellErrTypes, rewrite.ErrorTypes(u.node())...)
		}
		if u.file != nil {
			for _, d := range u.file.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
					e.cellFuncs[fd.Name.Name] = true
				}
			}
		}
	}
	// A cell with statements of its own is no program: its func main
	// runs when the cell calls it (func main() {...}; main() ran it twice,
	// and before the statements above the call).
	program := true
	for _, u := range units {
		if u.kind == segStmt && !movable(u) {
			program = false
		}
	}
	var out, mains []*unit
	for _, u := range units {
		// A program's func main runs after the declarations and vars
		// around it: after the init funcs too, which hoistVars placed
		// after every var (a var below main, or below init, was read
		// before its initialiser ran).
		if len(mains) > 0 && !movable(u) {
			out, mains = append(out, mains...), nil
		}
		extra, err := e.rewriteUnit(u, ints)
		if err != nil {
			return nil, err
		}
		u.noteFacts()
		if u.pre != nil {
			out = append(out, u.pre)
		}
		out = append(out, u)
		for _, x := range extra {
			if x.mainCall {
				if program {
					mains = append(mains, x)
				}
			} else {
				out = append(out, x)
			}
		}
	}
	out = append(out, mains...)
	e.watchUnits(out)
	return out, nil
}

func (u *unit) node() ast.Node {
	switch {
	case u.file != nil:
		return u.file
	case u.block != nil:
		return u.block
	}
	return u.final
}

// splitFinal moves a trailing expression statement out of u.
func splitFinal(u *unit) *unit {
	n := len(u.block.List)
	if n == 0 {
		return nil
	}
	es, ok := u.block.List[n-1].(*ast.ExprStmt)
	if !ok {
		return nil
	}
	u.block.List = u.block.List[:n-1]
	return &unit{kind: segStmt, final: es.X, segs: u.segs}
}

// parseUnit parses segments of one kind as a single file or block. A
// //line directive before each segment makes positions match the cell.
func (e *Evaluator) parseUnit(segs []segment) (*unit, error) {
	var b strings.Builder
	kind := segs[0].kind
	if kind == segVar {
		kind = segStmt // kept apart by splitCell only so hoistVars can move them
	}
	if kind == segStmt {
		b.WriteString("package main; func main() {\n")
	} else {
		b.WriteString("package main\n")
	}
	name := e.debugFile() // the debugger's name for the cell, else cellFile
	for _, s := range segs {
		fmt.Fprintf(&b, "//line %s:%d:%d\n%s\n", name, s.line, s.col, s.text)
	}
	if kind == segStmt {
		b.WriteString("}\n")
	}
	src := b.String()
	f, err := parser.ParseFile(e.i.FileSet(), cellFile, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, compileError(err)
	}
	u := &unit{kind: kind, src: src, segs: segs}
	if kind == segStmt {
		if len(f.Decls) != 1 {
			return nil, &Error{Name: "CompileError", Value: "unexpected code after the statements"}
		}
		fd, ok := f.Decls[0].(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			return nil, &Error{Name: "CompileError", Value: "unexpected declaration among statements"}
		}
		u.block = fd.Body
		if strings.Contains(src, "//go:embed") {
			if err := e.fixEmbeds(f, u.block.List); err != nil {
				return nil, err
			}
		}
	} else {
		u.file = f
	}
	return u, nil
}

// runUnit compiles and executes one unit, then records what it declared.
func (e *Evaluator) runUnit(cctx, ctx context.Context, u *unit, user bool) error {
	if u.mainCall && e.replaying {
		return nil
	}
	if user {
		// A generic func recompiled for a redefinition in an earlier unit
		// of this cell has a new name since this unit was prepared: the
		// old one's instances kept the earlier callees.
		e.applyAliases(u.node())
	}
	if user && len(e.facts.f.Stringers) > 0 {
		e.registerInstanceStringers()
	}
	if u.final != nil {
		return e.runFinal(cctx, ctx, u)
	}
	redefined := e.decls.known(u.defs)
	p, err := e.compile(u.node())
	if err != nil && e.inferTypeArgs(u.node()) {
		p, err = e.compile(u.node())
	}
	if err != nil {
		err = e.explainCompile(e.diagnose(err, u), u)
		if u.block != nil && !u.retried {
			u.retried = true
			return e.retryStatements(cctx, ctx, u, user, err)
		}
		if user && len(redefined) > 0 {
			e.restoreFuncs(cctx, ctx, redefined)
		}
		return err
	}
	if err := e.execute(cctx, ctx, p); err != nil {
		return err
	}
	if !user {
		return nil
	}
	earlier := e.earlierFuncs(redefined)
	e.decls.record(u.pending)
	e.registerTypes(u)
	for _, m := range u.pendingMethods {
		e.decls.methods[m.recv+"."+m.name] = m
	}
	if len(u.pendingMethods) > 0 {
		e.noteMethods()
		e.registerStringers()
	}
	if len(redefined) > 0 {
		if err := e.refreshDependents(cctx, ctx, redefined); err != nil {
			if len(earlier) > 0 && e.keepEarlierFuncs(cctx, ctx, earlier) {
				return &Error{Name: "CompileError", Value: errText(err) + "; the earlier definition is kept"}
			}
			return err
		}
	}
	return nil
}

// compile turns yaegi's compile-time panics (it has a few, e.g. on a
// range over an integer it does not know) into errors.
func (e *Evaluator) compile(n ast.Node) (p *interp.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the interpreter could not compile this code (%v)", r)
		}
	}()
	p, err = e.i.CompileAST(n)
	if err == nil {
		e.debugCompiled(p)
	}
	return p, err
}

// execute runs a compiled unit and converts its failure to *Error.
func (e *Evaluator) execute(cctx, ctx context.Context, p *interp.Program) error {
	// Never start a unit once the cell is cancelled: yaegi's Execute would
	// take the new run id after the cancellation bumped it, and a loop in
	// the unit would then never see that it was stopped (see settle.go).
	if cctx.Err() != nil && ctx.Err() != nil {
		return &Error{Name: "Interrupted", Value: "the cell was interrupted; earlier variables are kept"}
	}
	_, err := e.i.ExecuteWithContext(cctx, p)
	if err == nil {
		return nil
	}
	if ae := e.abortError(cctx); ae != nil {
		return ae
	}
	if errors.Is(context.Cause(cctx), errGoroutinePanic) {
		e.mu.Lock()
		defer e.mu.Unlock()
		return e.goroutineError()
	}
	if ctx.Err() != nil {
		e.settleInterrupted()
		return &Error{Name: "Interrupted", Value: "the cell was interrupted; earlier variables are kept"}
	}
	var pe interp.Panic
	if errors.As(err, &pe) {
		if _, ok := pe.Value.(returnPanic); ok {
			return errReturned
		}
		e.unitPanic, e.panicked = pe.Value, true
		return e.panicError(pe.Value)
	}
	return &Error{Name: "RuntimeError", Value: stripFile(err.Error())}
}

// errReturned stops the cell where a return among its statements ran;
// run reports it as success once the deferred calls ran.
var errReturned = errors.New("the cell returned")

// errExitZero stops the cell as other errors do, but Eval reports it as
// the success it is for `go run` (Run All goes on), with a word on
// stderr on why the rest of the cell did not run.
var errExitZero = &Error{Name: "Exit", Value: "os.Exit(0) called: the rest of the cell did not run; your variables are kept"}

// panicError describes a panic of the cell's own code.
func (e *Evaluator) panicError(r any) *Error {
	tb := e.traceback()
	where := ""
	if len(tb) > 0 {
		if i := strings.Index(tb[0], ": panic"); i > 0 {
			where = tb[0][:i] + ": "
		}
	}
	switch v := r.(type) {
	case exitPanic:
		if v.code == 0 {
			return errExitZero
		}
		return &Error{Name: "Exit", Value: fmt.Sprintf("os.Exit(%d) called: the cell stopped; your variables are kept", v.code), Traceback: tb}
	case fatalPanic:
		return &Error{Name: "Fatal", Value: where + v.msg, Traceback: tb}
	}
	if len(tb) > 0 && strings.Contains(tb[0], "__gl_next") {
		return &Error{Name: "panic", Value: where + e.names.panicText(r) + " (in a range over an iterator: an iterator made by a generic func, such as Filter[T], cannot run in the interpreter; write the adapter for the concrete type)", Traceback: tb}
	}
	msg := where + e.names.panicText(r)
	if e.trace.repanicked(r) {
		msg += " [recovered, repanicked]"
	}
	return &Error{Name: "panic", Value: msg, Traceback: tb}
}

// goroutineError is the error of a cell a goroutine ended: its panic,
// or an os.Exit or log.Fatal it called, which end the program as they
// would in the cell's own code. Called with e.mu held.
func (e *Evaluator) goroutineError() *Error {
	tb := e.goroutineTraceback()
	switch v := e.goValue.(type) {
	case exitPanic:
		if v.code == 0 {
			return errExitZero
		}
		return &Error{Name: "Exit", Value: fmt.Sprintf("os.Exit(%d) called in a goroutine: the cell stopped; your variables are kept", v.code), Traceback: tb}
	case fatalPanic:
		return &Error{Name: "Fatal", Value: panicAt(tb) + v.msg, Traceback: tb}
	}
	return &Error{Name: "panic", Value: panicAt(tb) + "goroutine panic: " + e.goPanic, Traceback: tb}
}

// goroutineTraceback is the traceback of the goroutine panic ending the
// cell: its guard recovered it, which set its lines apart (goTrace).
// Called with e.mu held.
func (e *Evaluator) goroutineTraceback() []string {
	e.trace.take() // lines written since: not this panic's
	return cleanTrace(e.goTrace)
}

// panicAt is "L:C: ", the cell position of the innermost frame of the
// traceback tb, as a panic's message starts with it; "" if there is none.
func panicAt(tb []string) string {
	if len(tb) == 0 {
		return ""
	}
	pos, _, ok := strings.Cut(tb[0], ": panic:")
	if !ok || strings.Count(pos, ":") != 1 || strings.Trim(pos, "0123456789:") != "" {
		return ""
	}
	return pos + ": "
}

// traceback returns yaegi's per-frame panic lines, cell file name removed.
func (e *Evaluator) traceback() []string {
	return cleanTrace(e.trace.take())
}

// tracePos writes a frame's position in the interpreter's panic lines:
// file:line:col, and, for code of an earlier cell (a func it declared),
// " (an earlier cell)": its line numbers are not the running cell's.
func (e *Evaluator) tracePos(pos token.Pos) string {
	p := e.i.FileSet().Position(pos)
	s := fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column)
	if base := e.cellBase.Load(); base > 0 && int64(pos) < base && !e.replaying {
		s += " (an earlier cell)"
	}
	return s
}

// cleanTrace is lines without the prelude's frames, cell file name
// removed.
func cleanTrace(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.Contains(l, ": panic: main.__gl_") && !strings.Contains(l, ": panic: main."+mainName+"(") {
			continue // a frame of the prelude's helpers: its line is no line of the cell
		}
		out = append(out, stripFile(l))
	}
	return out
}

// compileError converts a parse or compile error to *Error.
func compileError(err error) *Error {
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		var tb []string
		for _, x := range list {
			tb = append(tb, stripFile(x.Error()))
		}
		return &Error{Name: "CompileError", Value: tb[0], Traceback: tb}
	}
	return &Error{Name: "CompileError", Value: basicTypeNames.ReplaceAllString(stripFile(err.Error()), "$1")}
}

// basicTypeNames are yaegi's names of the predeclared types in its
// messages (cannot use V (type stringT) as type intT): Go's are string
// and int.
var basicTypeNames = regexp.MustCompile(`\b(bool|string|u?int(?:8|16|32|64)?|uintptr|float(?:32|64)|complex(?:64|128)|error)T\b`)

// stripFile removes the pseudo file name of cell code from a message.
func stripFile(s string) string {
	s = strings.ReplaceAll(debugFiles.strip(s), cellFile+":", "")
	s = strings.ReplaceAll(s, mainName, "main")
	return strings.TrimPrefix(s, "_.go:")
}

// globalInts returns the integer-typed globals, for range-over-int.
func (e *Evaluator) globalInts() rewrite.IntNames {
	ints := rewrite.IntNames{}
	for name, v := range e.globals() {
		if v.IsValid() && v.Kind() >= 2 && v.Kind() <= 12 { // reflect.Int .. reflect.Uintptr
			ints[name] = true
		}
	}
	return ints
}

// incompleteType is how yaegi reports an undefined name in some spots.
var incompleteType = regexp.MustCompile(`(\d+:\d+): incomplete type (\w+)`)

// diagnose replaces yaegi's misleading "constant definition loop" (what
// it reports for `c := 2 + x` with x undefined at top level) by the
// error the same statements give inside a function, compiled only.
func (e *Evaluator) diagnose(err error, u *unit) error {
	if u.block == nil || !strings.Contains(err.Error(), "constant definition loop") {
		return err
	}
	pos := u.block.Lbrace
	lit := &ast.FuncLit{Type: rewrite.EmptyFuncType(pos), Body: &ast.BlockStmt{Lbrace: pos, List: u.block.List, Rbrace: u.block.Rbrace}}
	probe := &ast.AssignStmt{Lhs: []ast.Expr{rewrite.Ident("_", pos)}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{lit}}
	if _, err2 := e.compile(&ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{probe}, Rbrace: u.block.Rbrace}); err2 != nil {
		if m := incompleteType.FindStringSubmatch(err2.Error()); m != nil {
			return fmt.Errorf("%s: undefined: %s", m[1], m[2])
		}
		return err2
	}
	return err
}

// refuseGenericAliases fails on a generic type alias (Go 1.24's
// type Pair[K comparable, V any] = struct{...}): yaegi v0.16.1 parses it
// without its type parameters and then said "undefined: K".
func (e *Evaluator) refuseGenericAliases(n ast.Node) error {
	if n == nil {
		return nil
	}
	var err error
	ast.Inspect(n, func(x ast.Node) bool {
		ts, ok := x.(*ast.TypeSpec)
		if !ok || err != nil || ts.TypeParams == nil || !ts.Assign.IsValid() {
			return err == nil
		}
		p := e.i.FileSet().Position(ts.Pos())
		err = &Error{Name: "CompileError", Value: fmt.Sprintf("%d:%d: a generic type alias (type %s[...] = ...) cannot run in the interpreter; "+
			"declare a type instead (type %s[...] struct{...} without the =), or write the aliased type out", p.Line, p.Column, ts.Name.Name, ts.Name.Name)}
		return false
	})
	return err
}
