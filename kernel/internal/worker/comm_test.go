package worker

import (
	"testing"

	"golessons/kernel/internal/link"
)

// A frontend's control comm asks for the widget states while no cell runs
// and while one blocks: the answer comes either way, as a comm event.
func TestCommRequestsServedIdleAndDuringCell(t *testing.T) {
	h := startWorker(t)
	h.send(t, link.Request{Kind: link.KindCommOpen, Comm: &link.Comm{ID: "ctl", Target: "jupyter.widget.control"}})
	ask := link.Request{Kind: link.KindCommMsg, Comm: &link.Comm{ID: "ctl", Data: map[string]any{"method": "request_states"}}}
	h.send(t, ask)
	ev := h.next(t)
	if ev.Kind != link.KindCommMsg || ev.Comm == nil || ev.Comm.ID != "ctl" || ev.Comm.Data["method"] != "update_states" {
		t.Fatalf("idle: got %+v", ev)
	}
	h.send(t, link.Request{Kind: link.KindExecute, ID: 1, Code: "block"})
	h.send(t, ask)
	ev = h.next(t)
	if ev.Kind != link.KindCommMsg || ev.Comm.Data["method"] != "update_states" {
		t.Fatalf("during a cell: got %+v", ev)
	}
	h.send(t, link.Request{Kind: link.KindCancel, ID: 1})
	if ev := h.next(t); ev.Kind != link.KindResult || ev.ID != 1 {
		t.Fatalf("cell end: got %+v", ev)
	}
	// A comm request without its comm is ignored, not a crash.
	h.send(t, link.Request{Kind: link.KindCommMsg})
	h.send(t, ask)
	if ev := h.next(t); ev.Kind != link.KindCommMsg {
		t.Fatalf("after a bad request: got %+v", ev)
	}
}
