package widgets

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is a sender that keeps every message.
type recorder struct {
	mu   sync.Mutex
	msgs []Message
	got  chan struct{}
}

func record(t *testing.T) *recorder {
	t.Helper()
	r := &recorder{got: make(chan struct{}, 1000)}
	SetSender(func(m Message) {
		r.mu.Lock()
		r.msgs = append(r.msgs, m)
		r.mu.Unlock()
		r.got <- struct{}{}
	})
	t.Cleanup(func() { SetSender(nil); reset() })
	return r
}

// wait returns the first message matching ok, waiting at most 5 s.
func (r *recorder) wait(t *testing.T, ok func(Message) bool) Message {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		r.mu.Lock()
		for _, m := range r.msgs {
			if ok(m) {
				r.mu.Unlock()
				return m
			}
		}
		r.mu.Unlock()
		select {
		case <-r.got:
		case <-deadline:
			t.Fatalf("no matching message among %d", len(r.msgs))
		}
	}
}

func method(id, name string) func(Message) bool {
	return func(m Message) bool { return m.Kind == KindMsg && m.CommID == id && m.Data["method"] == name }
}

func update(id string, state map[string]any) Message {
	return Message{Kind: KindMsg, CommID: id, Data: map[string]any{"method": "update", "state": state, "buffer_paths": []any{}}}
}

func TestSliderOpensWithLayoutAndVersion(t *testing.T) {
	r := record(t)
	s := NewIntSlider("n", 0, 10, 4)
	open := r.wait(t, func(m Message) bool { return m.Kind == KindOpen && m.CommID == s.ModelID() })
	st := open.Data["state"].(map[string]any)
	if st["_model_name"] != "IntSliderModel" || st["value"] != 4 || open.Metadata["version"] != protocolVersion {
		t.Fatalf("open: %+v", open)
	}
	layout := strings.TrimPrefix(st["layout"].(string), "IPY_MODEL_")
	r.wait(t, func(m Message) bool { return m.Kind == KindOpen && m.CommID == layout })
}

func TestFrontendUpdateEchoesAndRunsCallback(t *testing.T) {
	r := record(t)
	s := NewIntSlider("n", 0, 10, 4)
	got := make(chan int, 1)
	s.OnChange(func(v int) { got <- v })
	Receive(update(s.ModelID(), map[string]any{"value": 7.0})) // JSON numbers are float64
	echo := r.wait(t, method(s.ModelID(), "echo_update"))
	if echo.Data["state"].(map[string]any)["value"] != 7.0 {
		t.Errorf("echo: %+v", echo)
	}
	select {
	case v := <-got:
		if v != 7 || s.Value() != 7 {
			t.Errorf("callback got %d, Value %d", v, s.Value())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("OnChange not called")
	}
}

func TestPanickingCallbackDoesNotStopLaterOnes(t *testing.T) {
	record(t)
	b := NewButton("b")
	done := make(chan bool, 2)
	calls := 0
	b.OnClick(func() {
		calls++
		if calls == 1 {
			panic("first click fails")
		}
		done <- true
	})
	click := Message{Kind: KindMsg, CommID: b.ModelID(), Data: map[string]any{"method": "custom", "content": map[string]any{"event": "click"}}}
	Receive(click)
	Receive(click)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("second click not handled after a panicking first")
	}
}

func TestRequestStatesListsLiveModelsOnly(t *testing.T) {
	r := record(t)
	keep, gone := NewLabel("keep"), NewLabel("gone")
	gone.Close()
	Receive(Message{Kind: KindOpen, CommID: "ctl", Target: TargetControl})
	Receive(Message{Kind: KindMsg, CommID: "ctl", Data: map[string]any{"method": "request_states"}})
	states := r.wait(t, method("ctl", "update_states")).Data["states"].(map[string]any)
	if _, ok := states[keep.ModelID()]; !ok {
		t.Error("live label missing from update_states")
	}
	if _, ok := states[gone.ModelID()]; ok {
		t.Error("closed label still in update_states")
	}
	r.wait(t, func(m Message) bool { return m.Kind == KindClose && m.CommID == gone.ModelID() })
}

func TestDropdownRejectsUnknownOption(t *testing.T) {
	record(t)
	d := NewDropdown("d", []string{"a", "b"}, "b")
	if d.Value() != "b" || d.Index() != 1 {
		t.Fatalf("initial %q %d", d.Value(), d.Index())
	}
	if err := d.SetValue("zzz"); err == nil || !strings.Contains(err.Error(), "zzz") {
		t.Errorf("SetValue(zzz) = %v", err)
	}
	if d.Value() != "b" {
		t.Errorf("value changed to %q", d.Value())
	}
}

func TestInteractChecksTypesAndRedraws(t *testing.T) {
	r := record(t)
	s := NewIntSlider("n", 0, 10, 2)
	if _, err := Interact(func(string) {}, s); err == nil || !strings.Contains(err.Error(), "parameter 1") {
		t.Errorf("mismatched parameter: %v", err)
	}
	if _, err := Interact(func(int, int) {}, s); err == nil {
		t.Error("too few controls accepted")
	}
	box, err := Interact(func(k int) int { return k * k }, s)
	if err != nil {
		t.Fatal(err)
	}
	out := box.Children()[1].(*Output)
	s.SetValue(3)
	r.wait(t, func(m Message) bool {
		if m.Kind != KindMsg || m.CommID != out.ModelID() {
			return false
		}
		outs, _ := m.Data["state"].(map[string]any)["outputs"].([]any)
		return len(outs) == 1 && outs[0].(map[string]any)["data"].(map[string]any)["text/plain"] == "9"
	})
}

func TestSettingSameValueFromCallbackEnds(t *testing.T) {
	r := record(t)
	s := NewIntSlider("n", 0, 10, 4)
	calls := 0
	s.OnChange(func(v int) {
		calls++
		if v > 8 {
			s.SetValue(8) // clamp: one more change, then the same value again
		}
		s.SetValue(min(v, 8))
	})
	s.SetValue(9)
	if calls != 2 || s.Value() != 8 {
		t.Errorf("calls %d, value %d; want 2 calls ending at 8", calls, s.Value())
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	updates := 0
	for _, m := range r.msgs {
		if m.Kind == KindMsg && m.CommID == s.ModelID() {
			updates++
		}
	}
	if updates != 2 {
		t.Errorf("%d updates sent, want 2 (9, then 8)", updates)
	}
}

func TestOutputIsAWriterAndClears(t *testing.T) {
	r := record(t)
	out := NewOutput()
	fmt.Fprintf(out, "x=%d\n", 1)
	out.Println("y")
	last := func() []any {
		var outs []any
		r.mu.Lock()
		defer r.mu.Unlock()
		for _, m := range r.msgs {
			if m.Kind == KindMsg && m.CommID == out.ModelID() {
				outs = m.Data["state"].(map[string]any)["outputs"].([]any)
			}
		}
		return outs
	}
	if outs := last(); len(outs) != 2 || outs[0].(map[string]any)["text"] != "x=1\n" {
		t.Fatalf("outputs %v", outs)
	}
	out.Clear()
	if outs := last(); len(outs) != 0 {
		t.Fatalf("after Clear: %v", outs)
	}
}

func TestSettersKeepValuesBetweenMinAndMax(t *testing.T) {
	record(t)
	s := NewIntSlider("n", 1, 8, 4)
	f := NewFloatSlider("x", 0, 1, 0.1, 0.5)
	p := NewIntProgress("p", 0, 10, 0)
	var seen []int
	s.OnChange(func(v int) { seen = append(seen, v) })
	s.SetValue(20)
	high := s.Value()
	s.SetValue(0)
	f.SetValue(-3)
	p.SetValue(11)
	if high != 8 || s.Value() != 1 || f.Value() != 0 || p.Value() != 10 || fmt.Sprint(seen) != "[8 1]" {
		t.Errorf("values %d %d %g %d, callbacks %v; want 8 1 0 10, [8 1]", high, s.Value(), f.Value(), p.Value(), seen)
	}
}
