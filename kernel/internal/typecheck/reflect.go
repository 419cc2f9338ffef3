package typecheck

import (
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"reflect"
	"strings"
)

// converter turns the reflect types of compiled packages into go/types
// objects. Each reflect type maps to one types.Type for the converter's
// life, so a type reached from two packages (url.URL from net/http and
// from net/url) is the same object, as go/types needs for identity.
type converter struct {
	pkgs   map[string]*types.Package // by import path
	names  map[string]string         // import path → package name, from the table keys
	named  map[reflect.Type]*types.Named
	ifaces []*types.Interface // completed once a package is built
	// source imports a package the interpreter runs from source (iter),
	// nil when there is none; see seqInstance.
	source func(path string) *types.Package
}

var (
	errorType = reflect.TypeFor[error]()
	constType = reflect.TypeFor[constant.Value]()
)

func newConverter(names map[string]string) *converter {
	return &converter{pkgs: map[string]*types.Package{}, names: names, named: map[reflect.Type]*types.Named{}}
}

// pkg returns the package object for an import path, created empty on
// first use: types of packages never imported (internal/poll) still need
// one for their names.
func (c *converter) pkg(p string) *types.Package {
	if x := c.pkgs[p]; x != nil {
		return x
	}
	name := c.names[p]
	if name == "" {
		name = path.Base(p)
	}
	x := types.NewPackage(p, name)
	c.pkgs[p] = x
	return x
}

// fill declares a compiled package's table in its package object.
// Symbols whose kind cannot be told apart are left out: a cell using
// them then sees "undefined", an error the checker never reports.
func (c *converter) fill(p string, table map[string]reflect.Value) *types.Package {
	pkg := c.pkg(p)
	scope := pkg.Scope()
	for name, v := range table {
		if strings.HasPrefix(name, "_") || !v.IsValid() || scope.Lookup(name) != nil {
			continue // yaegi's interface wrappers (_io_Writer) are not Go's
		}
		if obj := c.object(pkg, name, v); obj != nil {
			scope.Insert(obj)
		}
	}
	c.complete()
	pkg.MarkComplete()
	return pkg
}

// object converts one table entry: types are (*T)(nil), variables are
// addressable, untyped constants are constant.Value, functions and
// typed constants are plain values.
func (c *converter) object(pkg *types.Package, name string, v reflect.Value) types.Object {
	t := v.Type()
	switch {
	case v.CanAddr():
		return types.NewVar(token.NoPos, pkg, name, c.typ(t))
	case t.Implements(constType): // the concrete types of go/constant
		return untypedConst(pkg, name, v.Interface().(constant.Value))
	case t.Kind() == reflect.Pointer && v.IsNil():
		n, ok := c.typ(t.Elem()).(*types.Named)
		if !ok || n.Obj().Name() != name {
			return nil // an alias (type X = Y): unsure, left out
		}
		return n.Obj()
	case t.Kind() == reflect.Func:
		sig, ok := c.typ(t).(*types.Signature)
		if !ok {
			return nil
		}
		return types.NewFunc(token.NoPos, pkg, name, sig)
	}
	if val := constValue(v); val != nil {
		return types.NewConst(token.NoPos, pkg, name, c.typ(t), val)
	}
	return nil
}

func untypedConst(pkg *types.Package, name string, val constant.Value) types.Object {
	kinds := map[constant.Kind]types.BasicKind{
		constant.Bool: types.UntypedBool, constant.String: types.UntypedString, constant.Int: types.UntypedInt,
		constant.Float: types.UntypedFloat, constant.Complex: types.UntypedComplex,
	}
	k, ok := kinds[val.Kind()]
	if !ok {
		return nil
	}
	return types.NewConst(token.NoPos, pkg, name, types.Typ[k], val)
}

// constValue is the value of a typed constant (os.ModeDir), nil when v
// is not of a basic kind.
func constValue(v reflect.Value) constant.Value {
	switch v.Kind() {
	case reflect.Bool:
		return constant.MakeBool(v.Bool())
	case reflect.String:
		return constant.MakeString(v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return constant.MakeInt64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return constant.MakeUint64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return constant.MakeFloat64(v.Float())
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return constant.BinaryOp(constant.MakeFloat64(real(c)), token.ADD, constant.MakeImag(constant.MakeFloat64(imag(c))))
	}
	return nil
}

var basics = map[reflect.Kind]types.BasicKind{
	reflect.Bool: types.Bool, reflect.Int: types.Int, reflect.Int8: types.Int8, reflect.Int16: types.Int16,
	reflect.Int32: types.Int32, reflect.Int64: types.Int64, reflect.Uint: types.Uint, reflect.Uint8: types.Uint8,
	reflect.Uint16: types.Uint16, reflect.Uint32: types.Uint32, reflect.Uint64: types.Uint64,
	reflect.Uintptr: types.Uintptr, reflect.Float32: types.Float32, reflect.Float64: types.Float64,
	reflect.Complex64: types.Complex64, reflect.Complex128: types.Complex128, reflect.String: types.String,
	reflect.UnsafePointer: types.UnsafePointer,
}

// typ converts a reflect type. What reflect cannot describe faithfully
// (instantiated generic types) becomes the invalid type, which go/types
// treats as already reported: no error follows from it.
func (c *converter) typ(t reflect.Type) types.Type {
	if t.Name() != "" {
		switch {
		case t == errorType:
			return types.Universe.Lookup("error").Type()
		case t.PkgPath() == "unsafe" && t.Kind() == reflect.UnsafePointer:
			return types.Typ[types.UnsafePointer]
		case t.PkgPath() == "": // predeclared
			if k, ok := basics[t.Kind()]; ok && t.Name() == types.Typ[k].Name() {
				return types.Typ[k]
			}
			return types.Typ[types.Invalid]
		case strings.ContainsAny(t.Name(), "[]"):
			if x := c.seqInstance(t); x != nil {
				return x
			}
			return types.Typ[types.Invalid]
		}
		return c.namedType(t)
	}
	return c.underlying(t)
}

// underlying converts the structure of t, ignoring its name.
func (c *converter) underlying(t reflect.Type) types.Type {
	switch t.Kind() {
	case reflect.Array:
		return types.NewArray(c.typ(t.Elem()), int64(t.Len()))
	case reflect.Chan:
		dir := map[reflect.ChanDir]types.ChanDir{reflect.BothDir: types.SendRecv, reflect.SendDir: types.SendOnly, reflect.RecvDir: types.RecvOnly}
		return types.NewChan(dir[t.ChanDir()], c.typ(t.Elem()))
	case reflect.Func:
		return c.signature(t, nil, 0)
	case reflect.Interface:
		return c.iface(t)
	case reflect.Map:
		return types.NewMap(c.typ(t.Key()), c.typ(t.Elem()))
	case reflect.Pointer:
		return types.NewPointer(c.typ(t.Elem()))
	case reflect.Slice:
		return types.NewSlice(c.typ(t.Elem()))
	case reflect.Struct:
		return c.strct(t)
	}
	if k, ok := basics[t.Kind()]; ok {
		return types.Typ[k]
	}
	return types.Typ[types.Invalid]
}

// signature converts a func type; skip drops leading parameters (the
// receiver of a method value taken from reflect.Type.Method).
func (c *converter) signature(t reflect.Type, recv *types.Var, skip int) *types.Signature {
	var params, results []*types.Var
	for i := skip; i < t.NumIn(); i++ {
		params = append(params, types.NewParam(token.NoPos, nil, "", c.typ(t.In(i))))
	}
	for i := 0; i < t.NumOut(); i++ {
		results = append(results, types.NewParam(token.NoPos, nil, "", c.typ(t.Out(i))))
	}
	return types.NewSignatureType(recv, nil, nil, types.NewTuple(params...), types.NewTuple(results...), t.IsVariadic())
}

func (c *converter) iface(t reflect.Type) *types.Interface {
	var methods []*types.Func
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		pkg := c.pkg(t.PkgPath())
		if m.PkgPath != "" {
			pkg = c.pkg(m.PkgPath)
		}
		methods = append(methods, types.NewFunc(token.NoPos, pkg, m.Name, c.signature(m.Type, nil, 0)))
	}
	it := types.NewInterfaceType(methods, nil)
	c.ifaces = append(c.ifaces, it)
	return it
}

func (c *converter) strct(t reflect.Type) *types.Struct {
	var fields []*types.Var
	var tags []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		p := t.PkgPath()
		if f.PkgPath != "" {
			p = f.PkgPath
		}
		var pkg *types.Package
		if p != "" {
			pkg = c.pkg(p)
		}
		fields = append(fields, types.NewField(token.NoPos, pkg, f.Name, c.typ(f.Type), f.Anonymous))
		tags = append(tags, string(f.Tag))
	}
	return types.NewStruct(fields, tags)
}

// namedType converts a defined type with its exported methods. reflect
// lists the methods of T and of *T; those only *T has have a pointer
// receiver, which is what "X does not implement Y (method M has pointer
// receiver)" relies on. Promoted methods are listed as T's own: the
// method sets come out the same.
func (c *converter) namedType(t reflect.Type) types.Type {
	if n := c.named[t]; n != nil {
		return n
	}
	pkg := c.pkg(t.PkgPath())
	obj := types.NewTypeName(token.NoPos, pkg, t.Name(), nil)
	n := types.NewNamed(obj, nil, nil)
	c.named[t] = n
	n.SetUnderlying(c.underlying(t))
	if t.Kind() == reflect.Interface {
		return n
	}
	value := map[string]bool{}
	for i := 0; i < t.NumMethod(); i++ {
		value[t.Method(i).Name] = true
	}
	pt := reflect.PointerTo(t)
	for i := 0; i < pt.NumMethod(); i++ {
		m := pt.Method(i)
		var recv types.Type = types.NewPointer(n)
		if value[m.Name] {
			recv = n
		}
		sig := c.signature(m.Type, types.NewVar(token.NoPos, pkg, "", recv), 1)
		n.AddMethod(types.NewFunc(token.NoPos, pkg, m.Name, sig))
	}
	return n
}

// complete finishes the interfaces made so far (go/types wants it before
// they are used).
func (c *converter) complete() {
	for _, it := range c.ifaces {
		it.Complete()
	}
	c.ifaces = c.ifaces[:0]
}

// seqInstance converts iter.Seq[V] and iter.Seq2[K, V], which compiled
// functions added after Go 1.22 return (strings.SplitSeq, bytes.Lines),
// to instances of the interpreted iter package's types, so the checker
// sees them as the iterators they are and the rewrites get their element
// types. reflect names an instance but cannot give its type arguments:
// they are read from the yield func's parameters. nil for any other
// instance, or when package iter cannot be had.
func (c *converter) seqInstance(t reflect.Type) types.Type {
	name, _, _ := strings.Cut(t.Name(), "[")
	if t.PkgPath() != "iter" || (name != "Seq" && name != "Seq2") || c.source == nil ||
		t.Kind() != reflect.Func || t.NumIn() != 1 || t.NumOut() != 0 || t.In(0).Kind() != reflect.Func {
		return nil
	}
	iter := c.source("iter")
	if iter == nil {
		return nil
	}
	obj, _ := iter.Scope().Lookup(name).(*types.TypeName)
	if obj == nil {
		return nil
	}
	yield := t.In(0)
	var args []types.Type
	for i := range yield.NumIn() {
		args = append(args, c.typ(yield.In(i)))
	}
	inst, err := types.Instantiate(nil, obj.Type(), args, true)
	if err != nil {
		return nil
	}
	return inst
}
