// Package rewrite holds the evaluator's pure source rewrites: each takes
// a cell's syntax tree (and, where the syntax is not enough, what the
// type checker found, as plain values) and changes it in place into Go
// the interpreter runs as the Go toolchain would. No rewrite here runs
// code, keeps state between cells or knows the interpreter; those that
// need the evaluator's record of earlier cells stay in package eval.
//
// Names starting with "__gl" are reserved for generated code; __glrt is
// the evaluator's runtime package as the prelude imports it.
package rewrite
