package slices

// yaegi fails (nil dereference, or silently does nothing) when a generic
// function calls another generic function with a type declared in a
// cell, so every exported function here is self-contained: the sorting
// work happens in stablePerm, which is not generic.

// Sort sorts s in increasing order (NaNs first).
func Sort[E ordered](s []E) {
	perm := stablePerm(len(s), func(i, j int) bool { return s[i] < s[j] || (s[i] != s[i] && s[j] == s[j]) })
	tmp := make([]E, len(s))
	for k, i := range perm {
		tmp[k] = s[i]
	}
	copy(s, tmp)
}

// SortFunc sorts s by c, which returns a negative number when a < b,
// zero when equal and a positive number when a > b. The sort is stable.
func SortFunc[E any](s []E, c func(a, b E) int) {
	perm := stablePerm(len(s), func(i, j int) bool { return c(s[i], s[j]) < 0 })
	tmp := make([]E, len(s))
	for k, i := range perm {
		tmp[k] = s[i]
	}
	copy(s, tmp)
}

// SortStableFunc sorts s by c keeping equal elements in their order.
func SortStableFunc[E any](s []E, c func(a, b E) int) {
	perm := stablePerm(len(s), func(i, j int) bool { return c(s[i], s[j]) < 0 })
	tmp := make([]E, len(s))
	for k, i := range perm {
		tmp[k] = s[i]
	}
	copy(s, tmp)
}

// IsSorted reports whether s is in increasing order.
func IsSorted[E ordered](s []E) bool {
	for i := 1; i < len(s); i++ {
		if s[i] < s[i-1] {
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

// stablePerm returns the indexes 0..n-1 in the order that sorts them by
// less, keeping equal ones in place: a bottom-up merge sort of indexes.
func stablePerm(n int, less func(i, j int) bool) []int {
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	buf := make([]int, n)
	for width := 1; width < n; width *= 2 {
		for lo := 0; lo < n-width; lo += 2 * width {
			mid, hi := lo+width, lo+2*width
			if hi > n {
				hi = n
			}
			copy(buf[lo:hi], perm[lo:hi])
			i, j := lo, mid
			for k := lo; k < hi; k++ {
				if j >= hi || (i < mid && !less(buf[j], buf[i])) {
					perm[k] = buf[i]
					i++
				} else {
					perm[k] = buf[j]
					j++
				}
			}
		}
	}
	return perm
}

// BinarySearch finds target in the sorted s: its index and true, or the
// index where it would be inserted and false.
func BinarySearch[E ordered](s []E, target E) (int, bool) {
	lo, hi := 0, len(s)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if s[mid] < target {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, lo < len(s) && s[lo] == target
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
