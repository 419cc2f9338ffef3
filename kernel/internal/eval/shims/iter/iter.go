// Package iter is interpreted in place of the standard library's iter
// package: the sequence types of Go 1.23, and Pull and Pull2 with Go's
// signatures. The evaluator replaces calls of Pull and Pull2 with
// concrete versions running the iterator on a goroutine (package
// eval/rewrite); these bodies run only when it could not, because the
// type checker did not know the iterator's type.
package iter

// Seq is an iterator over single values.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over pairs of values.
type Seq2[K, V any] func(yield func(K, V) bool)

const pullUnknown = "iter.Pull: the kernel could not tell this iterator's element type (the cell did not type-check), and the interpreter cannot run the generic Pull; give the iterator a declared type (var seq iter.Seq[int] = ...)"

// Pull turns the push iterator seq into a pull iterator: next returns
// the values one at a time, stop ends the iteration.
func Pull[V any](seq Seq[V]) (next func() (V, bool), stop func()) {
	panic(pullUnknown)
}

// Pull2 is Pull for an iterator over pairs.
func Pull2[K, V any](seq Seq2[K, V]) (next func() (K, V, bool), stop func()) {
	panic(pullUnknown)
}
