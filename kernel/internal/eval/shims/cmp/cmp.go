// Package cmp is golessons' interpreted stand-in for the standard cmp
// package: the same names and behaviour, written so yaegi can run it.
package cmp

// Ordered is satisfied by the types that support < <= >= >.
type Ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 | ~string
}

// Compare returns -1 if x < y, 0 if x == y and +1 if x > y; a NaN is
// less than any other float and equal to another NaN.
func Compare[T Ordered](x, y T) int {
	xNaN := x != x
	yNaN := y != y
	if xNaN || yNaN {
		if xNaN && yNaN {
			return 0
		}
		if xNaN {
			return -1
		}
		return 1
	}
	if x < y {
		return -1
	}
	if x > y {
		return 1
	}
	return 0
}

// Less reports whether x < y, ordering NaN first as Compare does. It
// does not call Compare: yaegi fails on nested generic calls here.
func Less[T Ordered](x, y T) bool {
	return (x != x && y == y) || x < y
}

// Or returns the first of its arguments that is not the zero value.
func Or[T comparable](vals ...T) T {
	var zero T
	for _, v := range vals {
		if v != zero {
			return v
		}
	}
	return zero
}
