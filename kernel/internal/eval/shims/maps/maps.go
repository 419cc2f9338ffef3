// Package maps is golessons' interpreted stand-in for the standard maps
// package.
//
// The iterator functions (Keys, Values, All, Insert, Collect, in
// iter.go) have Go's signatures, which the type checker reads; the
// evaluator replaces their calls with concrete versions (package
// eval/rewrite), as yaegi cannot run these generic ones in most uses.
//
// The functions take and return map[K]V, not Go's M ~map[K]V: yaegi
// infers no type argument from another's constraint, so it would find M
// and leave K and V undefined. Clone of a named map type is therefore a
// plain map (see package slices).
package maps

// Clone returns a shallow copy of m (nil stays nil).
//
//golessons:check func Clone[M ~map[K]V, K comparable, V any](m M) M
func Clone[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return nil
	}
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Copy sets every key/value pair of src in dst.
func Copy[K comparable, V any](dst, src map[K]V) {
	for k, v := range src {
		dst[k] = v
	}
}

// DeleteFunc removes the pairs of m for which del returns true.
func DeleteFunc[K comparable, V any](m map[K]V, del func(K, V) bool) {
	for k, v := range m {
		if del(k, v) {
			delete(m, k)
		}
	}
}

// Equal reports whether m1 and m2 hold the same key/value pairs.
func Equal[K, V comparable](m1, m2 map[K]V) bool {
	if len(m1) != len(m2) {
		return false
	}
	for k, v1 := range m1 {
		v2, ok := m2[k]
		if !ok || v1 != v2 {
			return false
		}
	}
	return true
}

// EqualFunc is Equal with eq comparing the values.
func EqualFunc[K comparable, V1, V2 any](m1 map[K]V1, m2 map[K]V2, eq func(V1, V2) bool) bool {
	if len(m1) != len(m2) {
		return false
	}
	for k, v1 := range m1 {
		v2, ok := m2[k]
		if !ok || !eq(v1, v2) {
			return false
		}
	}
	return true
}
