package eval

import (
	"reflect"
	"unsafe"
)

// deepEqual is reflect.DeepEqual for the cells' values: a value of a
// cell's type held in an interface (a struct field of type error, a
// []error, a []Shape) is the interpreter's wrapper there, a struct of
// funcs that reflect.DeepEqual never finds equal, so Result{Err:
// valErr{"a"}} was unequal to itself. The wrappers are compared by the
// values they hold; everything else as reflect.DeepEqual does.
func deepEqual(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return deepValueEqual(reflect.ValueOf(a), reflect.ValueOf(b), map[deepVisit]bool{})
}

// deepVisit is a pair of references being compared, as reflect's own
// DeepEqual keeps them, so that cyclic values end.
type deepVisit struct {
	a1, a2 unsafe.Pointer
	typ    reflect.Type
}

// unwrapped is v without the interpreter's wrapper around a cell value.
func unwrapped(v reflect.Value) reflect.Value {
	for v.IsValid() && v.Kind() == reflect.Struct && v.CanInterface() {
		x := v.Interface()
		if inner, _, ok := unwrapVI(x); ok {
			v = reflect.ValueOf(inner)
			continue
		}
		if inner, ok := unwrapYaegi(x); ok {
			v = reflect.ValueOf(inner)
			continue
		}
		break
	}
	return v
}

func deepValueEqual(v1, v2 reflect.Value, visited map[deepVisit]bool) bool {
	v1, v2 = unwrapped(v1), unwrapped(v2)
	if !v1.IsValid() || !v2.IsValid() {
		return v1.IsValid() == v2.IsValid()
	}
	if v1.Type() != v2.Type() {
		return false
	}
	switch v1.Kind() {
	case reflect.Map, reflect.Slice, reflect.Pointer, reflect.Interface:
		if v1.Kind() != reflect.Interface && !v1.IsNil() && !v2.IsNil() {
			p1, p2 := v1.UnsafePointer(), v2.UnsafePointer()
			if p1 == p2 && (v1.Kind() != reflect.Slice || v1.Len() == v2.Len()) {
				return true
			}
			k := deepVisit{p1, p2, v1.Type()}
			if visited[k] {
				return true
			}
			visited[k] = true
		}
	}
	switch v1.Kind() {
	case reflect.Array:
		for i := range v1.Len() {
			if !deepValueEqual(v1.Index(i), v2.Index(i), visited) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if v1.IsNil() != v2.IsNil() || v1.Len() != v2.Len() {
			return false
		}
		for i := range v1.Len() {
			if !deepValueEqual(v1.Index(i), v2.Index(i), visited) {
				return false
			}
		}
		return true
	case reflect.Interface:
		if v1.IsNil() || v2.IsNil() {
			return v1.IsNil() == v2.IsNil()
		}
		return deepValueEqual(v1.Elem(), v2.Elem(), visited)
	case reflect.Pointer:
		if v1.IsNil() || v2.IsNil() {
			return v1.IsNil() == v2.IsNil()
		}
		return deepValueEqual(v1.Elem(), v2.Elem(), visited)
	case reflect.Struct:
		for i := range v1.NumField() {
			if !deepValueEqual(v1.Field(i), v2.Field(i), visited) {
				return false
			}
		}
		return true
	case reflect.Map:
		if v1.IsNil() != v2.IsNil() || v1.Len() != v2.Len() {
			return false
		}
		for _, k := range v1.MapKeys() {
			e2 := v2.MapIndex(k)
			if !e2.IsValid() || !deepValueEqual(v1.MapIndex(k), e2, visited) {
				return false
			}
		}
		return true
	case reflect.Func:
		return v1.IsNil() && v2.IsNil()
	}
	return v1.Equal(v2) // a basic kind: as ==, NaN unequal to itself as in DeepEqual
}
