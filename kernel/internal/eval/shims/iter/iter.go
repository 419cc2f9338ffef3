// Package iter is interpreted in place of the standard library's iter
// package: the sequence types of Go 1.23. Pull and Pull2 are missing:
// yaegi cannot run a generic function whose result is a function (the
// error says so; a for-range loop over the iterator works).
package iter

// Seq is an iterator over single values.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over pairs of values.
type Seq2[K, V any] func(yield func(K, V) bool)
