// Package syntax answers Jupyter is_complete_request for Go cells: whether
// pressing Enter in a console should run the cell ("complete"), wait for
// more lines ("incomplete", with the indent to continue with) or run it to
// show the error ("invalid").
//
// A cell may mix top-level declarations (func, import, type) with
// statements, as the evaluator allows, so the cell is split: func and import
// declarations are parsed as a file, everything else as the body of a
// function. Only go/scanner and go/parser are used, never the interpreter,
// so the answer is instant even while a cell runs.
package syntax
