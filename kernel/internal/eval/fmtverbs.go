package eval

import (
	"encoding"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"log/slog"
	"reflect"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golessons/kernel/internal/typecheck"
	"golessons/third_party/yaegi/interp"
)

// The fmt functions given to cells, with %T, %+v and %#v of cell struct
// types fixed (see fmtnames.go), and a struct type a package's String
// method or fmt's notes write (context.WithValue(ctx, k, Point{}),
// %!(EXTRA main.Pt={2})) named as the cell declared it.
//
// The printing ones write where the cells' streams say (see streams.go):
// stdout is the cells' current os.Stdout, and a writer that is the cells'
// os.Stderr is routed to the ordered stderr, so both keep their order.
func (tn *typeNames) overrideFmt(f map[string]reflect.Value, out *outputs) {
	f["Print"] = reflect.ValueOf(func(a ...any) (int, error) {
		return io.WriteString(out.stdout(), tidyTypeNames(fmt.Sprint(tn.values(a)...)))
	})
	f["Println"] = reflect.ValueOf(func(a ...any) (int, error) {
		return io.WriteString(out.stdout(), tidyTypeNames(fmt.Sprintln(tn.values(a)...)))
	})
	f["Fprint"] = reflect.ValueOf(func(w io.Writer, a ...any) (int, error) {
		return io.WriteString(out.route(w), tidyTypeNames(fmt.Sprint(tn.values(a)...)))
	})
	f["Fprintln"] = reflect.ValueOf(func(w io.Writer, a ...any) (int, error) {
		return io.WriteString(out.route(w), tidyTypeNames(fmt.Sprintln(tn.values(a)...)))
	})
	f["Sprint"] = reflect.ValueOf(func(a ...any) string { return tidyTypeNames(fmt.Sprint(tn.values(a)...)) })
	f["Sprintln"] = reflect.ValueOf(func(a ...any) string { return tidyTypeNames(fmt.Sprintln(tn.values(a)...)) })
	f["Printf"] = reflect.ValueOf(func(format string, a ...any) (int, error) {
		return io.WriteString(out.stdout(), tn.sprintf(format, a...))
	})
	f["Sprintf"] = reflect.ValueOf(tn.sprintf)
	f["Fprintf"] = reflect.ValueOf(func(w io.Writer, format string, a ...any) (int, error) {
		return io.WriteString(out.route(w), tn.sprintf(format, a...))
	})
	f["Errorf"] = reflect.ValueOf(func(format string, a ...any) error {
		format, a = tn.args(format, a)
		return tidyWrapped(fmt.Errorf(format, a...))
	})
	f["Appendf"] = reflect.ValueOf(func(b []byte, format string, a ...any) []byte {
		return append(b, tn.sprintf(format, a...)...)
	})
}

// sprintf is fmt.Sprintf as the cells' Printf functions format: with the
// cells' types named (args), and fmt's notes of a wrong or extra
// argument (%!(EXTRA main.Pt={2})) naming a cell's struct type as
// declared, where fmt writes the interpreter's struct.
func (tn *typeNames) sprintf(format string, a ...any) string {
	format, a = tn.args(format, a)
	return tidyTypeNames(fmt.Sprintf(format, a...))
}

// printWrappers is yaegi's "MapTypes" export for the printing functions
// of fmt and log as given to cells: the interfaces whose methods yaegi
// wraps a cell value in when passing it to them, so that fmt calls the
// Format, Error and String methods of cell types (yaegi's own table
// misses error, and has no entry for the replaced functions).
func printWrappers(x interp.Exports) interp.Exports {
	ifaces := []reflect.Type{
		reflect.TypeFor[fmt.Formatter](), reflect.TypeFor[error](), reflect.TypeFor[fmt.Stringer](),
		reflect.TypeFor[fmt.GoStringer](), // last: a value with String too is a Stringer
	}
	mt := map[reflect.Value][]reflect.Type{}
	for _, name := range []string{"Print", "Printf", "Println", "Sprint", "Sprintf", "Sprintln", "Fprint", "Fprintf",
		"Fprintln", "Append", "Appendf", "Appendln"} {
		if v, ok := x["fmt/./fmt"][name]; ok {
			mt[v] = ifaces
		}
	}
	if v, ok := x["fmt/./fmt"]["Errorf"]; ok {
		// error first: %w wants one (an error type with Format came as a
		// Formatter, and %w said %!w); args calls its Format for the
		// other verbs.
		mt[v] = append([]reflect.Type{reflect.TypeFor[error]()}, slices.DeleteFunc(slices.Clone(ifaces), func(t reflect.Type) bool { return t == reflect.TypeFor[error]() })...)
	}
	for _, name := range []string{"Print", "Printf", "Println", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"} {
		if v, ok := x["log/log"][name]; ok {
			mt[v] = ifaces
		}
	}
	// A cell value with methods arrives at TypeExact wrapped, not as
	// yaegi's interface value. TypeOfAny is left out: it wants that
	// interface value, which names the value's type (see dynName).
	for _, name := range []string{"TypeExact"} {
		if v, ok := x[rtPath+"/eval"][name]; ok {
			mt[v] = ifaces
		}
	}
	// A value passed to json's functions directly arrives in yaegi's
	// wrapper for the cell's MarshalJSON or UnmarshalJSON (or the Text
	// ones), which json calls (encodecell.go).
	marshal := []reflect.Type{reflect.TypeFor[json.Marshaler](), reflect.TypeFor[encoding.TextMarshaler]()}
	unmarshal := []reflect.Type{reflect.TypeFor[json.Unmarshaler](), reflect.TypeFor[encoding.TextUnmarshaler]()}
	for name, ifaces := range map[string][]reflect.Type{"Marshal": marshal, "MarshalIndent": marshal, "Unmarshal": unmarshal} {
		if v, ok := x["encoding/json/json"][name]; ok {
			mt[v] = ifaces
		}
	}
	// A logger from log.New or log.Default: its methods are called on
	// the value, which no MapTypes key names.
	logMethods := map[string][]reflect.Type{}
	for _, name := range []string{"Print", "Printf", "Println", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"} {
		logMethods[name] = ifaces
	}
	mm := map[reflect.Type]map[string][]reflect.Type{reflect.TypeFor[*Logger](): logMethods,
		reflect.TypeFor[*JSONEncoder](): {"Encode": marshal}, reflect.TypeFor[*JSONDecoder](): {"Decode": unmarshal}}
	// slog's attribute values: the handlers call these methods as Go's
	// do (a named non-struct type has no other way to keep them); a
	// cellHandler sorts out those a handler would not call.
	slogIfaces := []reflect.Type{reflect.TypeFor[slog.LogValuer](), reflect.TypeFor[json.Marshaler](),
		reflect.TypeFor[encoding.TextMarshaler](), reflect.TypeFor[error](), reflect.TypeFor[fmt.Stringer]()}
	slogMethods := map[string][]reflect.Type{}
	for _, name := range []string{"Debug", "Info", "Warn", "Error", "Log", "DebugContext", "InfoContext", "WarnContext", "ErrorContext", "With", "Any", "AnyValue", "Group"} {
		if v, ok := x["log/slog/slog"][name]; ok {
			mt[v] = slogIfaces
		}
		slogMethods[name] = slogIfaces
	}
	mm[reflect.TypeFor[*slog.Logger]()] = slogMethods
	return interp.Exports{".": {"MapTypes": reflect.ValueOf(mt), "MapMethods": reflect.ValueOf(mm)}}
}

// args rewrites a format and its arguments: %T of a value involving a
// registered type becomes %s of its declared name, and %+v / %#v of one
// format through namedValue. A format with explicit argument indexes is
// expanded first (typecheck.ExpandArgIndexes): each use of an argument
// becomes an argument of its own.
func (tn *typeNames) args(format string, orig []any) (string, []any) {
	a := orig
	if !strings.Contains(format, "%") {
		return format, a
	}
	expanded, order, ok := typecheck.ExpandArgIndexes(format, len(a))
	if !ok {
		return format, a
	}
	if order != nil {
		format, a = expanded, make([]any, len(order))
		for i, k := range order {
			a[i] = orig[k]
		}
	}
	var out []byte
	var copied []any
	argi := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		out = append(out, c)
		if c != '%' {
			continue
		}
		plus, sharp, sized := false, false, false
		for i+1 < len(format) {
			i++
			c = format[i]
			if c == '.' || c >= '1' && c <= '9' {
				sized = true
			}
			switch {
			case c == '+':
				plus = true
			case c == '#':
				sharp = true
			case c == '*':
				// A width or precision taken from the arguments: fmt
				// wants the number, not the interpreter's wrapping of it.
				if argi < len(a) {
					if _, isInt := a[argi].(int); !isInt {
						copied = copyArgs(copied, a)
						copied[argi] = plainArg(a[argi])
					}
				}
				argi++
			case c == '-' || c == ' ' || c == '0' || c == '.' || (c >= '1' && c <= '9'):
			case c == '[':
				return format, a
			default:
				goto verb
			}
			out = append(out, c)
		}
		break
	verb:
		if c == '%' {
			out = append(out, c)
			continue
		}
		labelled, exact := false, false
		var arg any
		if argi < len(a) {
			arg = a[argi]
			switch x := arg.(type) { // the type checker's help with %T (fmtnames.go)
			// A label stands for its value where the format prints the
			// argument with another verb too (%[1]v %[1]T).
			case typeLabel:
				copied = copyArgs(copied, a)
				if c == 'T' {
					copied[argi], c, labelled = x.name, 's', true
				} else if str, ok := tn.namedGoString(x.name, x.v); ok && sharp && c == 'v' {
					copied[argi], c, labelled = str, 's', true // %#v calls GoString
				} else if str, ok := tn.namedString(x.name, x.v); ok && !sharp && strings.ContainsRune("vsqxX", rune(c)) {
					copied[argi], labelled = str, true // the value lost its type on the way: Go calls String
				} else if badVerb(c, x.v) {
					copied[argi], labelled = badVerbArg{x.name, x.v}, true
				} else {
					arg, copied[argi] = x.v, x.v
				}
			case dynType:
				copied = copyArgs(copied, a)
				if c == 'T' {
					copied[argi], c, labelled = tn.dynName(x.v, x.param), 's', true
				} else {
					arg, copied[argi] = x.v, x.v
				}
			case exactType:
				copied = copyArgs(copied, a)
				arg, exact = x.v, true
				copied[argi] = arg
			case dynArg:
				copied = copyArgs(copied, a)
				arg, copied[argi] = x.v, x.v
			case sharpLabel:
				copied = copyArgs(copied, a)
				if str, ok := tn.namedGoString(x.name, x.v); ok && c == 'v' && sharp {
					copied[argi], c, labelled = str, 's', true // %#v calls GoString
				} else if c == 'v' && sharp {
					copied[argi], labelled = namedValue{tn: tn, v: reflect.ValueOf(x.v), top: x.name}, true
				} else {
					arg, copied[argi] = x.v, x.v
				}
			case reflect.Type:
				if s, ok := tn.reflectTypeArg(x); ok && strings.ContainsRune("vsq", rune(c)) {
					copied = copyArgs(copied, a)
					copied[argi], labelled = s, true
				}
			}
		}
		if argi < len(a) && !labelled && c != 'T' && c != 'w' { // %w keeps the error itself (Errorf tidies its message)
			if t, ok := tidyArg(arg); ok {
				copied = copyArgs(copied, a)
				arg, copied[argi] = t, t
			}
		}
		if argi < len(a) && !labelled {
			if inner, name, ok := unwrapVI(arg); ok { // yaegi's own wrapper, which fmt would print as it is
				copied = copyArgs(copied, a)
				arg, copied[argi] = inner, inner
				if c == 'T' && name != "" {
					copied[argi], c, labelled = name, 's', true
				}
				if s, ok := tn.namedGoString(name, inner); ok && sharp && c == 'v' {
					copied[argi], c, labelled = s, 's', true // %#v calls GoString
				}
				if s, ok := tn.namedString(name, inner); ok && !sharp && strings.ContainsRune("vsqxX", rune(c)) {
					copied[argi], labelled = s, true // Go calls String for these verbs
				}
			}
		}
		if argi < len(a) && !labelled {
			v, wrapped := unwrapYaegi(arg)
			if shown, ok := nilReceiver(arg, sharp && c == 'v'); ok && strings.ContainsRune("vsxXq", rune(c)) {
				copied = copyArgs(copied, a)
				copied[argi], arg, v, wrapped = shown, shown, shown, false
			}
			if fc, ok := tn.formatOfWrapped(arg); ok && c != 'T' && c != 'w' {
				copied = copyArgs(copied, a)
				copied[argi], labelled = fc, true
			} else if ec, ok := tn.errorOfStringer(arg); ok && !sharp && strings.ContainsRune("vsxXq", rune(c)) {
				copied = copyArgs(copied, a)
				copied[argi], labelled = ec, true
			}
			_, formatter := arg.(fmt.Formatter)
			_, stringer := arg.(fmt.Stringer)
			_, isErr := arg.(error)
			_, goStringer := arg.(fmt.GoStringer)
			if wrapped && !formatter && !goStringer && c == 'v' && sharp {
				// %#v calls GoString only, not String or Error: Go
				// prints the value itself (3 for a Color with String).
				copied = copyArgs(copied, a)
				arg, copied[argi], wrapped = v, v, false
			}
			if wrapped && !formatter && !stringer && !isErr && c != 'T' && !(goStringer && sharp && c == 'v') {
				// A wrapper for another package's interface
				// (sort.Interface): fmt would print its fields.
				copied = copyArgs(copied, a)
				arg, copied[argi], wrapped = v, v, false
			}
			if wrapped && !formatter && !strings.ContainsRune("vsxXqTw", rune(c)) {
				// Go calls String and Error only for these verbs (and %w
				// keeps the error); %d of a
				// Stringer prints the number, not yaegi's wrapper struct.
				copied = copyArgs(copied, a)
				copied[argi] = v
			} // wrapped: a Stringer or error, whose method %+v calls, as in Go
			if wrapped && c == 'T' && !tn.needs(reflect.TypeOf(v), map[reflect.Type]bool{}) {
				// yaegi's wrapper does not always keep the value's type
				// (a one-field struct arrives as its field): name the cell
				// types with the wrapped method instead of the wrapper.
				if name := tn.byMethod(arg, v); name != "" {
					copied = copyArgs(copied, a)
					copied[argi], c = name, 's'
				}
			} else if wrapped && c == 'T' {
				if name, ok := tn.namedOver(arg, v); ok {
					copied = copyArgs(copied, a)
					copied[argi], c = name, 's'
				}
			}
			if c == 'T' && !exact {
				// No word from the type checker (a format that is not a
				// constant): a value may be of a cell's misnamed type.
				if name, ok := runtimeErrorType(v); ok {
					copied = copyArgs(copied, a)
					copied[argi], c = name, 's'
				} else if name := tn.dynName(v, false); strings.Contains(name, "|") {
					copied = copyArgs(copied, a)
					copied[argi], c = name, 's'
				}
			}
			if v != nil && !wrapped && !sharp && strings.ContainsRune("vsqxX", rune(c)) {
				// Go calls String for these verbs and then applies the
				// width, flags and quoting to the string it returns.
				if s, ok := tn.stringOf(reflect.ValueOf(v)); ok {
					copied = copyArgs(copied, a)
					copied[argi], labelled = s, true
				}
			}
			if v != nil && !wrapped && !labelled && !sharp && !plus && (strings.ContainsRune("qxX", rune(c)) || sized && (c == 'v' || c == 's')) {
				// Go applies these verbs, and a width or precision, to
				// what each element's String or Error says.
				if ss, ok := tn.elemStrings(reflect.ValueOf(v), 0); ok {
					copied = copyArgs(copied, a)
					copied[argi], labelled = ss, true
				}
			}
			if v != nil && !wrapped && !labelled && (c == 'v' || c == 's') && tn.needsFormat(v) && (!sharp || !tn.needs(reflect.TypeOf(v), map[reflect.Type]bool{})) {
				// (%#v of a type that needs its names is the case below.)
				copied = copyArgs(copied, a)
				copied[argi], labelled = namedValue{tn: tn, v: reflect.ValueOf(v)}, true
			}
			if v != nil && !labelled && !(wrapped && strings.ContainsRune("qxX", rune(c))) && !strings.ContainsRune("vsTwp", rune(c)) && holdsIface(reflect.TypeOf(v), map[reflect.Type]bool{}) {
				// %d or %x of a []any: fmt would print the interpreter's
				// interface values inside as structs. (Not a cell's
				// Stringer, error or Formatter, still wrapped here: fmt
				// calls its method for %q, %x and %X, of a []error too.)
				copied = copyArgs(copied, a)
				copied[argi] = verbValue{tn: tn, v: v}
			}
			// (%#v and %+v of a []any, a map or a struct holding a cell's
			// struct in an interface: fmt would print the interpreter's
			// struct type and field aliases.)
			if v != nil && !labelled && !(wrapped && goStringer && c == 'v') && !(exact && c == 'T') && (c == 'T' || (c == 'v' && (sharp || (plus && !wrapped)))) &&
				(tn.needs(reflect.TypeOf(v), map[reflect.Type]bool{}) || c == 'T' && hasStandIn(reflect.TypeOf(v)) ||
					c == 'v' && !wrapped && holdsIface(reflect.TypeOf(v), map[reflect.Type]bool{})) {
				if copied == nil {
					copied = append([]any(nil), a...)
				}
				if c == 'T' {
					copied[argi], c = tn.typeName(reflect.TypeOf(v)), 's'
				} else {
					copied[argi] = namedValue{tn: tn, v: reflect.ValueOf(v)}
				}
			}
		}
		argi++
		out = append(out, c)
	}
	if copied == nil {
		return format, a
	}
	return string(out), copied
}

// elemStrings is v, a slice or array (of slices or arrays) of a cell's
// type with String or Error, as the strings those methods say, which fmt
// formats as it would the elements themselves; false when an element
// has no such method, a Format method, or is a nil pointer (fmt prints
// <nil> unquoted for it).
func (tn *typeNames) elemStrings(v reflect.Value, depth int) (any, bool) {
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array || v.Len() == 0 || depth > 4 {
		return nil, false
	}
	et := v.Type().Elem()
	if et.Kind() == reflect.Slice || et.Kind() == reflect.Array {
		out := make([]any, v.Len())
		for i := range out {
			s, ok := tn.elemStrings(v.Index(i), depth+1)
			if !ok {
				return nil, false
			}
			out[i] = s
		}
		return out, true
	}
	tn.mu.RLock()
	_, formats := tn.formatters[et]
	tn.mu.RUnlock()
	if formats {
		return nil, false
	}
	out := make([]string, v.Len())
	for i := range out {
		e := v.Index(i)
		if e.Kind() == reflect.Pointer && e.IsNil() {
			return nil, false
		}
		s, ok := tn.stringOf(e)
		if !ok {
			return nil, false
		}
		out[i] = s
	}
	return out, true
}

// badVerb reports whether fmt refuses verb c for v, a value of a basic
// kind (%s of an int).
func badVerb(c byte, v any) bool {
	good := ""
	switch reflect.ValueOf(v).Kind() {
	case reflect.Bool:
		good = "tv"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		good = "bcdoOqxXUv"
	case reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		good = "beEfFgGxXv"
	case reflect.String:
		good = "svqxX"
	default:
		return false
	}
	return !strings.ContainsRune(good+"w", rune(c)) // %w: Errorf keeps the error
}

// badVerbArg is a value of a cell's named basic type printed with a verb
// fmt refuses for its kind: fmt writes %!verb(type=value), and the value
// has lost its type's name on the way (%!s(int=2) for a main.Level).
type badVerbArg struct {
	name string
	v    any
}

// Format writes what fmt writes for a bad verb: the value as %v with the
// same flags (not through a String method: fmt calls none while it
// writes an error).
func (b badVerbArg) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, "%%!%c(%s=%s)", verb, b.name, fmt.Sprintf(fmt.FormatString(f, 'v'), b.v))
}

// verbValue prints, with a verb other than %v, %s and %T, a value that
// holds interface values: those of the interpreter are replaced by the
// values they hold, or by what their String or Error method returns for
// the verbs that call it (%x of []any{Color(1)} is the hex of "Red").
type verbValue struct {
	tn *typeNames
	v  any
}

func (w verbValue) Format(f fmt.State, verb rune) {
	calls := strings.ContainsRune("qxX", verb) && !f.Flag('#')
	pl := plainer{budget: 100000, held: func(x any) (any, bool) {
		if inner, name, ok := unwrapVI(x); ok && calls && inner != nil {
			return w.tn.namedString(name, inner)
		}
		if _, ok := unwrapYaegi(x); ok && calls {
			switch m := x.(type) {
			case error:
				return m.Error(), true
			case fmt.Stringer:
				return m.String(), true
			}
		}
		return nil, false
	}}
	x := w.v
	if p, changed := pl.of(reflect.ValueOf(x), 0); changed && p.CanInterface() {
		x = p.Interface()
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), x)
}

// namedValue formats a value with the declared names of cell types and
// their String and Error methods (fmtstringers.go).
type namedValue struct {
	tn *typeNames
	v  reflect.Value
	// top, when set, is the shape of v's type for %#v (formatShape): the
	// names of the named slice, map and array types in it (sharpLabel).
	top string
}

// Format implements fmt.Formatter for %v, %+v and %#v.
func (n namedValue) Format(f fmt.State, verb rune) {
	mode := fmtMode{plus: f.Flag('+'), sharp: f.Flag('#'), s: verb == 's'}
	var s string
	if n.top != "" && mode.sharp {
		s = n.tn.formatShape(n.v, n.top, mode, 0)
	} else {
		s = n.tn.format(n.v, mode, 0)
	}
	io.WriteString(f, s) //nolint:errcheck // fmt.State writes to a buffer
}

// fmtMode is the flags of a %v verb, or %s. noMethods: the value is
// reached through an unexported field, where fmt calls no String or
// Error method.
type fmtMode struct{ plus, sharp, s, noMethods bool }

func (tn *typeNames) format(v reflect.Value, mode fmtMode, depth int) string {
	sharp := mode.sharp
	verb := "%v"
	switch {
	case sharp:
		verb = "%#v"
	case mode.plus:
		verb = "%+v"
	case mode.s:
		verb = "%s"
	}
	if !v.IsValid() {
		if sharp {
			return "<nil>"
		}
		return "<nil>"
	}
	if !mode.noMethods && v.Kind() != reflect.Interface {
		// Before the look for yaegi's wrappers, which takes a one-field
		// struct of the cells for one.
		if s, ok := tn.formatOf(v, verb); ok {
			return s
		}
		if s, ok := tn.goStringOf(v); ok && sharp {
			return s
		}
	}
	if v.Kind() == reflect.Struct && v.CanInterface() {
		if inner, wrapped := unwrapYaegi(v.Interface()); wrapped {
			if fc, ok := tn.formatOfWrapped(v.Interface()); ok && !mode.noMethods {
				return fmt.Sprintf(verb, fc) // an element of a []error whose type has Format
			}
			if ec, ok := tn.errorOfStringer(v.Interface()); ok && !sharp && !mode.noMethods {
				return fmt.Sprintf(verb, ec) // an element of a []fmt.Stringer whose type has Error
			}
			switch v.Interface().(type) {
			case fmt.Formatter: // fmt calls Format for every verb
				if !mode.noMethods { // but not through an unexported field
					return fmt.Sprintf(verb, v.Interface())
				}
			case error, fmt.Stringer: // yaegi's method wrapper: fmt calls its Error or String
				if !sharp && !mode.noMethods { // but not for %#v, which prints the value, nor through an unexported field
					return fmt.Sprintf(verb, v.Interface())
				}
			}
			return tn.format(reflect.ValueOf(inner), mode, depth+1) // one for another interface (sort.Interface)
		}
	}
	if isVI(v.Type()) && v.CanInterface() {
		inner, name, _ := unwrapVI(v.Interface())
		if inner == nil {
			return "<nil>"
		}
		if !sharp && !mode.noMethods {
			if s, ok := tn.namedString(name, inner); ok {
				return s
			}
		}
		return tn.format(reflect.ValueOf(inner), mode, depth)
	}
	if v.Kind() == reflect.Interface && !v.IsNil() && v.Elem().CanInterface() {
		if _, wrapped := unwrapYaegi(v.Elem().Interface()); wrapped { // a cell value in a field of a package's interface type
			return tn.format(v.Elem(), mode, depth+1)
		}
	}
	if depth > 20 || !tn.needs(v.Type(), map[reflect.Type]bool{}) && !tn.needsStringer(v.Type(), map[reflect.Type]bool{}) && !holdsIface(v.Type(), map[reflect.Type]bool{}) {
		return sprintValue(verb, v, mode, depth)
	}
	if !sharp && !mode.noMethods && (v.Kind() != reflect.Interface) {
		if s, ok := tn.stringOf(v); ok {
			return s
		}
	}
	t := v.Type()
	switch v.Kind() {
	case reflect.Interface:
		switch {
		case v.IsNil() && sharp:
			return tn.typeName(t) + "(nil)"
		case v.IsNil():
			return "<nil>" // for %s too: fmt's %!s(<nil>) is for an argument, not an element
		}
		return tn.format(v.Elem(), mode, depth+1)
	case reflect.Pointer:
		switch {
		case v.IsNil() && sharp:
			return "(" + tn.typeName(t) + ")(nil)"
		case v.IsNil():
			return "<nil>"
		case depth == 0:
			return "&" + tn.format(v.Elem(), mode, depth+1)
		case sharp:
			return fmt.Sprintf("(%s)(%p)", tn.typeName(t), v.Interface())
		}
		return fmt.Sprintf("%p", v.Interface())
	case reflect.Struct:
		_, names := tn.lookup(t)
		parts := make([]string, NumFields(t))
		for i := range parts {
			name := t.Field(i).Name
			if names != nil && names[i] != "" {
				name = names[i]
			} else if len(name) > 1 && name[0] == 'X' && unicode.IsLower(rune(name[1])) {
				name = name[1:] // yaegi's exported alias of an unexported field
			}
			fieldMode := mode
			if !token.IsExported(name) {
				fieldMode.noMethods = true // fmt cannot call methods through an unexported field
			}
			fs, each, ok := tn.fieldStringer(t.Field(i))
			tag := t.Field(i).Tag.Get(fieldTypeTag)
			switch {
			case ok && !sharp && !fieldMode.noMethods && !each:
				parts[i] = callStringer(fs, v.Field(i))
			case ok && !sharp && !fieldMode.noMethods && !(mode.s && t.Field(i).Type.Elem().Kind() == reflect.Uint8):
				// (%s of a slice of a byte kind prints the bytes.)
				elems := make([]string, v.Field(i).Len())
				for j := range elems {
					elems[j] = callStringer(fs, v.Field(i).Index(j))
				}
				parts[i] = "[" + strings.Join(elems, " ") + "]"
			case sharp && tag != "" || !fieldMode.noMethods && deepShape(tag) && strings.ContainsRune(tag, '['):
				parts[i] = tn.formatShape(v.Field(i), tag, fieldMode, depth+1)
			default:
				parts[i] = tn.format(v.Field(i), fieldMode, depth+1)
			}
			if sharp || mode.plus {
				parts[i] = name + ":" + parts[i]
			}
		}
		if sharp {
			return tn.typeName(t) + "{" + strings.Join(parts, ", ") + "}"
		}
		return "{" + strings.Join(parts, " ") + "}"
	case reflect.Slice, reflect.Array:
		if sharp && v.Kind() == reflect.Slice && v.IsNil() {
			return tn.typeName(t) + "(nil)"
		}
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = tn.format(v.Index(i), mode, depth+1)
		}
		if sharp {
			return tn.typeName(t) + "{" + strings.Join(parts, ", ") + "}"
		}
		return "[" + strings.Join(parts, " ") + "]"
	case reflect.Map:
		if sharp && v.IsNil() {
			return tn.typeName(t) + "(nil)"
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return lessKey(keys[i], keys[j]) })
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = tn.format(k, mode, depth+1) + ":" + tn.format(v.MapIndex(k), mode, depth+1)
		}
		if sharp {
			return tn.typeName(t) + "{" + strings.Join(parts, ", ") + "}"
		}
		return "map[" + strings.Join(parts, " ") + "]"
	}
	return sprintValue(verb, v, mode, depth)
}

// sprintValue is fmt's own printing of v, which calls v's methods unless
// v was reached through an unexported field (mode.noMethods): there Go
// prints a time.Duration as its int64 and a pointer as its address.
func sprintValue(verb string, v reflect.Value, mode fmtMode, depth int) string {
	if !mode.noMethods {
		if s, ok := nestedPointer(verb, v, depth); ok {
			return s
		}
		s := fmt.Sprintf(verb, v.Interface())
		if verb == "%#v" && depth > 0 && v.Type() == reflect.TypeFor[[]byte]() {
			// fmt names a []byte so only when printed itself; inside a
			// value it writes reflect's name.
			if rest, ok := strings.CutPrefix(s, "[]byte"); ok {
				return "[]uint8" + rest
			}
		}
		return s
	}
	if v.Kind() == reflect.Pointer && depth > 0 && !v.IsNil() {
		return fmt.Sprintf("0x%x", v.Pointer())
	}
	return fmt.Sprintf(verb, readOnly(v))
}

// nestedPointer is a pointer to a struct, array, slice or map inside a
// printed value as fmt prints it there: its address (with its type for
// %#v), not the &{...} fmt gives such a pointer printed alone, unless a
// method of it is what fmt calls.
func nestedPointer(verb string, v reflect.Value, depth int) (string, bool) {
	if depth == 0 || v.Kind() != reflect.Pointer || v.IsNil() || !v.CanInterface() {
		return "", false
	}
	switch v.Elem().Kind() {
	case reflect.Struct, reflect.Array, reflect.Slice, reflect.Map:
	default:
		return "", false
	}
	switch v.Interface().(type) {
	case fmt.Formatter:
		return "", false
	case fmt.GoStringer:
		if verb == "%#v" {
			return "", false
		}
	}
	if verb == "%#v" {
		return fmt.Sprintf("(%s)(0x%x)", v.Type(), v.Pointer()), true
	}
	switch v.Interface().(type) {
	case error, fmt.Stringer:
		return "", false
	}
	return fmt.Sprintf("0x%x", v.Pointer()), true
}

// hidden holds a value behind an unexported field.
type hidden struct{ v any }

// readOnly is v as reflect gives it when read through an unexported
// field: fmt prints such a Value without calling its methods, as it does
// the unexported fields of a Go struct.
func readOnly(v reflect.Value) reflect.Value {
	return reflect.ValueOf(hidden{v.Interface()}).Field(0).Elem()
}

// lessKey orders map keys as fmt does for the common key kinds.
func lessKey(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.String:
		return a.String() < b.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() < b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() < b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() < b.Float()
	}
	return fmt.Sprint(a.Interface()) < fmt.Sprint(b.Interface())
}

// unwrapYaegi returns the interpreted value inside one of yaegi's
// interface wrappers (a cell type's value stored in an error or
// fmt.Stringer is passed to compiled code as e.g. interp._error), so that
// %T names the cell type and not the wrapper.
func unwrapYaegi(v any) (any, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Struct || rv.Type().Name() == "" || rv.Type().Name()[0] != '_' || !strings.Contains(rv.Type().PkgPath(), "yaegi") {
		return v, false
	}
	if f := rv.FieldByName("IValue"); f.IsValid() && f.CanInterface() && !f.IsNil() {
		return f.Interface(), true
	}
	return v, false
}

// byMethod names the cell types that have the method yaegi's wrapper w
// stands for (its fields after IValue are W<Method>), for %T when the
// wrapped value v lost its type. A value that is no pointer cannot have
// come from a pointer-receiver method.
func (tn *typeNames) byMethod(w, v any) string {
	names, _ := tn.byMethodFits(w, v)
	return names
}

// byMethodFits is byMethod, and whether the names are of types v's
// reflect type can be (not every type with the method).
func (tn *typeNames) byMethodFits(w, v any) (string, bool) {
	wt := reflect.TypeOf(w)
	method := ""
	for i := 1; i < wt.NumField() && method == ""; i++ {
		method, _ = strings.CutPrefix(wt.Field(i).Name, "W")
	}
	ptr := v != nil && reflect.TypeOf(v).Kind() == reflect.Pointer
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	// The types v's reflect type can be: a struct type registered under
	// it, or a named non-struct type over it. A NegErr (float64) is no
	// NotFound struct, though both have Error.
	var can map[string]bool
	if v != nil {
		rt := reflect.TypeOf(v)
		if ptr {
			rt = rt.Elem()
		}
		can = map[string]bool{}
		for _, n := range tn.names[rt] {
			can[n] = true
		}
		for _, n := range tn.under[rt] {
			can[n] = true
		}
	}
	var names, fits []string
	for _, r := range tn.methods[method] {
		name, isPtr := strings.CutPrefix(r, "*")
		if isPtr && !ptr {
			continue
		}
		full := "main." + name
		if ptr {
			full = "*main." + name
		}
		names = append(names, full)
		if can[name] {
			fits = append(fits, full)
		}
	}
	if len(fits) > 0 {
		return strings.Join(fits, "|"), true
	}
	return strings.Join(names, "|"), false
}

// namedOver is %T of v, wrapped in w by yaegi for a method, when v is of
// a cell's named slice, map or array type with that method (type Errs
// []E with Error): its reflect type names the elements' cell types, so
// it needs naming, but it is the named type's.
func (tn *typeNames) namedOver(w, v any) (string, bool) {
	rt := reflect.TypeOf(v)
	if rt == nil || rt.Kind() == reflect.Struct || rt.Kind() == reflect.Pointer && rt.Elem().Kind() == reflect.Struct {
		return "", false
	}
	names, fits := tn.byMethodFits(w, v)
	return names, fits && names != ""
}

// plainArg is the value a labelled or wrapped argument stands for.
func plainArg(x any) any {
	switch l := x.(type) {
	case typeLabel:
		x = l.v
	case dynType:
		x = l.v
	case exactType:
		x = l.v
	case dynArg:
		x = l.v
	case sharpLabel:
		x = l.v
	}
	if inner, _, ok := unwrapVI(x); ok {
		x = inner
	}
	v, _ := unwrapYaegi(x)
	return v
}

// copyArgs returns copied, or a copy of a when nil.
func copyArgs(copied, a []any) []any {
	if copied == nil {
		return append([]any(nil), a...)
	}
	return copied
}
