package widgets

import (
	"crypto/rand"
	"encoding/hex"
	"maps"
	"reflect"
	"sync"
)

// Module names and versions of the ipywidgets 8 models.
const (
	controlsModule  = "@jupyter-widgets/controls"
	controlsVersion = "2.0.0"
	baseModule      = "@jupyter-widgets/base"
	baseVersion     = "2.0.0"
	outputModule    = "@jupyter-widgets/output"
	outputVersion   = "1.0.0"
	// protocolVersion goes in every comm_open's metadata.
	protocolVersion = "2.1.0"
	// viewMIME is the display type of a widget view.
	viewMIME = "application/vnd.jupyter.widget-view+json"
)

// model is one widget model: its state and what reacts to changes of it.
type model struct {
	id string

	mu       sync.Mutex
	state    map[string]any
	closed   bool
	onChange []func(key string, v any)    // after any change of a key
	onCustom func(content map[string]any) // a custom message (Button's click)
}

// newModel registers a model and opens its comm. state holds the
// model-specific attributes; the module keys are filled in here.
func newModel(name, view, module, version string, state map[string]any) *model {
	st := map[string]any{
		"_model_name": name, "_model_module": module, "_model_module_version": version,
		"_view_name": view, "_view_module": module, "_view_module_version": version,
		"_view_count": nil, "_dom_classes": []any{}, "tabbable": nil, "tooltip": nil,
	}
	maps.Copy(st, state)
	m := &model{id: newID(), state: st}
	registry.Lock()
	registry.models[m.id] = m
	registry.Unlock()
	send(Message{Kind: KindOpen, CommID: m.id, Target: TargetWidget,
		Data:     map[string]any{"state": m.snapshot(), "buffer_paths": []any{}},
		Metadata: map[string]any{"version": protocolVersion}})
	return m
}

func newID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// snapshot copies the state (values are never mutated in place).
func (m *model) snapshot() map[string]any {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.state)
}

func (m *model) get(key string) any {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.state[key]
}

// set changes keys from Go: the frontend gets an update, and the change
// callbacks run on the caller's goroutine, as a Python setter's observers do.
//
// Keys whose value does not change are left out, as traitlets does, so a
// callback that sets its own widget's value again ends there.
func (m *model) set(changes map[string]any) {
	m.mu.Lock()
	for k, v := range changes {
		if old, ok := m.state[k]; ok && sameValue(old, v) {
			delete(changes, k)
		}
	}
	maps.Copy(m.state, changes)
	closed, hooks := m.closed, m.onChange
	m.mu.Unlock()
	if len(changes) == 0 {
		return
	}
	if !closed {
		send(Message{Kind: KindMsg, CommID: m.id, Data: map[string]any{
			"method": "update", "state": changes, "buffer_paths": []any{}}})
	}
	for k, v := range changes {
		for _, h := range hooks {
			h(k, v)
		}
	}
}

// sameValue compares state values, a JSON number from the frontend
// (float64) equal to a Go int included.
func sameValue(a, b any) bool {
	if x, ok := number(a); ok {
		y, ok := number(b)
		return ok && x == y
	}
	return reflect.DeepEqual(a, b)
}

func number(v any) (float64, bool) {
	switch v := v.(type) {
	case int:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

func (m *model) observe(fn func(key string, v any)) {
	m.mu.Lock()
	m.onChange = append(m.onChange, fn)
	m.mu.Unlock()
}

func (m *model) markClosed() {
	m.mu.Lock()
	m.closed = true
	m.mu.Unlock()
}

// receive handles one comm_msg from the frontend.
func (m *model) receive(method string, data map[string]any) {
	switch method {
	case "update":
		changes, _ := data["state"].(map[string]any)
		if len(changes) == 0 {
			return
		}
		m.mu.Lock()
		maps.Copy(m.state, changes)
		hooks := m.onChange
		m.mu.Unlock()
		// ipywidgets 8 frontends wait for the kernel to echo what it
		// accepted, so several views (and a second frontend) agree.
		send(Message{Kind: KindMsg, CommID: m.id, Data: map[string]any{
			"method": "echo_update", "state": changes, "buffer_paths": []any{}}})
		later(func() {
			for k, v := range changes {
				for _, h := range hooks {
					h(k, v)
				}
			}
		})
	case "request_state":
		send(Message{Kind: KindMsg, CommID: m.id, Data: map[string]any{
			"method": "update", "state": m.snapshot(), "buffer_paths": []any{}}})
	case "custom":
		content, _ := data["content"].(map[string]any)
		m.mu.Lock()
		fn := m.onCustom
		m.mu.Unlock()
		if fn != nil {
			later(func() { fn(content) })
		}
	}
}

// close closes the comm; the frontend removes the model's views.
func (m *model) close() {
	registry.Lock()
	delete(registry.models, m.id)
	registry.Unlock()
	m.mu.Lock()
	was := m.closed
	m.closed = true
	m.mu.Unlock()
	if !was {
		send(Message{Kind: KindClose, CommID: m.id, Data: map[string]any{}})
	}
}

// Widget is anything that can be shown and put in a box.
type Widget interface {
	// ModelID is the comm id of the widget's model.
	ModelID() string
}

// Show displays widgets under the running cell (or, from a callback, under
// the last cell).
func Show(ws ...Widget) {
	for _, w := range ws {
		send(Message{Kind: KindDisplay, Data: ViewBundle(w)})
	}
}

// ViewBundle is the MIME bundle that displays w: the widget view for
// frontends with widget support, a short text for the others.
func ViewBundle(w Widget) map[string]any {
	return map[string]any{
		"text/plain": describe(w),
		viewMIME:     map[string]any{"version_major": 2, "version_minor": 0, "model_id": w.ModelID()},
	}
}

func describe(w Widget) string {
	if s, ok := w.(interface{ String() string }); ok {
		return s.String()
	}
	return "widget " + w.ModelID()
}
