package slices

// ordered repeats cmp.Ordered: yaegi cannot use a constraint declared in
// another interpreted package.
type ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 | ~string
}
