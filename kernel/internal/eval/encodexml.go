package eval

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"strings"
)

// encoding/xml calls a value's MarshalXML, MarshalXMLAttr and
// MarshalText methods, which compiled code cannot see on a cell's types
// (see encodecell.go for json): xml.Marshal wrote a cell's Point with
// MarshalXML as <Point><X>1</X>...</Point> and a `type Level int` with
// MarshalText as its number. The xml functions given to cells marshal a
// shadow instead, in which each part whose cell type has the method xml
// would call there is a cellXML calling it. Which method that is depends
// on where the part is: an element (MarshalXML, else MarshalText), an
// attribute (MarshalXMLAttr, else MarshalText) or character data
// (MarshalText).

// xmlPlace is where a value goes in the document.
type xmlPlace int

const (
	xmlElement xmlPlace = iota
	xmlAttr
	xmlCharData
)

// xmlMethods are the xml methods of one cell type, each a func taking
// the receiver and returning the method value.
type xmlMethods struct {
	name            string // "main.Level"
	elem, attr, txt reflect.Value
}

// registerXMLMarshaler records fn, which returns the method value of
// method on the cell type name ("Level", "*Level") for a receiver of
// the element type of slice.
func (tn *typeNames) registerXMLMarshaler(name string, slice any, method string, fn any) {
	rt := reflect.TypeOf(slice).Elem()
	fv := reflect.ValueOf(fn)
	if fv.Kind() != reflect.Func || fv.Type().NumIn() != 1 || fv.Type().In(0) != rt {
		return
	}
	key := "main." + name
	if p, ok := strings.CutPrefix(name, "*"); ok {
		key = "*main." + p
	}
	tn.mu.Lock()
	defer tn.mu.Unlock()
	if tn.xmlMarshalers == nil {
		tn.xmlMarshalers = map[reflect.Type]*xmlMethods{}
		tn.namedXMLMarshalers = map[string]*xmlMethods{}
	}
	base := rt
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	var m *xmlMethods
	if base.Kind() == reflect.Struct {
		if m = tn.xmlMarshalers[rt]; m == nil {
			m = &xmlMethods{name: "main." + strings.TrimPrefix(name, "*")}
			tn.xmlMarshalers[rt] = m
		}
	} else if m = tn.namedXMLMarshalers[key]; m == nil || m.recvType() != rt {
		m = &xmlMethods{name: "main." + strings.TrimPrefix(name, "*")}
		tn.namedXMLMarshalers[key] = m
	}
	switch method {
	case "MarshalXML":
		m.elem = fv
	case "MarshalXMLAttr":
		m.attr = fv
	case "MarshalText":
		m.txt = fv
	}
}

// recvType is the receiver type the methods take.
func (m *xmlMethods) recvType() reflect.Type {
	for _, f := range []reflect.Value{m.elem, m.attr, m.txt} {
		if f.IsValid() {
			return f.Type().In(0)
		}
	}
	return nil
}

// serves reports whether xml would call one of m's methods at place.
func (m *xmlMethods) serves(place xmlPlace) bool {
	switch place {
	case xmlElement:
		return m.elem.IsValid() || m.txt.IsValid()
	case xmlAttr:
		return m.attr.IsValid() || m.txt.IsValid()
	}
	return m.txt.IsValid()
}

// xmlMethodsOf finds the methods xml would call on v at place; name is
// v's named non-struct type ("main.Level") when known. Like xml, a
// pointer-receiver method only for an addressable value or a pointer.
func (tn *typeNames) xmlMethodsOf(v reflect.Value, name string, place xmlPlace) (*xmlMethods, reflect.Value, bool) {
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	find := func(t reflect.Type, key string) *xmlMethods {
		if m := tn.xmlMarshalers[t]; m != nil && m.serves(place) {
			return m
		}
		if m := tn.namedXMLMarshalers[key]; key != "" && m != nil && m.recvType() == t && m.serves(place) {
			return m
		}
		return nil
	}
	ptrName := ""
	if name != "" {
		ptrName = "*" + name
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, v, false
		}
		m := find(v.Type(), ptrName)
		return m, v, m != nil
	}
	if m := find(v.Type(), name); m != nil {
		return m, v, true
	}
	if v.CanAddr() {
		if m := find(reflect.PointerTo(v.Type()), ptrName); m != nil {
			return m, v.Addr(), true
		}
	}
	return nil, v, false
}

// cellXML is a part of a shadow value: it marshals as the cell's method
// says.
type cellXML struct {
	m    *xmlMethods
	recv reflect.Value
}

// method returns the method value fn gives for the receiver.
func (c cellXML) method(fn reflect.Value) any {
	return fn.Call([]reflect.Value{c.recv})[0].Interface()
}

func (c cellXML) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if start.Name.Local == "cellXML" && start.Name.Space == "" {
		// xml named the element after this type (an element of a []any,
		// the root): Go names it after the cell's type.
		start.Name.Local = strings.TrimPrefix(c.m.name, "main.")
	}
	if c.m.elem.IsValid() {
		if f, ok := c.method(c.m.elem).(func(*xml.Encoder, xml.StartElement) error); ok {
			return f(e, start)
		}
	}
	text, err := c.MarshalText()
	if err != nil {
		return err
	}
	return e.EncodeElement(string(text), start)
}

func (c cellXML) MarshalXMLAttr(name xml.Name) (xml.Attr, error) {
	if c.m.attr.IsValid() {
		if f, ok := c.method(c.m.attr).(func(xml.Name) (xml.Attr, error)); ok {
			return f(name)
		}
	}
	text, err := c.MarshalText()
	if err != nil {
		return xml.Attr{}, err
	}
	return xml.Attr{Name: name, Value: string(text)}, nil
}

func (c cellXML) MarshalText() ([]byte, error) {
	if !c.m.txt.IsValid() {
		return nil, nil
	}
	if f, ok := c.method(c.m.txt).(func() ([]byte, error)); ok {
		return f()
	}
	return nil, nil
}

// xmlRoot is __glrt.XMLValue: a value given to xml.Marshal or an
// xml.Encoder's Encode or EncodeElement, with the shape of its type that
// the type checker saw (see typecheck.Facts.XMLValues; "" when unknown).
// xml calls its MarshalXML, which encodes the value as Go would.
type xmlRoot struct {
	tn    *typeNames
	v     any
	shape string
}

func (r xmlRoot) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	refuseEmbedded("xml.Encoder", plainValue(r.v))
	if start.Name.Local == "xmlRoot" && start.Name.Space == "" {
		return r.tn.encodeXML(e, r.v, r.shape, nil) // Encode: named by the value
	}
	return r.tn.encodeXML(e, r.v, r.shape, &start) // EncodeElement's name
}

// marshalXML is xml.MarshalIndent (fn, for messages) of v, a value or an
// xmlRoot.
func (tn *typeNames) marshalXML(fn string, v any, prefix, indent string) ([]byte, error) {
	shape := ""
	if r, ok := v.(xmlRoot); ok {
		v, shape = r.v, r.shape
	}
	refuseEmbedded(fn, plainValue(v))
	var b bytes.Buffer
	enc := xml.NewEncoder(&b)
	enc.Indent(prefix, indent)
	if err := tn.encodeXML(enc, v, shape, nil); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// encodeXML encodes v (shape as for xmlRoot) as its root element, named
// start when given. A cell's struct type has no name in reflection, so
// its element is named as the cell declared it, unless an XMLName field
// names it; each element of a slice is a root element of its own, as in
// Go.
func (tn *typeNames) encodeXML(e *xml.Encoder, v any, shape string, start *xml.StartElement) error {
	plain := plainValue(v)
	shadow := tn.xmlValue(v, shape)
	if start != nil {
		return e.EncodeElement(shadow, *start)
	}
	if _, ok := shadow.(cellXML); ok {
		return e.Encode(shadow) // it names itself after the cell's type
	}
	rv := reflect.ValueOf(plain)
	if rv.IsValid() && (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array) && rv.Type().Elem().Kind() != reflect.Uint8 {
		elemShape := strings.TrimPrefix(shape, "[]")
		for i := range rv.Len() {
			var elem any
			if x := reflect.ValueOf(bare(v)); x.Kind() == rv.Kind() && x.Len() == rv.Len() && x.Index(i).CanInterface() {
				elem = x.Index(i).Interface() // keeps yaegi's interface values, which name the cell types
			} else {
				elem = rv.Index(i).Interface()
			}
			if err := tn.encodeXML(e, elem, elemShape, nil); err != nil {
				return err
			}
		}
		return nil
	}
	if name := tn.xmlRootName(plain); name != "" {
		return e.EncodeElement(shadow, xml.StartElement{Name: xml.Name{Local: name}})
	}
	return e.Encode(shadow)
}

// xmlRootName is the name Go gives the root element of v when v's type
// is a cell's struct type (or a pointer to one) without an XMLName field:
// the declared name, which reflection lacks ("" otherwise).
func (tn *typeNames) xmlRootName(v any) string {
	rt := reflect.TypeOf(v)
	for rt != nil && rt.Kind() == reflect.Pointer {
		rt = rt.Elem()
	}
	if rt == nil || rt.Kind() != reflect.Struct || rt.Name() != "" {
		return ""
	}
	if _, has := rt.FieldByName("XMLName"); has {
		return ""
	}
	if n, _ := tn.lookup(rt); n != "" && !strings.Contains(n, "|") {
		return strings.TrimPrefix(n, "main.")
	}
	return ""
}

// xmlValue is what the xml functions marshal for x: x with the parts
// that have a cell's xml method replaced (see cellXML), or plain. name
// is the shape of x's type, when known.
func (tn *typeNames) xmlValue(x any, name string) any {
	tn.mu.RLock()
	none := len(tn.xmlMarshalers)+len(tn.namedXMLMarshalers) == 0
	tn.mu.RUnlock()
	if none || x == nil {
		return plainValue(x)
	}
	if inner, n, ok := unwrapVI(x); ok {
		if x = inner; x == nil {
			return nil
		}
		if n != "" {
			name = n
		}
	}
	x = bare(x)
	budget := 100000
	if v, changed := tn.xmlShadow(reflect.ValueOf(x), name, xmlElement, &budget, 0); changed {
		return v.Interface()
	}
	return plainValue(x)
}

// xmlShadow returns v with its parts that marshal through a cell method
// replaced, and whether anything was; name is as for shadow.
func (tn *typeNames) xmlShadow(v reflect.Value, name string, place xmlPlace, budget *int, depth int) (reflect.Value, bool) {
	*budget--
	if !v.IsValid() || depth > 64 || *budget < 0 {
		return v, false
	}
	elemName, each := strings.CutPrefix(name, "[]")
	if !each {
		if m, recv, ok := tn.xmlMethodsOf(v, name, place); ok {
			return reflect.ValueOf(cellXML{m, recv}), true
		}
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return v, false
		}
		e := v.Elem()
		if e.CanInterface() {
			if inner, in, ok := unwrapVI(e.Interface()); ok {
				if inner == nil {
					return reflect.Zero(anyType), true
				}
				s, _ := tn.xmlShadow(reflect.ValueOf(inner), in, place, budget, depth+1)
				return s, true
			}
		}
		return tn.xmlShadow(e, "", place, budget, depth+1)
	case reflect.Pointer:
		if v.IsNil() {
			return v, false
		}
		return tn.xmlShadow(v.Elem(), strings.TrimPrefix(name, "*"), place, budget, depth+1)
	case reflect.Struct:
		if isVI(v.Type()) {
			if inner, in, ok := unwrapVI(v.Interface()); ok && inner != nil {
				s, _ := tn.xmlShadow(reflect.ValueOf(inner), in, place, budget, depth+1)
				return s, true
			}
			return v, false
		}
		return tn.xmlShadowStruct(v, budget, depth)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() || v.Type().Elem().Kind() == reflect.Uint8 {
			return v, false
		}
		parts, changed := shadowElems(v, func(e reflect.Value) (reflect.Value, bool) {
			return tn.xmlShadow(e, elemName, place, budget, depth+1)
		})
		if !changed {
			return v, false
		}
		// One element type when the parts have one: xml calls an
		// attribute's methods only on the elements' own type.
		et := anyType
		if len(parts) > 0 && parts[0].Type() != v.Type().Elem() {
			et = parts[0].Type()
			for _, p := range parts {
				if p.Type() != et {
					et = anyType
					break
				}
			}
		}
		out := reflect.MakeSlice(reflect.SliceOf(et), len(parts), len(parts))
		for i, p := range parts {
			out.Index(i).Set(p)
		}
		return out, true
	}
	return v, false
}

// xmlShadowStruct is xmlShadow of a struct: a struct type made for the
// purpose, with the fields' tags, whose fields that changed have the
// type of what replaced them.
func (tn *typeNames) xmlShadowStruct(v reflect.Value, budget *int, depth int) (reflect.Value, bool) {
	t := v.Type()
	parts := make([]reflect.Value, t.NumField())
	changed := make([]bool, t.NumField())
	anyChanged := false
	for i := range parts {
		f := t.Field(i)
		tag := f.Tag.Get("xml")
		if !f.IsExported() || tag == "-" {
			continue
		}
		_, opts, _ := strings.Cut(tag, ",")
		place := xmlElement
		switch {
		case hasOpt(opts, "attr"):
			place = xmlAttr
		case hasOpt(opts, "chardata"):
			place = xmlCharData
		case hasOpt(opts, "innerxml"), hasOpt(opts, "comment"):
			continue // written as they are, methods or not
		}
		if hasOpt(opts, "omitempty") && emptyForJSON(v.Field(i)) {
			continue // omitted before xml looks for methods
		}
		parts[i], changed[i] = tn.xmlShadow(v.Field(i), f.Tag.Get(fieldTypeTag), place, budget, depth+1)
		if changed[i] && f.Anonymous {
			panic("xml: the embedded field " + f.Name + " of a struct declared in a cell has an xml or MarshalText method declared in a cell, " +
				"which the compiled encoder cannot call there; give the field a name")
		}
		anyChanged = anyChanged || changed[i]
	}
	if !anyChanged {
		return v, false
	}
	out := reflect.New(structWith(t, changed, func(i int) reflect.Type { return parts[i].Type() })).Elem()
	for i := range t.NumField() {
		switch {
		case changed[i]:
			out.Field(i).Set(parts[i])
		case t.Field(i).IsExported():
			out.Field(i).Set(v.Field(i))
		}
	}
	return out, true
}

// hasOpt reports whether the comma-separated tag options hold opt.
func hasOpt(opts, opt string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == opt {
			return true
		}
	}
	return false
}

// isXMLMethod reports whether the method name with the signature sig
// (as written: "func(e *xml.Encoder, start xml.StartElement) error") is
// one xml calls.
func isXMLMethod(name, sig string) bool {
	switch name {
	case "MarshalXML":
		return strings.Contains(sig, "Encoder,") && strings.Contains(sig, "StartElement)") && strings.HasSuffix(sig, ") error")
	case "MarshalXMLAttr":
		return strings.Contains(sig, "Name)") && strings.HasSuffix(sig, "Attr, error)")
	case "MarshalText":
		return strings.HasSuffix(sig, "() ([]byte, error)")
	}
	return false
}
