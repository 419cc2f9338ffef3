package slices

// Sort sorts s in increasing order (NaNs first).
func Sort[E ordered](s []E) {
	mergeSort[E](s, compare[E])
}

// SortFunc sorts s by c, which returns a negative number when a < b,
// zero when equal and a positive number when a > b. The sort is stable.
func SortFunc[E any](s []E, c func(a, b E) int) {
	const run = 12
	n := len(s)
	for lo := 0; lo < n; lo += run {
		hi := lo + run // no min builtin: yaegi v0.16.1 lacks it
		if hi > n {
			hi = n
		}
		for i := lo + 1; i < hi; i++ {
			for j := i; j > lo && c(s[j], s[j-1]) < 0; j-- {
				t := s[j] // not a tuple swap: yaegi aliases struct elements in one
				s[j] = s[j-1]
				s[j-1] = t
			}
		}
	}
	buf := make([]E, n)
	for width := run; width < n; width *= 2 {
		for lo := 0; lo < n-width; lo += 2 * width {
			mid, hi := lo+width, lo+2*width
			if hi > n {
				hi = n
			}
			copy(buf[lo:hi], s[lo:hi])
			i, j := lo, mid
			for k := lo; k < hi; k++ {
				if j >= hi || (i < mid && c(buf[j], buf[i]) >= 0) {
					s[k] = buf[i]
					i++
				} else {
					s[k] = buf[j]
					j++
				}
			}
		}
	}
}

// SortStableFunc sorts s by c keeping equal elements in their order.
func SortStableFunc[E any](s []E, c func(a, b E) int) {
	mergeSort[E](s, c)
}

// IsSorted reports whether s is in increasing order.
func IsSorted[E ordered](s []E) bool {
	for i := 1; i < len(s); i++ {
		if compare(s[i], s[i-1]) < 0 {
			return false
		}
	}
	return true
}

// IsSortedFunc reports whether s is sorted by c.
func IsSortedFunc[E any](s []E, c func(a, b E) int) bool {
	for i := 1; i < len(s); i++ {
		if c(s[i], s[i-1]) < 0 {
			return false
		}
	}
	return true
}

// mergeSort is a stable O(n log n) sort: short runs by insertion, then
// merges through one buffer. It is one function (no generic helpers)
// because yaegi fails to instantiate nested generic calls with a type
// declared in a cell.
func mergeSort[E any](s []E, c func(a, b E) int) {
	const run = 12
	n := len(s)
	for lo := 0; lo < n; lo += run {
		hi := lo + run // no min builtin: yaegi v0.16.1 lacks it
		if hi > n {
			hi = n
		}
		for i := lo + 1; i < hi; i++ {
			for j := i; j > lo && c(s[j], s[j-1]) < 0; j-- {
				t := s[j] // not a tuple swap: yaegi aliases struct elements in one
				s[j] = s[j-1]
				s[j-1] = t
			}
		}
	}
	buf := make([]E, n)
	for width := run; width < n; width *= 2 {
		for lo := 0; lo < n-width; lo += 2 * width {
			mid, hi := lo+width, lo+2*width
			if hi > n {
				hi = n
			}
			copy(buf[lo:hi], s[lo:hi])
			i, j := lo, mid
			for k := lo; k < hi; k++ {
				if j >= hi || (i < mid && c(buf[j], buf[i]) >= 0) {
					s[k] = buf[i]
					i++
				} else {
					s[k] = buf[j]
					j++
				}
			}
		}
	}
}

// BinarySearch finds target in the sorted s: its index and true, or the
// index where it would be inserted and false.
func BinarySearch[E ordered](s []E, target E) (int, bool) {
	return BinarySearchFunc[E, E](s, target, compare[E])
}

// BinarySearchFunc is BinarySearch with c comparing an element to target.
func BinarySearchFunc[E, T any](s []E, target T, c func(E, T) int) (int, bool) {
	lo, hi := 0, len(s)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if c(s[mid], target) < 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, lo < len(s) && c(s[lo], target) == 0
}
