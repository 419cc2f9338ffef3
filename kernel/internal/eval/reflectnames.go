package eval

import (
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"golessons/kernel/internal/eval/rewrite"
)

// The interpreter builds a cell's struct type with reflect.StructOf:
// reflect sees an unnamed type whose unexported fields are exported
// aliases (Xage), tagged for the interpreter and the kernel, and without
// methods. The calls of reflect.Type's and reflect.Value's methods that
// would show this (rewrite.ReflectCalls) come here, and answer with what
// the cell declared. A named non-struct type (type Celsius float64) is
// its underlying type at run time; its name cannot be recovered.

// reflectSymbols adds the stand-ins to m, by the names
// rewrite.ReflectCalls writes.
func (tn *typeNames) reflectSymbols(m map[string]reflect.Value) {
	m["NamedTypeOf"] = reflect.ValueOf(func(name string, v any) reflect.Type {
		if t := reflect.TypeOf(v); t != nil {
			return namedType{t, name}
		}
		return nil
	})
	m["NamedTypeOfDyn"] = reflect.ValueOf(func(v any) reflect.Type {
		// From __gl_dyn: a value of a cell's named type with methods
		// comes as yaegi's interface value, which names its type.
		if d, ok := v.(dynArg); ok {
			inner, name, _ := unwrapVI(d.v)
			t := reflect.TypeOf(inner)
			if t != nil && name != "" && !strings.HasPrefix(name, "*") && t.Kind() != reflect.Struct && t.Kind() != reflect.Interface {
				return namedType{t, name}
			}
			return t
		}
		return reflect.TypeOf(v)
	})
	m["ReflectTypeName"] = reflect.ValueOf(tn.reflectName)
	m["ReflectTypeString"] = reflect.ValueOf(tn.reflectString)
	m["ReflectTypePkgPath"] = reflect.ValueOf(tn.reflectPkgPath)
	m["ReflectTypeField"] = reflect.ValueOf(tn.reflectField)
	m["ReflectTypeFieldByName"] = reflect.ValueOf(tn.reflectFieldByName)
	m["ReflectTypeNumMethod"] = reflect.ValueOf(tn.reflectNumMethod)
	m["ReflectValueFieldByName"] = reflect.ValueOf(func(v reflect.Value, name string) reflect.Value {
		if v.Kind() == reflect.Struct && tn.cellStruct(v.Type()) {
			if _, i, ok := tn.declaredField(v.Type(), name); ok {
				return v.Field(i)
			}
		}
		return v.FieldByName(name)
	})
	m["ReflectValueNumMethod"] = reflect.ValueOf(func(v reflect.Value) int {
		if v.IsValid() && tn.needs(v.Type(), map[reflect.Type]bool{}) {
			return tn.reflectNumMethod(v.Type())
		}
		return v.NumMethod()
	})
}

// cellName is the name a cell declared rt under ("User"), "" for a type
// no cell declared, or declared more than once with the same fields.
func (tn *typeNames) cellName(rt reflect.Type) string {
	if rt == nil || rt.Kind() != reflect.Struct {
		return ""
	}
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	if names := tn.names[rt]; len(names) == 1 {
		return names[0]
	}
	return ""
}

// cellStruct reports whether rt is a struct type the interpreter built
// for a cell, named or not.
func (tn *typeNames) cellStruct(rt reflect.Type) bool {
	return tn.cellName(rt) != "" || interpStruct(rt)
}

func (tn *typeNames) reflectName(t reflect.Type) string {
	if n := tn.cellName(t); n != "" {
		return n
	}
	if tn.cellStruct(t) {
		return "" // an unnamed struct type, or a generic type's instance
	}
	return t.Name()
}

func (tn *typeNames) reflectString(t reflect.Type) string {
	if t != nil && tn.needs(t, map[reflect.Type]bool{}) {
		return tn.typeName(t)
	}
	return t.String()
}

func (tn *typeNames) reflectPkgPath(t reflect.Type) string {
	if tn.cellName(t) != "" {
		return "main"
	}
	return t.PkgPath()
}

func (tn *typeNames) reflectField(t reflect.Type, i int) reflect.StructField {
	f := t.Field(i)
	if tn.cellStruct(t) {
		f = declaredStructField(f)
	}
	return f
}

func (tn *typeNames) reflectFieldByName(t reflect.Type, name string) (reflect.StructField, bool) {
	if t.Kind() == reflect.Struct && tn.cellStruct(t) {
		if f, _, ok := tn.declaredField(t, name); ok {
			return f, true
		}
		if f, ok := t.FieldByName(name); ok && len(f.Index) > 1 { // promoted from an embedded field
			return declaredStructField(f), true
		}
		return reflect.StructField{}, false
	}
	return t.FieldByName(name)
}

// declaredField is t's field the cell named name, and its index.
func (tn *typeNames) declaredField(t reflect.Type, name string) (reflect.StructField, int, bool) {
	for i := range t.NumField() {
		if n, _ := declaredName(t.Field(i)); n == name {
			return declaredStructField(t.Field(i)), i, true
		}
	}
	return reflect.StructField{}, 0, false
}

// declaredStructField is f as the cell declared it: its own name (an
// unexported one with Go's package path, so IsExported is false), the
// tag it wrote, embedded if it was.
func declaredStructField(f reflect.StructField) reflect.StructField {
	name, alias := declaredName(f)
	f.Name = name
	if alias {
		f.PkgPath = "main"
	}
	if f.Tag.Get(rewrite.EmbeddedTag) == "embedded" {
		f.Anonymous = true
	}
	f.Tag = reflect.StructTag(userTag(f.Tag, alias))
	return f
}

// reflectNumMethod counts the exported methods a cell declared for t
// (a struct type, or a pointer to one), as Go's method sets have them:
// the interpreter's reflect type has none.
func (tn *typeNames) reflectNumMethod(t reflect.Type) int {
	ptr := t.Kind() == reflect.Pointer
	base := t
	if ptr {
		base = t.Elem()
	}
	name := tn.cellName(base)
	if name == "" {
		return t.NumMethod()
	}
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	n := 0
	for m, recvs := range tn.methods {
		if r, _ := utf8.DecodeRuneInString(m); !unicode.IsUpper(r) {
			continue
		}
		for _, recv := range recvs {
			if recv == name || ptr && recv == "*"+name {
				n++
				break
			}
		}
	}
	return n
}

// reflectTypeArg is what fmt prints for an argument that is a
// reflect.Type involving a cell's types; ok is false for the others.
func (tn *typeNames) reflectTypeArg(x any) (string, bool) {
	t, ok := x.(reflect.Type)
	if !ok || t == nil || !tn.needs(t, map[reflect.Type]bool{}) {
		return "", false
	}
	return tn.typeName(t), true
}

// namedType is the reflect.Type of a value of a cell's named non-struct
// type (type Celsius float64), which the interpreter builds as its
// underlying type: it answers as that type but for the names. Two of
// them are equal when both type and name are, and unequal to the
// underlying type, as in Go.
type namedType struct {
	reflect.Type
	name string // as reflect writes it: "main.Celsius"
}

func (t namedType) String() string { return t.name }

func (t namedType) Name() string {
	_, n, _ := strings.Cut(t.name, ".")
	return n
}

func (t namedType) PkgPath() string { return "main" }
