package slices

// ordered repeats cmp.Ordered: yaegi cannot use a constraint declared in
// another interpreted package.
type ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 | ~string
}

// compare orders x and y as cmp.Compare does (NaN first).
func compare[E ordered](x, y E) int {
	xNaN, yNaN := x != x, y != y
	switch {
	case xNaN && yNaN:
		return 0
	case xNaN:
		return -1
	case yNaN:
		return 1
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}
