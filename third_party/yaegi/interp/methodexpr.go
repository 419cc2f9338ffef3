package interp

import "reflect"

// golessons: method expressions on interface types (Shape.Area) and on
// types of compiled packages ((*sync.Mutex).Lock, (*strings.Builder).WriteString)
// are funcs taking the receiver first. Upstream gave them the method's own
// func type ("too many arguments" at a call) or indexed past the method's
// arguments ("index out of range"). Method expressions on the cells' own
// concrete types are in matchSelectorMethod.

// isMethodExpr reports whether the selector n, whose first child is a type,
// is a method expression this file compiles: on an interface type, or on a
// type of a compiled package (or a pointer to one).
func isMethodExpr(sc *scope, n *node) bool {
	if n.typ == nil || !n.child[0].isType(sc) {
		return false
	}
	t := n.typ
	if t.cat == ptrT {
		t = t.val
	}
	return isInterface(n.typ) || t.cat == valueT || t.cat == errorT
}

// methodExpr compiles the method expression n (see isMethodExpr).
func methodExpr(n *node) error {
	name := n.child[1].ident
	if isInterfaceSrc(n.typ) {
		mt := n.typ.interfaceMethod(name)
		if mt == nil {
			return n.cfgErrorf("%s undefined (type %s has no method %s)", name, n.typ.id(), name)
		}
		n.typ = funcOf(append([]*itype{n.child[0].typ}, mt.arg...), mt.ret, withNode(n))
		n.gen = methodExprOfInterface
		n.action = aGetSym
		return nil
	}
	rt := n.typ.TypeOf()
	m, ok := rt.MethodByName(name)
	if !ok {
		if _, ok := reflect.PointerTo(rt).MethodByName(name); ok {
			return n.cfgErrorf("invalid method expression %s.%s (needs pointer receiver (*%s).%s)", n.typ.id(), name, n.typ.id(), name)
		}
		return n.cfgErrorf("%s undefined (type %s has no method %s)", name, n.typ.id(), name)
	}
	f := m.Func
	if rt.Kind() == reflect.Interface {
		// A method of a compiled interface: call it on the value given.
		in := []reflect.Type{rt}
		for i := 0; i < m.Type.NumIn(); i++ {
			in = append(in, m.Type.In(i))
		}
		out := make([]reflect.Type, m.Type.NumOut())
		for i := range out {
			out[i] = m.Type.Out(i)
		}
		variadic := m.Type.IsVariadic()
		f = reflect.MakeFunc(reflect.FuncOf(in, out, variadic), func(args []reflect.Value) []reflect.Value {
			if args[0].IsNil() {
				panic(errNilDeref)
			}
			if variadic {
				return args[0].MethodByName(name).CallSlice(args[1:])
			}
			return args[0].MethodByName(name).Call(args[1:])
		})
	}
	n.rval = f
	n.typ = valueTOf(f.Type())
	n.gen = nop
	n.action = aGetSym
	n.findex = notInFrame
	return nil
}

// methodExprOfInterface makes the func of a method expression on an
// interface type of the cells: it finds the method of its first argument's
// dynamic value, as getMethodByName does for x.M, and calls it with the rest.
func methodExprOfInterface(n *node) {
	next := getExec(n.tnext)
	name := n.child[1].ident
	typ := n.typ.TypeOf()
	i, l := n.findex, n.level
	n.exec = func(f *frame) bltn {
		getFrame(f, l).data[i] = reflect.MakeFunc(typ, func(args []reflect.Value) []reflect.Value {
			m := interfaceMethodValue(f, args[0], name)
			if typ.IsVariadic() {
				return m.CallSlice(args[1:])
			}
			return m.Call(args[1:])
		})
		return next
	}
}

// interfaceMethodValue returns the method name of the dynamic value of v,
// a value of an interface type of the cells.
func interfaceMethodValue(f *frame, v reflect.Value, name string) reflect.Value {
	val, ok := v.Interface().(valueInterface)
	if !ok {
		if v.Kind() == reflect.Interface && !v.IsNil() {
			v = v.Elem()
		}
		if !v.IsValid() {
			panic(errNilDeref)
		}
		if val, ok = v.Interface().(valueInterface); !ok {
			return v.MethodByName(name)
		}
	}
	for {
		w, ok := val.value.Interface().(valueInterface)
		if !ok {
			break
		}
		val = w
	}
	if !val.value.IsValid() {
		panic(errNilDeref)
	}
	if m := val.value.MethodByName(name); m.IsValid() {
		return m
	}
	r, m, li := lookupMethodValue(val, name)
	if r.IsValid() {
		return r
	}
	if m == nil {
		panic(runtimeErrorf("method not found: %s", name))
	}
	nod := *m
	nod.val = &nod
	nod.recv = &receiver{nil, val.value, li}
	return genFuncValue(&nod)(f)
}
