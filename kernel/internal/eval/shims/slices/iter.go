package slices

import "iter"

// The iterator functions have Go's signatures, which the type checker
// reads; the evaluator replaces their calls with concrete versions
// (package eval/rewrite), as yaegi cannot run these generic ones in most
// uses.

// All returns an iterator over the indexes and elements of s.
func All[E any](s []E) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

// Values returns an iterator over the elements of s.
func Values[E any](s []E) iter.Seq[E] {
	return func(yield func(E) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

// Backward returns an iterator over the indexes and elements of s, last first.
func Backward[E any](s []E) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

// AppendSeq appends the values seq yields to s.
//
//golessons:check func AppendSeq[Slice ~[]E, E any](s Slice, seq iter.Seq[E]) Slice
func AppendSeq[E any](s []E, seq iter.Seq[E]) []E {
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

// Collect returns a new slice of the values seq yields.
func Collect[E any](seq iter.Seq[E]) []E {
	return AppendSeq([]E(nil), seq)
}

// Sorted returns the values seq yields, sorted.
func Sorted[E ordered](seq iter.Seq[E]) []E {
	s := Collect(seq)
	Sort(s)
	return s
}

// SortedFunc returns the values seq yields, sorted by c.
func SortedFunc[E any](seq iter.Seq[E], c func(E, E) int) []E {
	s := Collect(seq)
	SortFunc(s, c)
	return s
}

// SortedStableFunc returns the values seq yields, sorted by c keeping
// equal values in their order.
func SortedStableFunc[E any](seq iter.Seq[E], c func(E, E) int) []E {
	s := Collect(seq)
	SortStableFunc(s, c)
	return s
}

// Chunk returns an iterator over consecutive sub-slices of s of n
// elements, the last one possibly shorter. Each is clipped, so that
// appending to one cannot overwrite the next; it panics if n < 1.
//
// The evaluator has no concrete version of Chunk (as it has of All and
// the others above), and yaegi loses the func this generic one returns
// when a range loop pulls from it: a range over Chunk panics, while
// slices.Collect of it, or calling it with a yield func, works.
func Chunk[E any](s []E, n int) iter.Seq[[]E] {
	if n < 1 {
		panic("cannot be less than 1")
	}
	return func(yield func([]E) bool) {
		for i := 0; i < len(s); i += n {
			end := len(s)
			if end-i > n {
				end = i + n
			}
			if !yield(s[i:end:end]) {
				return
			}
		}
	}
}
