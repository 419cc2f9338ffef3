package eval

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
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
// Struct receivers are registered by reflect type. A named non-struct
// type is the same reflect type as its underlying type (type Weekday int
// is int), so its method cannot be told from a plain int's absence of
// one; it is registered by name, for the struct fields of that type,
// which the interpreter tags with the type's name (third_party/yaegi).

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
	if base.Kind() != reflect.Struct || fv.Kind() != reflect.Func || fv.Type().NumIn() < 1 || fv.Type().In(0) != rt {
		return
	}
	tn.mu.Lock()
	defer tn.mu.Unlock()
	switch method {
	case "GoString":
		if tn.goStringers == nil {
			tn.goStringers = map[reflect.Type]stringer{}
		}
		tn.goStringers[rt] = stringer{fn: fv, method: method}
		return
	case "Format":
		if fv.Type().NumIn() != 3 {
			return
		}
		if tn.formatters == nil {
			tn.formatters = map[reflect.Type]reflect.Value{}
		}
		tn.formatters[rt] = fv
		return
	}
	if fv.Type().NumIn() != 1 {
		return
	}
	if tn.stringers == nil {
		tn.stringers = map[reflect.Type]stringer{}
	}
	if old, ok := tn.stringers[rt]; ok && old.method == "Error" && method == "String" {
		return // fmt prefers Error
	}
	tn.stringers[rt] = stringer{fn: fv, method: method}
}

// fieldTypeTag is the struct tag key naming a field's named non-struct
// type ("main.Weekday"), set by the interpreter (third_party/yaegi).
const fieldTypeTag = "yaegitype"

// registerNamedStringer records fn, a func(T) string calling the method
// of the cells' type name: for a struct field of a named non-struct type
// (tagged with the name), and for a value in yaegi's interface value,
// which names its type where two cell types are one reflect type (two
// empty structs with String).
func (tn *typeNames) registerNamedStringer(name, method string, fn any) {
	fv := reflect.ValueOf(fn)
	if fv.Kind() != reflect.Func || fv.Type().NumIn() != 1 {
		return
	}
	in := fv.Type().In(0)
	key := "main." + name
	if rest, ptr := strings.CutPrefix(name, "*"); ptr {
		in, key = in.Elem(), "*main."+rest // a field of type *Temp (see fieldTypeTag)
	}
	tn.mu.Lock()
	defer tn.mu.Unlock()
	if method == "GoString" {
		if tn.namedGoStringers == nil {
			tn.namedGoStringers = map[string]stringer{}
		}
		tn.namedGoStringers[key] = stringer{fn: fv, method: method}
		return
	}
	if tn.namedStringers == nil {
		tn.namedStringers = map[string]stringer{}
	}
	if old, ok := tn.namedStringers[key]; ok && old.method == "Error" && method == "String" {
		return // fmt prefers Error
	}
	tn.namedStringers[key] = stringer{fn: fv, method: method}
}

// fieldStringer returns the registered method of the named type of
// struct field f, or of its elements (each true), if the interpreter
// tagged it with one.
func (tn *typeNames) fieldStringer(f reflect.StructField) (s stringer, each, ok bool) {
	name := f.Tag.Get(fieldTypeTag)
	if name == "" {
		return stringer{}, false, false
	}
	name, each = strings.CutPrefix(name, "[]")
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	s, ok = tn.namedStringers[name]
	want := f.Type
	if each {
		if k := want.Kind(); k != reflect.Slice && k != reflect.Array {
			return stringer{}, false, false
		}
		want = want.Elem()
	}
	return s, each, ok && s.fn.Type().In(0) == want
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
	return callStringer(s, v), true // a nil pointer too: fmt calls the method (<nil> if it panics)
}

// formatOf is v printed with verb (%v, %+v, %#v or %s) by its type's
// registered Format method, and whether it has one; fmt calls Format
// before any other method.
func (tn *typeNames) formatOf(v reflect.Value, verb string) (string, bool) {
	tn.mu.RLock()
	fn, ok := tn.formatters[v.Type()]
	tn.mu.RUnlock()
	if !ok || v.Kind() == reflect.Pointer && v.IsNil() {
		return "", false
	}
	return fmt.Sprintf(verb, formatCall{fn: fn, v: v}), true
}

// formatOfWrapped is x, the interpreter's wrapper of a cell value for
// error or fmt.Stringer (not for fmt.Formatter), as a formatCall of the
// value's own Format method when its type has one: fmt calls Format
// before Error or String, and a value whose static type was error came
// wrapped for Error only.
func (tn *typeNames) formatOfWrapped(x any) (formatCall, bool) {
	if _, ok := x.(fmt.Formatter); ok {
		return formatCall{}, false
	}
	v, wrapped := unwrapYaegi(x)
	if !wrapped || v == nil {
		return formatCall{}, false
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return formatCall{}, false
	}
	tn.mu.RLock()
	fn, ok := tn.formatters[rv.Type()]
	tn.mu.RUnlock()
	return formatCall{fn: fn, v: rv}, ok
}

// errorOfStringer is x, the interpreter's wrapper of a cell value for
// fmt.Stringer only (a variable, field or element of that static type),
// as an errorCall of the value's own Error method when its type has one
// too: fmt prefers Error to String, and the wrapper had String only.
func (tn *typeNames) errorOfStringer(x any) (errorCall, bool) {
	if _, ok := x.(error); ok {
		return errorCall{}, false
	}
	if _, ok := x.(fmt.Stringer); !ok {
		return errorCall{}, false
	}
	v, wrapped := unwrapYaegi(x)
	if !wrapped || v == nil {
		return errorCall{}, false
	}
	rv := reflect.ValueOf(v)
	tn.mu.RLock()
	s, ok := tn.stringers[rv.Type()]
	tn.mu.RUnlock()
	if !ok || s.method != "Error" {
		return errorCall{}, false
	}
	return errorCall{s: s, v: rv}, true
}

// errorCall is a value whose Error method calls a registered one.
type errorCall struct {
	s stringer
	v reflect.Value
}

func (c errorCall) Error() string { return callStringer(c.s, c.v) }

// formatCall is a value whose Format method calls a registered one.
type formatCall struct{ fn, v reflect.Value }

func (c formatCall) Format(f fmt.State, verb rune) {
	c.fn.Call([]reflect.Value{c.v, reflect.ValueOf(f), reflect.ValueOf(verb)})
}

// goStringOf is what v's registered GoString method says, for %#v.
func (tn *typeNames) goStringOf(v reflect.Value) (string, bool) {
	tn.mu.RLock()
	s, ok := tn.goStringers[v.Type()]
	tn.mu.RUnlock()
	if !ok {
		return "", false
	}
	return callStringer(s, v), true // a nil pointer too, as for String
}

// namedString returns what the String or Error method of the cells'
// named non-struct type name says of v, when name (from yaegi's interface
// value, see unwrapVI) has one registered for v's reflect type. An
// interface value knows its type even where v, an int, has lost it.
func (tn *typeNames) namedString(name string, v any) (string, bool) {
	return tn.callNamed(func() map[string]stringer { return tn.namedStringers }, name, v)
}

// namedGoString is v's GoString when name, v's cell type, has one.
func (tn *typeNames) namedGoString(name string, v any) (string, bool) {
	return tn.callNamed(func() map[string]stringer { return tn.namedGoStringers }, name, v)
}

// callNamed calls the method registered for name in the map table
// returns (read under tn.mu), when it takes v's reflect type.
func (tn *typeNames) callNamed(table func() map[string]stringer, name string, v any) (string, bool) {
	if name == "" || v == nil {
		return "", false
	}
	tn.mu.RLock()
	s, ok := table()[name]
	tn.mu.RUnlock()
	rv := reflect.ValueOf(v)
	if !ok || s.fn.Type().In(0) != rv.Type() {
		return "", false
	}
	return callStringer(s, rv), true
}

// callStringer calls a registered method, reporting a panic in it the
// way fmt does.
func callStringer(s stringer, v reflect.Value) (out string) {
	defer func() {
		if r := recover(); r != nil {
			if v.Kind() == reflect.Pointer && v.IsNil() {
				out = "<nil>" // as fmt prints a nil receiver whose method panicked
				return
			}
			out = fmt.Sprintf("%%!v(PANIC=%s method: %v)", s.method, panicText(r))
		}
	}()
	return s.fn.Call([]reflect.Value{v})[0].String()
}

// registerStringers registers the String and Error methods of the cells'
// types (see registerStringer), and their MarshalJSON and MarshalText
// methods for the json functions (encodecell.go); called after a unit
// declaring methods ran.
func (e *Evaluator) registerStringers() {
	var b strings.Builder
	errOut := false
	defer func() {
		e.names.mu.Lock()
		e.names.errMethodsOut = errOut
		e.names.mu.Unlock()
	}()
	for _, me := range e.sortedMethodEntries() {
		ptr := false
		if head, _, ok := strings.Cut(me.text, ")"); ok && strings.Contains(head, "*") {
			ptr = true
		}
		if !me.generic && (me.name == "MarshalJSON" || me.name == "MarshalText") && strings.Contains(me.sig, "() ([]byte, error)") {
			if !ptr {
				fmt.Fprintf(&b, "__gl_marshaler(%q, []%s(nil), %q, func(v %s) ([]byte, error) { return v.%s() })\n", me.recv, me.recv, me.name, me.recv, me.name)
			}
			fmt.Fprintf(&b, "__gl_marshaler(%q, []*%s(nil), %q, func(v *%s) ([]byte, error) { return v.%s() })\n", "*"+me.recv, me.recv, me.name, me.recv, me.name)
			if me.name == "MarshalJSON" {
				continue
			}
		}
		if !me.generic && isXMLMethod(me.name, me.sig) {
			// The method value, as any: its parameters are xml's types,
			// which the cell may have imported under another name.
			if !ptr {
				fmt.Fprintf(&b, "__gl_xmlMarshaler(%q, []%s(nil), %q, func(v %s) any { return v.%s })\n", me.recv, me.recv, me.name, me.recv, me.name)
			}
			fmt.Fprintf(&b, "__gl_xmlMarshaler(%q, []*%s(nil), %q, func(v *%s) any { return v.%s })\n", "*"+me.recv, me.recv, me.name, me.recv, me.name)
			continue
		}
		if kind, call := errMethodCall(me.name, me.sig); kind != "" {
			if me.generic {
				errOut = true
				continue
			}
			for _, star := range []string{"", "*"} {
				if star == "" && ptr {
					continue
				}
				fmt.Fprintf(&b, "__gl_errMethod([]%s%s(nil), %q, func(v %s%s%s)\n", star, me.recv, kind, star, me.recv, call)
			}
			continue
		}
		if !me.generic && (me.name == "GoString" && strings.HasSuffix(me.sig, "() string") ||
			me.name == "Format" && strings.Contains(me.sig, "fmt.State") && strings.HasSuffix(me.sig, "rune)")) {
			// Each alone: a signature the check above misjudged must not
			// keep the others from being registered.
			for _, star := range []string{"", "*"} {
				if star == "" && ptr {
					continue
				}
				src := fmt.Sprintf("__gl_stringer([]%[1]s%[2]s(nil), \"GoString\", func(v %[1]s%[2]s) string { return v.GoString() })", star, me.recv)
				if me.name == "GoString" {
					// By name too: a named non-struct type is its
					// underlying type at run time.
					src += fmt.Sprintf("\n__gl_namedStringer(%[3]q, \"GoString\", func(v %[1]s%[2]s) string { return v.GoString() })", star, me.recv, star+me.recv)
				}
				if me.name == "Format" {
					src = fmt.Sprintf("__gl_stringer([]%[1]s%[2]s(nil), \"Format\", func(v %[1]s%[2]s, f __gl_fmtState, c rune) { v.Format(f, c) })", star, me.recv)
				}
				e.runQuietly(src)
			}
			continue
		}
		if me.generic || (me.name != "String" && me.name != "Error") || !strings.Contains(me.sig, "() string") {
			continue
		}
		if !ptr {
			fmt.Fprintf(&b, "__gl_stringer([]%s(nil), %q, func(v %s) string { return v.%s() })\n", me.recv, me.name, me.recv, me.name)
			fmt.Fprintf(&b, "__gl_namedStringer(%q, %q, func(v %s) string { return v.%s() })\n", me.recv, me.name, me.recv, me.name)
		}
		fmt.Fprintf(&b, "__gl_stringer([]*%s(nil), %q, func(v *%s) string { return v.%s() })\n", me.recv, me.name, me.recv, me.name)
		fmt.Fprintf(&b, "__gl_namedStringer(%q, %q, func(v *%s) string { return v.%s() })\n", "*"+me.recv, me.name, me.recv, me.name)
	}
	if b.Len() == 0 {
		return
	}
	// Best effort: a failure only leaves fmt's own printing.
	if p, err := e.i.Compile(b.String()); err == nil {
		_, _ = e.i.Execute(p)
	}
}

// registerInstanceStringers registers the String or Error methods of the
// instances of generic types the running cell's values have
// (typecheck.Facts.Stringers): a generic type's instances are not known
// when its methods are declared. An instance whose type or method is
// not declared yet (declared by this cell: the next unit tries again)
// is left for later.
func (e *Evaluator) registerInstanceStringers() {
	for _, is := range e.facts.f.Stringers {
		if e.instanceStringers[is.Type] {
			continue
		}
		var b strings.Builder
		if !is.Ptr {
			fmt.Fprintf(&b, "__gl_stringer([]%s(nil), %q, func(v %s) string { return v.%s() })\n", is.Type, is.Method, is.Type, is.Method)
		}
		fmt.Fprintf(&b, "__gl_stringer([]*%s(nil), %q, func(v *%s) string { return v.%s() })\n", is.Type, is.Method, is.Type, is.Method)
		if e.runQuietly(b.String()) {
			if e.instanceStringers == nil {
				e.instanceStringers = map[string]bool{}
			}
			e.instanceStringers[is.Type] = true
		}
	}
}

// runQuietly compiles and runs src, the kernel's own code, reporting
// whether it ran; yaegi's compile-time panics are failures too.
func (e *Evaluator) runQuietly(src string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	p, err := e.i.Compile(src)
	if err != nil {
		return false
	}
	_, err = e.i.Execute(p)
	return err == nil
}

// values prepares the arguments of Print, Println and the like: yaegi's
// valueInterface (an interface value copied inside a func can reach
// compiled code in it) is replaced by the value it holds, and a value
// holding a cell type with a String or Error method inside (a slice of
// them, a struct field) is formatted by tn.format. A value passed
// directly arrives in yaegi's wrapper, whose method fmt calls itself.
func (tn *typeNames) values(a []any) []any {
	var out []any
	for i, x := range a {
		if d, ok := x.(dynArg); ok {
			if out == nil {
				out = append([]any(nil), a...)
			}
			x, out[i] = d.v, d.v
		}
		if s, ok := tn.reflectTypeArg(x); ok { // reflect's own String names an unnamed struct
			if out == nil {
				out = append([]any(nil), a...)
			}
			out[i] = shownText{s}
			continue
		}
		switch x.(type) {
		case error, fmt.Stringer, fmt.Formatter:
			if fc, ok := tn.formatOfWrapped(x); ok { // its static type was error: Format before Error
				if out == nil {
					out = append([]any(nil), a...)
				}
				out[i] = fc
			} else if ec, ok := tn.errorOfStringer(x); ok {
				if out == nil {
					out = append([]any(nil), a...)
				}
				out[i] = ec
			} else if t, ok := tidyArg(x); ok {
				if out == nil {
					out = append([]any(nil), a...)
				}
				out[i] = t
			} else if s, ok := nilReceiver(x, false); ok {
				if out == nil {
					out = append([]any(nil), a...)
				}
				out[i] = s
			} else if inner, wrapped := unwrapYaegi(x); wrapped && reflect.ValueOf(inner).Kind() == reflect.String {
				// yaegi's wrapper of a string type (type Color string)
				// is a struct: Print would put spaces around it.
				if out == nil {
					out = append([]any(nil), a...)
				}
				out[i] = shownString(fmt.Sprint(x))
			}
			continue
		case nil, string, int, int64, int32, float64, bool, uint8:
			continue // the common arguments: nothing to do, no reflection
		}
		inner, name, vi := unwrapVI(x)
		if vi { // yaegi's own wrapper, which fmt would print as it is
			if out == nil {
				out = append([]any(nil), a...)
			}
			if s, ok := tn.namedString(name, inner); ok {
				out[i] = shown(s, inner)
				continue
			}
			x, out[i] = inner, inner
		}
		if inner, wrapped := unwrapYaegi(x); wrapped {
			// A wrapper for an interface of a package other than
			// error and fmt.Stringer (those continued above):
			// sort.Interface, io.Reader. fmt would print its fields.
			if out == nil {
				out = append([]any(nil), a...)
			}
			out[i] = inner
			if tn.needsFormat(inner) {
				out[i] = namedValue{tn: tn, v: reflect.ValueOf(inner)}
			}
			continue
		}
		if x == nil || !tn.needsFormat(x) {
			continue
		}
		if out == nil {
			out = append([]any(nil), a...)
		}
		out[i] = namedValue{tn: tn, v: reflect.ValueOf(x)}
	}
	if out == nil {
		return a
	}
	return out
}

// dynArg is what __glrt.Dyn (see rewrite.DynArgs) returns for yaegi's
// interface value: the interpreter strips that value from a call's
// result before passing it to compiled code, and with it the name of a
// cell's non-struct type (a Weekday held in an `any` parameter printed
// 1, not its String). The cells' fmt functions take v out (values,
// args); other printers (log's, fmt.Append) reach Format.
type dynArg struct {
	tn *typeNames
	v  any
}

// Format prints v as the cells' fmt.Sprintf would with the same verb
// and flags.
func (d dynArg) Format(f fmt.State, verb rune) {
	format, a := d.tn.args(fmt.FormatString(f, verb), []any{d.v})
	fmt.Fprintf(f, format, a...)
}

// needsStringer reports whether a value of type rt holds a value whose
// type has a registered String or Error method.
func (tn *typeNames) needsStringer(rt reflect.Type, seen map[reflect.Type]bool) bool {
	if rt == nil || seen[rt] {
		return false
	}
	seen[rt] = true
	if isVI(rt) { // an element of a cell's interface type: fmt would print the wrapper
		return true
	}
	tn.mu.RLock()
	_, has := tn.stringers[rt]
	_, formats := tn.formatters[rt]
	_, goStrings := tn.goStringers[rt]
	tn.mu.RUnlock()
	if has || formats || goStrings {
		return true
	}
	switch rt.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		if rt.Kind() == reflect.Map && tn.needsStringer(rt.Key(), seen) {
			return true
		}
		return tn.needsStringer(rt.Elem(), seen)
	case reflect.Struct:
		for i := range rt.NumField() {
			if _, _, ok := tn.fieldStringer(rt.Field(i)); ok || tn.shapeStringer(rt.Field(i).Tag.Get(fieldTypeTag)) || tn.needsStringer(rt.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// unwrapVI returns the value inside yaegi's valueInterface wrappers (they
// nest) and the cell type's name the interpreter gave it, if any.
func unwrapVI(x any) (any, string, bool) {
	inner, name, ok := viParts(x)
	if !ok {
		return x, "", false
	}
	for {
		if !inner.IsValid() || !inner.CanInterface() {
			return nil, name, true
		}
		v := inner.Interface()
		next, n, ok := viParts(v)
		if !ok {
			return v, name, true
		}
		if n != "" {
			name = n
		}
		inner = next
	}
}

// isVI reports yaegi's valueInterface type.
func isVI(rt reflect.Type) bool {
	return rt.Kind() == reflect.Struct && rt.Name() == "valueInterface" && strings.Contains(rt.PkgPath(), "yaegi")
}

// needsFormat reports whether x must be printed by tn.format: its type
// holds a cell type with a String or Error method or one of yaegi's
// interface values, or it holds, in an interface-typed element or field
// (a []any), a value that does. The look inside values stops after
// 10,000 of them.
func (tn *typeNames) needsFormat(x any) bool {
	rt := reflect.TypeOf(x)
	if rt.Kind() <= reflect.Complex128 || rt.Kind() == reflect.String {
		return false // a basic kind holds nothing to format
	}
	if tn.needsStringer(rt, map[reflect.Type]bool{}) || hidesMethods(rt, map[reflect.Type]bool{}) {
		return true
	}
	if !holdsIface(rt, map[reflect.Type]bool{}) {
		return false
	}
	budget := 10000
	return tn.valueNeeds(reflect.ValueOf(x), &budget, 0)
}

// hidesMethods reports whether a value of type rt holds, in a field a
// cell declared unexported, a value whose methods fmt would call were
// the field exported (yaegi exports it): a time.Duration, an error. Go
// prints those without their methods (tn.format, sprintValue).
func hidesMethods(rt reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[rt] {
		return false
	}
	seen[rt] = true
	switch rt.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return hidesMethods(rt.Elem(), seen)
	case reflect.Map:
		return hidesMethods(rt.Key(), seen) || hidesMethods(rt.Elem(), seen)
	case reflect.Struct:
		if compiledNamed(rt) {
			return false
		}
		for i := range rt.NumField() {
			f := rt.Field(i)
			if _, alias := declaredName(f); alias && (f.Type.NumMethod() > 0 || f.Type.Kind() == reflect.Interface) {
				return true
			}
			if hidesMethods(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

// holdsIface reports whether a value of type rt may hold interface values.
func holdsIface(rt reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[rt] {
		return false
	}
	seen[rt] = true
	switch rt.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holdsIface(rt.Elem(), seen)
	case reflect.Map:
		return holdsIface(rt.Key(), seen) || holdsIface(rt.Elem(), seen)
	case reflect.Struct:
		if compiledNamed(rt) {
			return false // fmt prints it, with its own methods
		}
		for i := range rt.NumField() {
			if holdsIface(rt.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// valueNeeds looks for an interface value in v holding a value that
// needs tn.format.
func (tn *typeNames) valueNeeds(v reflect.Value, budget *int, depth int) bool {
	*budget--
	if *budget < 0 || depth > 20 || !v.IsValid() {
		return false
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return false
		}
		e := v.Elem()
		if e.CanInterface() {
			if _, wrapped := unwrapYaegi(e.Interface()); wrapped {
				switch e.Interface().(type) {
				case error, fmt.Stringer:
				default:
					return true // yaegi's wrapper for another interface: fmt would print its fields
				}
			}
		}
		return tn.needsStringer(e.Type(), map[reflect.Type]bool{}) || tn.valueNeeds(e, budget, depth+1)
	case reflect.Pointer:
		return !v.IsNil() && tn.valueNeeds(v.Elem(), budget, depth+1)
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len() && *budget > 0; i++ {
			if tn.valueNeeds(v.Index(i), budget, depth+1) {
				return true
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next() && *budget > 0; {
			if tn.valueNeeds(it.Key(), budget, depth+1) || tn.valueNeeds(it.Value(), budget, depth+1) {
				return true
			}
		}
	case reflect.Struct:
		if compiledNamed(v.Type()) {
			return false
		}
		for i := range v.NumField() {
			if tn.valueNeeds(v.Field(i), budget, depth+1) {
				return true
			}
		}
	}
	return false
}

// compiledNamed reports a struct type a compiled package declares (its
// unexported fields are out of reach; fmt prints it as its package says).
func compiledNamed(rt reflect.Type) bool {
	return rt.Name() != "" && rt.PkgPath() != "" && !strings.Contains(rt.PkgPath(), "yaegi")
}

// A nil pointer of a cell type with methods, held in an error or Stringer,
// reaches fmt in yaegi's wrapper, a struct: fmt would report a panicking
// method as a panic, where for a nil pointer Go prints <nil>.

// shownString and shownText are what a method returned, printed as fmt
// prints a Stringer's result. fmt.Print puts a space between two
// operands only when neither is a string, so the one standing for a
// value of a string type is a string, and the other no string.
type shownString string

func (s shownString) String() string { return string(s) }

type shownText struct{ s string }

func (s shownText) String() string { return s.s }

// GoString is the text for %#v too: a GoString method's result.
func (s shownText) GoString() string { return s.s }

// shown is s standing for the value v in fmt.Print's operands.
func shown(s string, v any) any {
	if v != nil && reflect.TypeOf(v).Kind() == reflect.String {
		return shownString(s)
	}
	return shownText{s}
}

// nilReceiver calls the Error or String method of x (for %#v, sharpV,
// its GoString method) when x is yaegi's wrapper around a nil pointer
// (map, slice, ...) of a cell type, and returns what fmt must print: the
// method's result, or <nil> if it panicked, as Go's fmt does for a nil
// receiver.
func nilReceiver(x any, sharpV bool) (shown any, ok bool) {
	inner, wrapped := unwrapYaegi(x)
	if !wrapped {
		return nil, false
	}
	switch v := reflect.ValueOf(inner); v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Chan, reflect.Func:
		if !v.IsNil() {
			return nil, false
		}
	default:
		return nil, false
	}
	defer func() {
		if recover() != nil {
			shown, ok = shownText{"<nil>"}, true
		}
	}()
	if sharpV {
		if m, ok := x.(fmt.GoStringer); ok {
			return shownText{m.GoString()}, true
		}
		return nil, false
	}
	switch m := x.(type) {
	case error:
		return shownText{m.Error()}, true
	case fmt.Stringer:
		return shownText{m.String()}, true
	}
	return nil, false
}

// deepShape reports whether shape, a field's type as the interpreter
// tags it (see fieldTypeTag), holds its named types deeper than
// fieldStringer looks: in a map, or a slice of slices.
func deepShape(shape string) bool {
	return strings.Contains(shape, "map[") || strings.HasPrefix(shape, "[][]")
}

// shapeStringer reports whether shape names a cell type with a String or
// Error method.
func (tn *typeNames) shapeStringer(shape string) bool {
	if !deepShape(shape) {
		return false
	}
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	for _, name := range strings.FieldsFunc(shape, func(r rune) bool { return r == '[' || r == ']' }) {
		if _, ok := tn.namedStringers[strings.TrimPrefix(name, "map")]; ok {
			return true
		}
	}
	return false
}

// formatShape formats v, a struct field's value, calling the String or
// Error method of the cell types shape names where it names them
// ("map[_][]main.Weekday": the map's values' elements); for %#v, with
// the types' names.
func (tn *typeNames) formatShape(v reflect.Value, shape string, mode fmtMode, depth int) string {
	open, sep, end := "[", " ", "]"
	if mode.sharp && v.IsValid() {
		open, sep, end = shapeTypeName(tn, v.Type(), shape)+"{", ", ", "}"
	}
	switch {
	case shape == "_" || depth > 20 || !v.IsValid():
		return tn.format(v, mode, depth)
	case strings.HasPrefix(shape, "[]"):
		if k := v.Kind(); k != reflect.Slice && k != reflect.Array {
			return tn.format(v, mode, depth)
		}
		if mode.sharp && v.Kind() == reflect.Slice && v.IsNil() {
			return shapeTypeName(tn, v.Type(), shape) + "(nil)"
		}
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = tn.formatShape(v.Index(i), shape[2:], mode, depth+1)
		}
		return open + strings.Join(parts, sep) + end
	case strings.HasPrefix(shape, "map["):
		key, elem, ok := splitMapShape(shape)
		if !ok || v.Kind() != reflect.Map {
			return tn.format(v, mode, depth)
		}
		if mode.sharp && v.IsNil() {
			return shapeTypeName(tn, v.Type(), shape) + "(nil)"
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return lessKey(keys[i], keys[j]) })
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = tn.formatShape(k, key, mode, depth+1) + ":" + tn.formatShape(v.MapIndex(k), elem, mode, depth+1)
		}
		if !mode.sharp {
			open = "map["
		}
		return open + strings.Join(parts, sep) + end
	case strings.HasPrefix(shape, "*"):
		if v.Kind() != reflect.Pointer || !mode.sharp {
			return tn.format(v, mode, depth)
		}
		switch {
		case v.IsNil():
			return "(" + shape + ")(nil)"
		case depth == 0:
			return "&" + tn.formatShape(v.Elem(), shape[1:], mode, depth+1)
		}
		return fmt.Sprintf("(%s)(%p)", shape, v.Interface())
	}
	if mode.sharp && !mode.noMethods && v.CanInterface() {
		if s, ok := tn.namedGoString(shape, v.Interface()); ok {
			return s
		}
	}
	tn.mu.RLock()
	s, ok := tn.namedStringers[shape]
	tn.mu.RUnlock()
	if ok && !mode.sharp && s.fn.Type().In(0) == v.Type() {
		return callStringer(s, v)
	}
	out := tn.format(v, mode, depth)
	if k := v.Kind(); mode.sharp && (k == reflect.Slice || k == reflect.Array || k == reflect.Map) {
		// A named slice, array or map type: %#v writes its name where
		// the value's reflect type has lost it.
		if rest, ok := strings.CutPrefix(out, tn.typeName(v.Type())); ok {
			return shape + rest
		}
		if rest, ok := strings.CutPrefix(out, "[]byte{"); ok && k == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return shape + "{" + rest // fmt spells a []uint8 []byte
		}
	}
	return out
}

// shapeTypeName is the name of rt, a field's type or a part of it, with
// the cell type names shape gives its parts.
func shapeTypeName(tn *typeNames, rt reflect.Type, shape string) string {
	switch {
	case shape == "_" || shape == "":
		return tn.typeName(rt)
	case strings.HasPrefix(shape, "[]") && rt.Kind() == reflect.Slice:
		return "[]" + shapeTypeName(tn, rt.Elem(), shape[2:])
	case strings.HasPrefix(shape, "[]") && rt.Kind() == reflect.Array:
		return "[" + strconv.Itoa(rt.Len()) + "]" + shapeTypeName(tn, rt.Elem(), shape[2:])
	case strings.HasPrefix(shape, "map[") && rt.Kind() == reflect.Map:
		if key, elem, ok := splitMapShape(shape); ok {
			return "map[" + shapeTypeName(tn, rt.Key(), key) + "]" + shapeTypeName(tn, rt.Elem(), elem)
		}
	case !strings.HasPrefix(shape, "[]") && !strings.HasPrefix(shape, "map[") && !strings.HasPrefix(shape, "*"):
		return shape // a type's name (an instance's has brackets: main.List[main.ID])
	}
	return tn.typeName(rt)
}

// splitMapShape splits "map[K]V" into K and V.
func splitMapShape(shape string) (key, elem string, ok bool) {
	depth := 0
	for i := len("map"); i < len(shape); i++ {
		switch shape[i] {
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				return shape[len("map["):i], shape[i+1:], true
			}
		}
	}
	return "", "", false
}
