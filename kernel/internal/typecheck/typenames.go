package typecheck

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"
	"strings"
)

// The facts for %T: what the evaluator must know of each argument of a
// Printf-family call to print the names Go prints.

// printfFuncs are the fmt and log functions whose format argument is at
// the index given.
var printfFuncs = map[string]int{"fmt.Printf": 0, "fmt.Sprintf": 0, "fmt.Errorf": 0, "fmt.Fprintf": 1, "fmt.Appendf": 1,
	"log.Printf": 0, "log.Fatalf": 0, "log.Panicf": 0}

// typeNames returns, for each argument of a Printf-family call whose
// format is a constant, what the evaluator must know for %T (and, as
// "#" and the name, for %#v of a named slice, array or map type): the type's
// name where the interpreter would get it wrong; else, when the package
// declares a type the interpreter misnames, "?" for an argument whose
// static type is an interface (its dynamic type may be one) and "=" for
// one whose static type is not one (the interpreter names it right);
// else "". Nil when no argument needs any.
func typeNames(call *ast.CallExpr, format int, info *types.Info, scope *types.Scope) []string {
	if len(call.Args) <= format || call.Ellipsis.IsValid() {
		return nil
	}
	tv, ok := info.Types[call.Args[format]]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil
	}
	uses, ok := argUses(constant.StringVal(tv.Value), len(call.Args)-format-1)
	if !ok {
		return nil
	}
	names := make([]string, len(call.Args))
	found := false
	for i, a := range call.Args[format+1:] {
		if !uses[i].t && uses[i].sharpV {
			// %#v of a named slice, array or map type writes its name
			// (main.IDs{1, 2}); the interpreter's value has lost it.
			// So does a named type's GoString (Secret(***)), which the
			// evaluator finds by the name.
			if t := info.TypeOf(a); t != nil && misnamed(t) && (isComposite(t) || hasGoString(t)) {
				if n := sharpShape(t); n != "" && !strings.Contains(n, "invalid type") {
					names[format+1+i], found = "#"+n, true
				}
			}
			continue
		}
		if !uses[i].t {
			// A verb fmt refuses for the value's kind writes the type's
			// name (%!s(main.Level=2)); the interpreter's value has
			// lost it.
			if t := info.TypeOf(a); t != nil && misnamed(t) && badVerbs(t, uses[i].verbs) {
				if n := reflectName(t); n != "" && !strings.Contains(n, "invalid type") {
					names[format+1+i], found = n, true
				}
			}
			continue
		}
		t := info.TypeOf(a)
		n := ""
		switch {
		case t == nil:
		case isParam(t):
			n = "T?" // a type parameter's value arrives bare, whatever its methods
		case types.IsInterface(t):
			n = "?"
		case (cellTyped(t) || hiddenFields(t)) && reflectName(t) != "":
			n = reflectName(t)
		default:
			n = "="
		}
		if strings.Contains(n, "invalid type") || (n == "?" || n == "T?" || n == "=") && !declaresMisnamed(scope) {
			continue
		}
		names[format+1+i], found = n, n != ""
	}
	if !found {
		return nil
	}
	return names
}

// kindVerbs are the verbs fmt accepts for values of each kind of basic
// type; any other verb is written as %!verb(type=value).
var kindVerbs = map[types.BasicInfo]string{types.IsBoolean: "tv", types.IsInteger: "bcdoOqxXUv",
	types.IsFloat: "beEfFgGxXv", types.IsComplex: "beEfFgGxXv", types.IsString: "svqxX"}

// badVerbs reports whether one of verbs is one fmt refuses for a value of
// the named type t over a basic type (not with a String or Error method
// fmt calls for it instead; %w is Errorf's, which keeps the value).
func badVerbs(t types.Type, verbs string) bool {
	n, ok := t.(*types.Named)
	if !ok || hasMethod(t, "Format") { // a Formatter takes every verb
		return false
	}
	b, ok := n.Underlying().(*types.Basic)
	if !ok {
		return false
	}
	for info, good := range kindVerbs {
		if b.Info()&info == 0 {
			continue
		}
		for _, v := range verbs {
			if !strings.ContainsRune(good+"w", v) && !(strings.ContainsRune("vsqxX", v) && (hasMethod(t, "String") || hasMethod(t, "Error"))) {
				return true
			}
		}
	}
	return false
}

// hasMethod reports whether t has a method of that name.
func hasMethod(t types.Type, name string) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, false, nil, name)
	_, isFunc := obj.(*types.Func)
	return isFunc
}

// hasGoString reports whether fmt calls a GoString method of a value of
// type t for %#v.
func hasGoString(t types.Type) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, false, nil, "GoString")
	_, isFunc := obj.(*types.Func)
	return isFunc
}

// isComposite reports whether t is a slice, array or map type, or a
// pointer to one (the kinds %#v writes with their type's name).
func isComposite(t types.Type) bool {
	switch x := t.Underlying().(type) {
	case *types.Slice, *types.Array, *types.Map:
		return true
	case *types.Pointer:
		_, named := x.Elem().(*types.Named)
		return named && isComposite(x.Elem())
	}
	return false
}

// sharpShape is t as %#v needs it, in the grammar of the interpreter's
// struct field tags (eval's fieldTypeTag): the name of a misnamed cell
// type ("main.IDs"), "[]" and "map[K]" for the unnamed slices, arrays and
// maps built from such types ("[]main.IDs": the elements are named too),
// "*" and a name for a pointer to one, "_" for a part that names none.
// "" when t itself cannot be named.
func sharpShape(t types.Type) string {
	var shape func(t types.Type, depth int) string
	shape = func(t types.Type, depth int) string {
		switch x := t.(type) {
		case *types.Named:
			if n := reflectName(x); n != "" && misnamed(x) {
				return n
			}
		case *types.Slice:
			if depth < 8 {
				return "[]" + shape(x.Elem(), depth+1)
			}
		case *types.Array:
			if depth < 8 {
				return "[]" + shape(x.Elem(), depth+1)
			}
		case *types.Map:
			if depth < 8 {
				return "map[" + shape(x.Key(), depth+1) + "]" + shape(x.Elem(), depth+1)
			}
		}
		return "_"
	}
	if p, ok := t.(*types.Pointer); ok {
		if n, ok := p.Elem().(*types.Named); ok && misnamed(n) {
			if name := reflectName(n); name != "" {
				return "*" + name
			}
		}
		return ""
	}
	if s := shape(t, 0); strings.Contains(s, ".") {
		return s
	}
	return reflectName(t) // named only deeper (a func's parameter): the whole type's name
}

// argUse is how a format uses one of its arguments: with %T, with %#v,
// and every verb it is printed with.
type argUse struct {
	t, sharpV bool
	verbs     string
}

// argUses returns how format uses each of its n arguments, following
// explicit argument indexes (an argument may be printed more than once).
func argUses(format string, n int) ([]argUse, bool) {
	expanded, order, ok := ExpandArgIndexes(format, n)
	if !ok {
		return nil, false
	}
	verbs, ok := argVerbs(expanded)
	if !ok {
		return nil, false
	}
	sharp := sharpArgs(expanded)
	uses := make([]argUse, n)
	for j, v := range verbs {
		k := j
		if order != nil {
			k = order[j]
		}
		if k >= n {
			break
		}
		uses[k].t = uses[k].t || v == 'T'
		if v != 0 {
			uses[k].verbs += string(v)
		}
		uses[k].sharpV = uses[k].sharpV || v == 'v' && j < len(sharp) && sharp[j]
	}
	return uses, true
}

// sharpArgs reports, for each argument of format (as argVerbs counts
// them), whether its verb has the # flag.
func sharpArgs(format string) []bool {
	var sharp []bool
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		flag := false
		for i++; i < len(format); i++ {
			c := format[i]
			if c == '*' {
				sharp = append(sharp, false)
				continue
			}
			if c == '#' {
				flag = true
			}
			if !strings.ContainsRune("+-# 0.123456789[]", rune(c)) {
				if c != '%' {
					sharp = append(sharp, flag)
				}
				break
			}
		}
	}
	return sharp
}

// argVerbs returns the verb each argument of format is printed with
// (0 for one consumed as a * width or precision); false for a format
// with explicit argument indexes.
func argVerbs(format string) ([]rune, bool) {
	var verbs []rune
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		for i++; i < len(format); i++ {
			c := format[i]
			if c == '[' {
				return nil, false
			}
			if c == '*' {
				verbs = append(verbs, 0)
				continue
			}
			if !strings.ContainsRune("+-# 0.123456789", rune(c)) {
				if c != '%' {
					verbs = append(verbs, rune(c))
				}
				break
			}
		}
	}
	return verbs, true
}

// declaresMisnamed reports whether the cells declared a type whose values
// %T misnames in the interpreter.
func declaresMisnamed(scope *types.Scope) bool {
	for _, name := range scope.Names() {
		if tn, ok := scope.Lookup(name).(*types.TypeName); ok && !tn.IsAlias() && misnamed(tn.Type()) {
			return true
		}
	}
	return false
}

// cellTyped reports whether t is, or is built by pointers, slices,
// arrays, maps and channels from, a named type a cell declared (not
// generic; an interface only as an element, typeNames having called an
// argument of interface type "?" before asking). The interpreter
// misnames the non-structs, holds interface elements in its own
// wrapper type and cannot tell apart structs with the same fields: %T of
// such a static type is labelled with its name.
func cellTyped(t types.Type) bool {
	return typeHas(t, func(t types.Type) bool {
		// An interface only inside another type ([]Shape): its elements
		// are yaegi's interface values.
		n, ok := t.(*types.Named)
		return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "main"
	})
}

// hiddenFields reports whether t has a struct literal type with an
// unexported field in it (struct{ x int }, []struct{ i int; b bool }):
// the interpreter's reflect type renames such a field (Xx, with tags
// hiding it from json and xml), so reflect's spelling is not Go's.
func hiddenFields(t types.Type) bool {
	return typeHas(t, func(t types.Type) bool {
		st, ok := t.(*types.Struct)
		for i := 0; ok && i < st.NumFields(); i++ {
			if !st.Field(i).Exported() {
				return true
			}
		}
		return false
	})
}

// typeHas reports whether f is true of t or of a type t is built of by
// pointers, slices, arrays, maps, channels, funcs and struct literals
// (not looking inside named types).
func typeHas(t types.Type, f func(types.Type) bool) bool {
	if f(t) {
		return true
	}
	in := func(t types.Type) bool { return typeHas(t, f) }
	switch x := t.(type) {
	case *types.Pointer:
		return in(x.Elem())
	case *types.Slice:
		return in(x.Elem())
	case *types.Array:
		return in(x.Elem())
	case *types.Map:
		return in(x.Key()) || in(x.Elem())
	case *types.Chan:
		return in(x.Elem())
	case *types.Signature:
		return tupleHas(x.Params(), in) || tupleHas(x.Results(), in)
	case *types.Struct:
		for i := range x.NumFields() {
			if in(x.Field(i).Type()) {
				return true
			}
		}
	}
	return false
}

// tupleHas reports whether a variable of tuple has a type for which f is true.
func tupleHas(tuple *types.Tuple, f func(types.Type) bool) bool {
	for i := range tuple.Len() {
		if f(tuple.At(i).Type()) {
			return true
		}
	}
	return false
}

// funcName is a func type as reflect writes it: func(main.Celsius, ...int) (int, error).
func funcName(x *types.Signature) string {
	var in, out []string
	for i := range x.Params().Len() {
		t := x.Params().At(i).Type()
		pre := ""
		if x.Variadic() && i == x.Params().Len()-1 {
			if s, ok := t.(*types.Slice); ok {
				t, pre = s.Elem(), "..."
			}
		}
		n := reflectName(t)
		if n == "" {
			return ""
		}
		in = append(in, pre+n)
	}
	for i := range x.Results().Len() {
		n := reflectName(x.Results().At(i).Type())
		if n == "" {
			return ""
		}
		out = append(out, n)
	}
	return funcText(in, out)
}

// funcText is a func type or literal's signature as Go writes it:
// func(a, b) r, func(a) (r1, r2).
func funcText(params, results []string) string {
	s := "func(" + strings.Join(params, ", ") + ")"
	switch len(results) {
	case 0:
	case 1:
		s += " " + results[0]
	default:
		s += " (" + strings.Join(results, ", ") + ")"
	}
	return s
}

// reflectName is t as reflect (so %T) writes it, for the types cellTyped
// accepts and basic types; "" for any other.
func reflectName(t types.Type) string {
	elem := func(e types.Type, pre string) string {
		if n := reflectName(e); n != "" {
			return pre + n
		}
		return ""
	}
	switch x := t.(type) {
	case *types.Named:
		if x.Obj().Pkg() == nil && x.Obj().Name() == "error" {
			return "error"
		}
		if x.Obj().Pkg() == nil {
			return ""
		}
		name := x.Obj().Pkg().Name() + "." + x.Obj().Name()
		if x.TypeArgs().Len() == 0 {
			return name
		}
		// An instance, as reflect names it: main.Set[int], main.Pair[string,main.ID].
		args := make([]string, x.TypeArgs().Len())
		for i := range args {
			if args[i] = reflectName(x.TypeArgs().At(i)); args[i] == "" {
				return ""
			}
		}
		return name + "[" + strings.Join(args, ",") + "]"
	case *types.Basic:
		switch x.Kind() {
		case types.Byte: // go/types keeps the aliases' names; reflect does not
			return "uint8"
		case types.Rune:
			return "int32"
		}
		if x.Info()&types.IsUntyped != 0 || x.Kind() == types.UnsafePointer {
			return ""
		}
		return x.Name()
	case *types.Pointer:
		return elem(x.Elem(), "*")
	case *types.Slice:
		return elem(x.Elem(), "[]")
	case *types.Array:
		return elem(x.Elem(), fmt.Sprintf("[%d]", x.Len()))
	case *types.Map:
		if k := reflectName(x.Key()); k != "" {
			return elem(x.Elem(), "map["+k+"]")
		}
	case *types.Chan:
		switch x.Dir() {
		case types.SendRecv:
			return elem(x.Elem(), "chan ")
		case types.SendOnly:
			return elem(x.Elem(), "chan<- ")
		case types.RecvOnly:
			return elem(x.Elem(), "<-chan ")
		}
	case *types.Signature:
		if x.Recv() == nil && x.TypeParams().Len() == 0 {
			return funcName(x)
		}
	case *types.Struct: // a struct literal type: struct { main.Base; T main.Tags "json:\"t\"" }
		if x.NumFields() == 0 {
			return "struct {}"
		}
		fields := make([]string, x.NumFields())
		for i := range fields {
			f := x.Field(i)
			ft := reflectName(f.Type())
			if ft == "" {
				return ""
			}
			if fields[i] = ft; !f.Embedded() {
				fields[i] = f.Name() + " " + ft
			}
			if tag := x.Tag(i); tag != "" {
				fields[i] += " " + strconv.Quote(tag)
			}
		}
		return "struct { " + strings.Join(fields, "; ") + " }"
	}
	return ""
}

// misnamed reports whether %T of a value of static type t goes wrong in
// the interpreter: t is, or is built by pointers, slices, arrays, maps,
// channels and funcs from, a cell's named type that is not a struct or
// an interface (struct types are named at run time, see
// eval/fmtnames.go). Struct literals are left alone: their go/types
// spelling is not reflect's.
func misnamed(t types.Type) bool {
	switch x := t.(type) {
	case *types.Named:
		if x.Obj().Pkg() == nil || x.Obj().Pkg().Path() != "main" {
			return false
		}
		switch x.Underlying().(type) {
		case *types.Struct, *types.Interface:
			// The interpreter marks a named struct type in its first
			// field (an empty one gets a field for it).
			return false
		}
		return true
	case *types.Pointer:
		return misnamed(x.Elem())
	case *types.Slice:
		return misnamed(x.Elem())
	case *types.Array:
		return misnamed(x.Elem())
	case *types.Map:
		return misnamed(x.Key()) || misnamed(x.Elem())
	case *types.Chan:
		return misnamed(x.Elem())
	case *types.Signature:
		return tupleHas(x.Params(), misnamed) || tupleHas(x.Results(), misnamed)
	}
	return false
}

// isParam reports whether t is a type parameter.
func isParam(t types.Type) bool {
	_, ok := t.(*types.TypeParam)
	return ok
}
