package dispatch

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"golessons/kernel/internal/protocol"
)

// Debugger is implemented by an Engine that serves JupyterLab's debugger.
// Requests and events are Debug Adapter Protocol messages, passed through
// unread: the content of debug_request, debug_reply and debug_event.
type Debugger interface {
	// Debug passes one DAP request on and returns the DAP response. It
	// must answer while a cell runs or is stopped at a breakpoint.
	Debug(ctx context.Context, request json.RawMessage) (json.RawMessage, error)
	// SetDebugSink installs the receiver of DAP events; a nil event means
	// the debug session is gone (the runner holding it was replaced).
	SetDebugSink(fn func(event json.RawMessage))
}

// DebugTimeout bounds one debug request. The engine answers at once as a
// rule (a stopped cell does not delay it); only a wedged runner reaches it.
const DebugTimeout = 10 * time.Second

// debugState is what the dispatcher keeps of the debug session: the
// request DAP events are published under (ipykernel's choice, the latest
// debug_request) and whether a session may be open, so that a replaced
// runner can tell the frontend it ended.
type debugState struct {
	mu      sync.Mutex
	lastReq *protocol.Message
}

func (d *Dispatcher) debugger() (Debugger, bool) {
	dbg, ok := d.cfg.Engine.(Debugger)
	return dbg, ok
}

// initDebug connects the engine's DAP events to iopub.
func (d *Dispatcher) initDebug() {
	if dbg, ok := d.debugger(); ok {
		dbg.SetDebugSink(d.publishDebug)
	}
}

// debug answers debug_request with the engine's DAP response, unchanged.
// A request the engine cannot answer gets a DAP response with success
// false and the reason, which JupyterLab shows, rather than an error
// reply it would not read.
func (d *Dispatcher) debug(ctx context.Context, req *protocol.Message) (any, error) {
	d.dbgSt.mu.Lock()
	d.dbgSt.lastReq = req
	d.dbgSt.mu.Unlock()
	dbg, ok := d.debugger()
	if !ok {
		return failedDAP(req.Content, "this kernel has no debugger"), nil
	}
	if !isJSONObject(req.Content) {
		return failedDAP(req.Content, "the debug_request content is not a DAP request (a JSON object)"), nil
	}
	ctx, cancel := context.WithTimeout(ctx, DebugTimeout)
	defer cancel()
	rep, err := dbg.Debug(ctx, req.Content)
	if err != nil {
		return failedDAP(req.Content, "the debug request failed: "+err.Error()), nil
	}
	if !isJSONObject(rep) {
		return failedDAP(req.Content, "the Go runner's debugger gave an answer that is not a DAP response"), nil
	}
	return rep, nil
}

// publishDebug publishes a DAP event of the engine as debug_event. A nil
// event (the session died with its runner) becomes a DAP terminated event
// if the frontend ever asked for one, so it stops showing stopped threads
// and variables of a process that is gone.
func (d *Dispatcher) publishDebug(event json.RawMessage) {
	d.dbgSt.mu.Lock()
	parent := d.dbgSt.lastReq
	d.dbgSt.mu.Unlock()
	if parent == nil {
		return // no debug session was ever asked for
	}
	if event == nil {
		event = json.RawMessage(`{"type":"event","seq":0,"event":"terminated","body":{}}`)
	}
	if !isJSONObject(event) {
		d.cfg.Log.Warn("debug event that is not a JSON object dropped")
		return
	}
	d.publish(parent, protocol.DebugEvent, event)
}

// failedDAP is a DAP error response to request (as far as it can be
// read) with message as the reason.
func failedDAP(request json.RawMessage, message string) map[string]any {
	var r struct {
		Seq     int    `json:"seq"`
		Command string `json:"command"`
	}
	_ = json.Unmarshal(request, &r)
	return map[string]any{
		"type": "response", "seq": 0, "request_seq": r.Seq, "success": false,
		"command": r.Command, "message": message, "body": map[string]any{},
	}
}

func isJSONObject(raw json.RawMessage) bool {
	var m map[string]json.RawMessage
	return json.Unmarshal(raw, &m) == nil && m != nil
}
