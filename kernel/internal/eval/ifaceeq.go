package eval

import (
	"go/ast"
	"go/token"
	"reflect"
	"slices"
	"strings"
	"unsafe"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/typecheck"
)

// yaegi v0.16.1 compares interface values holding a cell's types wrongly:
// an error holding a *T reaches its comparison as the wrapper struct
// _error (uncomparable: it holds funcs), an any holding a T may be a
// valueInterface (a node and a reflect.Value: two of them never equal),
// and a T held raw is an anonymous struct or its underlying type, so two
// struct types with the same fields, or `type ID int` and int, compare
// equal. The evaluator rewrites == and != with an interface operand to
// IfaceCmp (rewrite.IfaceCompares), told each operand's static type by
// the type checker; it finds each interface operand's dynamic value and
// the types it may be of, and compares as Go does. When the interpreter
// has lost which of several types a value is and the answer depends on
// it, it panics naming them instead of guessing.

// ifaceCmp returns 0 when x (of static type xt, "" for an interface,
// "=" for a type parameter's) equals y (of static type yt), 1 otherwise.
func (tn *typeNames) ifaceCmp(x any, xt string, y any, yt string) int {
	if xt == typecheck.Composite {
		return boolCmp(tn.compositeEqual(exposedCopy(reflect.ValueOf(x)), exposedCopy(reflect.ValueOf(y))))
	}
	if rx, ry := reflect.TypeOf(x), reflect.TypeOf(y); tn.compiled(rx, xt) && tn.compiled(ry, yt) {
		// Two values of compiled types no cell type shares: Go's own
		// comparison, with its panic for an uncomparable type (field by
		// field when of one type holding interfaces: [2]fmt.Stringer).
		if rx != nil && rx == ry && rx.Comparable() {
			return boolCmp(tn.dynEqual(x, y))
		}
		return boolCmp(x == y)
	}
	vx, tx := tn.dynamic(x, xt)
	vy, ty := tn.dynamic(y, yt)
	if vx == nil || vy == nil {
		return boolCmp(vx == nil && vy == nil)
	}
	rt := reflect.TypeOf(vx)
	if rt != reflect.TypeOf(vy) {
		return 1
	}
	// A type the registry does not know (a local or generic type of the
	// cells) is taken to be the other operand's: same reflect type, and
	// nothing known says otherwise.
	switch {
	case tx == nil && ty == nil:
		tx, ty = []string{rt.String()}, []string{rt.String()}
	case tx == nil:
		tx = ty
	case ty == nil:
		ty = tx
	}
	var common []string
	for _, t := range tx {
		if slices.Contains(ty, t) {
			common = append(common, t)
		}
	}
	if len(common) == 0 {
		return 1
	}
	if !rt.Comparable() {
		// Go panics when the types are the same; named after the cell's
		// type, the one the interpreter's reflect type hides.
		panic(uncomparable{uncomparableName(common)})
	}
	if len(tx) == 1 && len(ty) == 1 || xt == "=" && yt == "=" {
		// Known types; or two values of one type parameter, of one
		// type unless it is instantiated with an interface (whose cell
		// values the interpreter mostly wraps with their names).
		return boolCmp(tn.dynEqual(vx, vy))
	}
	// The types may or may not be the same: values that differ answer
	// false either way.
	if !tn.dynEqual(vx, vy) {
		return 1
	}
	// A value of a predeclared or package type may also be of a cell's
	// type with that underlying type (type ID int), which the interpreter
	// holds as its underlying type: answered as for the underlying type,
	// as before, since panicking would break every any == 3 of a cell
	// that declares such a type (the README names the limit).
	if !yaegiBuilt(rt) {
		return 0
	}
	// One pointer: one variable, of one type (but for a conversion
	// between pointer types, which lessons hardly write).
	if rt.Kind() == reflect.Pointer {
		return 0
	}
	all := slices.Clone(tx)
	for _, t := range ty {
		if !slices.Contains(all, t) {
			all = append(all, t)
		}
	}
	panic("comparing interface values: the interpreter cannot tell which of " + strings.Join(all, ", ") +
		" these equal values are (it gives types declared in cells with the same underlying type one run-time type), and Go's answer depends on it; " +
		"give the types different fields, or compare variables of the types themselves")
}

// dynEqual is vx == vy for two values of one comparable type, field by
// field when it holds interfaces (compositeEqual): == of a struct holding
// a cell value in an error field compared the interpreter's wrappers,
// structs of funcs, and panicked (err == Wrap{E{1}}), or its interface
// values, and said false.
func (tn *typeNames) dynEqual(vx, vy any) bool {
	rt := reflect.TypeOf(vx)
	if k := rt.Kind(); (k == reflect.Struct || k == reflect.Array) && holdsIface(rt, map[reflect.Type]bool{}) {
		return tn.compositeEqual(exposedCopy(reflect.ValueOf(vx)), exposedCopy(reflect.ValueOf(vy)))
	}
	return vx == vy
}

// uncomparableName is the type named in the panic: the cell's type when
// one of the candidates is one.
func uncomparableName(common []string) string {
	var cell []string
	for _, t := range common {
		if strings.HasPrefix(strings.TrimPrefix(t, "*"), "main.") {
			cell = append(cell, t)
		}
	}
	if len(cell) == 0 {
		cell = common
	}
	return strings.Join(cell, " or ")
}

// compositeEqual compares two structs or arrays of one type field by
// field as Go does, an interface field through ifaceCmp (typecheck.Composite).
func (tn *typeNames) compositeEqual(a, b reflect.Value) bool {
	if !a.IsValid() || !b.IsValid() || a.Type() != b.Type() {
		return a.IsValid() == b.IsValid() && (!a.IsValid() || a.Interface() == b.Interface())
	}
	if a.Kind() == reflect.Struct {
		if _, _, vi := viParts(a.Interface()); vi {
			// the interpreter's value of a cell's interface type
			return tn.ifaceCmp(a.Interface(), "", b.Interface(), "") == 0
		}
	}
	switch a.Kind() {
	case reflect.Struct:
		for i := range a.NumField() {
			if !tn.compositeEqual(exposed(a.Field(i)), exposed(b.Field(i))) {
				return false
			}
		}
		return true
	case reflect.Array:
		for i := range a.Len() {
			if !tn.compositeEqual(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Interface:
		return tn.ifaceCmp(a.Interface(), "", b.Interface(), "") == 0
	}
	return a.Interface() == b.Interface() // Go's panic for an uncomparable value
}

// exposedCopy is an addressable copy of v, whose fields exposed can read.
func exposedCopy(v reflect.Value) reflect.Value {
	if !v.IsValid() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

// exposed is v, readable with Interface even where it is an unexported
// field (v must be addressable, as fields of exposedCopy's are).
func exposed(v reflect.Value) reflect.Value {
	if v.CanInterface() || !v.CanAddr() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

func boolCmp(eq bool) int {
	if eq {
		return 0
	}
	return 1
}

// uncomparable is Go's run-time error for == on an interface holding a
// slice, map or func (or a struct or array of one).
type uncomparable struct{ name string }

func (u uncomparable) Error() string { return "runtime error: comparing uncomparable type " + u.name }
func (uncomparable) RuntimeError()   {}

// assertionError is Go's run-time error for a failed one-value
// assertion to an interface (rewrite's singleAssertion): x is the value
// asserted, name the interface's, target a nil *T of it (which names
// the missing method when T is a package's interface), methods the
// interface's methods, comma-separated (for a cell's interface, which
// the interpreter gives no methods in reflect).
func (tn *typeNames) assertionError(x any, name string, target any, methods string) error {
	cellIface := false
	if t := reflect.TypeOf(target); t != nil && t.Kind() == reflect.Pointer && isVI(t.Elem()) {
		cellIface = true
		if token.IsIdentifier(name) {
			name = "main." + name
		}
	}
	if inner, _, isVIValue := unwrapVI(x); x == nil || isVIValue && inner == nil { // a nil cell interface inside an any
		return assertion{"interface conversion: interface is nil, not " + name}
	}
	dyn := tn.dynName(x, false)
	msg := "interface conversion: " + dyn + " is not " + name
	if cellIface && methods != "" {
		if m, ok := tn.missingMethod(x, dyn, strings.Split(methods, ",")); ok {
			msg += ": missing method " + m
		}
	} else if t := reflect.TypeOf(target); t != nil && t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Interface {
		inner, _ := unwrapYaegi(x)
		xt := reflect.TypeOf(inner)
		for i := 0; xt != nil && i < t.Elem().NumMethod(); i++ {
			if m := t.Elem().Method(i); !hasMethod(xt, m.Name) {
				msg += ": missing method " + m.Name
				break
			}
		}
	}
	return assertion{msg}
}

// missingMethod returns the first of methods that x, whose type %T
// names dyn, lacks: a cell type has the methods the cells declared for
// it (a pointer also those of its element), another type those reflect
// gives it. false when that cannot be told (dyn names several types).
func (tn *typeNames) missingMethod(x any, dyn string, methods []string) (string, bool) {
	if strings.Contains(dyn, "|") {
		return "", false
	}
	if cell, ok := strings.CutPrefix(strings.TrimPrefix(dyn, "*"), "main."); ok {
		inner, _ := unwrapYaegi(x)
		if strings.Contains(cell, "[") || embeds(reflect.TypeOf(inner)) {
			return "", false // a generic type's methods, or promoted ones, are not in tn.methods
		}
		ptr := strings.HasPrefix(dyn, "*")
		tn.mu.RLock()
		defer tn.mu.RUnlock()
		for _, m := range methods {
			recvs := tn.methods[m]
			if !slices.Contains(recvs, cell) && !(ptr && slices.Contains(recvs, "*"+cell)) {
				return m, true
			}
		}
		return "", false
	}
	inner, _ := unwrapYaegi(x)
	t := reflect.TypeOf(inner)
	if t == nil {
		return "", false
	}
	for _, m := range methods {
		if !hasMethod(t, m) {
			return m, true
		}
	}
	return "", false
}

// embeds reports whether t, or the struct t points to, has an embedded
// field (marked by reflect or by the cells' struct tags).
func embeds(t reflect.Type) bool {
	if t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return false
	}
	for i := range t.NumField() {
		if f := t.Field(i); f.Anonymous || f.Tag.Get(rewrite.EmbeddedTag) != "" {
			return true
		}
	}
	return false
}

// hasMethod reports whether values of type t have the method name.
func hasMethod(t reflect.Type, name string) bool {
	_, ok := t.MethodByName(name)
	return ok
}

// assertion is a failed type assertion's run-time error.
type assertion struct{ msg string }

func (a assertion) Error() string { return a.msg }
func (assertion) RuntimeError()   {}

// GoType is the type %T names: Go panics with a *runtime.TypeAssertionError.
func (assertion) GoType() string { return "*runtime.TypeAssertionError" }

// compiled reports a value of reflect type rt (nil: a nil interface)
// that is what it seems: not one of yaegi's wrappers nor a type it
// built, no cell type has it, and its static type is rt's or an
// interface's.
func (tn *typeNames) compiled(rt reflect.Type, static string) bool {
	if static == "=" {
		static = "" // a type parameter's: as for an interface
	}
	if rt == nil {
		return static == ""
	}
	if static != "" && static != rt.String() || yaegiBuilt(rt) || strings.Contains(rt.PkgPath(), "yaegi") {
		return false
	}
	if rt.Kind() == reflect.Pointer {
		rt = rt.Elem()
	}
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	return len(tn.names[rt])+len(tn.under[rt]) == 0
}

// dynamic is the value inside x as compiled code can compare it and the
// names of the types it may be of ("main.T" for a cell's types; none
// when unknown). static is the operand's static type, which is its
// dynamic type unless it is an interface ("").
func (tn *typeNames) dynamic(x any, static string) (any, []string) {
	v, name := x, ""
	if inner, n, ok := viParts(x); ok {
		v, name = nil, n
		if inner.IsValid() && inner.CanInterface() {
			v = inner.Interface()
		}
	}
	w := v
	v, wrapped := unwrapYaegi(v)
	if v == nil {
		return nil, nil
	}
	switch {
	case static == "=": // a type parameter's: found as for an interface
	case static != "":
		return v, []string{static}
	case name != "":
		return v, []string{name}
	}
	rt := reflect.TypeOf(v)
	names := tn.cellTypes(rt)
	if wrapped {
		// The wrapper stands for an interface of methods: only the
		// cell types with them can be inside.
		names = tn.withMethods(names, reflect.TypeOf(w))
	}
	if !wrapped && !yaegiBuilt(rt) {
		names = append(names, rt.String())
	}
	return v, names // none: a type the interpreter built that is not registered (local, generic)
}

// cellTypes names the cell types whose values have reflect type rt, and
// pointers to them.
func (tn *typeNames) cellTypes(rt reflect.Type) []string {
	star := ""
	if rt.Kind() == reflect.Pointer {
		rt, star = rt.Elem(), "*"
	}
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	var out []string
	for _, n := range append(slices.Clone(tn.names[rt]), tn.under[rt]...) {
		out = append(out, star+"main."+n)
	}
	return out
}

// withMethods keeps the names whose method sets hold the methods of
// yaegi's wrapper type w (its fields after IValue are W<Method>).
func (tn *typeNames) withMethods(names []string, w reflect.Type) []string {
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	var out []string
	for _, n := range names {
		ptr := strings.HasPrefix(n, "*")
		base := strings.TrimPrefix(strings.TrimPrefix(n, "*"), "main.")
		ok := true
		for i := 1; i < w.NumField() && ok; i++ {
			m, _ := strings.CutPrefix(w.Field(i).Name, "W")
			recv := tn.methods[m]
			ok = slices.Contains(recv, base) || ptr && slices.Contains(recv, "*"+base)
		}
		if ok {
			out = append(out, n)
		}
	}
	return out
}

// yaegiBuilt reports a type the interpreter made for a cell's type (an
// anonymous struct, or a pointer to one), which no package declares.
func yaegiBuilt(rt reflect.Type) bool {
	if rt.Kind() == reflect.Pointer {
		rt = rt.Elem()
	}
	return rt.Kind() == reflect.Struct && rt.Name() == ""
}

// viParts reads yaegi's valueInterface: the value it holds and, when it
// is of a cell's type, that type's name as the interpreter knows it.
func viParts(v any) (reflect.Value, string, bool) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return reflect.Value{}, "", false
	}
	t := rv.Type()
	if t.Kind() != reflect.Struct || t.Name() != "valueInterface" || !strings.Contains(t.PkgPath(), "yaegi") || t.NumField() != 2 {
		return reflect.Value{}, "", false
	}
	c := reflect.New(t).Elem()
	c.Set(rv)
	f := c.Field(1)
	if f.Type() != reflect.TypeFor[reflect.Value]() {
		return reflect.Value{}, "", false
	}
	inner := *(*reflect.Value)(unsafe.Pointer(f.UnsafeAddr()))
	name := ""
	if n := c.Field(0); n.Kind() == reflect.Pointer && !n.IsNil() {
		if typ := n.Elem().FieldByName("typ"); typ.IsValid() && typ.Kind() == reflect.Pointer && !typ.IsNil() {
			s, cat := typ.Elem().FieldByName("str"), typ.Elem().FieldByName("cat")
			// Only a cell's own non-interface types (not errorT, 13, nor
			// interfaceT, 18, in yaegi's type categories): the others
			// reflect names right.
			if s.Kind() == reflect.String && cat.CanUint() && cat.Uint() != 13 && cat.Uint() != 18 &&
				(strings.HasPrefix(s.String(), "main.") || strings.HasPrefix(s.String(), "*main.")) {
				name = s.String()
			}
		}
	}
	return inner, name, true
}

// ifaceCompares is rewrite.IfaceCompares with the facts f.
func (e *Evaluator) ifaceCompares(n ast.Node, f *typecheck.Facts) {
	if len(f.Compares)+len(f.Cases) == 0 {
		return
	}
	fact := func(m map[typecheck.Pos]typecheck.Compare) func(token.Pos) (rewrite.Compare, bool) {
		return func(p token.Pos) (rewrite.Compare, bool) {
			c, ok := m[e.factPos(p)]
			return rewrite.Compare{Left: c.Left, Right: c.Right}, ok
		}
	}
	rewrite.IfaceCompares(n, fact(f.Compares), fact(f.Cases), e.temp)
}
