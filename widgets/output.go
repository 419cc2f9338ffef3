package widgets

import (
	"fmt"
	"reflect"
	"sync"
)

// Output is an area that shows text and rich output written to it from Go
// (its outputs attribute), so callbacks can print somewhere visible after
// their cell has ended.
type Output struct {
	m *model

	mu      sync.Mutex // orders updates of outputs
	outputs []any
}

// NewOutput returns an empty output area.
func NewOutput() *Output {
	layout := newModel("LayoutModel", "LayoutView", baseModule, baseVersion, nil)
	return &Output{m: newModel("OutputModel", "OutputView", outputModule, outputVersion, map[string]any{
		"msg_id": "", "outputs": []any{}, "layout": "IPY_MODEL_" + layout.id,
	})}
}

func (o *Output) ModelID() string { return o.m.id }
func (o *Output) Show()           { Show(o) }
func (o *Output) Close()          { o.m.close() }
func (o *Output) String() string  { return "Output()" }

// Print, Println and Printf append text, as fmt's functions of the same
// name write it.
func (o *Output) Print(a ...any)                 { o.stream(fmt.Sprint(a...)) }
func (o *Output) Println(a ...any)               { o.stream(fmt.Sprintln(a...)) }
func (o *Output) Printf(format string, a ...any) { o.stream(fmt.Sprintf(format, a...)) }

// Write appends p as text, so an Output is an io.Writer:
// fmt.Fprintln(out, …), log.New(out, "", 0).
func (o *Output) Write(p []byte) (int, error) {
	o.stream(string(p))
	return len(p), nil
}

// Clear empties the area.
func (o *Output) Clear() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.outputs = nil
	o.m.set(map[string]any{"outputs": []any{}})
}

// HTML appends an HTML fragment.
func (o *Output) HTML(s string) { o.Display(map[string]any{"text/html": s, "text/plain": "HTML"}) }

// Display appends a MIME bundle ({"image/svg+xml": …, "text/plain": …}).
func (o *Output) Display(bundle map[string]any) {
	o.add(map[string]any{"output_type": "display_data", "data": bundle, "metadata": map[string]any{}})
}

// Replace shows only v: the rich form of a value (see [Bundle]).
func (o *Output) Replace(v any) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.outputs = []any{map[string]any{"output_type": "display_data", "data": Bundle(v), "metadata": map[string]any{}}}
	o.m.set(map[string]any{"outputs": append([]any(nil), o.outputs...)})
}

func (o *Output) stream(text string) {
	o.add(map[string]any{"output_type": "stream", "name": "stdout", "text": text})
}

func (o *Output) add(out map[string]any) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.outputs = append(o.outputs, out)
	o.m.set(map[string]any{"outputs": append([]any(nil), o.outputs...)})
}

// Bundle is the MIME bundle of v: its SVG() or HTML() form when it has one
// (a demos.Timeline, say), a widget's view, and always its text.
func Bundle(v any) map[string]any {
	if w, ok := v.(Widget); ok {
		return ViewBundle(w)
	}
	data := map[string]any{"text/plain": fmt.Sprint(v)}
	if s, ok := v.(interface{ SVG() string }); ok {
		data["image/svg+xml"] = s.SVG()
	}
	if h, ok := v.(interface{ HTML() string }); ok {
		data["text/html"] = h.HTML()
	}
	return data
}

// Box lays out widgets in a row (HBox) or a column (VBox).
type Box struct {
	m        *model
	children []Widget
}

// NewHBox puts children side by side.
func NewHBox(children ...Widget) *Box { return newBox("HBoxModel", "HBoxView", children) }

// NewVBox puts children one above the other.
func NewVBox(children ...Widget) *Box { return newBox("VBoxModel", "VBoxView", children) }

func newBox(name, view string, children []Widget) *Box {
	refs := make([]any, len(children))
	for i, c := range children {
		refs[i] = "IPY_MODEL_" + c.ModelID()
	}
	return &Box{m: control(name, view, map[string]any{"children": refs, "box_style": ""}), children: children}
}

func (b *Box) ModelID() string    { return b.m.id }
func (b *Box) Show()              { Show(b) }
func (b *Box) Close()             { b.m.close() }
func (b *Box) Children() []Widget { return append([]Widget(nil), b.children...) }
func (b *Box) String() string {
	return fmt.Sprintf("%s(%d children)", b.m.get("_model_name"), len(b.children))
}

// Interact shows controls above an output area and calls fn with the
// controls' values, now and after every change, showing what it returns
// in the area, redrawn each time (ipywidgets' interact). fn takes one
// parameter per control, of the control's value type (int for IntSlider
// and Play, float64 for FloatSlider, string for Dropdown, ToggleButtons
// and Text, bool for Checkbox) and returns at most one value.
func Interact(fn any, controls ...Widget) (*Box, error) {
	f := reflect.ValueOf(fn)
	if f.Kind() != reflect.Func {
		return nil, fmt.Errorf("widgets.Interact: want a func, got %T", fn)
	}
	t := f.Type()
	if t.NumIn() != len(controls) || t.NumOut() > 1 || t.IsVariadic() {
		return nil, fmt.Errorf("widgets.Interact: %s needs %d controls and at most one result; got %d controls",
			t, t.NumIn(), len(controls))
	}
	values := make([]func() any, len(controls))
	for i, c := range controls {
		get, ok := valueOf(c)
		if !ok {
			return nil, fmt.Errorf("widgets.Interact: control %d (%T) has no value", i+1, c)
		}
		if want := reflect.TypeOf(get()); !want.AssignableTo(t.In(i)) {
			return nil, fmt.Errorf("widgets.Interact: parameter %d of %s is %s, but control %d (%T) gives %s",
				i+1, t, t.In(i), i+1, c, want)
		}
		values[i] = get
	}
	out := NewOutput()
	redraw := func() {
		args := make([]reflect.Value, len(values))
		for i, get := range values {
			args[i] = reflect.ValueOf(get()).Convert(t.In(i))
		}
		res := f.Call(args)
		if len(res) == 1 {
			out.Replace(res[0].Interface())
		} else {
			out.Clear()
		}
	}
	for _, c := range controls {
		if m := modelOf(c); m != nil {
			m.observe(func(k string, _ any) {
				if k == "value" || k == "index" {
					guarded(redraw)
				}
			})
		}
	}
	redraw()
	return NewVBox(append(append([]Widget(nil), controls...), out)...), nil
}

// valueOf returns a getter of a control's current value.
func valueOf(w Widget) (func() any, bool) {
	switch c := w.(type) {
	case *IntSlider:
		return func() any { return c.Value() }, true
	case *FloatSlider:
		return func() any { return c.Value() }, true
	case *Play:
		return func() any { return c.Value() }, true
	case *Dropdown:
		return func() any { return c.Value() }, true
	case *Text:
		return func() any { return c.Value() }, true
	case *Checkbox:
		return func() any { return c.Value() }, true
	}
	return nil, false
}

func modelOf(w Widget) *model {
	switch c := w.(type) {
	case *IntSlider:
		return c.m
	case *FloatSlider:
		return c.m
	case *Play:
		return c.m
	case *Dropdown:
		return c.m
	case *Text:
		return c.m
	case *Checkbox:
		return c.m
	}
	return nil
}
