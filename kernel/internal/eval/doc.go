// Package eval turns the source of a notebook cell into effects and a
// displayable value, using the yaegi interpreter.
//
// An [Evaluator] splits a cell into runs of imports, declarations and
// statements (yaegi accepts only one kind per evaluation), rewrites them so
// that they behave like Go 1.22+ (per-iteration loop variables, range over
// an integer), makes redefinition stick (callers of a redefined func are
// recompiled; methods call through a replaceable func variable), guards
// goroutines so that their panics end the cell instead of the process,
// gives closures passed to compiled code (wg.Go, sort.Slice) their own
// iteration's variables, types min/max calls as Go does, runs a pasted
// program's main (and again on a later `main()`), orders package-level
// declarations by use, turns range-over-func loops into loops pulling from
// the iterator, rewrites new(expr), clear, errors.AsType and //go:embed,
// gives fmt and log the names of cell types and cell lines, and
// renders the final expression as a MIME bundle ([Result]). Failures come
// back as an [Error] whose positions are the cell's own line:column.
//
// The rewrites that are pure syntax-tree transformations live in package
// rewrite, each with a table test; this package decides which to apply,
// with what it knows of earlier cells (the declaration table) and of the
// cell (the type checker's facts, typecheck.go: the element types of the
// standard iterator functions and the type arguments of generic
// iterator adapters, for concrete copies yaegi can run, %T's names, and
// the static types of == and != with an interface operand, which the
// runtime's comparison needs: ifaceeq.go).
//
// The package knows nothing of Jupyter messages, sockets or processes: the
// runner wires stdin/stdout/stderr and calls [Evaluator.Eval],
// [Evaluator.Restore] after a restart, and [Evaluator.Symbols] for
// completion and inspection.
//
// Names starting with "__gl" are reserved for the rewrites and the
// display helper; they never appear in [Evaluator.Symbols].
package eval
