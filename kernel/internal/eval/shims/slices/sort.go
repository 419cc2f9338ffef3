package slices

import "sort"

// The sorts hand the work to package sort, whose pdqsort and stable
// sort are the algorithms slices uses, step for step: equal elements
// end up in Go's order and cmp sees the same calls. (A generic helper
// would not do: see the package comment.)

// Sort sorts s in increasing order, NaNs first.
func Sort[E ordered](s []E) {
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] || (s[i] != s[i] && s[j] == s[j]) })
}

// SortFunc sorts s by c, which returns a negative number when a < b,
// zero when equal and a positive number when a > b. Equal elements may
// be reordered, as in Go.
func SortFunc[E any](s []E, c func(a, b E) int) {
	sort.Slice(s, func(i, j int) bool { return c(s[i], s[j]) < 0 })
}

// SortStableFunc sorts s by c keeping equal elements in their order.
func SortStableFunc[E any](s []E, c func(a, b E) int) {
	sort.SliceStable(s, func(i, j int) bool { return c(s[i], s[j]) < 0 })
}

// IsSorted reports whether s is in increasing order, NaNs first.
func IsSorted[E ordered](s []E) bool {
	for i := 1; i < len(s); i++ {
		if s[i] < s[i-1] || (s[i] != s[i] && s[i-1] == s[i-1]) {
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

// BinarySearch finds target in the sorted s: its index and true, or the
// index where it would be inserted and false. NaNs sort first and a NaN
// target finds a NaN.
func BinarySearch[E ordered](s []E, target E) (int, bool) {
	lo, hi := 0, len(s)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if s[mid] < target || (s[mid] != s[mid] && target == target) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, lo < len(s) && (s[lo] == target || (s[lo] != s[lo] && target != target))
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
