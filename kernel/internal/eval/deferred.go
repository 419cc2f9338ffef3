package eval

import (
	"context"
	"errors"
	"go/ast"
	"go/token"
	"strings"
)

// A cell's statements are the body of a function that is not there: a
// `defer` among them (not inside a func of the cell) runs when the cell
// ends, as main's would when main returns, newest first, and a deferred
// func can recover a panic of the cell. The interpreter holds such calls
// (interp.Options.HoldTopDeferred) because the evaluator runs the cell's
// statements one program at a time; before, each ran as soon as its own
// statement's program ended, and again after every later cell.

// runTopDeferred runs the calls the cell's top-level statements deferred,
// once the cell's units have run or one failed with err, and returns the
// cell's error: nil when a deferred func recovered the cell's panic, a
// new panic of a deferred call, or err. Where Go would run no deferred
// call (os.Exit, log.Fatal, an interrupt, a deadlock, a panic in a
// goroutine, which ends the program), they are dropped.
func (e *Evaluator) runTopDeferred(cctx, ctx context.Context, err error, pos token.Pos) error {
	if !e.i.HasTopDeferred() {
		return err
	}
	p, panicked := e.unitPanic, e.panicked
	if err != nil && !panicked || skipsDeferred(p) {
		e.i.DropTopDeferred()
		return err
	}
	e.deferPanic = p
	e.unitPanic, e.panicked = nil, false
	run, cerr := e.compile(&ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{rtCall("RunDeferred", pos)}, Rbrace: pos})
	if cerr != nil {
		e.i.DropTopDeferred()
		return errors.Join(err, cerr)
	}
	derr := e.execute(cctx, ctx, run)
	switch {
	case derr == nil && panicked:
		return nil // recovered
	case derr == nil:
		return err
	case panicked && e.panicked && sameValue(e.unitPanic, p):
		// Not recovered (or recovered and panicked again): the cell's own
		// panic, with its position.
		var pe *Error
		if errors.As(err, &pe) && e.trace.repanicked(p) && !strings.HasSuffix(pe.Value, " [recovered, repanicked]") {
			again := *pe
			again.Value += " [recovered, repanicked]"
			return &again
		}
		return err
	}
	e.i.DropTopDeferred() // an interrupted one left the rest
	return derr
}

// runDeferred is __glrt.RunDeferred, which the program runTopDeferred
// compiles calls: interrupting it stops the deferred calls too.
func (e *Evaluator) runDeferred() {
	if left := e.i.RunTopDeferred(e.deferPanic); left != nil {
		panic(left)
	}
}

// skipsDeferred reports whether the panic value p stands for a way of
// ending a program that runs no deferred call.
func skipsDeferred(p any) bool {
	switch p.(type) {
	case exitPanic, fatalPanic:
		return true
	}
	return false
}

// sameValue is a == b, false for values that cannot be compared.
func sameValue(a, b any) (same bool) {
	defer func() { _ = recover() }()
	return a == b
}
