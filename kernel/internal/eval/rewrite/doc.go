// Package rewrite holds the evaluator's pure source rewrites: each takes
// a cell's syntax tree (and, where the syntax is not enough, what the
// type checker found, as plain values) and changes it in place into Go
// the interpreter runs as the Go toolchain would: Go 1.22 loops
// (per-iteration variables, range over an integer), parameter names,
// renaming, top-level scoping, concrete copies of the standard iterator
// functions and of a cell's generic iterator adapters, %T labels,
// comparisons of interface values (ifacecmp.go), tagless switch case
// lists (caselists.go), and channel receives yaegi mis-stores
// (receive.go, selectrecv.go).
// No rewrite here runs code, keeps state between cells or knows the
// interpreter; those that need the evaluator's record of earlier cells
// (redefinitions, which names are iterators or constants) stay in
// package eval and use the walkers and builders here.
//
// Names starting with "__gl" are reserved for generated code; __glrt is
// the evaluator's runtime package as the prelude imports it.
package rewrite
