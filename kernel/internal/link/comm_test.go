package link

import (
	"bytes"
	"testing"
)

func TestCommFramesRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	req := Request{Kind: KindCommMsg, Comm: &Comm{ID: "c1", Data: map[string]any{"method": "update", "state": map[string]any{"value": 3.0}}}}
	ev := Event{Kind: KindCommOpen, Sync: 2, Comm: &Comm{ID: "c2", Target: "jupyter.widget", Metadata: map[string]any{"version": "2.1.0"}}}
	if err := w.Send(req); err != nil {
		t.Fatal(err)
	}
	if err := w.Send(ev); err != nil {
		t.Fatal(err)
	}
	r := NewReader(&buf)
	gotReq, err := r.ReadRequest()
	if err != nil || !gotReq.Kind.IsComm() || gotReq.Comm.ID != "c1" || gotReq.Comm.Data["method"] != "update" {
		t.Fatalf("request %+v, %v", gotReq, err)
	}
	gotEv, err := r.ReadEvent()
	if err != nil || gotEv.Comm == nil || gotEv.Comm.Target != "jupyter.widget" || gotEv.Comm.Metadata["version"] != "2.1.0" {
		t.Fatalf("event %+v, %v", gotEv, err)
	}
	if KindExecute.IsComm() || KindDisplay.IsComm() {
		t.Error("non-comm kinds count as comm")
	}
}
