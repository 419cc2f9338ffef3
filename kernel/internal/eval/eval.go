package eval

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/symtab"
	"golessons/third_party/yaegi/interp"
)

// Options configures an Evaluator.
type Options struct {
	// Stdin is what interpreted os.Stdin and fmt.Scan* read; nil means
	// an empty input (reads get io.EOF at once).
	Stdin io.Reader
	// Stdout and Stderr receive yaegi's own diagnostics; interpreted
	// os.Stdout/os.Stderr stay the process's real files (fds 1 and 2),
	// which the kernel captures. nil means os.Stdout / os.Stderr.
	Stdout, Stderr io.Writer
	// PackagesDir is a folder whose sub-folders are Go source packages
	// importable by path (PackagesDir/geometry → import "geometry").
	PackagesDir string
	// Symbols are extra compiled packages (yaegi extract tables).
	Symbols []interp.Exports
	// Streams, when set, are what cells get as os.Stdout and os.Stderr.
	Streams *Streams
}

// Result is what a cell produced besides its output streams: Data is the
// MIME bundle of the cell's final expression, nil when the cell ends in a
// statement or a call without a single result; Metadata goes with Data.
// It is the value type every layer passes on (package cellio).
type Result = cellio.Value

// Error describes a failed cell: Name is "CompileError", "panic", "Exit",
// "Interrupted" or "TypeRedefined"; Value is the message shown to the
// student; Traceback holds extra lines (cell positions of a panic). It is
// the type every layer passes on (package cellio), named here so the
// evaluator's many error sites read as its own.
type Error = cellio.Error

// Evaluator runs cells in one yaegi interpreter. Eval, Restore and
// Symbols must not be called concurrently; goroutines started by cells
// report panics through the Evaluator's own lock.
type Evaluator struct {
	opts  Options
	in    *bufio.Reader
	i     *interp.Interpreter
	trace *panicTrace
	decls *declTable
	tmp   int // counter for unique temporary names in rewrites
	// unitPanic is the panic that ended the last unit run, when one did
	// (panicked), kept for the cell's top-level deferred calls, which run
	// with it under way (deferred.go).
	unitPanic any
	panicked  bool
	// deferPanic is the panic under way for __glrt.RunDeferred.
	deferPanic any
	// instanceStringers are the instances of generic types whose String
	// or Error method is registered for fmt (registerInstanceStringers;
	// yaegi lets no cell declare a generic type or its methods again).
	instanceStringers map[string]bool
	// aliases maps a redefined generic func to its current internal name.
	aliases map[string]string
	streams *cellStreams    // nil without Options.Streams
	out     outputs         // where the cells' fmt and log functions write
	stdLog  *Logger         // the cells' log package's standard logger
	empty   *interp.Program // compiled "", run to stop yaegi again (settle.go)
	mods    moduleSet       // Go modules imported by cells (modules.go)
	// names maps the reflect types of cell struct types to their names.
	logLine atomic.Int64 // cell line of the latest logging call (logger.go)
	// cellBase is the interpreter's file-set base when the running user
	// cell began: code at a lower position came from an earlier cell
	// (tracePos).
	cellBase atomic.Int64
	names    *typeNames
	// replaying is set while Restore replays earlier cells: a pasted
	// program's main is then declared again but not run.
	replaying bool
	// seqs tells iterator values apart in the units being rewritten.
	seqs *seqScope
	// cellErrTypes are the error types the units being prepared declare
	// (fixErrorsCalls).
	cellErrTypes []string
	// cellFuncs are the funcs the units being prepared declare (guardGo).
	cellFuncs map[string]bool
	// promotedErrTypes are the error types the checks have listed
	// (typecheck.Facts.ErrorTypes), for errors.Unwrap.
	promotedErrTypes []string
	// facts are what the type checker found in the cell being run.
	facts cellFacts

	mu      sync.Mutex              // guards the fields below, touched by cell goroutines
	running bool                    // a cell is executing
	cancel  context.CancelCauseFunc // cancels the running cell
	goPanic string                  // first goroutine panic of the running cell
	goValue any                     // its value: os.Exit and log.Fatal in a goroutine are not panics
	goTrace []string                // its frames' lines (panicTrace.stopped)
	shown   map[string]any          // bundle reported by the display helper
	stash   any                     // value passed between the steps of defineByType
	richOut map[string]any          // rich forms of the final value from interpreted methods
	plain   string                  // text/plain of the final value formatted with its static type
	// plainElems: plain called the String methods of the elements of a
	// slice, array or map of a cell type (typecheck.Facts.FinalElems).
	plainElems bool
	live       int           // guarded goroutines still running
	changed    chan struct{} // closed and replaced when a guarded goroutine ends

	w watch // the deadlock check's sites and channels (watch.go)

	dbgs debugState // the debugger's session (debug.go)
}

// errGoroutinePanic is the cancel cause used when a goroutine started by
// the running cell panics.
var errGoroutinePanic = errors.New("goroutine panic")

// New builds an Evaluator with the standard library, opts.Symbols, the
// slices/maps/cmp shims and the teacher's packages available.
func New(opts Options) (*Evaluator, error) {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Stdin == nil {
		opts.Stdin = strings.NewReader("")
	}
	e := &Evaluator{opts: opts, in: bufio.NewReader(opts.Stdin), decls: newDeclTable(), changed: make(chan struct{}), names: &typeNames{}}
	e.trace = &panicTrace{out: opts.Stderr}
	src := newSourceFS(opts.PackagesDir)
	src.modules = &e.mods
	e.i = interp.New(interp.Options{
		Unrestricted:         true,
		GoPath:               "/",
		BuildTags:            []string{"purego"}, // as modules.Loader selects files
		SourcecodeFilesystem: src,
		Stdin:                e.in,
		Stdout:               opts.Stdout,
		Stderr:               e.trace,
		// os.Exit in a goroutine skipped its guard (see exitPanic).
		GoroutineExited: e.goroutineEnded,
		PanicRecovered:  e.trace.recovered,
		ChanMade:        func(c reflect.Value) { e.made(c.Interface()) },
		TracePos:        e.tracePos,
		// A cell's statements run as several programs; its defers run
		// once, when the cell ends (deferred.go).
		HoldTopDeferred: true,
		CellScopeParam:  rewrite.CellScopeParam,
	})
	if err := e.useSymbols(); err != nil {
		return nil, fmt.Errorf("load symbols: %w", err)
	}
	if opts.Streams != nil {
		if err := e.useStreams(); err != nil {
			return nil, fmt.Errorf("set up the cells' streams: %w", err)
		}
	}
	if _, err := e.run(context.Background(), prelude, false); err != nil {
		return nil, fmt.Errorf("load display helper: %w", err)
	}
	return e, nil
}

// Eval runs one cell. The error, when not nil, is an *Error.
func (e *Evaluator) Eval(ctx context.Context, cell string) (Result, error) {
	defer e.debugCell(ctx, cell)()
	e.mu.Lock()
	e.shown = nil
	e.mu.Unlock()
	if e.streams != nil {
		e.streams.reopen()
	}
	if err := bodylessFunc(cell); err != nil { // before the check, which finds the body's names undefined
		return Result{}, err
	}
	if err := e.typecheck(cell); err != nil {
		return Result{}, err
	}
	v, err := e.run(ctx, cell, true)
	if err == error(errExitZero) {
		fmt.Fprintln(e.out.route(os.Stderr), errExitZero.Value)
		return Result{}, nil
	}
	if err != nil {
		return Result{}, err
	}
	return Result{Data: v}, nil
}

// Symbols lists what the user's cells declared so far, sorted by name.
func (e *Evaluator) Symbols() []symtab.Symbol {
	return e.decls.symbols(e.globals())
}

// globals returns the interpreter's global values. yaegi's Globals
// indexes its global frame by every compiled symbol, and panics when a
// compilation added symbols the frame has not grown for yet (a unit that
// compiled but failed before running); then the values are unknown.
func (e *Evaluator) globals() (g map[string]reflect.Value) {
	defer func() {
		if recover() != nil {
			g = map[string]reflect.Value{}
		}
	}()
	return e.i.Globals()
}
