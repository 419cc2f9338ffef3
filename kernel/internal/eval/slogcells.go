package eval

import (
	"bytes"
	"context"
	"encoding"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"reflect"

	"golessons/third_party/yaegi/interp"
)

// slog's handlers print a value of a cell's struct type as fmt's %+v
// does (text) or as json.Marshal does (JSON), but yaegi's struct types
// have neither the cell's field names (an unexported pass field printed
// as Xpass) nor its methods (String, Error, MarshalJSON, MarshalText).
// The cells' slog.NewTextHandler and slog.NewJSONHandler wrap the
// handler in a cellHandler, which gives it those values already
// formatted the cells' way.

// overrideSlog makes the cells' slog handlers cellHandlers.
func (tn *typeNames) overrideSlog(x interp.Exports) {
	s := x["log/slog/slog"]
	if s == nil {
		return
	}
	s["NewTextHandler"] = reflect.ValueOf(func(w io.Writer, opts *slog.HandlerOptions) slog.Handler {
		return cellHandler{h: slog.NewTextHandler(w, opts), tn: tn}
	})
	s["NewJSONHandler"] = reflect.ValueOf(func(w io.Writer, opts *slog.HandlerOptions) slog.Handler {
		return cellHandler{h: slog.NewJSONHandler(w, opts), tn: tn, json: true}
	})
}

// cellHandler is a slog.Handler handing h the attributes of cell types'
// values as the cells' fmt or json would write them.
type cellHandler struct {
	h    slog.Handler
	tn   *typeNames
	json bool
}

func (c cellHandler) Enabled(ctx context.Context, l slog.Level) bool { return c.h.Enabled(ctx, l) }

func (c cellHandler) Handle(ctx context.Context, r slog.Record) error {
	changed := false
	r.Attrs(func(a slog.Attr) bool {
		_, changed = c.attr(a)
		return !changed
	})
	if !changed {
		return c.h.Handle(ctx, r)
	}
	nr := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		a, _ = c.attr(a)
		nr.AddAttrs(a)
		return true
	})
	return c.h.Handle(ctx, nr)
}

func (c cellHandler) WithAttrs(as []slog.Attr) slog.Handler {
	out := make([]slog.Attr, len(as))
	for i, a := range as {
		out[i], _ = c.attr(a)
	}
	return cellHandler{h: c.h.WithAttrs(out), tn: c.tn, json: c.json}
}

func (c cellHandler) WithGroup(name string) slog.Handler {
	return cellHandler{h: c.h.WithGroup(name), tn: c.tn, json: c.json}
}

// attr is a with its value as the handler must see it, and whether that
// changed it.
func (c cellHandler) attr(a slog.Attr) (slog.Attr, bool) {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindGroup:
		g := v.Group()
		out := make([]slog.Attr, len(g))
		changed := false
		for i, ga := range g {
			var ch bool
			out[i], ch = c.attr(ga)
			changed = changed || ch
		}
		if changed {
			return slog.Attr{Key: a.Key, Value: slog.GroupValue(out...)}, true
		}
	case slog.KindAny:
		if nv, ok := c.value(v.Any()); ok {
			return slog.Attr{Key: a.Key, Value: nv}, true
		}
	}
	return a, false
}

// value is x as the handler must see it, when x is a cell type's value
// the handler would write otherwise than Go.
func (c cellHandler) value(x any) (slog.Value, bool) {
	if x == nil {
		return slog.Value{}, false
	}
	if inner, wrapped := unwrapYaegi(x); wrapped {
		// yaegi's wrapper for one of the methods (printWrappers): the
		// handler calls it where Go's would, else it needs the value.
		_, marshalsJSON := x.(json.Marshaler)
		_, marshalsText := x.(encoding.TextMarshaler)
		_, isErr := x.(error)
		_, isStringer := x.(fmt.Stringer)
		if marshalsText || isErr || c.json && marshalsJSON || !c.json && isStringer {
			return slog.Value{}, false
		}
		x = inner
		if x == nil {
			return slog.AnyValue(nil), true
		}
		if rv := reflect.ValueOf(x); !c.tn.needs(rv.Type(), map[reflect.Type]bool{}) {
			return slog.AnyValue(x), true // the plain value, not the wrapper's fields
		}
	}
	rv := reflect.ValueOf(x)
	if !c.tn.needs(rv.Type(), map[reflect.Type]bool{}) {
		return slog.Value{}, false // no cell struct type in it
	}
	if c.json {
		// Go's JSON handler writes an error's Error() unless it is a
		// json.Marshaler, and anything else as json.Marshal does.
		if _, _, isMarshaler := c.tn.marshalerOf(rv, ""); !isMarshaler {
			if s, ok := c.tn.stringOf(rv); ok && c.tn.errorMethod(rv.Type()) {
				return slog.StringValue(s), true
			}
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // as slog's
		if err := enc.Encode(c.tn.jsonValue(x)); err != nil {
			return slog.StringValue(fmt.Sprintf("!ERROR:%v", err)), true
		}
		return slog.AnyValue(json.RawMessage(bytes.TrimRight(b.Bytes(), "\n"))), true
	}
	// The text handler: MarshalText first, else %+v (String, Error).
	if m, target, ok := c.tn.marshalerOf(rv, ""); ok && m.method == "MarshalText" {
		out := m.fn.Call([]reflect.Value{target})
		if err, _ := out[1].Interface().(error); err != nil {
			return slog.StringValue("!ERROR:" + err.Error()), true
		}
		return slog.StringValue(string(out[0].Bytes())), true
	}
	format, args := c.tn.args("%+v", []any{x})
	return slog.StringValue(fmt.Sprintf(format, args...)), true
}

// errorMethod reports whether the method registered for fmt on values of
// rt is Error.
func (tn *typeNames) errorMethod(rt reflect.Type) bool {
	tn.mu.RLock()
	s, ok := tn.stringers[rt]
	tn.mu.RUnlock()
	return ok && s.method == "Error"
}
