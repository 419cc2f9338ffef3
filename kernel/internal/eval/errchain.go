package eval

import (
	"errors"
	"go/ast"
	"reflect"
	"slices"
	"strings"

	"golessons/kernel/internal/eval/rewrite"
)

// A cell error passed to compiled code (fmt.Errorf's %w, errors.Join)
// travels in yaegi's wrapper struct, which holds the cell value in its
// IValue field. The compiled errors package cannot see through it:
// errors.Is compares the wrapper, which holds a func and so never equals
// anything; errors.As panics on a target of a cell type (its reflect type
// has no Error method); errors.Unwrap returns the wrapper, which the cell
// does not recognise as its own value. So cells' errors.Is, errors.As and
// errors.Unwrap are rewritten to these helpers, which walk the chain and
// compare or store the cell value inside each wrapper.
//
// The wrapper shows compiled code only the Error method: a cell type's
// own Unwrap, Is and As methods are registered when declared, as String
// is (registerStringers, errMethodCall), and the walk calls them. Those
// of generic types are not (their instances are not known then): when
// the walk ends at such a value without an answer, the helpers panic
// rather than answer a false that Go would not give.

// errChainMissed is the panic when a cell error's own methods would be
// needed to answer.
const errChainMissed = "the error chain reaches a value of a generic type declared in a cell that has an Unwrap, Is or As method " +
	"(or of a type another cell error type shares its underlying type with); the kernel cannot call that method there, so the answer " +
	"would be wrong. Test that error directly with a type assertion"

// fixErrorsCalls is rewrite.ErrorsCalls with the cells' names and
// error types, those of earlier cells and of the units being prepared.
func (e *Evaluator) fixErrorsCalls(n ast.Node) {
	if n == nil {
		return
	}
	types := rewrite.ErrorTypes(n)
	e.names.mu.RLock()
	known := slices.Clone(e.names.methods["Error"])
	e.names.mu.RUnlock()
	// The check's list adds the types whose Error is promoted from an
	// embedded field (type NotFound struct{ Base }); kept for later cells,
	// whose checks may not reach the declaration.
	for _, t := range e.facts.f.ErrorTypes {
		if !slices.Contains(e.promotedErrTypes, t) {
			e.promotedErrTypes = append(e.promotedErrTypes, t)
		}
	}
	for _, t := range append(append(known, e.cellErrTypes...), e.promotedErrTypes...) {
		if !slices.Contains(types, t) {
			types = append(types, t)
		}
	}
	rewrite.ErrorsCalls(n, e.i.FileSet(), cellNames{e}, types)
}

func (e *Evaluator) errChainSymbols(m map[string]reflect.Value) {
	m["ErrIs"] = reflect.ValueOf(func(err, target error) bool {
		tv, _ := unwrapYaegi(target)
		ok, hidden := e.walkChain(err, func(x error) bool {
			if errors.Is(x, target) && errors.Unwrap(x) == nil {
				return true // compiled comparison or Is method, this link only
			}
			xv, _ := unwrapYaegi(x)
			if is, ok := e.names.callErrMethod(xv, "Is", target); ok && is == true {
				return true // the cell type's own Is method
			}
			return xv != nil && tv != nil && reflect.TypeOf(xv) == reflect.TypeOf(tv) &&
				reflect.TypeOf(xv).Comparable() && e.names.dynEqual(xv, tv) // field by field through interface fields
		})
		if !ok && hidden {
			panic("errors.Is: " + errChainMissed)
		}
		return ok || errors.Is(err, target)
	})
	m["ErrAs"] = reflect.ValueOf(func(err error, target any) bool {
		pt := reflect.TypeOf(target)
		if pt == nil {
			panic("errors: target cannot be nil") // Go 1.26's words for errors.As(err, nil)
		}
		if pt.Kind() != reflect.Pointer || reflect.ValueOf(target).IsNil() {
			panic("errors: target must be a non-nil pointer")
		}
		if et := pt.Elem(); et.Kind() == reflect.Interface || et.Implements(reflect.TypeFor[error]()) {
			// A compiled type or an interface: Go's own answer for each
			// link, but the walk goes on through the cells' errors,
			// whose Unwrap compiled code cannot see.
			ok, hidden := e.walkChain(err, func(x error) bool { return errors.As(x, target) })
			if !ok && hidden {
				panic("errors.As: " + errChainMissed)
			}
			return ok
		}
		if et := pt.Elem(); et.Kind() == reflect.Struct && et.Name() == "valueInterface" && strings.Contains(et.PkgPath(), "yaegi") {
			// An interface type written in a cell: whether a link
			// implements it is known only to the interpreter.
			panic("errors.As: the target's type is an interface declared in a cell, which compiled code cannot test errors against; use error, an interface of a package, or errors.AsType with the concrete type")
		}
		if e.names.noCellType(pt.Elem()) {
			// Neither an interface, an error nor a cell's type (whose
			// Error yaegi's reflect type does not show): Go's panic
			// (var s string; errors.As(err, &s) answered false).
			panic(errorsAsPanic + " (" + pt.Elem().String() + " does not implement error)")
		}
		ok, hidden := e.walkChain(err, func(x error) bool {
			if e.names.setErrorInto(target, x) {
				return true
			}
			xv, _ := unwrapYaegi(x)
			as, ok := e.names.callErrMethod(xv, "As", target)
			return ok && as == true // the cell type's own As method
		})
		if !ok && hidden {
			panic("errors.As: " + errChainMissed)
		}
		return ok
	})
	m["ErrUnwrap"] = reflect.ValueOf(func(err error) (any, bool) {
		if err == nil {
			return nil, false
		}
		if inner, w := unwrapYaegi(err); w {
			if u, ok := e.names.callErrMethod(inner, "Unwrap"); ok {
				if u == nil {
					return nil, false
				}
				_, w := unwrapYaegi(u)
				return u, w
			}
			if e.errHidden(err) {
				panic("errors.Unwrap: " + errChainMissed)
			}
		}
		u := errors.Unwrap(err)
		if u == nil {
			return nil, false
		}
		_, w := unwrapYaegi(u)
		return u, w
	})
	m["ErrUnwrapFits"] = reflect.ValueOf(func(n int) {
		switch {
		case n == 0:
			panic("errors.Unwrap: the wrapped error is of a type declared in a cell that the interpreter cannot name here; compare with errors.Is, or get it with errors.AsType")
		case n > 1:
			panic("errors.Unwrap: the wrapped error fits more than one error type declared in the cells (their underlying types are the same), so the interpreter cannot tell which it is; get it with errors.AsType")
		}
	})
}

// walkChain calls match on err and the errors it wraps, depth first as
// errors.Is does, until match is true. hidden reports a cell value in
// the chain while some cell type has methods the walk cannot call.
func (e *Evaluator) walkChain(err error, match func(error) bool) (found, hidden bool) {
	for depth := 0; err != nil && depth < 1000; depth++ {
		if match(err) {
			return true, false
		}
		if inner, w := unwrapYaegi(err); w {
			if u, ok := e.names.callErrMethod(inner, "Unwrap"); ok {
				next, _ := u.(error)
				err = next
				continue
			}
			if us, ok := e.names.callErrMethod(inner, "UnwrapAll"); ok {
				subs, _ := us.([]error)
				for _, sub := range subs {
					f, h := e.walkChain(sub, match)
					if f {
						return true, false
					}
					hidden = hidden || h
				}
				return false, hidden
			}
			hidden = hidden || e.errHidden(err)
		}
		switch x := err.(type) {
		case interface{ Unwrap() error }:
			err = x.Unwrap()
		case interface{ Unwrap() []error }:
			for _, sub := range x.Unwrap() {
				f, h := e.walkChain(sub, match)
				if f {
					return true, false
				}
				hidden = hidden || h
			}
			return false, hidden
		default:
			return false, hidden
		}
	}
	return false, hidden
}

// cellErrorMethods reports whether a cell type declares Unwrap, Is or As.
func (e *Evaluator) cellErrorMethods() bool {
	e.names.mu.RLock()
	defer e.names.mu.RUnlock()
	return len(e.names.methods["Unwrap"])+len(e.names.methods["Is"])+len(e.names.methods["As"]) > 0
}

// setErrorInto is setInto for a cell error (errors.As, errors.AsType),
// which panics when the value fits more than one cell error type: two
// named types of one underlying type (type A int; type B int) are one
// reflect type, so storing would call an A a B.
func (tn *typeNames) setErrorInto(ptr, v any) bool {
	if inner, _ := unwrapYaegi(v); inner != nil && tn.errorTypesOf(reflect.TypeOf(inner)) > 1 {
		if dst := reflect.TypeOf(ptr); dst != nil && dst.Kind() == reflect.Pointer && dst.Elem() == reflect.TypeOf(inner) {
			panic("the error fits more than one error type declared in the cells (their underlying types are the same), so the interpreter cannot tell which it is; give the types different underlying types, or compare with errors.Is")
		}
	}
	return setInto(ptr, v)
}

// errorTypesOf counts the cell types with an Error method whose values
// have reflect type rt.
func (tn *typeNames) errorTypesOf(rt reflect.Type) int {
	star := ""
	if rt.Kind() == reflect.Pointer {
		rt, star = rt.Elem(), "*"
	}
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	n := 0
	for _, name := range append(slices.Clone(tn.names[rt]), tn.under[rt]...) {
		if slices.Contains(tn.methods["Error"], star+name) || (star != "" && slices.Contains(tn.methods["Error"], name)) {
			n++
		}
	}
	return n
}

// noCellType reports whether rt, or what it points to, is surely no type
// declared in a cell: a package's named type, or a predeclared one that
// no cell type is declared on. (Structs, slices and the like may be a
// generic cell type's instance, which no table lists.)
func (tn *typeNames) noCellType(rt reflect.Type) bool {
	if rt.Kind() == reflect.Pointer {
		rt = rt.Elem()
	}
	if rt.PkgPath() != "" && rt.Name() != "" {
		return !strings.Contains(rt.PkgPath(), "yaegi")
	}
	switch k := rt.Kind(); {
	case k >= reflect.Bool && k <= reflect.Complex128, k == reflect.String:
		tn.mu.RLock()
		defer tn.mu.RUnlock()
		return len(tn.under[rt]) == 0
	}
	return false
}

// errMethodCall is, for a method of the errors package's protocol
// (Unwrap() error, Unwrap() []error, Is(error) bool, As(any) bool) with
// signature sig, the name it is registered under and the rest of the
// func literal calling it, written after "func(v T": "", "" for other
// methods.
func errMethodCall(name, sig string) (kind, call string) {
	switch {
	case name == "Unwrap" && sig == "func() error":
		return "Unwrap", ") error { return v.Unwrap() }"
	case name == "Unwrap" && sig == "func() []error":
		return "UnwrapAll", ") []error { return v.Unwrap() }"
	case name == "Is" && strings.HasPrefix(sig, "func(") && strings.HasSuffix(sig, " error) bool") && !strings.Contains(sig, ","):
		return "Is", ", t error) bool { return v.Is(t) }"
	case name == "As" && strings.HasPrefix(sig, "func(") && (strings.HasSuffix(sig, " any) bool") || strings.HasSuffix(sig, " interface{}) bool")) && !strings.Contains(sig, ","):
		return "As", ", t any) bool { return v.As(t) }"
	}
	return "", ""
}

// registerErrMethod records fn, a func calling a cell type's Unwrap, Is
// or As method (errMethodCall), for the receiver type slice's elements.
func (tn *typeNames) registerErrMethod(slice any, method string, fn any) {
	rt := reflect.TypeOf(slice).Elem()
	fv := reflect.ValueOf(fn)
	if fv.Kind() != reflect.Func || fv.Type().NumIn() < 1 || fv.Type().In(0) != rt {
		return
	}
	tn.mu.Lock()
	defer tn.mu.Unlock()
	if tn.errMethods == nil {
		tn.errMethods = map[reflect.Type]map[string]reflect.Value{}
	}
	if tn.errMethods[rt] == nil {
		tn.errMethods[rt] = map[string]reflect.Value{}
	}
	tn.errMethods[rt][method] = fv
}

// callErrMethod calls the registered method of inner, a cell value,
// with args: Unwrap gives an error (nil included), UnwrapAll a []error,
// Is and As a bool. ok is false when inner's type has none, or its
// reflect type is shared by more than one cell error type.
func (tn *typeNames) callErrMethod(inner any, method string, args ...any) (result any, ok bool) {
	rt := reflect.TypeOf(inner)
	if rt == nil {
		return nil, false
	}
	tn.mu.RLock()
	fn, ok := tn.errMethods[rt][method]
	tn.mu.RUnlock()
	if !ok && tn.errorTypesOf(rt) <= 1 {
		return tn.promotedErrMethod(inner, method, args...)
	}
	if !ok || tn.errorTypesOf(rt) > 1 {
		return nil, false
	}
	in := []reflect.Value{reflect.ValueOf(inner)}
	for i, a := range args {
		v := reflect.ValueOf(a)
		if !v.IsValid() {
			v = reflect.Zero(fn.Type().In(i + 1))
		}
		in = append(in, v)
	}
	out := fn.Call(in)[0]
	if out.Kind() == reflect.Interface && out.IsNil() {
		return nil, true
	}
	return out.Interface(), true
}

// promotedErrMethod calls method as promoted to inner, a struct value of
// a cell type without one of its own, from an embedded field (type
// Detailed struct{ Wrapper; ... } with Wrapper's Unwrap): errors.Is and
// errors.Unwrap went past it. An embedded package interface (error, or
// one with Unwrap) promotes only its own methods, called on its dynamic
// value; an embedded interface of a cell is not looked into (its method
// set is not known here).
func (tn *typeNames) promotedErrMethod(inner any, method string, args ...any) (any, bool) {
	v := reflect.ValueOf(inner)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct || !yaegiBuilt(v.Type()) {
		return nil, false
	}
	c := exposedCopy(v)
	for i := range c.NumField() {
		if !c.Type().Field(i).Anonymous {
			continue
		}
		f := exposed(c.Field(i))
		if !f.CanInterface() || (f.Kind() == reflect.Interface || f.Kind() == reflect.Pointer) && f.IsNil() {
			continue
		}
		if _, _, vi := viParts(f.Interface()); vi {
			continue // a cell's interface: which methods it promotes is not known here
		}
		if f.Kind() == reflect.Interface {
			if _, has := f.Type().MethodByName(method); !has {
				continue // an embedded error promotes Error only
			}
		}
		x := bare(f.Interface())
		if r, ok := tn.callErrMethod(x, method, args...); ok {
			return r, true
		}
		if m, ok := x.(interface{ Unwrap() error }); ok && method == "Unwrap" {
			if u := m.Unwrap(); u != nil {
				return u, true
			}
			return nil, true
		}
		if m, ok := x.(interface{ Is(error) bool }); ok && method == "Is" && len(args) == 1 {
			target, _ := args[0].(error)
			return m.Is(target), true
		}
	}
	return nil, false
}

// errHidden reports whether v is a cell value whose Unwrap, Is or As
// method the helpers cannot call: a generic type's, or one of a
// reflect type several cell error types share.
func (e *Evaluator) errHidden(v any) bool {
	inner, w := unwrapYaegi(v)
	e.names.mu.RLock()
	rt := reflect.TypeOf(inner)
	_, has := e.names.errMethods[rt]
	out := e.names.errMethodsOut
	e.names.mu.RUnlock()
	if !w || !out && !e.cellErrorMethods() {
		return false
	}
	if has {
		return e.names.errorTypesOf(rt) > 1
	}
	return out && genericInstance(rt) || e.names.errorTypesOf(rt) > 1
}

// genericInstance reports whether rt, or what it points to, is an
// instance of a cell's generic struct type: the interpreter tags its
// first field with the instance's name (third_party/yaegi).
func genericInstance(rt reflect.Type) bool {
	if rt != nil && rt.Kind() == reflect.Pointer {
		rt = rt.Elem()
	}
	if rt == nil || rt.Kind() != reflect.Struct || rt.NumField() == 0 {
		return false
	}
	return strings.Contains(rt.Field(0).Tag.Get("yaegi"), "[")
}
