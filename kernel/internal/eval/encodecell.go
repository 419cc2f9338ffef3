package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// encoding/json calls a value's MarshalJSON or MarshalText method, but a
// method declared in a cell is invisible to compiled code: yaegi's struct
// types have none in reflection, and a cell's `type Status int` is an int
// at run time. json.Marshal(order) wrote {"Status":1} where Go writes
// {"Status":"active"}. After a cell declares such a method, an
// interpreted func calling it is registered (registerStringers), and the
// json functions given to cells marshal a shadow of the value: the same
// value, except that each part whose type has a registered method is
// replaced by what the method returns (jsonValue). A value passed to
// json.Marshal directly arrives in yaegi's json.Marshaler wrapper
// (wrapperTypes), which json calls itself.

// marshaler is a registered MarshalJSON or MarshalText method, as a
// func(T) ([]byte, error).
type marshaler struct {
	fn     reflect.Value
	method string
	name   string // the type's, "main.Status" or "*main.Status"
}

// registerMarshaler records fn, calling the method of the cell type
// name ("Status", "*Status") with the element type of slice: by reflect
// type for a struct type, by name for a named non-struct type (whose
// fields the interpreter tags with that name). json prefers MarshalJSON.
func (tn *typeNames) registerMarshaler(name string, slice any, method string, fn any) {
	rt := reflect.TypeOf(slice).Elem()
	fv := reflect.ValueOf(fn)
	if fv.Kind() != reflect.Func || fv.Type().NumIn() != 1 || fv.Type().In(0) != rt {
		return
	}
	m := marshaler{fn: fv, method: method, name: "main." + name}
	if p, ok := strings.CutPrefix(name, "*"); ok {
		m.name = "*main." + p
	}
	base := rt
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	tn.mu.Lock()
	defer tn.mu.Unlock()
	if base.Kind() == reflect.Struct {
		if tn.marshalers == nil {
			tn.marshalers = map[reflect.Type]marshaler{}
		}
		if old, ok := tn.marshalers[rt]; !ok || old.method != "MarshalJSON" {
			tn.marshalers[rt] = m
		}
		return
	}
	if tn.namedMarshalers == nil {
		tn.namedMarshalers = map[string]marshaler{}
	}
	key := "main." + name
	if p, ok := strings.CutPrefix(name, "*"); ok {
		key = "*main." + p
	}
	if old, ok := tn.namedMarshalers[key]; !ok || old.method != "MarshalJSON" {
		tn.namedMarshalers[key] = m
	}
}

// cellJSON is a part of a shadow value: it marshals as the cell's
// method says.
type cellJSON struct {
	m    marshaler
	recv reflect.Value
}

func (c cellJSON) MarshalJSON() ([]byte, error) {
	out := c.m.fn.Call([]reflect.Value{c.recv})
	b, _ := out[0].Interface().([]byte)
	if err, _ := out[1].Interface().(error); err != nil {
		return nil, cellNamed{c.m.name, c.m.method, err}
	}
	if c.m.method == "MarshalText" {
		return json.Marshal(string(b))
	}
	return b, nil
}

var anyType = reflect.TypeFor[any]()

func isNilPointer(x any) bool {
	v := reflect.ValueOf(x)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// jsonValue is what the cells' json functions marshal for x: x without
// yaegi's interface values (plainValue), and with the parts that have a
// cell's MarshalJSON or MarshalText replaced by the method's output.
func (tn *typeNames) jsonValue(x any) any {
	tn.mu.RLock()
	none := len(tn.marshalers)+len(tn.namedMarshalers) == 0
	tn.mu.RUnlock()
	if none || x == nil {
		return plainValue(x)
	}
	if _, ok := x.(json.Marshaler); ok { // yaegi's wrapper: json calls the method
		if v, wrapped := unwrapYaegi(x); wrapped && isNilPointer(v) {
			return nil // json writes null for a nil pointer, without calling its method
		}
		return x
	}
	name := ""
	if inner, n, ok := unwrapVI(x); ok {
		if x, name = inner, n; x == nil {
			return nil
		}
	}
	budget := 100000
	if v, changed := tn.shadow(reflect.ValueOf(x), name, &budget, 0); changed {
		return v.Interface()
	}
	return plainValue(x)
}

// marshalerOf finds the registered method json would call on v, whose
// named non-struct type is name ("main.Status") when the caller knows it.
// Like json, a pointer-receiver method only for an addressable value.
func (tn *typeNames) marshalerOf(v reflect.Value, name string) (marshaler, reflect.Value, bool) {
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return marshaler{}, v, false // json writes null
		}
		if m, ok := tn.marshalers[v.Type()]; ok {
			return m, v, true
		}
		if m, ok := tn.namedMarshalers["*"+name]; ok && name != "" && m.fn.Type().In(0) == v.Type() {
			return m, v, true
		}
		return marshaler{}, v, false
	}
	if m, ok := tn.marshalers[v.Type()]; ok {
		return m, v, true
	}
	if name != "" {
		if m, ok := tn.namedMarshalers[name]; ok && m.fn.Type().In(0) == v.Type() {
			return m, v, true
		}
	}
	if !v.CanAddr() {
		return marshaler{}, v, false
	}
	if m, ok := tn.marshalers[reflect.PointerTo(v.Type())]; ok {
		return m, v.Addr(), true
	}
	if m, ok := tn.namedMarshalers["*"+name]; ok && name != "" && m.fn.Type().In(0) == reflect.PointerTo(v.Type()) {
		return m, v.Addr(), true
	}
	return marshaler{}, v, false
}

// shadow returns v with its parts that marshal through a cell method
// replaced (see jsonValue), and whether anything was. name is the cell
// type of v ("main.Status") or of its elements ("[]main.Status") when
// known from a field's tag or an interface value.
func (tn *typeNames) shadow(v reflect.Value, name string, budget *int, depth int) (reflect.Value, bool) {
	*budget--
	if !v.IsValid() || depth > 64 || *budget < 0 {
		return v, false
	}
	elemName, each := strings.CutPrefix(name, "[]")
	keyName, valName, isMap := "", "", false
	if strings.HasPrefix(name, "map[") {
		keyName, valName, isMap = splitMapShape(name)
	}
	if !each && !isMap {
		if m, recv, ok := tn.marshalerOf(v, name); ok {
			return reflect.ValueOf(cellJSON{m, recv}), true
		}
		elemName = ""
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return v, false
		}
		return tn.shadowHeld(v.Elem(), budget, depth)
	case reflect.Pointer:
		if v.IsNil() {
			return v, false
		}
		return tn.shadow(v.Elem(), strings.TrimPrefix(name, "*"), budget, depth+1)
	case reflect.Struct:
		if isVI(v.Type()) {
			return tn.shadowHeld(v, budget, depth)
		}
		return tn.shadowStruct(v, budget, depth)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() || v.Type().Elem().Kind() == reflect.Uint8 {
			return v, false
		}
		parts, changed := shadowElems(v, func(e reflect.Value) (reflect.Value, bool) {
			return tn.shadow(e, elemName, budget, depth+1)
		})
		if !changed {
			return v, false
		}
		out := reflect.MakeSlice(reflect.SliceOf(anyType), len(parts), len(parts))
		for i, p := range parts {
			out.Index(i).Set(p)
		}
		return out, true
	case reflect.Map:
		if v.IsNil() {
			return v, false
		}
		keys := v.MapKeys()
		vals := make([]reflect.Value, len(keys))
		changed := false
		for i, k := range keys {
			var ch bool
			vals[i], ch = tn.shadow(v.MapIndex(k), valName, budget, depth+1)
			changed = changed || ch
		}
		texts, err := tn.textKeys(keys, keyName)
		if err != nil {
			mapType := tn.typeName(v.Type())
			if keyName != "" && keyName != "_" {
				mapType = "map[" + keyName + "]" + tn.typeName(v.Type().Elem())
			}
			return reflect.ValueOf(failedJSON{keyTextError{mapType, err}}), true
		}
		if !changed && texts == nil {
			return v, false
		}
		keyType := v.Type().Key()
		if texts != nil {
			keyType = reflect.TypeFor[string]()
		}
		out := reflect.MakeMapWithSize(reflect.MapOf(keyType, anyType), len(keys))
		for i, k := range keys {
			if texts != nil {
				k = reflect.ValueOf(texts[i])
			}
			out.SetMapIndex(k, vals[i])
		}
		return out, true
	}
	return v, false
}

// shadowElems is each of the elements of v, a slice or array, and
// whether it changed any.
func shadowElems(v reflect.Value, each func(reflect.Value) (reflect.Value, bool)) ([]reflect.Value, bool) {
	parts := make([]reflect.Value, v.Len())
	changed := false
	for i := range parts {
		var ch bool
		parts[i], ch = each(v.Index(i))
		changed = changed || ch
	}
	return parts, changed
}

// textKeys is what json writes for keys of a cell's struct type, or of
// the cell type name ("main.Color"): its MarshalText method's output, or
// nil when it has none.
func (tn *typeNames) textKeys(keys []reflect.Value, name string) ([]string, error) {
	if len(keys) == 0 || keys[0].Kind() == reflect.String {
		return nil, nil // json uses the keys of a string type as they are
	}
	tn.mu.RLock()
	m, ok := tn.marshalers[keys[0].Type()] // a struct type's
	if !ok && name != "" && name != "_" {
		m, ok = tn.namedMarshalers[name]
	}
	tn.mu.RUnlock()
	if !ok || m.method != "MarshalText" || m.fn.Type().In(0) != keys[0].Type() {
		return nil, nil
	}
	texts := make([]string, len(keys))
	for i, k := range keys {
		out := m.fn.Call([]reflect.Value{k})
		if err, _ := out[1].Interface().(error); err != nil {
			return nil, err
		}
		b, _ := out[0].Interface().([]byte)
		texts[i] = string(b)
	}
	return texts, nil
}

// keyTextError is the error of a map key's MarshalText method, which
// json reports as its own encoding error for the map's type.
type keyTextError struct {
	mapType string
	err     error
}

func (k keyTextError) Error() string { return k.err.Error() }
func (k keyTextError) Unwrap() error { return k.err }

// failedJSON is a part of a shadow value whose method failed: json
// reports the error, as it does for the method itself.
type failedJSON struct{ err error }

func (f failedJSON) MarshalJSON() ([]byte, error) { return nil, f.err }

// shapedJSON is __glrt.JSONShape: a value the type checker saw is a
// slice, array, map or pointer of a cell's named non-struct types
// (shape, as the interpreter tags fields: "[]main.Level",
// "map[main.Color]_"), which json marshals with their methods.
type shapedJSON struct {
	tn    *typeNames
	v     any
	shape string
}

func (s shapedJSON) MarshalJSON() ([]byte, error) {
	budget := 100000
	v := reflect.ValueOf(plainValue(s.v))
	x := s.tn.jsonValue(s.v)
	if sh, changed := s.tn.shadow(v, s.shape, &budget, 0); changed {
		x = sh.Interface()
	}
	b, err := json.Marshal(x)
	var me *json.MarshalerError
	if errors.As(err, &me) {
		return nil, me.Err // json wraps it again, as calling this method
	}
	return b, err
}

// shadowHeld is shadow of a value an interface holds, with yaegi's
// interface value taken off (it names the value's cell type).
func (tn *typeNames) shadowHeld(e reflect.Value, budget *int, depth int) (reflect.Value, bool) {
	name, wrapped := "", false
	if e.CanInterface() {
		if inner, n, ok := unwrapVI(e.Interface()); ok {
			if inner == nil {
				return reflect.Zero(anyType), true
			}
			e, name, wrapped = reflect.ValueOf(inner), n, true
		} else if inner, ok := unwrapYaegi(e.Interface()); ok && !marshals(e.Interface()) {
			// The interpreter's wrapper of a cell value for a package's
			// interface other than json's (a []fmt.Stringer element): json
			// would meet its funcs ("unsupported type: func() string").
			e, wrapped = reflect.ValueOf(inner), true
		} else if ok {
			return e, false // a json.Marshaler or TextMarshaler wrapper: json calls the cell's method
		}
	}
	s, changed := tn.shadow(e, name, budget, depth+1)
	return s, changed || wrapped
}

// shadowStruct is shadow of a struct: a struct type made for the purpose,
// whose fields that changed hold any.
func (tn *typeNames) shadowStruct(v reflect.Value, budget *int, depth int) (reflect.Value, bool) {
	t := v.Type()
	parts := make([]reflect.Value, t.NumField())
	changed := make([]bool, t.NumField())
	anyChanged := false
	for i := range parts {
		f := t.Field(i)
		if !f.IsExported() || f.Tag.Get("json") == "-" {
			continue
		}
		parts[i], changed[i] = tn.shadow(v.Field(i), f.Tag.Get(fieldTypeTag), budget, depth+1)
		if changed[i] && f.Anonymous {
			panic(fmt.Sprintf("json: the embedded field %s of a struct declared in a cell has a MarshalJSON or MarshalText method declared in a cell, "+
				"which the compiled encoder cannot call there; give the field a name", f.Name))
		}
		anyChanged = anyChanged || changed[i]
	}
	if !anyChanged {
		return v, false
	}
	out := reflect.New(structWith(t, changed, func(int) reflect.Type { return anyType })).Elem()
	for i := range t.NumField() {
		switch {
		case !changed[i]:
			if t.Field(i).IsExported() {
				out.Field(i).Set(v.Field(i))
			}
		case strings.Contains(t.Field(i).Tag.Get("json"), ",omitempty") && emptyForJSON(v.Field(i)):
			// left nil: omitted, as json omits the original empty value
		default:
			out.Field(i).Set(parts[i])
		}
	}
	return out, true
}

// structWith is the struct type t with the fields that changed of the
// type typeOf gives them, for a shadow value.
func structWith(t reflect.Type, changed []bool, typeOf func(i int) reflect.Type) reflect.Type {
	fields := make([]reflect.StructField, t.NumField())
	for i := range fields {
		f := t.Field(i)
		fields[i] = reflect.StructField{Name: f.Name, PkgPath: f.PkgPath, Type: f.Type, Tag: f.Tag, Anonymous: f.Anonymous}
		if changed[i] {
			fields[i].Type = typeOf(i)
		}
	}
	return reflect.StructOf(fields)
}

// emptyForJSON is encoding/json's notion of an empty value for omitempty.
func emptyForJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// refuseCellUnmarshalers panics when a value of type t (the target of
// json.Unmarshal) holds, below its top, a cell type with an UnmarshalJSON
// or UnmarshalText method: json would decode into it field by field, or
// fail with a message naming the interpreter's struct. The target itself
// arrives in yaegi's wrapper and works (unmarshalWrapped).
func (tn *typeNames) refuseCellUnmarshalers(t reflect.Type) {
	tn.refuseUnmarshalMethods(t, "json.Unmarshal", "json", []string{"UnmarshalJSON", "UnmarshalText"}, false)
}

// refuseXMLUnmarshalers is refuseCellUnmarshalers for xml.Unmarshal,
// which calls none of the cells' methods, not even on the target: it
// decoded a `Status` with UnmarshalText as a number, or failed to parse.
func (tn *typeNames) refuseXMLUnmarshalers(t reflect.Type) {
	tn.refuseUnmarshalMethods(t, "xml.Unmarshal", "xml", []string{"UnmarshalXML", "UnmarshalXMLAttr", "UnmarshalText"}, true)
}

// refuseUnmarshalMethods panics when a value of type t, the target of
// fn, holds a cell type with one of methods (at its top too, when
// evenTop), which the compiled decoder cannot call; fields tagged "-"
// for the decoder's tag key do not count.
func (tn *typeNames) refuseUnmarshalMethods(t reflect.Type, fn, tagKey string, methods []string, evenTop bool) {
	tn.mu.RLock()
	has := map[string]bool{}
	for _, m := range methods {
		for _, r := range tn.methods[m] {
			has[strings.TrimPrefix(r, "*")] = true
		}
	}
	tn.mu.RUnlock()
	if len(has) == 0 || t == nil {
		return
	}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type, name string, top bool)
	walk = func(t reflect.Type, name string, top bool) {
		if name = strings.TrimPrefix(strings.TrimPrefix(name, "[]"), "main."); name != "" && has[name] && (!top || evenTop) {
			if evenTop {
				panic(fmt.Sprintf("%s: main.%s has an %s method declared in a cell, which the compiled decoder cannot call; "+
					"decode into a plain field (a string) and convert it yourself", fn, name, strings.Join(methods, " or ")))
			}
			panic(fmt.Sprintf("%s: main.%s has an %s method declared in a cell, which the compiled decoder "+
				"cannot call inside the value it fills (only on the value passed itself); decode that part into a json.RawMessage "+
				"and call the method on it yourself", fn, name, strings.Join(methods, " or ")))
		}
		if seen[t] {
			return
		}
		seen[t] = true
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(t.Elem(), "", top && t.Kind() == reflect.Pointer)
		case reflect.Map:
			walk(t.Key(), "", false) // json calls a key type's UnmarshalText
			walk(t.Elem(), "", false)
		case reflect.Struct:
			tn.mu.RLock()
			names := tn.names[t]
			tn.mu.RUnlock()
			for _, n := range names {
				walk(reflect.TypeFor[struct{}](), n, top)
			}
			for i := range t.NumField() {
				if f := t.Field(i); f.IsExported() && f.Tag.Get(tagKey) != "-" {
					walk(f.Type, f.Tag.Get(fieldTypeTag), false)
				}
			}
		}
	}
	walk(t, "", true)
}
