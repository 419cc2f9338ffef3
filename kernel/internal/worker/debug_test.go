package worker

import (
	"context"
	"encoding/json"
	"io"
	"testing"
	"time"

	"golessons/kernel/internal/link"
)

// startRealWorker runs the worker with the real evaluator.
func startRealWorker(t *testing.T) *harness {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	h := &harness{req: link.NewWriter(inW), events: link.NewReader(outR), reqW: inW,
		stdout: &lockedBuffer{}, done: make(chan error, 1)}
	go func() {
		h.done <- Run(context.Background(), inR, outW, Options{
			Token: "t", Stdout: h.stdout, Stderr: io.Discard,
			NewEvaluator: func(stdin io.Reader) (Evaluator, error) { return NewEval(stdin, "") },
		})
		outW.Close()
	}()
	t.Cleanup(func() {
		inW.Close()
		select {
		case <-h.done:
		case <-time.After(10 * time.Second):
			t.Error("Run did not return after the link closed")
		}
	})
	if ev := h.next(t); ev.Kind != link.KindReady {
		t.Fatalf("first event %+v, want ready", ev)
	}
	return h
}

// dap sends a debug request with link id id.
func (h *harness) dap(t *testing.T, id uint64, command string, args any) {
	t.Helper()
	raw, _ := json.Marshal(map[string]any{"seq": id, "type": "request", "command": command, "arguments": args})
	h.send(t, link.Request{Kind: link.KindDebug, ID: id, DAP: raw})
}

// until reads events until one satisfies ok, and returns it with its DAP
// message decoded. The events it passes over are held for the next call.
func (h *harness) until(t *testing.T, ok func(link.Event, map[string]any) bool) (link.Event, map[string]any) {
	t.Helper()
	held := h.held
	h.held = nil
	for i := 0; i < 50; i++ {
		var ev link.Event
		if len(held) > 0 {
			ev, held = held[0], held[1:]
		} else {
			ev = h.nextWithin(t, 30*time.Second) // a real cell under -race on a loaded machine
		}
		var m map[string]any
		if len(ev.DAP) > 0 {
			if err := json.Unmarshal(ev.DAP, &m); err != nil {
				t.Fatalf("bad DAP in %s: %v", ev.Kind, err)
			}
		}
		if ok(ev, m) {
			h.held = append(h.held, held...)
			return ev, m
		}
		h.held = append(h.held, ev)
	}
	t.Fatal("no such event in 50")
	return link.Event{}, nil
}

// nextWithin is next with a longer bound.
func (h *harness) nextWithin(t *testing.T, d time.Duration) link.Event {
	t.Helper()
	type res struct {
		ev  link.Event
		err error
	}
	c := make(chan res, 1)
	go func() {
		ev, err := h.events.ReadEvent()
		c <- res{ev, err}
	}()
	select {
	case r := <-c:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.ev
	case <-time.After(d):
		t.Fatalf("no event within %v", d)
	}
	return link.Event{}
}

func (h *harness) reply(t *testing.T, id uint64) map[string]any {
	t.Helper()
	_, m := h.until(t, func(ev link.Event, _ map[string]any) bool { return ev.Kind == link.KindDebugReply && ev.ID == id })
	if m["success"] != true || m["request_seq"] != float64(id) {
		t.Fatalf("debug reply %d: %v", id, m)
	}
	return m
}

func TestDebugRequestAnsweredWhileCellStopsAtBreakpoint(t *testing.T) {
	h := startRealWorker(t)
	h.dap(t, 1, "initialize", map[string]any{"adapterID": "golessons"})
	h.reply(t, 1)
	h.dap(t, 2, "attach", map[string]any{})
	h.reply(t, 2)
	code := "a := 1\nb := a + 1\nc := b * 2"
	h.dap(t, 3, "dumpCell", map[string]any{"code": code})
	path := h.reply(t, 3)["body"].(map[string]any)["sourcePath"]
	h.dap(t, 4, "setBreakpoints", map[string]any{"source": map[string]any{"path": path}, "breakpoints": []any{map[string]any{"line": 2}}})
	h.reply(t, 4)
	h.dap(t, 5, "configurationDone", nil)
	h.reply(t, 5)

	h.send(t, link.Request{Kind: link.KindExecute, ID: 10, Code: code})
	_, st := h.until(t, func(ev link.Event, m map[string]any) bool {
		if ev.Kind == link.KindResult {
			t.Fatalf("the cell ended without stopping: %+v", ev)
		}
		return ev.Kind == link.KindDebugEvent && m["event"] == "stopped"
	})
	thread := st["body"].(map[string]any)["threadId"]
	// Past the deadlock check's first looks (0.4 s, then every 0.25 s): a
	// cell waiting at a breakpoint is not deadlocked.
	time.Sleep(time.Second)
	// The cell is stopped: the debugger still answers.
	h.dap(t, 6, "stackTrace", map[string]any{"threadId": thread})
	frames := h.reply(t, 6)["body"].(map[string]any)["stackFrames"].([]any)
	if top := frames[0].(map[string]any); top["line"] != float64(2) {
		t.Fatalf("stopped at %v", top)
	}
	h.dap(t, 7, "continue", map[string]any{"threadId": thread})
	h.reply(t, 7)
	res, _ := h.until(t, func(ev link.Event, _ map[string]any) bool { return ev.Kind == link.KindResult })
	if res.ID != 10 || res.Error != nil {
		t.Fatalf("result: %+v", res)
	}
	h.dap(t, 8, "disconnect", map[string]any{})
	h.reply(t, 8)
}

func TestDebugRequestWithoutDebuggerFailsClearly(t *testing.T) {
	h := startWorker(t) // echoEval has no debugger
	h.dap(t, 1, "initialize", nil)
	_, m := h.until(t, func(ev link.Event, _ map[string]any) bool { return ev.Kind == link.KindDebugReply && ev.ID == 1 })
	if m["success"] != false || m["message"] != "this runner has no debugger" || m["command"] != "initialize" {
		t.Fatalf("reply: %v", m)
	}
}
