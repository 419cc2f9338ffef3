package dispatch

import (
	"context"
	"encoding/json"
	"sync"
	"testing"

	"golessons/kernel/internal/protocol"
)

// commEngine is the scripted engine with comms: it records what the
// dispatcher passes on and can send comm messages of its own.
type commEngine struct {
	scripted
	mu   sync.Mutex
	got  []string // "type id"
	sink func(t protocol.MsgType, id, target string, data, metadata map[string]any)
}

func (e *commEngine) CommTargets() []string { return []string{"ctl.target"} }

func (e *commEngine) SendComm(_ context.Context, t protocol.MsgType, id, _ string, _ map[string]any) error {
	e.mu.Lock()
	e.got = append(e.got, string(t)+" "+id)
	e.mu.Unlock()
	return nil
}

func (e *commEngine) SetCommSink(fn func(t protocol.MsgType, id, target string, data, metadata map[string]any)) {
	e.sink = fn
}

func (e *commEngine) received() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.got...)
}

func startComms(t *testing.T) (*Dispatcher, *recorder, *commEngine) {
	t.Helper()
	rec, eng := newRecorder(), &commEngine{}
	d := New(Config{Transport: rec, Engine: eng, Version: "test"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return d, rec, eng
}

func handle(t *testing.T, d *Dispatcher, rec *recorder, typ protocol.MsgType, content any) *protocol.Message {
	t.Helper()
	m := request(t, typ, content)
	d.Handle(Shell, m)
	rec.waitFor(t, m.Header.MsgID, untilIdle)
	return m
}

func commIDs(ms []sent, typ protocol.MsgType) []string {
	var ids []string
	for _, s := range ms {
		if s.msg.Header.MsgType == typ {
			var c struct {
				ID string `json:"comm_id"`
			}
			_ = json.Unmarshal(s.msg.Content, &c)
			ids = append(ids, c.ID)
		}
	}
	return ids
}

func TestCommsRoutedByTargetAndID(t *testing.T) {
	d, rec, eng := startComms(t)
	// Unknown target: closed at once, never reaches the engine.
	m := handle(t, d, rec, protocol.CommOpen, protocol.CommOpenContent{CommID: "x", TargetName: "other"})
	if ids := commIDs(rec.waitFor(t, m.Header.MsgID, untilIdle), protocol.CommClose); len(ids) != 1 || ids[0] != "x" {
		t.Errorf("unknown target not refused: %v", ids)
	}
	handle(t, d, rec, protocol.CommMsg, protocol.CommMsgContent{CommID: "x", Data: map[string]any{}})
	// Known target: open, msg and close all pass on.
	handle(t, d, rec, protocol.CommOpen, protocol.CommOpenContent{CommID: "c", TargetName: "ctl.target"})
	handle(t, d, rec, protocol.CommMsg, protocol.CommMsgContent{CommID: "c", Data: map[string]any{"method": "request_states"}})
	handle(t, d, rec, protocol.CommClose, protocol.CommCloseContent{CommID: "c"})
	handle(t, d, rec, protocol.CommMsg, protocol.CommMsgContent{CommID: "c", Data: map[string]any{}})
	want := []string{"comm_open c", "comm_msg c", "comm_close c"}
	if got := eng.received(); len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("engine got %v, want %v", got, want)
	}
}

func TestEngineCommsPublishedAndClosedWhenRunnerGoes(t *testing.T) {
	d, rec, eng := startComms(t)
	// A frontend's control comm: the latest request, parent of what follows.
	m := handle(t, d, rec, protocol.CommOpen, protocol.CommOpenContent{CommID: "ctl", TargetName: "ctl.target"})
	eng.sink(protocol.CommOpen, "w1", "jupyter.widget", map[string]any{"state": map[string]any{}}, map[string]any{"version": "2.1.0"})
	eng.sink(protocol.CommOpen, "w2", "jupyter.widget", nil, nil)
	ms := rec.waitFor(t, m.Header.MsgID, func(ms []sent) bool { return len(commIDs(ms, protocol.CommOpen)) == 2 })
	for _, s := range ms {
		if ids := commIDs([]sent{s}, protocol.CommOpen); len(ids) == 1 && ids[0] == "w1" && s.msg.Metadata["version"] != "2.1.0" {
			t.Errorf("comm_open metadata %v", s.msg.Metadata)
		}
	}
	info := handle(t, d, rec, protocol.CommInfoRequest, protocol.CommInfoRequestContent{})
	var reply struct {
		Comms map[string]protocol.CommInfo `json:"comms"`
	}
	for _, s := range rec.waitFor(t, info.Header.MsgID, untilIdle) {
		if s.msg.Header.MsgType == protocol.CommInfoReply {
			_ = json.Unmarshal(s.msg.Content, &reply)
		}
	}
	if len(reply.Comms) != 3 || reply.Comms["w1"].TargetName != "jupyter.widget" {
		t.Errorf("comm_info: %v", reply.Comms)
	}
	// The runner was replaced: every open comm is closed, under the latest comm request.
	eng.sink(protocol.CommClose, "", "", nil, nil)
	ms = rec.waitFor(t, m.Header.MsgID, func(ms []sent) bool { return len(commIDs(ms, protocol.CommClose)) == 3 })
	if ids := commIDs(ms, protocol.CommClose); ids[0] != "ctl" || ids[1] != "w1" || ids[2] != "w2" {
		t.Errorf("closed %v", ids)
	}
}
