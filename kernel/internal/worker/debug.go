package worker

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"golessons/kernel/internal/debugger"
	"golessons/kernel/internal/link"
)

// Debug requests share the comm lane: the request reader hands them over
// at once, idle, during a cell or while it sits at a breakpoint, and never
// waits. They are answered in arrival order by one goroutine of their own
// (JupyterLab sends setBreakpoints before configurationDone and relies on
// the order); an answer that has to wait (a step into a goroutine that is
// slow to take it) holds up only later debug requests.

// debugLane is the worker's side of the debugger.
type debugLane struct {
	adapter *debugger.Adapter // nil: the evaluator has no debugger
	mu      sync.Mutex
	queue   []link.Request
	wake    chan struct{} // one slot: there is something in queue
}

// debugEngine gives the adapter the real evaluator.
func (v evaluator) debugEngine() debugger.Engine { return v.e }

// receiveDebug queues a debug request; the reader returns at once.
func (w *worker) receiveDebug(ctx context.Context, req link.Request) {
	w.debugOnce.Do(func() {
		lane := &debugLane{wake: make(chan struct{}, 1)}
		if de, ok := w.eval.(interface{ debugEngine() debugger.Engine }); ok {
			lane.adapter = debugger.New(de.debugEngine(), w.sendDebugEvent)
		}
		w.debug = lane
		go w.serveDebug(ctx, lane)
	})
	lane := w.debug
	lane.mu.Lock()
	lane.queue = append(lane.queue, req)
	lane.mu.Unlock()
	select {
	case lane.wake <- struct{}{}:
	default:
	}
}

// serveDebug answers queued debug requests until ctx ends.
func (w *worker) serveDebug(ctx context.Context, lane *debugLane) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-lane.wake:
		}
		for {
			lane.mu.Lock()
			if len(lane.queue) == 0 {
				lane.mu.Unlock()
				break
			}
			req := lane.queue[0]
			lane.queue = lane.queue[1:]
			lane.mu.Unlock()
			reply := answerDebug(lane.adapter, req.DAP)
			if err := w.emit(link.Event{Kind: link.KindDebugReply, ID: req.ID, DAP: reply}); err != nil {
				w.opts.Log.Warn("send debug reply", "err", err)
			}
		}
	}
}

// answerDebug is the adapter's answer, or a DAP error response when there
// is no adapter or the request is not JSON.
func answerDebug(a *debugger.Adapter, dap json.RawMessage) json.RawMessage {
	if a != nil && json.Valid(dap) {
		return a.Handle(dap)
	}
	var req struct {
		Seq     int    `json:"seq"`
		Command string `json:"command"`
	}
	msg := "this runner has no debugger"
	if err := json.Unmarshal(dap, &req); err != nil {
		msg = fmt.Sprintf("the debug request is not JSON: %v", err)
	}
	out, _ := json.Marshal(map[string]any{"seq": 0, "type": "response", "request_seq": req.Seq, "success": false,
		"command": req.Command, "message": msg, "body": map[string]any{}})
	return out
}

// sendDebugEvent sends a DAP event of the adapter.
func (w *worker) sendDebugEvent(dap json.RawMessage) {
	if err := w.emit(link.Event{Kind: link.KindDebugEvent, DAP: dap}); err != nil {
		w.opts.Log.Warn("send debug event", "err", err)
	}
}
