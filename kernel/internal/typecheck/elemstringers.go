package typecheck

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"
)

// ElemStringer is a printing call's argument (Index) that is a slice,
// array or map (or a pointer to one) whose elements or keys are of a
// cell's named non-struct type with a String or Error method: Key and
// Elem are that type as the cell writes it ("" where it is not one),
// KeyMethod and ElemMethod the method fmt would call.
type ElemStringer struct {
	Index            int
	Key, KeyMethod   string
	Elem, ElemMethod string
	// Depth is how many slices, arrays or maps down the elements are:
	// 1 for []Weekday, 2 for [][]Weekday or map[string][]Weekday (Key is
	// then "": only the outermost keys are looked at).
	Depth int
	// Self: the argument itself is of the type Elem, a func type with
	// the method (type Handler func(int) int), which the interpreter
	// passes fmt as a bare func.
	Self bool
}

// elemStringers finds the arguments of a printing call fmt would print
// by calling the String or Error method of their elements. The
// interpreter gives a cell's `type Weekday int` the reflect type int, so
// fmt printed []Weekday{1} as [1]; the evaluator has the method called
// (rewrite.ElemStringers). Arguments printed with a verb that calls no
// String (fmt prints %d of them as numbers) are left out.
func elemStringers(call *ast.CallExpr, info *types.Info, pkg *types.Package, name string) []ElemStringer {
	if call.Ellipsis.IsValid() {
		return nil
	}
	var verbs []rune
	var sharp []bool // %#v calls no String method
	format, printf := printfFuncs[name]
	if printf {
		if len(call.Args) <= format {
			return nil
		}
		tv, ok := info.Types[call.Args[format]]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
			return nil
		}
		if verbs, ok = argVerbs(constant.StringVal(tv.Value)); !ok {
			return nil
		}
		sharp = sharpArgs(constant.StringVal(tv.Value))
	}
	var out []ElemStringer
	for i, a := range call.Args {
		if printf && (i <= format || i-format-1 >= len(verbs) || !strings.ContainsRune("vsqxX", verbs[i-format-1])) {
			continue
		}
		if printf && i-format-1 < len(sharp) && sharp[i-format-1] {
			continue
		}
		t := info.TypeOf(a)
		if t == nil {
			continue
		}
		if _, isFunc := t.Underlying().(*types.Signature); isFunc {
			// A func type with String (type Handler func(int) int): the
			// interpreter passes fmt the bare func.
			if name, m := stringerType(t, pkg); m != "" {
				out = append(out, ElemStringer{Index: i, Elem: name, ElemMethod: m, Depth: 1, Self: true})
			}
			continue
		}
		if ownStringer(t) {
			continue // fmt calls the slice's, array's or map's own method (type Row []Cell)
		}
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		var key, elem types.Type
		switch c := t.Underlying().(type) {
		case *types.Slice:
			elem = c.Elem()
		case *types.Array:
			elem = c.Elem()
		case *types.Map:
			key, elem = c.Key(), c.Elem()
		default:
			continue
		}
		es := ElemStringer{Index: i, Depth: 1}
		es.Key, es.KeyMethod = stringerType(key, pkg)
		es.Elem, es.ElemMethod = stringerType(elem, pkg)
		holder := t // the slice, array or map whose elements elem are
		for es.ElemMethod == "" && es.Depth < 8 {
			// Elements that are themselves slices, arrays or maps:
			// look further down for the named type.
			next := containerElem(elem)
			if next == nil {
				break
			}
			holder, elem, es.Depth = elem, next, es.Depth+1
			es.Elem, es.ElemMethod = stringerType(elem, pkg)
		}
		if printf && strings.ContainsRune("sqxX", verbs[i-format-1]) && byteElems(holder) {
			// fmt prints a slice or array of a byte kind as bytes for
			// these verbs (%s of []Letter is "AB"), calling no String.
			es.Elem, es.ElemMethod = "", ""
		}
		if es.ElemMethod == "" {
			es.Depth = 1
		}
		if es.KeyMethod != "" || es.ElemMethod != "" {
			out = append(out, es)
		}
	}
	return out
}

// byteElems reports whether t is a slice or array whose elements are of
// a byte kind (type Letter byte).
func byteElems(t types.Type) bool {
	var elem types.Type
	switch c := t.Underlying().(type) {
	case *types.Slice:
		elem = c.Elem()
	case *types.Array:
		elem = c.Elem()
	default:
		return false
	}
	b, ok := elem.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Uint8
}

// ownStringer reports whether fmt calls an Error or String method of a
// value of type t itself.
func ownStringer(t types.Type) bool {
	for _, m := range []string{"Error", "String"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, false, nil, m); obj != nil {
			if _, isFunc := obj.(*types.Func); isFunc {
				return true
			}
		}
	}
	return false
}

// containerElem is the element type of a slice, array or map type that
// has no String or Error method of its own (fmt would call it), or nil.
func containerElem(t types.Type) types.Type {
	if n, ok := t.(*types.Named); ok {
		for _, m := range []string{"Error", "String"} {
			if obj, _, _ := types.LookupFieldOrMethod(n, false, n.Obj().Pkg(), m); obj != nil {
				return nil
			}
		}
	}
	switch c := t.Underlying().(type) {
	case *types.Slice:
		return c.Elem()
	case *types.Array:
		return c.Elem()
	case *types.Map:
		return c.Elem()
	}
	return nil
}

// stringerType returns t's name and the method fmt calls on it (Error
// before String) when t is a named non-struct, non-interface type of the
// cells, not generic, whose value has that method, or a pointer to one
// ("*Name").
func stringerType(t types.Type, pkg *types.Package) (string, string) {
	recv := t
	if p, ok := t.(*types.Pointer); ok {
		// *T has T's methods and its own: fmt calls them on the pointer
		// ([]*Name).
		n, ok := p.Elem().(*types.Named)
		if !ok {
			return "", ""
		}
		if name, m := stringerType(n, pkg); name != "" {
			return "*" + name, m
		}
		t = n
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() != pkg || n.TypeParams().Len() > 0 && n.TypeArgs().Len() == 0 || hasTypeParam(n.TypeArgs()) {
		return "", "" // (an instance is written out: Set[string]; not Set[T] inside a generic func)
	}
	switch n.Underlying().(type) {
	case *types.Struct, *types.Interface:
		return "", "" // structs are registered at run time; interfaces hold their own values
	}
	for _, m := range []string{"Error", "String"} {
		if sel := types.NewMethodSet(recv).Lookup(pkg, m); sel != nil {
			if sig, ok := sel.Type().(*types.Signature); ok && sig.Params().Len() == 0 && sig.Results().Len() == 1 &&
				types.Identical(sig.Results().At(0).Type(), types.Typ[types.String]) {
				name := types.TypeString(n, cellQualifier)
				if recv != t {
					return "*" + name, m // only *T has it
				}
				return name, m
			}
		}
	}
	return "", ""
}
