package eval

import (
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
)

// elemsValue prints a slice, array or map whose keys or elements are of
// a cell's named non-struct type with a String or Error method (see
// rewrite.ElemStringers), calling key and elem, the funcs that call the
// method, where fmt would call it.
type elemsValue struct {
	v         reflect.Value
	key, elem reflect.Value // func(T) string, or invalid
	depth     int           // the elements are this many containers down (1: v's own)
	// tn formats the other keys and elements as the cells' fmt does:
	// a struct with its own String beside such keys (map[Suit][]Card).
	tn *typeNames
}

// elems is __glrt.Elems.
func (tn *typeNames) elems(x, key, elem any) any {
	return tn.elemsDeep(x, 1, key, elem)
}

// elemsDeep is __glrt.ElemsDeep, for elements depth containers down.
func (tn *typeNames) elemsDeep(x any, depth int, key, elem any) any {
	e := elemsValue{v: reflect.ValueOf(x), depth: depth, tn: tn}
	if f := reflect.ValueOf(key); f.Kind() == reflect.Func && !f.IsNil() {
		e.key = f
	}
	if f := reflect.ValueOf(elem); f.Kind() == reflect.Func && !f.IsNil() {
		e.elem = f
	}
	return e
}

// Format implements fmt.Formatter. For the verbs that call String (%v,
// %s, %q, %x, %X) each key and element is printed with the verb and its
// flags, through its method where it has one, as fmt prints a slice or
// map element by element (%q of []Color{1} is ["Red"], %s of a plain int
// key %!s(int=1)); other verbs print the plain value, as Go does.
func (e elemsValue) Format(f fmt.State, verb rune) {
	if !e.v.IsValid() {
		io.WriteString(f, "<nil>") //nolint:errcheck // fmt.State writes to a buffer
		return
	}
	if !strings.ContainsRune("vsqxX", verb) || f.Flag('#') {
		fmt.Fprintf(f, fmt.FormatString(f, verb), e.v.Interface())
		return
	}
	v := e.v
	prefix := ""
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			io.WriteString(f, "<nil>") //nolint:errcheck // as above
			return
		}
		v, prefix = v.Elem(), "&"
	}
	io.WriteString(f, prefix+e.format(v, e.depth, fmt.FormatString(f, verb))) //nolint:errcheck // as above
}

// format prints v, whose elements depth containers down are printed by
// e.elem (and the keys of v itself, at the top, by e.key), each with the
// format leaf ("%q").
func (e elemsValue) format(v reflect.Value, depth int, leaf string) string {
	elem := func(x reflect.Value) string {
		if depth > 1 {
			return e.format(x, depth-1, leaf)
		}
		return e.leafString(e.elem, x, leaf)
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = elem(v.Index(i))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return lessKey(keys[i], keys[j]) })
		parts := make([]string, len(keys))
		key := e.key
		if depth != e.depth {
			key = reflect.Value{} // only the outermost keys are of the named type
		}
		for i, k := range keys {
			parts[i] = e.leafString(key, k, leaf) + ":" + elem(v.MapIndex(k))
		}
		return "map[" + strings.Join(parts, " ") + "]"
	}
	return fmt.Sprintf(leaf, v.Interface())
}

// leafString is v printed with the format leaf, through f, the method's
// func, when there is one: fmt formats what String returns. Without
// one, v is printed as the cells' fmt prints it.
func (e elemsValue) leafString(f, v reflect.Value, leaf string) string {
	if !f.IsValid() {
		if x := v.Interface(); e.tn != nil && x != nil && e.tn.needsFormat(x) {
			if s, ok := e.tn.stringOf(v); ok { // its own String, quoted by %q
				return fmt.Sprintf(leaf, s)
			}
			return fmt.Sprintf(leaf, namedValue{tn: e.tn, v: v})
		}
		return fmt.Sprintf(leaf, v.Interface())
	}
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return "<nil>" // as fmt prints a nil pointer whose method would fail
	}
	return fmt.Sprintf(leaf, call(f, v))
}

// call prints v through f, the method's func (as callStringer does), or
// as fmt prints v when there is none.
func call(f, v reflect.Value) string {
	if !f.IsValid() {
		return fmt.Sprint(v.Interface())
	}
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return "<nil>" // as fmt prints a nil pointer whose method would fail
	}
	arg := reflect.New(f.Type().In(0)).Elem()
	arg.Set(v.Convert(arg.Type()))
	return callStringer(stringer{fn: f, method: "String"}, arg)
}
