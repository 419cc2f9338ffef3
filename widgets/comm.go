package widgets

import (
	"fmt"
	"os"
	"sort"
	"sync"
	"sync/atomic"
)

// Message kinds exchanged with the runner.
const (
	KindOpen    = "open"    // comm_open: a new model (or, received, a control comm)
	KindMsg     = "msg"     // comm_msg
	KindClose   = "close"   // comm_close
	KindDisplay = "display" // display_data of a widget view (sent only)
)

// Targets of the comms this package serves.
const (
	TargetWidget  = "jupyter.widget"
	TargetControl = "jupyter.widget.control"
)

// Message is one comm message (or a display) between this package and the
// frontend, in the terms of the Jupyter messaging spec.
type Message struct {
	Kind     string
	CommID   string
	Target   string         // KindOpen only
	Data     map[string]any // comm data; for KindDisplay, the MIME bundle
	Metadata map[string]any
}

// sender is installed by the runner; see the package documentation.
var sender atomic.Pointer[func(Message)]

// SetSender installs the function that carries messages to the frontend;
// nil removes it. It may be called from many goroutines at once.
func SetSender(fn func(Message)) {
	if fn == nil {
		sender.Store(nil)
		return
	}
	sender.Store(&fn)
}

func send(m Message) {
	if fn := sender.Load(); fn != nil {
		(*fn)(m)
	}
}

// registry holds every live model and the frontends' control comms.
var registry = struct {
	sync.Mutex
	models   map[string]*model
	controls map[string]bool
}{models: map[string]*model{}, controls: map[string]bool{}}

// callbacks run one at a time, in order, on one goroutine, so a student's
// callback never races another and a slow one only delays the next. The
// queue has no bound: Receive runs on the runner's request reader, which
// must never wait for a callback (a cancel behind it would wait too).
var queue = struct {
	sync.Mutex
	fns     []func()
	running bool
}{}

func later(fn func()) {
	queue.Lock()
	defer queue.Unlock()
	queue.fns = append(queue.fns, fn)
	if !queue.running {
		queue.running = true
		go drain()
	}
}

// drain runs queued callbacks until none is left.
func drain() {
	for {
		queue.Lock()
		if len(queue.fns) == 0 {
			queue.running = false
			queue.Unlock()
			return
		}
		fn := queue.fns[0]
		queue.fns = queue.fns[1:]
		queue.Unlock()
		guarded(fn)
	}
}

// guarded runs a student's callback; a panic is reported, never fatal,
// because the widget must keep working after a bad callback.
func guarded(f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "widgets: callback panicked: %v\n", r)
		}
	}()
	f()
}

// Receive hands the package one comm message from the frontend. It never
// blocks for long; callbacks run later, on the callback goroutine.
func Receive(m Message) {
	switch m.Kind {
	case KindOpen:
		if m.Target == TargetControl {
			registry.Lock()
			registry.controls[m.CommID] = true
			registry.Unlock()
		}
	case KindClose:
		registry.Lock()
		delete(registry.controls, m.CommID)
		mod := registry.models[m.CommID]
		delete(registry.models, m.CommID)
		registry.Unlock()
		if mod != nil {
			mod.markClosed()
		}
	case KindMsg:
		registry.Lock()
		control, mod := registry.controls[m.CommID], registry.models[m.CommID]
		registry.Unlock()
		method, _ := m.Data["method"].(string)
		switch {
		case control && method == "request_states":
			sendStates(m.CommID)
		case mod != nil:
			mod.receive(method, m.Data)
		}
	}
}

// sendStates answers a control comm's request_states with every live model.
func sendStates(commID string) {
	registry.Lock()
	ids := make([]string, 0, len(registry.models))
	mods := make(map[string]*model, len(registry.models))
	for id, m := range registry.models {
		ids = append(ids, id)
		mods[id] = m
	}
	registry.Unlock()
	sort.Strings(ids)
	states, paths := map[string]any{}, map[string]any{}
	for _, id := range ids {
		m := mods[id]
		st := m.snapshot()
		states[id] = map[string]any{
			"model_name":           st["_model_name"],
			"model_module":         st["_model_module"],
			"model_module_version": st["_model_module_version"],
			"state":                st,
		}
		paths[id] = []any{}
	}
	send(Message{Kind: KindMsg, CommID: commID, Data: map[string]any{
		"method": "update_states", "states": states, "buffer_paths": paths,
	}})
}

// reset forgets every model without telling the frontend (tests).
func reset() {
	registry.Lock()
	registry.models = map[string]*model{}
	registry.controls = map[string]bool{}
	registry.Unlock()
}
