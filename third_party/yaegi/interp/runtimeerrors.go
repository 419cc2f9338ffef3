package interp

// golessons: the run-time errors of interpreted code are Go's: a value
// implementing runtime.Error, in Go's words. Upstream panicked with
// reflect's ("reflect: slice index out of range", a string; "call of
// reflect.Value.Field on zero Value" for a nil pointer) or with a
// compile-time error type (failed type assertions), so a recovered value
// printed and type-asserted unlike Go's.

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
)

// runtimeError is a run-time panic of interpreted code. It implements
// runtime.Error; msg is all its Error text.
type runtimeError struct{ msg string }

func (e runtimeError) Error() string { return e.msg }

// RuntimeError marks runtimeError as a runtime.Error.
func (e runtimeError) RuntimeError() {}

// GoType is the %T Go gives the same panic's value: the interpreter
// cannot make a value of the runtime package's unexported types, so an
// embedder that prints types asks for the name (fmt's %T of a recovered
// index error printed interp.runtimeError).
func (e runtimeError) GoType() string {
	switch m := e.msg; {
	case strings.HasPrefix(m, "interface conversion:"):
		return "*runtime.TypeAssertionError"
	case strings.Contains(m, "index out of range"), strings.Contains(m, "slice bounds out of range"),
		strings.Contains(m, "to array or pointer to array"):
		return "runtime.boundsError"
	case strings.HasPrefix(m, "makechan"):
		return "runtime.plainError"
	case strings.HasPrefix(m, "runtime error: "):
		return "runtime.errorString"
	}
	return "interp.runtimeError"
}

func runtimeErrorf(format string, args ...any) runtimeError {
	return runtimeError{fmt.Sprintf(format, args...)}
}

func boundsPanic(format string, args ...any) {
	panic(runtimeErrorf("runtime error: "+format, args...))
}

// errNilDeref is Go's panic for a nil pointer dereference.
var errNilDeref = runtimeError{"runtime error: invalid memory address or nil pointer dereference"}

// goPanicValue is what interpreted code recovers for the value r a panic
// started with: reflect's error for a use of the zero Value, which is
// what dereferencing a nil pointer comes to in the interpreter, becomes
// Go's nil dereference error.
//
// golessons: so do reflect's panics for what Go reports as runtime
// errors (a call of a nil func, make with a negative length, a slice
// converted to a longer array), in Go's words.
func goPanicValue(r any) any {
	if ve, ok := r.(*reflect.ValueError); ok && ve.Kind == reflect.Invalid {
		return errNilDeref
	}
	if err, ok := r.(runtime.Error); ok {
		// reflect's map assignment says it its own way; Go's runtime
		// says "runtime error: hash of unhashable type []int". (Only
		// the runtime's errors: a cell's Error was called once per
		// frame the panic left.)
		if rest, found := strings.CutPrefix(err.Error(), "hash of unhashable type: "); found {
			return runtimeError{"runtime error: hash of unhashable type " + rest}
		}
	}
	if msg, ok := r.(string); ok && strings.HasPrefix(msg, "reflect") {
		switch {
		case msg == "reflect.Value.Call: call of nil function", msg == "reflect: Method on nil interface value",
			msg == "reflect: indirection through nil pointer to embedded struct": // o.X of a nil embedded *Inner
			return errNilDeref
		case msg == "reflect.MakeSlice: negative len":
			return runtimeError{"runtime error: makeslice: len out of range"}
		case msg == "reflect.MakeSlice: negative cap", msg == "reflect.MakeSlice: len > cap":
			return runtimeError{"runtime error: makeslice: cap out of range"}
		case msg == "reflect.MakeChan: negative buffer size":
			return runtimeError{"makechan: size out of range"} // Go's has no "runtime error: "
		case strings.HasPrefix(msg, "reflect: cannot convert slice with length "):
			rest := strings.TrimPrefix(msg, "reflect: ")
			for _, to := range []string{" to pointer to array ", " to array "} {
				if strings.Contains(rest, to) {
					rest = strings.Replace(rest, to, " to array or pointer to array ", 1)
					break
				}
			}
			return runtimeError{"runtime error: " + rest}
		}
	}
	return r
}

// indexValue is a.Index(i) for an array, slice or string.
func indexValue(a reflect.Value, i int) reflect.Value {
	if n := a.Len(); i < 0 || i >= n {
		if i < 0 {
			boundsPanic("index out of range [%d]", i)
		}
		boundsPanic("index out of range [%d] with length %d", i, n)
	}
	return a.Index(i)
}

// bound is what the high index of a slice expression may reach: a
// slice's capacity, an array's or a string's length.
func bound(a reflect.Value) (int, string) {
	if a.Kind() == reflect.Slice {
		return a.Cap(), "capacity"
	}
	return a.Len(), "length"
}

// sliceValue is a.Slice(lo, hi).
func sliceValue(a reflect.Value, lo, hi int) reflect.Value {
	b, what := bound(a)
	switch {
	case hi < 0:
		boundsPanic("slice bounds out of range [:%d]", hi)
	case hi > b:
		boundsPanic("slice bounds out of range [:%d] with %s %d", hi, what, b)
	case lo < 0:
		boundsPanic("slice bounds out of range [%d:]", lo)
	case lo > hi:
		boundsPanic("slice bounds out of range [%d:%d]", lo, hi)
	}
	return a.Slice(lo, hi)
}

// slice3Value is a.Slice3(lo, hi, max).
func slice3Value(a reflect.Value, lo, hi, max int) reflect.Value {
	b, what := bound(a)
	switch {
	case max < 0:
		boundsPanic("slice bounds out of range [::%d]", max)
	case max > b:
		boundsPanic("slice bounds out of range [::%d] with %s %d", max, what, b)
	case hi < 0:
		boundsPanic("slice bounds out of range [:%d:]", hi)
	case hi > max:
		boundsPanic("slice bounds out of range [:%d:%d]", hi, max)
	case lo < 0:
		boundsPanic("slice bounds out of range [%d::]", lo)
	case lo > hi:
		boundsPanic("slice bounds out of range [%d:%d:]", lo, hi)
	}
	return a.Slice3(lo, hi, max)
}
