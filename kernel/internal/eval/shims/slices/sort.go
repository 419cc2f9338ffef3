package slices

import "cmp"

// Sort sorts s in increasing order (NaNs first).
func Sort[E cmp.Ordered](s []E) {
	mergeSort(s, func(a, b E) int { return cmp.Compare(a, b) })
}

// SortFunc sorts s by c, which returns a negative number when a < b,
// zero when equal and a positive number when a > b. The sort is stable.
func SortFunc[E any](s []E, c func(a, b E) int) {
	mergeSort(s, c)
}

// SortStableFunc sorts s by c keeping equal elements in their order.
func SortStableFunc[E any](s []E, c func(a, b E) int) {
	mergeSort(s, c)
}

// IsSorted reports whether s is in increasing order.
func IsSorted[E cmp.Ordered](s []E) bool {
	for i := 1; i < len(s); i++ {
		if cmp.Less(s[i], s[i-1]) {
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
// merges through one buffer.
func mergeSort[E any](s []E, c func(a, b E) int) {
	const run = 12
	n := len(s)
	for lo := 0; lo < n; lo += run {
		hi := lo + run
		if hi > n {
			hi = n
		}
		for i := lo + 1; i < hi; i++ {
			for j := i; j > lo && c(s[j], s[j-1]) < 0; j-- {
				s[j], s[j-1] = s[j-1], s[j]
			}
		}
	}
	buf := make([]E, n)
	for width := run; width < n; width *= 2 {
		for lo := 0; lo < n-width; lo += 2 * width {
			mid := lo + width
			hi := mid + width
			if hi > n {
				hi = n
			}
			merge(s, buf, lo, mid, hi, c)
		}
	}
}

func merge[E any](s, buf []E, lo, mid, hi int, c func(a, b E) int) {
	copy(buf[lo:hi], s[lo:hi])
	i, j, k := lo, mid, lo
	for i < mid && j < hi {
		if c(buf[j], buf[i]) < 0 {
			s[k] = buf[j]
			j++
		} else {
			s[k] = buf[i]
			i++
		}
		k++
	}
	for i < mid {
		s[k] = buf[i]
		i++
		k++
	}
	for j < hi {
		s[k] = buf[j]
		j++
		k++
	}
}

// BinarySearch finds target in the sorted s: its index and true, or the
// index where it would be inserted and false.
func BinarySearch[E cmp.Ordered](s []E, target E) (int, bool) {
	return BinarySearchFunc(s, target, func(e, t E) int { return cmp.Compare(e, t) })
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
