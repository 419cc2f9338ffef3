package eval

import (
	"fmt"
	"reflect"
	"strings"
)

// fmt calls the String and Error methods of the values it prints, also
// of elements, map keys and values, and fields. A value of a cell type
// reaches compiled fmt without its methods (yaegi's struct types have
// none in reflection): yaegi wraps a value passed directly, so
// fmt.Println(p) calls p.String(), but fmt.Println([]Point{p}) printed
// {1 2}. After a cell declares such a method, an interpreted func calling
// it is registered by the receiver's reflect type (registerStringers),
// and the printing functions given to cells format values that hold
// such types themselves (tn.format), calling it where fmt would.
//
// Only struct receivers are registered: a named non-struct type is the
// same reflect type as its underlying type (type Weekday int is int), so
// its method cannot be told from a plain int's absence of one.

// stringer is a registered String or Error method, as a func(T) string.
type stringer struct {
	fn     reflect.Value
	method string
}

// registerStringer records fn, a func(T) string calling T's method,
// for the element type of slice (see register for why a slice).
func (tn *typeNames) registerStringer(slice any, method string, fn any) {
	rt := reflect.TypeOf(slice).Elem()
	base := rt
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	fv := reflect.ValueOf(fn)
	if base.Kind() != reflect.Struct || fv.Kind() != reflect.Func || fv.Type().NumIn() != 1 || fv.Type().In(0) != rt {
		return
	}
	tn.mu.Lock()
	defer tn.mu.Unlock()
	if tn.stringers == nil {
		tn.stringers = map[reflect.Type]stringer{}
	}
	if old, ok := tn.stringers[rt]; ok && old.method == "Error" && method == "String" {
		return // fmt prefers Error
	}
	tn.stringers[rt] = stringer{fn: fv, method: method}
}

// stringOf returns what v's String or Error method says, as fmt would
// print it, and whether v's type has one registered. Two cell struct
// types with the same fields are one reflect type: when more than one
// cell type has that reflect type, nothing is called.
func (tn *typeNames) stringOf(v reflect.Value) (string, bool) {
	tn.mu.RLock()
	s, ok := tn.stringers[v.Type()]
	base := v.Type()
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	ambiguous := len(tn.names[base]) > 1
	tn.mu.RUnlock()
	if !ok || ambiguous {
		return "", false
	}
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return "<nil>", true
	}
	return callStringer(s, v), true
}

// callStringer calls a registered method, reporting a panic in it the
// way fmt does.
func callStringer(s stringer, v reflect.Value) (out string) {
	defer func() {
		if r := recover(); r != nil {
			out = fmt.Sprintf("%%!v(PANIC=%s method: %v)", s.method, panicText(r))
		}
	}()
	return s.fn.Call([]reflect.Value{v})[0].String()
}

// hasStringers reports whether any String or Error method is registered.
func (tn *typeNames) hasStringers() bool {
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	return len(tn.stringers) > 0
}

// registerStringers registers the String and Error methods of the cells'
// struct types (see registerStringer); called after a unit declaring
// methods ran.
func (e *Evaluator) registerStringers() {
	var b strings.Builder
	for _, me := range e.sortedMethodEntries() {
		if me.generic || (me.name != "String" && me.name != "Error") || !strings.Contains(me.sig, "() string") {
			continue
		}
		ptr := false
		if head, _, ok := strings.Cut(me.text, ")"); ok && strings.Contains(head, "*") {
			ptr = true
		}
		if !ptr {
			fmt.Fprintf(&b, "__gl_stringer([]%s(nil), %q, func(v %s) string { return v.%s() })\n", me.recv, me.name, me.recv, me.name)
		}
		fmt.Fprintf(&b, "__gl_stringer([]*%s(nil), %q, func(v *%s) string { return v.%s() })\n", me.recv, me.name, me.recv, me.name)
	}
	if b.Len() == 0 {
		return
	}
	// Best effort: a failure only leaves fmt's own printing.
	if p, err := e.i.Compile(b.String()); err == nil {
		_, _ = e.i.Execute(p)
	}
}

// values prepares the arguments of Print, Println and the like: a value
// holding a cell type with a String or Error method inside (a slice of
// them, a struct field) is formatted by tn.format. A value passed
// directly arrives in yaegi's wrapper, whose method fmt calls itself.
func (tn *typeNames) values(a []any) []any {
	if !tn.hasStringers() {
		return a
	}
	var out []any
	for i, x := range a {
		if _, wrapped := unwrapYaegi(x); wrapped || x == nil || !tn.needsStringer(reflect.TypeOf(x), map[reflect.Type]bool{}) {
			continue
		}
		if out == nil {
			out = append([]any(nil), a...)
		}
		out[i] = namedValue{tn, reflect.ValueOf(x)}
	}
	if out == nil {
		return a
	}
	return out
}

// needsStringer reports whether a value of type rt holds a value whose
// type has a registered String or Error method.
func (tn *typeNames) needsStringer(rt reflect.Type, seen map[reflect.Type]bool) bool {
	if rt == nil || seen[rt] {
		return false
	}
	seen[rt] = true
	tn.mu.RLock()
	_, has := tn.stringers[rt]
	n := len(tn.stringers)
	tn.mu.RUnlock()
	if has {
		return true
	}
	if n == 0 {
		return false
	}
	switch rt.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		if rt.Kind() == reflect.Map && tn.needsStringer(rt.Key(), seen) {
			return true
		}
		return tn.needsStringer(rt.Elem(), seen)
	case reflect.Struct:
		for i := range rt.NumField() {
			if tn.needsStringer(rt.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}
