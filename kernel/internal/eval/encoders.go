package eval

import (
	"bytes"
	"encoding"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/third_party/yaegi/interp"
)

// overrideEncoders makes encoding/json's and encoding/xml's entry points
// refuse a value of a cell type that embeds a compiled type with methods
// (sync.Mutex, time.Time) beside other fields: reflect.StructOf cannot
// mark such a field embedded, so the interpreter's struct type holds it
// as a plain field named after its type (see rewrite.TagStructFields),
// and these encoders would nest its fields where Go promotes them.
// Embedded types of the cells are marked (third_party/yaegi). Unexported fields need
// nothing here: their tags hide them. json.NewEncoder gives a JSONEncoder,
// whose Encode marshals as json.Marshal does here.
// xml names an element after its value's type, which a cell's struct
// type lacks in reflection: the root element gets the declared name
// (encodexml.go, also for an xml.Encoder's Encode).
// json.NewDecoder gives a JSONDecoder, which decodes as Unmarshal does.
func (tn *typeNames) overrideEncoders(x interp.Exports) {
	j, xm := x["encoding/json/json"], x["encoding/xml/xml"]
	if j != nil {
		j["Marshal"] = reflect.ValueOf(func(v any) ([]byte, error) {
			refuseEmbedded("json.Marshal", v)
			b, err := json.Marshal(tn.jsonValue(v))
			return b, tn.nameMarshalerError(err, v)
		})
		j["MarshalIndent"] = reflect.ValueOf(func(v any, prefix, indent string) ([]byte, error) {
			refuseEmbedded("json.MarshalIndent", v)
			b, err := json.MarshalIndent(tn.jsonValue(v), prefix, indent)
			return b, tn.nameMarshalerError(err, v)
		})
		j["Encoder"] = reflect.ValueOf((*JSONEncoder)(nil))
		j["NewEncoder"] = reflect.ValueOf(func(w io.Writer) *JSONEncoder {
			return &JSONEncoder{enc: json.NewEncoder(w), names: tn}
		})
		j["Unmarshal"] = reflect.ValueOf(func(data []byte, v any) error { return tn.unmarshalJSON(data, v, nil) })
		j["Decoder"] = reflect.ValueOf((*JSONDecoder)(nil))
		j["NewDecoder"] = reflect.ValueOf(func(r io.Reader) *JSONDecoder {
			return &JSONDecoder{dec: json.NewDecoder(r), names: tn}
		})
	}
	if r := x["reflect/reflect"]; r != nil {
		// Only the wrapper itself: a value reflect gives back must be the
		// caller's, not a copy.
		r["TypeOf"] = reflect.ValueOf(func(v any) reflect.Type { return reflect.TypeOf(bare(v)) })
		r["ValueOf"] = reflect.ValueOf(func(v any) reflect.Value { return reflect.ValueOf(bare(v)) })
		r["DeepEqual"] = reflect.ValueOf(func(a, b any) bool { return deepEqual(bare(a), bare(b)) })
	}
	if xm != nil {
		xm["Marshal"] = reflect.ValueOf(func(v any) ([]byte, error) { return tn.marshalXML("xml.Marshal", v, "", "") })
		xm["MarshalIndent"] = reflect.ValueOf(func(v any, prefix, indent string) ([]byte, error) {
			return tn.marshalXML("xml.MarshalIndent", v, prefix, indent)
		})
		xm["Unmarshal"] = reflect.ValueOf(func(data []byte, v any) error {
			refuseEmbedded("xml.Unmarshal", v)
			tn.refuseXMLUnmarshalers(reflect.TypeOf(v))
			return xml.Unmarshal(data, v)
		})
	}
}

// nameMarshalerError gives err, json's error for a failing MarshalJSON or
// MarshalText of a cell type, that type's name: json names the type it
// called, yaegi's wrapper of v (stdlib._encoding_json_Marshaler) or the
// shadow of a part of v (eval.cellJSON, whose error carries the name).
func (tn *typeNames) nameMarshalerError(err error, v any) error {
	var me *json.MarshalerError
	if !errors.As(err, &me) || me.Type == nil {
		return err
	}
	var ke keyTextError
	if errors.As(me.Err, &ke) { // Go's words for a map key's failed MarshalText
		return fmt.Errorf("json: encoding error for type %q: %q", ke.mapType, ke.err.Error())
	}
	name := ""
	var cn cellNamed
	switch {
	case errors.As(me.Err, &cn):
		name = cn.name
		if cn.method == "MarshalText" { // called through the shadow's MarshalJSON
			msg := strings.Replace(err.Error(), "error calling MarshalJSON", "error calling MarshalText", 1)
			err = renamed{err: err, msg: msg}
		}
	case strings.Contains(me.Type.PkgPath(), "yaegi") && strings.HasPrefix(me.Type.Name(), "_"):
		name = tn.dynName(v, false)
	}
	if name == "" || strings.Contains(name, "|") {
		return err
	}
	return renamed{err: err, msg: strings.Replace(err.Error(), "for type "+me.Type.String(), "for type "+name, 1)}
}

// renamed is err with the message msg; errors.As still finds err.
type renamed struct {
	err error
	msg string
}

func (r renamed) Error() string { return r.msg }
func (r renamed) Unwrap() error { return r.err }

// cellNamed is the error of a cell type's marshalling method, with the
// type's name.
type cellNamed struct {
	name, method string
	err          error
}

func (c cellNamed) Error() string { return c.err.Error() }
func (c cellNamed) Unwrap() error { return c.err }

// nameStruct gives err, a json type error inside a struct of a cell type
// (which reflect knows by no name), the name of that struct type, found
// by following the error's field path from root: Go writes "Go struct
// field Movie.released", the interpreter's types gave ".released".
func (tn *typeNames) nameStruct(err error, root reflect.Type) error {
	var ute *json.UnmarshalTypeError
	if !errors.As(err, &ute) || ute.Struct != "" || ute.Field == "" || root == nil {
		return err
	}
	t := root
	path := strings.Split(ute.Field, ".")
	for i, name := range path {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || i == len(path)-1 {
			break
		}
		f, ok := jsonField(t, name)
		if !ok {
			return err
		}
		t = f.Type
	}
	if t.Kind() != reflect.Struct {
		return err
	}
	if n, _ := tn.lookup(t); n != "" && !strings.Contains(n, "|") {
		ute.Struct = strings.TrimPrefix(n, "main.")
	}
	return err
}

// holdsCellIface reports whether json can reach, in a value of type t, a
// place of an interface type declared in a cell (yaegi's valueInterface
// struct, which json fills as a struct without fields).
func holdsCellIface(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t == nil || seen[t] {
		return false
	}
	seen[t] = true
	switch {
	case isVI(t):
		return true
	case t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map:
		return holdsCellIface(t.Elem(), seen)
	case t.Kind() == reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && f.Tag.Get("json") != "-" && holdsCellIface(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

// cellIfaceTarget is the error Go's json.Unmarshal gives for data into a
// value of type t when the data holds a value (not null) for a place of
// a cell's interface type: Go cannot decode into an interface with
// methods; the interpreter's decoder left it nil without a word. The
// first such place in the document's order is reported.
func (tn *typeNames) cellIfaceTarget(data []byte, t reflect.Type) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var err error
	var walk func(t reflect.Type, path []string, owner reflect.Type) bool // false: stop
	walk = func(t reflect.Type, path []string, owner reflect.Type) bool {
		tok, terr := dec.Token()
		if terr != nil {
			return false
		}
		for t != nil && t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if tok != nil && t != nil && isVI(t) {
			kind := "object"
			switch tok.(type) {
			case json.Delim:
				if tok == json.Delim('[') {
					kind = "array"
				}
			case string:
				kind = "string"
			case json.Number:
				kind = "number"
			case bool:
				kind = "bool"
			}
			where := "Go value"
			if owner != nil {
				name, _ := tn.lookup(owner)
				where = "Go struct field " + strings.TrimPrefix(name, "main.") + "." + strings.Join(path, ".")
			}
			err = fmt.Errorf("json: cannot unmarshal %s into %s, whose type is an interface declared in a cell "+
				"(Go cannot decode into an interface type with methods: decode into a concrete type, or a json.RawMessage)", kind, where)
			return false
		}
		d, isDelim := tok.(json.Delim)
		if !isDelim {
			return true
		}
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map) {
			elem = t.Elem()
		}
		for dec.More() {
			if d == '{' {
				k, kerr := dec.Token()
				key, _ := k.(string)
				if kerr != nil {
					return false
				}
				ft, fpath, fowner := elem, path, owner
				if t != nil && t.Kind() == reflect.Struct {
					f, ok := jsonField(t, key)
					ft, fpath, fowner = nil, append(path[:len(path):len(path)], key), t
					if ok && f.IsExported() {
						ft = f.Type
					}
				}
				if !walk(ft, fpath, fowner) {
					return false
				}
				continue
			}
			if !walk(elem, path, owner) {
				return false
			}
		}
		_, cerr := dec.Token() // the closing delimiter
		return cerr == nil
	}
	walk(t, nil, nil)
	return err
}

// jsonField is the field of struct type t that json fills from the key
// name: by its tag's name, else its own name, case-insensitively.
func jsonField(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := f.Name
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag != "" && tag != "-" {
			key = tag
		}
		if strings.EqualFold(key, name) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// refuseEmbedded panics when v's type reaches a struct field a cell
// declared as embedded. A panic rather than an error: a cell that
// drops the error (`b, _ := json.Marshal(v)`) would print nothing.
func refuseEmbedded(fn string, v any) {
	if v == nil {
		return
	}
	if f, ok := embeddedField(reflect.TypeOf(v), map[reflect.Type]bool{}); ok {
		name := f.Name // the embedded type's name; yaegi's alias of an unexported one starts with X
		if len(name) > 1 && name[0] == 'X' && name[1] >= 'a' && name[1] <= 'z' {
			name = name[1:]
		}
		panic(fmt.Sprintf("%s: a struct declared in a cell embeds %s, a type with methods, beside other fields; the interpreter cannot mark such a field as embedded, "+
			"so its fields would come out nested under %q instead of promoted as Go does. "+
			"Give the field a name (%s %s) or copy its fields into the struct",
			fn, name, f.Name, name, name))
	}
}

// embeddedField finds a field marked embedded in t or the types it holds
// (encoders skip fields tagged "-", so those do not count).
func embeddedField(t reflect.Type, seen map[reflect.Type]bool) (reflect.StructField, bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	if seen[t] {
		return reflect.StructField{}, false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Map:
		return embeddedField(t.Elem(), seen)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Tag.Get("json") == "-" {
				continue
			}
			if f.Tag.Get(rewrite.EmbeddedTag) == "embedded" && !f.Anonymous { // yaegi marks a struct's only field
				return f, true
			}
			if g, ok := embeddedField(f.Type, seen); ok {
				return g, true
			}
		}
	}
	return reflect.StructField{}, false
}

// unmarshalWrapped decodes data through yaegi's wrapper v of a cell
// pointer's UnmarshalJSON or UnmarshalText method (wrapperTypes), as
// json.Unmarshal would call it: json itself refuses the wrapper, which
// is no pointer. done is false when v is no such wrapper.
func unmarshalWrapped(data []byte, v any) (done bool, err error) {
	if v == nil || reflect.TypeOf(v).Kind() == reflect.Pointer {
		return false, nil
	}
	if _, wrapped := unwrapYaegi(v); !wrapped {
		return false, nil
	}
	switch u := v.(type) {
	case json.Unmarshaler:
		if !json.Valid(data) {
			return true, json.Unmarshal(data, new(any)) // json's syntax error
		}
		return true, u.UnmarshalJSON(bytes.TrimSpace(data))
	case encoding.TextUnmarshaler:
		var s *string
		if err := json.Unmarshal(data, &s); err != nil {
			return true, err
		}
		if s == nil {
			return true, nil // null: json leaves the value alone
		}
		return true, u.UnmarshalText([]byte(*s))
	}
	return false, nil
}

// unmarshalJSON is json.Unmarshal as given to cells (and what a
// JSONDecoder's Decode does with each value it reads): the cells' own
// UnmarshalJSON on the value passed, refusals where the compiled decoder
// would go wrong, and the cells' names in its errors. configure, if not
// nil, sets a decoder's options (UseNumber, DisallowUnknownFields).
func (tn *typeNames) unmarshalJSON(data []byte, v any, configure func(*json.Decoder)) error {
	if done, err := unmarshalWrapped(data, v); done {
		return err
	}
	refuseEmbedded("json.Unmarshal", v)
	tn.refuseCellUnmarshalers(reflect.TypeOf(v))
	var err error
	if configure == nil {
		err = json.Unmarshal(data, v)
	} else {
		dec := json.NewDecoder(bytes.NewReader(data))
		configure(dec)
		err = dec.Decode(v)
	}
	err = tn.nameStruct(err, reflect.TypeOf(v))
	var ute *json.UnmarshalTypeError
	if (err == nil || errors.As(err, &ute) && isVI(ute.Type)) && holdsCellIface(reflect.TypeOf(v), map[reflect.Type]bool{}) {
		// json said nothing, or named the interpreter's type.
		if ierr := tn.cellIfaceTarget(data, reflect.TypeOf(v)); ierr != nil {
			err = ierr
		}
	}
	return err
}

// JSONDecoder stands in for *json.Decoder in cells: its Decode reads the
// next value as json.Decoder does and decodes it as the cells'
// json.Unmarshal does (unmarshalJSON).
type JSONDecoder struct {
	dec               *json.Decoder
	names             *typeNames
	useNumber, strict bool
}

// Decode is json.Decoder's, with the cells' methods and names.
func (d *JSONDecoder) Decode(v any) error {
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		return err
	}
	return d.names.unmarshalJSON(raw, v, func(dec *json.Decoder) {
		if d.useNumber {
			dec.UseNumber()
		}
		if d.strict {
			dec.DisallowUnknownFields()
		}
	})
}

// UseNumber, DisallowUnknownFields, More, Token, Buffered and
// InputOffset are json.Decoder's.
func (d *JSONDecoder) UseNumber()                 { d.useNumber = true; d.dec.UseNumber() }
func (d *JSONDecoder) DisallowUnknownFields()     { d.strict = true; d.dec.DisallowUnknownFields() }
func (d *JSONDecoder) More() bool                 { return d.dec.More() }
func (d *JSONDecoder) Token() (json.Token, error) { return d.dec.Token() }
func (d *JSONDecoder) Buffered() io.Reader        { return d.dec.Buffered() }
func (d *JSONDecoder) InputOffset() int64         { return d.dec.InputOffset() }

// JSONEncoder stands in for *json.Encoder in cells: its Encode calls the
// MarshalJSON and MarshalText methods of the cells' types, which
// json.Encoder cannot see (yaegi's types have no methods in reflection).
type JSONEncoder struct {
	enc   *json.Encoder
	names *typeNames
}

// Encode is json.Encoder's, with the cells' marshalers (see jsonValue).
func (e *JSONEncoder) Encode(v any) error {
	refuseEmbedded("json.Encoder.Encode", v)
	return e.names.nameMarshalerError(e.enc.Encode(e.names.jsonValue(v)), v)
}

// SetIndent and SetEscapeHTML are json.Encoder's.
func (e *JSONEncoder) SetIndent(prefix, indent string) { e.enc.SetIndent(prefix, indent) }
func (e *JSONEncoder) SetEscapeHTML(on bool)           { e.enc.SetEscapeHTML(on) }
