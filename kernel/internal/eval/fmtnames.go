package eval

import (
	"fmt"
	"go/ast"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golessons/kernel/internal/eval/rewrite"
)

// yaegi builds the types declared in cells with reflect.StructOf, so fmt
// sees anonymous structs: %T of a *T printed `*struct { S string }`, and
// %+v / %#v showed unexported fields under yaegi's exported aliases
// (`Xname`). After a cell declares struct types, their reflect types are
// registered with their cell names and field names (registerTypes), and
// fmt's formatting functions given to cells (Printf, Sprintf, Fprintf,
// Errorf, Appendf) rewrite %T of such values to the declared name and
// format %+v and %#v of them with the declared field names.
//
// A named type whose underlying type is not a struct (type Celsius
// float64) is the same reflect type as its underlying type, so the
// information is not there at run time: where the type checker knows
// the static type, the %T argument arrives labelled with its name
// (typeLabel); where the static type is an interface, it arrives as a
// dynType and %T names every type it may be ("float64|main.Celsius").
// Two struct types with identical fields are one reflect type, so %T
// names both ("main.A|main.B") rather than guess.

// typeNames is the registry of cell struct types by reflect type.
type typeNames struct {
	mu    sync.RWMutex
	names map[reflect.Type][]string
	// fields are the declared field names, by reflect type.
	fields map[reflect.Type][]string
	// under are the cell's named non-struct types, by the reflect type
	// of their underlying type.
	under map[reflect.Type][]string
	// methods maps a method name to the cell types declaring it, a
	// leading "*" for a pointer receiver (see noteMethods).
	methods map[string][]string
	// stringers are the cell types' String and Error methods, by
	// receiver type (fmtstringers.go).
	stringers map[reflect.Type]stringer
	// goStringers and formatters are the cell struct types' GoString
	// and Format methods, by receiver type, for fields and elements
	// (fmt calls them there too; yaegi's wrapper covers a value printed
	// directly).
	goStringers map[reflect.Type]stringer
	formatters  map[reflect.Type]reflect.Value
	// namedStringers are the String and Error methods of the cells'
	// named non-struct types, by "main.Name", for struct fields the
	// interpreter tags with their type (fieldStringer).
	namedStringers map[string]stringer
	// namedGoStringers are their GoString methods, by name: %#v calls
	// GoString, not String.
	namedGoStringers map[string]stringer
	// marshalers and namedMarshalers are the cell types' MarshalJSON and
	// MarshalText methods, as stringers and namedStringers are
	// (encodecell.go).
	marshalers      map[reflect.Type]marshaler
	namedMarshalers map[string]marshaler
	// xmlMarshalers and namedXMLMarshalers are their MarshalXML,
	// MarshalXMLAttr and MarshalText methods for the xml functions
	// (encodexml.go).
	xmlMarshalers      map[reflect.Type]*xmlMethods
	namedXMLMarshalers map[string]*xmlMethods
	// errMethods are the cell types' Unwrap, Is and As methods (Unwrap
	// returning []error under "UnwrapAll"), by receiver type, for the
	// errors functions (errchain.go); errMethodsOut: a generic type
	// declares one, which is not registered.
	errMethods    map[reflect.Type]map[string]reflect.Value
	errMethodsOut bool
}

// register records the element type of slice under name. (A slice: a
// pointer to a type with methods reaches compiled code in a wrapper.)
func (tn *typeNames) register(name string, slice any, fields []string) {
	rt := reflect.TypeOf(slice).Elem()
	tn.mu.Lock()
	defer tn.mu.Unlock()
	if rt.Kind() != reflect.Struct {
		if tn.under == nil {
			tn.under = map[reflect.Type][]string{}
		}
		if !slices.Contains(tn.under[rt], name) {
			tn.under[rt] = append(tn.under[rt], name)
		}
		return
	}
	if tn.names == nil {
		tn.names, tn.fields = map[reflect.Type][]string{}, map[reflect.Type][]string{}
	}
	for _, n := range tn.names[rt] {
		if n == name {
			return
		}
	}
	tn.names[rt] = append(tn.names[rt], name)
	if len(fields) == rt.NumField() {
		tn.fields[rt] = fields
	}
}

func (tn *typeNames) lookup(rt reflect.Type) (string, []string) {
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	names := tn.names[rt]
	if len(names) == 0 {
		return "", nil
	}
	return "main." + strings.Join(names, "|main."), tn.fields[rt]
}

// registerTypes registers the non-generic types declared by u, but
// interfaces.
func (e *Evaluator) registerTypes(u *unit) {
	if u.file == nil {
		return
	}
	var b strings.Builder
	for _, d := range u.file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range g.Specs {
			ts, ok := s.(*ast.TypeSpec)
			if !ok || ts.TypeParams != nil || ts.Assign.IsValid() {
				continue
			}
			if _, ok := ts.Type.(*ast.InterfaceType); ok {
				continue
			}
			var fields []string
			for _, f := range structFields(ts.Type) {
				fields = append(fields, strconv.Quote(f.Name))
			}
			fmt.Fprintf(&b, "__gl_register(%q, []%s(nil), []string{%s})\n", ts.Name.Name, ts.Name.Name, strings.Join(fields, ", "))
		}
	}
	if b.Len() == 0 {
		return
	}
	// Best effort: a failure only leaves fmt's own names.
	if p, err := e.i.Compile(b.String()); err == nil {
		_, _ = e.i.Execute(p)
	}
}

// typeName is %T of a value of type rt.
func (tn *typeNames) typeName(rt reflect.Type) string {
	if rt == nil {
		return "<nil>"
	}
	switch rt.Kind() {
	case reflect.Pointer:
		return "*" + tn.typeName(rt.Elem())
	case reflect.Slice:
		return "[]" + tn.typeName(rt.Elem())
	case reflect.Array:
		return "[" + strconv.Itoa(rt.Len()) + "]" + tn.typeName(rt.Elem())
	case reflect.Map:
		return "map[" + tn.typeName(rt.Key()) + "]" + tn.typeName(rt.Elem())
	case reflect.Chan:
		return strings.TrimSuffix(rt.String(), rt.Elem().String()) + tn.typeName(rt.Elem())
	case reflect.Struct:
		if n := standInNames[rt]; n != "" {
			return n
		}
		if n, _ := tn.lookup(rt); n != "" {
			return n
		}
		if rt.NumField() > 0 {
			// An instance of a generic type (not registered: its
			// instances are made as the cells use them) carries its
			// name in its first field's tag (third_party/yaegi).
			if n := rt.Field(0).Tag.Get("yaegi"); n != "" {
				if strings.HasPrefix(n, ".") {
					n = "main" + n
				}
				return n
			}
		}
		if interpStruct(rt) {
			return tn.structLiteralName(rt)
		}
	}
	return rt.String()
}

// standInNames are Go's names of the kernel's stand-ins for package
// types, which cells get in their place (logger.go, encoders.go): %T of
// log.New(...) printed *eval.Logger.
var standInNames = map[reflect.Type]string{
	reflect.TypeFor[Logger]():      "log.Logger",
	reflect.TypeFor[JSONEncoder](): "json.Encoder",
	reflect.TypeFor[JSONDecoder](): "json.Decoder",
}

// hasStandIn reports whether rt is, or is made of, a stand-in type.
func hasStandIn(rt reflect.Type) bool {
	for rt != nil {
		switch rt.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Chan:
			rt = rt.Elem()
			continue
		case reflect.Map:
			return hasStandIn(rt.Key()) || hasStandIn(rt.Elem())
		}
		return standInNames[rt] != ""
	}
	return false
}

// interpStruct reports whether rt is an unnamed struct type the
// interpreter built for a cell (struct{ name string }): one of its
// fields is the exported alias of an unexported one, carries the
// interpreter's type tag, or holds a cell's struct type.
func interpStruct(rt reflect.Type) bool {
	if rt.Kind() != reflect.Struct || rt.Name() != "" {
		return false
	}
	for i := range rt.NumField() {
		f := rt.Field(i)
		if _, alias := declaredName(f); alias || f.Tag.Get("yaegi") != "" || f.Tag.Get(fieldTypeTag) != "" {
			return true
		}
		if strings.Contains(f.Type.String(), yaegiMark) {
			return true // a field of a cell's struct type: struct{ P Point }
		}
	}
	return false
}

// declaredName is the name a cell gave field f: yaegi exports an
// unexported field as X<name>, and the kernel's rewrite tags it
// json:"-" (rewrite.TagStructFields).
func declaredName(f reflect.StructField) (string, bool) {
	n := f.Name
	if len(n) > 1 && n[0] == 'X' && unicode.IsLower(rune(n[1])) && f.Tag.Get("json") == "-" {
		return n[1:], true
	}
	return n, false
}

// structLiteralName is %T of an unnamed cell struct type, as Go writes
// it: `struct { name string; isGood bool }`, with the field tags the
// cell wrote (less the ones the kernel and the interpreter add).
func (tn *typeNames) structLiteralName(rt reflect.Type) string {
	parts := make([]string, rt.NumField())
	for i := range parts {
		f := rt.Field(i)
		name, alias := declaredName(f)
		p := name + " " + tn.typeName(f.Type)
		if f.Tag.Get(rewrite.EmbeddedTag) == "embedded" || f.Anonymous {
			p = tn.typeName(f.Type)
		}
		if tag := userTag(f.Tag, alias); tag != "" {
			p += " " + strconv.Quote(tag)
		}
		parts[i] = p
	}
	if len(parts) == 0 {
		return "struct {}"
	}
	return "struct { " + strings.Join(parts, "; ") + " }"
}

// userTag is tag without the keys the kernel and the interpreter add.
func userTag(tag reflect.StructTag, alias bool) string {
	var kept []string
	for rest := strings.TrimSpace(string(tag)); rest != ""; rest = strings.TrimSpace(rest) {
		key, after, ok := strings.Cut(rest, ":")
		if !ok || len(after) == 0 || after[0] != '"' {
			return string(tag) // not key:"value" pairs: as it is
		}
		v, err := strconv.QuotedPrefix(after)
		if err != nil {
			return string(tag)
		}
		rest = after[len(v):]
		switch {
		case key == "yaegi" || key == fieldTypeTag || key == rewrite.EmbeddedTag:
		case alias && (key == "json" || key == "xml") && v == `"-"`:
		default:
			kept = append(kept, key+":"+v)
		}
	}
	return strings.Join(kept, " ")
}

// needs reports whether formatting a value of type rt involves a
// registered struct type.
func (tn *typeNames) needs(rt reflect.Type, seen map[reflect.Type]bool) bool {
	if rt == nil || seen[rt] {
		return false
	}
	seen[rt] = true
	switch rt.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map, reflect.Chan:
		if rt.Kind() == reflect.Map && tn.needs(rt.Key(), seen) {
			return true
		}
		return tn.needs(rt.Elem(), seen)
	case reflect.Struct:
		if n, _ := tn.lookup(rt); n != "" || interpStruct(rt) {
			return true
		}
		for i := range rt.NumField() {
			if tn.needs(rt.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// noteMethods records the methods of cell types for byMethod; called
// after a unit declaring methods ran (printing goroutines read the copy).
func (e *Evaluator) noteMethods() {
	m := map[string][]string{}
	for _, me := range e.sortedMethodEntries() {
		if me.generic {
			continue
		}
		recv := me.recv
		if head, _, ok := strings.Cut(me.text, ")"); ok && strings.Contains(head, "*") {
			recv = "*" + recv
		}
		m[me.name] = append(m[me.name], recv)
	}
	e.names.mu.Lock()
	e.names.methods = m
	e.names.mu.Unlock()
}

// typeLabel is a %T argument labelled with its static type's name.
type typeLabel struct {
	name string
	v    any
}

// sharpLabel is a %#v argument of a named slice, array or map type, with
// the type's name, which its reflect type lacks.
type sharpLabel struct {
	name string
	v    any
}

// dynType is a %T argument whose static type is an interface.
type dynType struct {
	v any
	// param: the static type is a type parameter, whose value arrives
	// bare even when its type has methods (see namesOf).
	param bool
}

// exactType is a %T argument whose static type the interpreter names
// right: it is not one of the cell's misnamed types, whatever its
// reflect type.
type exactType struct{ v any }

// runtimeErrorType is %T of v when v is one of the interpreter's run-time
// panics (third_party/yaegi): Go's name for that panic's type, which the
// interpreter cannot make a value of.
func runtimeErrorType(v any) (string, bool) {
	re, ok := v.(interface {
		RuntimeError()
		GoType() string
	})
	if !ok {
		return "", false
	}
	return re.GoType(), true
}

// dynName is %T of a value whose static type is an interface: its
// reflect type's name, and, when a cell's named non-struct type has
// that reflect type, those names too: the value may be of any of them.
func (tn *typeNames) dynName(w any, param bool) string {
	if name, ok := runtimeErrorType(w); ok {
		return name
	}
	if inner, name, ok := unwrapVI(w); ok {
		if name != "" {
			return name
		}
		w = inner
	}
	v, wrapped := unwrapYaegi(w)
	if v == nil {
		return "<nil>"
	}
	rt := reflect.TypeOf(v)
	name := tn.typeName(rt)
	if wrapped && !tn.needs(rt, map[reflect.Type]bool{}) { // as args does for a wrapped value
		if n := tn.byMethod(w, v); n != "" {
			return n
		}
	} else if wrapped {
		if n, ok := tn.namedOver(w, v); ok {
			return n
		}
	}
	depth := 0
	if param {
		depth = 1 // as deep down: a bare value may be of a type with methods
	}
	if maybe := tn.namesOf(rt, depth); len(maybe) > 0 {
		name += "|" + strings.Join(maybe, "|")
	}
	return name
}

// namesOf returns the names of the cells' named non-struct types that
// rt may stand for, as reflect would write them: "main.Level" for an
// int, "*main.Level" for a *int, "[]main.Level", "map[string]main.Level".
func (tn *typeNames) namesOf(rt reflect.Type, depth int) []string {
	var maybe []string
	tn.mu.RLock()
	for _, n := range tn.under[rt] {
		// Only a value itself keeps its type with its methods: a
		// pointer to it, or a slice of it, does not.
		if depth > 0 || !tn.hasValueMethods(n) {
			maybe = append(maybe, "main."+n)
		}
	}
	tn.mu.RUnlock()
	if depth > 4 || rt.Name() != "" {
		return maybe
	}
	prefixed := func(pre string, elems []string) {
		for _, e := range elems {
			maybe = append(maybe, pre+e)
		}
	}
	switch rt.Kind() {
	case reflect.Pointer:
		prefixed("*", tn.namesOf(rt.Elem(), depth+1))
	case reflect.Slice:
		prefixed("[]", tn.namesOf(rt.Elem(), depth+1))
	case reflect.Array:
		prefixed("["+strconv.Itoa(rt.Len())+"]", tn.namesOf(rt.Elem(), depth+1))
	case reflect.Map:
		key, elem := tn.typeName(rt.Key()), tn.typeName(rt.Elem())
		keys := append([]string{key}, tn.namesOf(rt.Key(), depth+1)...)
		elems := append([]string{elem}, tn.namesOf(rt.Elem(), depth+1)...)
		for _, k := range keys {
			for _, e := range elems {
				if k != key || e != elem {
					maybe = append(maybe, "map["+k+"]"+e)
				}
			}
		}
	}
	return maybe
}

// hasValueMethods reports whether the cells' type name has methods with
// a value receiver. Held in an interface, a value of such a type keeps
// its type in the interpreter (unwrapVI names it), so a plain value of
// the same reflect type is not one of it. tn.mu is held.
func (tn *typeNames) hasValueMethods(name string) bool {
	for _, recvs := range tn.methods {
		if slices.Contains(recvs, name) {
			return true
		}
	}
	return false
}
