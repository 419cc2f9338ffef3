package eval

import (
	"encoding"
	"encoding/json"
	"reflect"
)

// A cell value whose type has methods sits in an interface-typed slot (an
// `any` variable, a []any element, a map[string]any value) inside yaegi's
// valueInterface, which keeps its type for the interpreter. Compiled code
// that reads values through reflection sees that wrapper instead: before
// plainValue, json.Marshal([]any{p}) wrote `[{}]` and reflect.TypeOf(x)
// said struct for an `any` holding a Weekday. The encoders and reflect's
// entry points given to cells take plainValue of their argument.

// plainValue returns x with each of yaegi's interface values inside it
// replaced by the value it holds. Only what holds one is copied (the
// encoders only read the copy); x itself comes back when nothing does.
func plainValue(x any) any {
	if x == nil {
		return nil
	}
	if inner, _, ok := unwrapVI(x); ok {
		return plainValue(inner)
	}
	if inner, ok := unwrapYaegi(x); ok && !marshals(x) {
		// A cell value held in a variable of a package's interface
		// (var s fmt.Stringer = Money{2}) arrives in yaegi's wrapper,
		// whose funcs json cannot encode.
		return plainValue(inner)
	}
	rv := reflect.ValueOf(x)
	if !holdsIface(rv.Type(), map[reflect.Type]bool{}) {
		return x
	}
	pl := plainer{budget: 100000}
	if pv, changed := pl.of(rv, 0); changed && pv.CanInterface() {
		return pv.Interface()
	}
	return x
}

// plainer makes plain copies of values (plainValue). held, when set, is
// asked first what replaces a value that one of yaegi's interface values
// or method wrappers holds (fmt's verbs call String there).
type plainer struct {
	budget int
	held   func(x any) (any, bool)
}

// heldValue is what replaces x, one of yaegi's interface values or
// method wrappers, in a plain copy: held's answer, else the value inside
// (not a wrapper that marshals itself, which json calls).
func (pl *plainer) heldValue(x any) (inner any, ok bool) {
	if pl.held != nil {
		if r, ok := pl.held(x); ok {
			return r, true
		}
	}
	if inner, _, ok := unwrapVI(x); ok {
		return inner, true
	}
	if inner, ok := unwrapYaegi(x); ok && !marshals(x) {
		return inner, true
	}
	return nil, false
}

// of is plainValue of v, and whether it differs from v. It gives up
// (nothing changed) past a depth of 64 or a budget of values: a cycle
// through pointers or a very large value is left as it is.
func (pl *plainer) of(v reflect.Value, depth int) (reflect.Value, bool) {
	pl.budget--
	if pl.budget < 0 || depth > 64 || !v.IsValid() {
		return v, false
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() || !v.Elem().CanInterface() {
			return v, false
		}
		e := v.Elem()
		if inner, ok := pl.heldValue(e.Interface()); ok {
			out := reflect.New(v.Type()).Elem()
			if inner != nil {
				p, _ := pl.of(reflect.ValueOf(inner), depth+1)
				if !p.Type().AssignableTo(v.Type()) {
					// A value that no longer implements the slot's
					// interface (a Color out of its fmt.Stringer
					// wrapper): the container holding it widens to any.
					return p, true
				}
				out.Set(p)
			}
			return out, true
		}
		p, changed := pl.of(e, depth+1)
		if !changed {
			return v, false
		}
		if !p.Type().AssignableTo(v.Type()) {
			return p, true // as above
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(p)
		return out, true
	case reflect.Pointer:
		if v.IsNil() || !holdsIface(v.Type().Elem(), map[reflect.Type]bool{}) {
			return v, false
		}
		p, changed := pl.of(v.Elem(), depth+1)
		if !changed {
			return v, false
		}
		out := reflect.New(p.Type()) // the pointed-to type itself, unless a cell interface type inside it changed it
		out.Elem().Set(p)
		return out, true
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() || !holdsIface(v.Type().Elem(), map[reflect.Type]bool{}) {
			return v, false
		}
		parts := make([]reflect.Value, v.Len())
		changed, fits := false, true
		for i := range parts {
			var ch bool
			parts[i], ch = pl.of(v.Index(i), depth+1)
			changed = changed || ch
			fits = fits && parts[i].Type().AssignableTo(v.Type().Elem())
		}
		if !changed {
			return v, false
		}
		var out reflect.Value
		switch {
		case !fits:
			// Elements of a cell interface type (a []Animal) are yaegi's
			// interface values; the values they hold go in a []any.
			out = reflect.MakeSlice(reflect.SliceOf(anyType), len(parts), len(parts))
		case v.Kind() == reflect.Array:
			out = reflect.New(v.Type()).Elem()
		default:
			out = reflect.MakeSlice(v.Type(), len(parts), len(parts))
		}
		for i, p := range parts {
			out.Index(i).Set(p)
		}
		return out, true
	case reflect.Map:
		if v.IsNil() || !holdsIface(v.Type().Key(), map[reflect.Type]bool{}) && !holdsIface(v.Type().Elem(), map[reflect.Type]bool{}) {
			return v, false
		}
		var keys, vals []reflect.Value
		changed, keysFit, valsFit := false, true, true
		for it := v.MapRange(); it.Next(); {
			k, kc := pl.of(it.Key(), depth+1)
			e, ec := pl.of(it.Value(), depth+1)
			changed = changed || kc || ec
			keysFit = keysFit && k.Type().AssignableTo(v.Type().Key())
			valsFit = valsFit && e.Type().AssignableTo(v.Type().Elem())
			keys, vals = append(keys, k), append(vals, e)
		}
		if !changed {
			return v, false
		}
		kt, et := v.Type().Key(), v.Type().Elem()
		if !keysFit {
			kt = anyType
		}
		if !valsFit {
			et = anyType // values of a cell interface type (map[string]Animal)
		}
		out := reflect.MakeMapWithSize(reflect.MapOf(kt, et), len(keys))
		for i, k := range keys {
			out.SetMapIndex(k, vals[i])
		}
		if out.Len() != v.Len() { // two keys became one: keep the original
			return v, false
		}
		return out, true
	case reflect.Struct:
		if isVI(v.Type()) && v.CanInterface() {
			if inner, ok := pl.heldValue(v.Interface()); ok && inner != nil {
				p, _ := pl.of(reflect.ValueOf(inner), depth+1)
				return p, true
			}
			return reflect.Zero(anyType), true // a nil interface value
		}
		return pl.ofStruct(v, depth)
	}
	return v, false
}

// ofStruct is of for a struct. A field of a cell interface type
// (Zoo{A Animal}) changes type: the struct is remade with that field an
// any, holding the value the interface holds.
func (pl *plainer) ofStruct(v reflect.Value, depth int) (reflect.Value, bool) {
	t := v.Type()
	parts := make([]reflect.Value, t.NumField())
	changed, fits := false, true
	for i := range parts {
		if !t.Field(i).IsExported() {
			continue // encoders skip it; reflect cannot set it
		}
		var ch bool
		if parts[i], ch = pl.of(v.Field(i), depth+1); !ch {
			parts[i] = reflect.Value{}
			continue
		}
		changed = true
		fits = fits && parts[i].Type().AssignableTo(t.Field(i).Type)
	}
	if !changed {
		return v, false
	}
	out := reflect.New(t).Elem()
	if fits {
		out.Set(v)
	} else {
		fields := make([]reflect.StructField, t.NumField())
		for i := range fields {
			f := t.Field(i)
			fields[i] = reflect.StructField{Name: f.Name, PkgPath: f.PkgPath, Type: f.Type, Tag: f.Tag, Anonymous: f.Anonymous}
			if parts[i].IsValid() && !parts[i].Type().AssignableTo(f.Type) {
				fields[i].Type, fields[i].Anonymous = anyType, false
			}
		}
		out = reflect.New(reflect.StructOf(fields)).Elem()
		for i := range fields {
			if fields[i].IsExported() {
				out.Field(i).Set(v.Field(i).Convert(fields[i].Type))
			}
		}
	}
	for i, p := range parts {
		if p.IsValid() {
			out.Field(i).Set(p)
		}
	}
	return out, true
}

// bare is x, or the value inside x when x is yaegi's interface value or
// its wrapper for a package's interface (a var s fmt.Stringer).
func bare(x any) any {
	if inner, _, ok := unwrapVI(x); ok {
		return inner
	}
	if inner, ok := unwrapYaegi(x); ok {
		return inner
	}
	return x
}

// marshals reports whether x encodes itself for json (yaegi's wrapper
// of a cell value with MarshalJSON or MarshalText).
func marshals(x any) bool {
	switch x.(type) {
	case json.Marshaler, encoding.TextMarshaler:
		return true
	}
	return false
}
