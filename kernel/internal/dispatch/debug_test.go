package dispatch

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"

	"golessons/kernel/internal/protocol"
)

// debugEngine is the scripted engine with a debugger: it answers each DAP
// request with a response naming its command, fails "broken", and holds
// "hang" until its context ends.
type debugEngine struct {
	scripted
	mu   sync.Mutex
	sink func(json.RawMessage)
}

func (e *debugEngine) Debug(ctx context.Context, request json.RawMessage) (json.RawMessage, error) {
	var r struct {
		Seq     int    `json:"seq"`
		Command string `json:"command"`
	}
	if err := json.Unmarshal(request, &r); err != nil {
		return nil, err
	}
	switch r.Command {
	case "broken":
		return nil, errors.New("runner gone")
	case "hang":
		<-ctx.Done()
		return nil, ctx.Err()
	case "garbage":
		return json.RawMessage(`[1,2]`), nil
	}
	return json.Marshal(map[string]any{"type": "response", "request_seq": r.Seq, "success": true,
		"command": r.Command, "body": map[string]any{"echo": json.RawMessage(request)}})
}

func (e *debugEngine) SetDebugSink(fn func(json.RawMessage)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.sink = fn
}

func (e *debugEngine) emit(ev json.RawMessage) {
	e.mu.Lock()
	fn := e.sink
	e.mu.Unlock()
	fn(ev)
}

func startDebug(t *testing.T) (*Dispatcher, *recorder, *debugEngine) {
	t.Helper()
	rec, eng := newRecorder(), &debugEngine{}
	d := New(Config{Transport: rec, Engine: eng, Version: "test"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return d, rec, eng
}

// debugReply sends a debug_request on control and returns its reply content.
func debugReply(t *testing.T, d *Dispatcher, rec *recorder, content any) (*protocol.Message, map[string]any) {
	t.Helper()
	req := request(t, protocol.DebugRequest, content)
	d.Handle(Control, req)
	for _, s := range rec.waitFor(t, req.Header.MsgID, untilIdle) {
		if s.where == "control" && s.msg.Header.MsgType == protocol.DebugReply {
			var c map[string]any
			if err := json.Unmarshal(s.msg.Content, &c); err != nil {
				t.Fatal(err)
			}
			return req, c
		}
	}
	t.Fatal("no debug_reply on control")
	return nil, nil
}

func TestDebugReplyIsTheEnginesDAPResponse(t *testing.T) {
	d, rec, _ := startDebug(t)
	_, c := debugReply(t, d, rec, map[string]any{"type": "request", "seq": 7, "command": "dumpCell",
		"arguments": map[string]any{"code": "x := 1"}})
	if c["success"] != true || c["command"] != "dumpCell" || c["request_seq"] != 7.0 {
		t.Fatalf("reply %v", c)
	}
	echo := c["body"].(map[string]any)["echo"].(map[string]any)
	if echo["arguments"].(map[string]any)["code"] != "x := 1" {
		t.Fatalf("the engine did not get the DAP request unchanged: %v", echo)
	}
}

func TestFailedDebugRequestIsADAPErrorResponse(t *testing.T) {
	d, rec, _ := startDebug(t)
	for _, tc := range []struct {
		content any
		seq     float64
		command string
	}{
		{map[string]any{"type": "request", "seq": 3, "command": "broken"}, 3, "broken"},
		{map[string]any{"type": "request", "seq": 4, "command": "garbage"}, 4, "garbage"},
		{[]any{"not", "a", "DAP", "request"}, 0, ""},
	} {
		_, c := debugReply(t, d, rec, tc.content)
		msg, _ := c["message"].(string)
		if c["success"] != false || c["type"] != "response" || c["request_seq"] != tc.seq ||
			c["command"] != tc.command || msg == "" {
			t.Errorf("%v: reply %v, want a DAP response with success false and a message", tc.content, c)
		}
	}
}

func TestHangingDebugRequestHoldsUpNoInterrupt(t *testing.T) {
	d, rec, eng := startDebug(t)
	cell := request(t, protocol.ExecuteRequest, map[string]any{"code": "block"})
	d.Handle(Shell, cell)
	if _, c := debugReply(t, d, rec, map[string]any{"seq": 1, "command": "stackTrace"}); c["success"] != true {
		t.Fatalf("stackTrace while a cell runs: %v", c)
	}
	// A debug request the engine never answers (until DebugTimeout)...
	d.Handle(Control, request(t, protocol.DebugRequest, map[string]any{"type": "request", "seq": 2, "command": "hang"}))
	// ...holds up no interrupt: waitFor's bound is shorter than DebugTimeout.
	intr := request(t, protocol.InterruptRequest, nil)
	d.Handle(Control, intr)
	rec.waitFor(t, intr.Header.MsgID, untilIdle)
	eng.mu.Lock()
	n := eng.interrupted
	eng.mu.Unlock()
	if n != 1 {
		t.Fatalf("interrupts = %d", n)
	}
}

func TestDebugEventsFollowTheLatestDebugRequest(t *testing.T) {
	d, rec, eng := startDebug(t)
	eng.emit(json.RawMessage(`{"type":"event","event":"stopped"}`)) // no session: dropped
	req, _ := debugReply(t, d, rec, map[string]any{"seq": 1, "command": "attach"})
	eng.emit(json.RawMessage(`{"type":"event","seq":5,"event":"stopped","body":{"threadId":2}}`))
	eng.emit(nil) // the runner was replaced
	ms := rec.waitFor(t, req.Header.MsgID, func(ms []sent) bool {
		return len(ofType(ms, protocol.DebugEvent)) == 2
	})
	events := ofType(ms, protocol.DebugEvent)
	if got := string(events[0].msg.Content); got != `{"type":"event","seq":5,"event":"stopped","body":{"threadId":2}}` {
		t.Fatalf("first event %s", got)
	}
	var term map[string]any
	json.Unmarshal(events[1].msg.Content, &term)
	if term["event"] != "terminated" || term["type"] != "event" {
		t.Fatalf("after the runner was replaced: %v, want a DAP terminated event", term)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, s := range rec.msgs {
		if s.msg.Header.MsgType == protocol.DebugEvent && s.msg.Parent.MsgID != req.Header.MsgID {
			t.Fatalf("debug_event under %s, want the debug_request", s.msg.Parent.MsgType)
		}
	}
}

func TestKernelInfoAdvertisesTheDebugger(t *testing.T) {
	for _, tc := range []struct {
		name string
		eng  Engine
		want bool
	}{{"with", &debugEngine{}, true}, {"without", &scripted{}, false}} {
		t.Run(tc.name, func(t *testing.T) {
			rec := newRecorder()
			d := New(Config{Transport: rec, Engine: tc.eng, Version: "test"})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go d.Run(ctx)
			req := request(t, protocol.KernelInfoRequest, nil)
			d.Handle(Control, req)
			for _, s := range rec.waitFor(t, req.Header.MsgID, untilIdle) {
				if s.msg.Header.MsgType == protocol.KernelInfoReply {
					var c struct{ Debugger bool }
					json.Unmarshal(s.msg.Content, &c)
					if c.Debugger != tc.want {
						t.Fatalf("debugger = %v, want %v", c.Debugger, tc.want)
					}
				}
			}
			if !tc.want {
				if _, c := debugReply(t, d, rec, map[string]any{"seq": 1, "command": "initialize"}); c["success"] != false {
					t.Fatalf("a kernel without debugger answered %v", c)
				}
			}
		})
	}
}

func ofType(ms []sent, t protocol.MsgType) []sent {
	var out []sent
	for _, s := range ms {
		if s.msg.Header.MsgType == t {
			out = append(out, s)
		}
	}
	return out
}
