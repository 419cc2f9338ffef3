package widgets

import (
	"fmt"
	"math"
	"slices"
)

// control makes a DOM widget of the controls module with its own layout
// model, as ipywidgets does (views read the layout on render).
func control(name, view string, state map[string]any) *model {
	layout := newModel("LayoutModel", "LayoutView", baseModule, baseVersion, nil)
	state["layout"] = "IPY_MODEL_" + layout.id
	return newModel(name, view, controlsModule, controlsVersion, state)
}

func toInt(v any) int {
	switch v := v.(type) {
	case float64:
		return int(math.Round(v))
	case int:
		return v
	}
	return 0
}

func toFloat(v any) float64 {
	switch v := v.(type) {
	case float64:
		return v
	case int:
		return float64(v)
	}
	return 0
}

// clampInt is v kept between the model's min and max, as ipywidgets
// keeps a slider's or a progress bar's value: a value outside them went
// to the frontend and to the change callbacks as it was.
func clampInt(m *model, v int) int {
	return min(max(v, toInt(m.get("min"))), toInt(m.get("max")))
}

// clampFloat is clampInt for a FloatSlider.
func clampFloat(m *model, v float64) float64 {
	return min(max(v, toFloat(m.get("min"))), toFloat(m.get("max")))
}

// IntSlider is a slider over whole numbers.
type IntSlider struct{ m *model }

// NewIntSlider returns a slider from min to max (steps of 1) at value.
func NewIntSlider(description string, min, max, value int) *IntSlider {
	return &IntSlider{control("IntSliderModel", "IntSliderView", map[string]any{
		"description": description, "min": min, "max": max, "step": 1, "value": value,
		"orientation": "horizontal", "readout": true, "readout_format": "d",
		"continuous_update": true, "disabled": false, "behavior": "drag-tap",
	})}
}

func (s *IntSlider) ModelID() string { return s.m.id }
func (s *IntSlider) Value() int      { return toInt(s.m.get("value")) }
func (s *IntSlider) SetValue(v int)  { s.m.set(map[string]any{"value": clampInt(s.m, v)}) }
func (s *IntSlider) Show()           { Show(s) }
func (s *IntSlider) Close()          { s.m.close() }
func (s *IntSlider) String() string  { return fmt.Sprintf("IntSlider(value=%d)", s.Value()) }

// OnChange calls fn with the new value after every change.
func (s *IntSlider) OnChange(fn func(int)) { onValue(s.m, func(v any) { fn(toInt(v)) }) }

// onValue calls fn when the "value" key changes.
func onValue(m *model, fn func(any)) {
	m.observe(func(k string, v any) {
		if k == "value" {
			fn(v)
		}
	})
}

// FloatSlider is a slider over real numbers.
type FloatSlider struct{ m *model }

// NewFloatSlider returns a slider from min to max in steps of step, at value.
func NewFloatSlider(description string, min, max, step, value float64) *FloatSlider {
	return &FloatSlider{control("FloatSliderModel", "FloatSliderView", map[string]any{
		"description": description, "min": min, "max": max, "step": step, "value": value,
		"orientation": "horizontal", "readout": true, "readout_format": ".2f",
		"continuous_update": true, "disabled": false, "behavior": "drag-tap",
	})}
}

func (s *FloatSlider) ModelID() string           { return s.m.id }
func (s *FloatSlider) Value() float64            { return toFloat(s.m.get("value")) }
func (s *FloatSlider) SetValue(v float64)        { s.m.set(map[string]any{"value": clampFloat(s.m, v)}) }
func (s *FloatSlider) OnChange(fn func(float64)) { onValue(s.m, func(v any) { fn(toFloat(v)) }) }
func (s *FloatSlider) Show()                     { Show(s) }
func (s *FloatSlider) Close()                    { s.m.close() }
func (s *FloatSlider) String() string            { return fmt.Sprintf("FloatSlider(value=%g)", s.Value()) }

// IntProgress is a progress bar.
type IntProgress struct{ m *model }

// NewIntProgress returns a bar from min to max at value.
func NewIntProgress(description string, min, max, value int) *IntProgress {
	return &IntProgress{control("IntProgressModel", "ProgressView", map[string]any{
		"description": description, "min": min, "max": max, "value": value,
		"orientation": "horizontal", "bar_style": "",
	})}
}

func (p *IntProgress) ModelID() string { return p.m.id }
func (p *IntProgress) Value() int      { return toInt(p.m.get("value")) }
func (p *IntProgress) SetValue(v int)  { p.m.set(map[string]any{"value": clampInt(p.m, v)}) }
func (p *IntProgress) Show()           { Show(p) }
func (p *IntProgress) Close()          { p.m.close() }
func (p *IntProgress) String() string  { return fmt.Sprintf("IntProgress(value=%d)", p.Value()) }

// Play is a play/pause button that counts from min to max, one step every
// interval milliseconds; link it to a slider with OnChange.
type Play struct{ m *model }

// NewPlay returns a Play counting from min to max.
func NewPlay(description string, min, max, value, intervalMS int) *Play {
	return &Play{control("PlayModel", "PlayView", map[string]any{
		"description": description, "min": min, "max": max, "step": 1, "value": value,
		"interval": intervalMS, "playing": false, "repeat": false, "show_repeat": true, "disabled": false,
	})}
}

func (p *Play) ModelID() string       { return p.m.id }
func (p *Play) Value() int            { return toInt(p.m.get("value")) }
func (p *Play) SetValue(v int)        { p.m.set(map[string]any{"value": clampInt(p.m, v)}) }
func (p *Play) OnChange(fn func(int)) { onValue(p.m, func(v any) { fn(toInt(v)) }) }
func (p *Play) Show()                 { Show(p) }
func (p *Play) Close()                { p.m.close() }
func (p *Play) String() string        { return fmt.Sprintf("Play(value=%d)", p.Value()) }

// Checkbox is a boolean tick box.
type Checkbox struct{ m *model }

// NewCheckbox returns a checkbox.
func NewCheckbox(description string, value bool) *Checkbox {
	return &Checkbox{control("CheckboxModel", "CheckboxView", map[string]any{
		"description": description, "value": value, "indent": true, "disabled": false,
	})}
}

func (c *Checkbox) ModelID() string        { return c.m.id }
func (c *Checkbox) Value() bool            { v, _ := c.m.get("value").(bool); return v }
func (c *Checkbox) SetValue(v bool)        { c.m.set(map[string]any{"value": v}) }
func (c *Checkbox) OnChange(fn func(bool)) { onValue(c.m, func(v any) { b, _ := v.(bool); fn(b) }) }
func (c *Checkbox) Show()                  { Show(c) }
func (c *Checkbox) Close()                 { c.m.close() }
func (c *Checkbox) String() string         { return fmt.Sprintf("Checkbox(value=%t)", c.Value()) }

// Text is a one-line text input.
type Text struct{ m *model }

// NewText returns a text box holding value.
func NewText(description, value string) *Text {
	return &Text{control("TextModel", "TextView", map[string]any{
		"description": description, "value": value, "placeholder": "", "continuous_update": true, "disabled": false,
	})}
}

func (t *Text) ModelID() string          { return t.m.id }
func (t *Text) Value() string            { s, _ := t.m.get("value").(string); return s }
func (t *Text) SetValue(v string)        { t.m.set(map[string]any{"value": v}) }
func (t *Text) OnChange(fn func(string)) { onValue(t.m, func(v any) { s, _ := v.(string); fn(s) }) }
func (t *Text) Show()                    { Show(t) }
func (t *Text) Close()                   { t.m.close() }
func (t *Text) String() string           { return fmt.Sprintf("Text(value=%q)", t.Value()) }

// Label shows plain text; HTML shows HTML. Both are set from Go only.
type Label struct{ m *model }

// NewLabel returns a label showing value.
func NewLabel(value string) *Label {
	return &Label{control("LabelModel", "LabelView", map[string]any{"value": value, "description": "", "placeholder": ""})}
}

func (l *Label) ModelID() string   { return l.m.id }
func (l *Label) Value() string     { s, _ := l.m.get("value").(string); return s }
func (l *Label) SetValue(v string) { l.m.set(map[string]any{"value": v}) }
func (l *Label) Show()             { Show(l) }
func (l *Label) Close()            { l.m.close() }
func (l *Label) String() string    { return fmt.Sprintf("Label(value=%q)", l.Value()) }

// HTML shows an HTML fragment.
type HTML struct{ m *model }

// NewHTML returns a widget showing the HTML fragment value.
func NewHTML(value string) *HTML {
	return &HTML{control("HTMLModel", "HTMLView", map[string]any{"value": value, "description": "", "placeholder": ""})}
}

func (h *HTML) ModelID() string   { return h.m.id }
func (h *HTML) Value() string     { s, _ := h.m.get("value").(string); return s }
func (h *HTML) SetValue(v string) { h.m.set(map[string]any{"value": v}) }
func (h *HTML) Show()             { Show(h) }
func (h *HTML) Close()            { h.m.close() }
func (h *HTML) String() string    { return "HTML(...)" }

// Button is a push button.
type Button struct{ m *model }

// NewButton returns a button labelled description.
func NewButton(description string) *Button {
	b := &Button{control("ButtonModel", "ButtonView", map[string]any{
		"description": description, "button_style": "", "icon": "", "disabled": false,
	})}
	return b
}

func (b *Button) ModelID() string { return b.m.id }
func (b *Button) Show()           { Show(b) }
func (b *Button) Close()          { b.m.close() }
func (b *Button) String() string  { return fmt.Sprintf("Button(%q)", b.m.get("description")) }

// OnClick calls fn, in the kernel, each time the button is clicked.
func (b *Button) OnClick(fn func()) {
	b.m.mu.Lock()
	prev := b.m.onCustom
	b.m.onCustom = func(content map[string]any) {
		if content["event"] != "click" {
			return
		}
		if prev != nil {
			prev(content)
		}
		fn()
	}
	b.m.mu.Unlock()
}

// Dropdown picks one of a list of strings.
type Dropdown struct {
	m       *model
	options []string
}

// ToggleButtons picks one of a list of strings with a row of buttons.
type ToggleButtons = Dropdown

// NewDropdown returns a dropdown of options with value selected ("" or a
// value not in options: the first).
func NewDropdown(description string, options []string, value string) *Dropdown {
	return newChoice("DropdownModel", "DropdownView", description, options, value, nil)
}

// NewToggleButtons returns a row of buttons, one per option.
func NewToggleButtons(description string, options []string, value string) *ToggleButtons {
	return newChoice("ToggleButtonsModel", "ToggleButtonsView", description, options, value, map[string]any{
		"button_style": "", "tooltips": []any{}, "icons": []any{},
	})
}

func newChoice(name, view, description string, options []string, value string, extra map[string]any) *Dropdown {
	opts := slices.Clone(options)
	labels := make([]any, len(opts))
	for i, o := range opts {
		labels[i] = o
	}
	index := max(slices.Index(opts, value), 0)
	var idx any = index
	if len(opts) == 0 {
		idx = nil
	}
	st := map[string]any{"description": description, "_options_labels": labels, "index": idx, "disabled": false}
	for k, v := range extra {
		st[k] = v
	}
	return &Dropdown{m: control(name, view, st), options: opts}
}

func (d *Dropdown) ModelID() string { return d.m.id }
func (d *Dropdown) Show()           { Show(d) }
func (d *Dropdown) Close()          { d.m.close() }
func (d *Dropdown) String() string {
	return fmt.Sprintf("%s(value=%q)", d.m.get("_model_name"), d.Value())
}

// Index is the position of the selected option, -1 for none.
func (d *Dropdown) Index() int {
	v := d.m.get("index")
	if v == nil {
		return -1
	}
	return toInt(v)
}

// Value is the selected option, "" for none.
func (d *Dropdown) Value() string {
	if i := d.Index(); i >= 0 && i < len(d.options) {
		return d.options[i]
	}
	return ""
}

// SetValue selects option v; an unknown option is an error.
func (d *Dropdown) SetValue(v string) error {
	i := slices.Index(d.options, v)
	if i < 0 {
		return fmt.Errorf("widgets: %q is not one of the options %q", v, d.options)
	}
	d.m.set(map[string]any{"index": i})
	return nil
}

// OnChange calls fn with the newly selected option.
func (d *Dropdown) OnChange(fn func(string)) {
	d.m.observe(func(k string, v any) {
		if k == "index" {
			fn(d.Value())
		}
	})
}
