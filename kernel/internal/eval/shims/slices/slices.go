// Package slices is golessons' interpreted stand-in for the standard
// slices package: the standard names and behaviour (results, panics,
// which backing array is written, capacities), written with plain []E
// parameters so that yaegi can infer their type arguments.
//
// Functions return []E, not a named slice type: yaegi infers a type
// parameter only from where it appears in a parameter's type, never
// from another's constraint, so with Go's [S ~[]E, E any] it finds S
// and leaves E undefined ("undefined type for E"). A
// "//golessons:check" line gives the type checker Go's signature of
// such a function, and the evaluator converts its result back to the
// cell's type (see typecheck.Facts.NamedResults).
//
// yaegi fails (nil dereference, or silently does nothing) when a generic
// function calls another generic function with a type declared in a
// cell, so every exported function is self-contained, and a swap goes
// through a temporary: yaegi aliases struct elements in a tuple
// assignment.
package slices

import (
	"math"
	"reflect"
)

// Equal reports whether s1 and s2 have the same length and elements.
func Equal[E comparable](s1, s2 []E) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}

// EqualFunc is Equal with eq comparing elements.
func EqualFunc[E1, E2 any](s1 []E1, s2 []E2, eq func(E1, E2) bool) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if !eq(s1[i], s2[i]) {
			return false
		}
	}
	return true
}

// Compare compares s1 and s2 element by element, then by length. A NaN
// is less than any other float and equal to another NaN, as in
// cmp.Compare.
func Compare[E ordered](s1, s2 []E) int {
	for i := range s1 {
		if i >= len(s2) {
			return 1
		}
		a, b := s1[i], s2[i]
		aNaN, bNaN := a != a, b != b
		switch {
		case aNaN && bNaN:
		case aNaN:
			return -1
		case bNaN:
			return 1
		case a < b:
			return -1
		case a > b:
			return 1
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// CompareFunc is Compare with c comparing elements; it stops at the
// first pair c does not call equal.
func CompareFunc[E1, E2 any](s1 []E1, s2 []E2, c func(E1, E2) int) int {
	for i := range s1 {
		if i >= len(s2) {
			return 1
		}
		if r := c(s1[i], s2[i]); r != 0 {
			return r
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// Index returns the index of the first v in s, or -1.
func Index[E comparable](s []E, v E) int {
	for i := range s {
		if v == s[i] {
			return i
		}
	}
	return -1
}

// IndexFunc returns the index of the first element satisfying f, or -1.
func IndexFunc[E any](s []E, f func(E) bool) int {
	for i := range s {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

// Contains reports whether v is in s.
func Contains[E comparable](s []E, v E) bool {
	for i := range s {
		if v == s[i] {
			return true
		}
	}
	return false
}

// ContainsFunc reports whether some element satisfies f.
func ContainsFunc[E any](s []E, f func(E) bool) bool {
	for i := range s {
		if f(s[i]) {
			return true
		}
	}
	return false
}

// minusThenPlusZero reports whether a is -0 and b is +0, the one case
// where two equal ordered values differ for min and max. It takes any
// because a generic body may compare its E with 0 only if E cannot be a
// string.
func minusThenPlusZero(a, b any) bool {
	x, y := reflect.ValueOf(a), reflect.ValueOf(b)
	switch x.Kind() {
	case reflect.Float32, reflect.Float64:
		return x.Float() == 0 && math.Signbit(x.Float()) && !math.Signbit(y.Float())
	}
	return false
}

// Max returns the largest element; it panics on an empty slice. As
// with the builtin max, a NaN wins and +0 beats -0.
func Max[E ordered](s []E) E {
	if len(s) < 1 {
		panic("slices.Max: empty list")
	}
	m := s[0]
	for _, v := range s[1:] {
		switch {
		case m != m:
			return m
		case v != v || v > m:
			m = v
		case v == m && minusThenPlusZero(m, v):
			m = v
		}
	}
	return m
}

// Min returns the smallest element; it panics on an empty slice. As
// with the builtin min, a NaN wins and -0 beats +0.
func Min[E ordered](s []E) E {
	if len(s) < 1 {
		panic("slices.Min: empty list")
	}
	m := s[0]
	for _, v := range s[1:] {
		switch {
		case m != m:
			return m
		case v != v || v < m:
			m = v
		case v == m && minusThenPlusZero(v, m):
			m = v
		}
	}
	return m
}

// MaxFunc returns the first maximal element by c; it panics on an empty
// slice.
func MaxFunc[E any](s []E, c func(a, b E) int) E {
	if len(s) < 1 {
		panic("slices.MaxFunc: empty list")
	}
	m := s[0]
	for _, v := range s[1:] {
		if c(v, m) > 0 {
			m = v
		}
	}
	return m
}

// MinFunc returns the first minimal element by c; it panics on an empty
// slice.
func MinFunc[E any](s []E, c func(a, b E) int) E {
	if len(s) < 1 {
		panic("slices.MinFunc: empty list")
	}
	m := s[0]
	for _, v := range s[1:] {
		if c(v, m) < 0 {
			m = v
		}
	}
	return m
}

// Reverse reverses s in place.
func Reverse[E any](s []E) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		t := s[i]
		s[i] = s[j]
		s[j] = t
	}
}

// Insert inserts vs at index i. Like Go's, it works in s's backing array
// when the result fits in its capacity (and reads vs as it was, even
// when vs shares that array); otherwise s is left alone and the new
// array gets the capacity append would give.
//
//golessons:check func Insert[S ~[]E, E any](s S, i int, vs ...E) S
func Insert[E any](s []E, i int, vs ...E) []E {
	_ = s[i:] // Go's bounds-check panic
	m := len(vs)
	if m == 0 {
		return s
	}
	n := len(s)
	if i == n {
		return append(s, vs...)
	}
	if n+m > cap(s) {
		out := append(s[:i], make([]E, n+m-i)...)
		copy(out[i:], vs)
		copy(out[i+m:], s[i:])
		return out
	}
	saved := append([]E(nil), vs...)
	out := s[:n+m]
	copy(out[i+m:], s[i:])
	copy(out[i:], saved)
	return out
}

// Delete removes s[i:j]; the elements left over at the end of s are
// zeroed, as Go does so that they can be collected.
//
//golessons:check func Delete[S ~[]E, E any](s S, i, j int) S
func Delete[E any](s []E, i, j int) []E {
	_ = s[i:j:len(s)] // Go's bounds-check panic
	if i == j {
		return s
	}
	out := append(s[:i], s[j:]...)
	var zero E
	for k := len(out); k < len(s); k++ {
		s[k] = zero
	}
	return out
}

// DeleteFunc removes the elements satisfying del, calling it once per
// element in order, and zeroes the tail left over.
//
//golessons:check func DeleteFunc[S ~[]E, E any](s S, del func(E) bool) S
func DeleteFunc[E any](s []E, del func(E) bool) []E {
	i := 0
	for i < len(s) && !del(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	for j := i + 1; j < len(s); j++ {
		if v := s[j]; !del(v) {
			s[i] = v
			i++
		}
	}
	var zero E
	for k := i; k < len(s); k++ {
		s[k] = zero
	}
	return s[:i]
}

// Replace replaces s[i:j] by vs. As Go's, it works in s's backing array
// when the result fits, reads vs as it was even if vs shares that
// array, and zeroes the elements a shorter result leaves behind.
//
//golessons:check func Replace[S ~[]E, E any](s S, i, j int, vs ...E) S
func Replace[E any](s []E, i, j int, vs ...E) []E {
	_ = s[i:j] // Go's bounds-check panic
	m := len(vs)
	n := len(s)
	if i == j { // Go's Replace is then Insert
		return Insert(s, i, vs...)
	}
	var zero E
	if j == n {
		out := append(s[:i], vs...)
		for k := len(out); k < n; k++ {
			s[k] = zero
		}
		return out
	}
	tail := s[j:] // past len(s), Go's panic
	total := i + m + len(tail)
	if total > cap(s) {
		out := append(s[:i], make([]E, total-i)...)
		copy(out[i:], vs)
		copy(out[i+m:], tail)
		return out
	}
	saved := append([]E(nil), vs...)
	out := s[:total]
	copy(out[i+m:], tail)
	copy(out[i:], saved)
	for k := total; k < n; k++ {
		s[k] = zero
	}
	return out
}

// Clone returns a copy of s; a nil s gives nil, an empty one an empty,
// non-nil slice.
//
//golessons:check func Clone[S ~[]E, E any](s S) S
func Clone[E any](s []E) []E {
	if s == nil {
		return nil
	}
	return append([]E{}, s...)
}

// Compact replaces runs of equal elements by their first, comparing
// each element with the one before it in s, and zeroes the tail left
// over.
//
//golessons:check func Compact[S ~[]E, E comparable](s S) S
func Compact[E comparable](s []E) []E {
	if len(s) < 2 {
		return s
	}
	k := 1
	for k < len(s) && s[k] != s[k-1] {
		k++
	}
	if k == len(s) {
		return s
	}
	prev := s[k]
	for _, v := range s[k+1:] {
		if v != prev {
			s[k] = v
			k++
		}
		prev = v
	}
	var zero E
	for x := k; x < len(s); x++ {
		s[x] = zero
	}
	return s[:k]
}

// CompactFunc is Compact with eq comparing neighbours. eq sees each
// element with the one before it in s (not the last one kept), so a
// non-transitive eq gives Go's answer.
//
//golessons:check func CompactFunc[S ~[]E, E any](s S, eq func(E, E) bool) S
func CompactFunc[E any](s []E, eq func(E, E) bool) []E {
	if len(s) < 2 {
		return s
	}
	k := 1
	for k < len(s) && !eq(s[k], s[k-1]) {
		k++
	}
	if k == len(s) {
		return s
	}
	prev := s[k]
	for _, v := range s[k+1:] {
		if !eq(v, prev) {
			s[k] = v
			k++
		}
		prev = v
	}
	var zero E
	for x := k; x < len(s); x++ {
		s[x] = zero
	}
	return s[:k]
}

// Concat joins slices into a new slice, allocated once with the
// capacity Go's gives it; all empty gives nil.
func Concat[S ~[]E, E any](slices ...S) S {
	size := 0
	for _, s := range slices {
		size += len(s)
		if size < 0 {
			panic("len out of range")
		}
	}
	var out []E
	if size > 0 {
		out = append(out, make([]E, size)...)[:0]
	}
	for _, s := range slices {
		out = append(out, s...)
	}
	return out
}

// Repeat returns s repeated count times, in a new slice whose capacity
// is its length.
//
//golessons:check func Repeat[S ~[]E, E any](x S, count int) S
func Repeat[E any](s []E, count int) []E {
	if count < 0 {
		panic("cannot be negative")
	}
	const maxInt = int(^uint(0) >> 1)
	if len(s) > 0 && count > maxInt/len(s) {
		panic("the result of (len(x) * count) overflows")
	}
	out := make([]E, len(s)*count)
	n := copy(out, s)
	for n < len(out) {
		n += copy(out[n:], out[:n])
	}
	return out
}

// Grow makes room for n more elements, growing as append does, so the
// capacity is Go's.
//
//golessons:check func Grow[S ~[]E, E any](s S, n int) S
func Grow[E any](s []E, n int) []E {
	if n < 0 {
		panic("cannot be negative")
	}
	if more := n - (cap(s) - len(s)); more > 0 {
		s = append(s[:cap(s)], make([]E, more)...)[:len(s)]
	}
	return s
}

// Clip drops unused capacity.
//
//golessons:check func Clip[S ~[]E, E any](s S) S
func Clip[E any](s []E) []E { return s[:len(s):len(s)] }
