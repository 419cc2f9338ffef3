package dispatch

import (
	"context"
	"sync"

	"golessons/kernel/internal/history"
	"golessons/kernel/internal/protocol"
)

// executeRequest is the content of execute_request (Messaging, "Execute").
type executeRequest struct {
	Code         string `json:"code"`
	Silent       bool   `json:"silent"`
	StoreHistory *bool  `json:"store_history"`
	AllowStdin   *bool  `json:"allow_stdin"`
	StopOnError  *bool  `json:"stop_on_error"`
}

// executionState is the execution counter and the request being run; the
// shell goroutine reads it to keep the busy status honest.
type executionState struct {
	mu      sync.Mutex
	count   int
	running *protocol.Message
}

func (s *executionState) current() *protocol.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running
}

func (s *executionState) start(m *protocol.Message, countIt bool) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running = m
	if countIt {
		s.count++
	}
	return s.count
}

func (s *executionState) finish() {
	s.mu.Lock()
	s.running = nil
	s.mu.Unlock()
}

func (d *Dispatcher) serveExecutes(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-d.executes:
			if failed := d.execute(ctx, m); failed {
				d.abortQueued()
			}
		}
	}
}

// execute runs one execute_request and reports whether it failed with
// stop_on_error set, so queued cells are aborted as a Run All expects.
func (d *Dispatcher) execute(ctx context.Context, req *protocol.Message) (stop bool) {
	var c executeRequest
	if err := decode(req, &c); err != nil {
		d.status(req, "busy")
		d.reply(Shell, req, protocol.ExecuteReply, errorContent("RequestError", err.Error(), nil))
		d.status(req, "idle")
		return false
	}
	// Spec: silent implies store_history false; both default to "record it".
	store := !c.Silent && (c.StoreHistory == nil || *c.StoreHistory)
	n := d.exec.start(req, store)
	defer d.exec.finish()
	d.status(req, "busy")
	if !c.Silent {
		d.publish(req, protocol.ExecuteInput, map[string]any{"code": c.Code, "execution_count": n})
	}
	out := &cellOutput{d: d, req: req, silent: c.Silent, allowStdin: c.AllowStdin == nil || *c.AllowStdin}
	res := d.cfg.Engine.Execute(ctx, c.Code, out.allowStdin, out)
	var reply map[string]any
	switch {
	case res.Err != nil:
		e := errorContent(res.Err.Name, res.Err.Value, res.Err.Traceback)
		d.publish(req, protocol.Error, e)
		reply = e
		stop = c.StopOnError == nil || *c.StopOnError
	default:
		if res.Data != nil && !c.Silent {
			md := res.Metadata
			if md == nil {
				md = map[string]any{}
			}
			d.publish(req, protocol.ExecuteResult, map[string]any{"execution_count": n, "data": res.Data, "metadata": md})
		}
		reply = map[string]any{"status": "ok", "user_expressions": map[string]any{}, "payload": []any{}}
	}
	reply["execution_count"] = n
	if store && d.cfg.History != nil {
		plain, _ := res.Data["text/plain"].(string)
		d.cfg.History.Record(history.Entry{Session: d.cfg.History.Session(), Line: n, Input: c.Code, Output: plain})
	}
	d.reply(Shell, req, protocol.ExecuteReply, reply)
	d.status(req, "idle")
	return stop
}

// abortQueued answers every execute request that was already waiting with
// status "aborted", as ipykernel does after an error.
func (d *Dispatcher) abortQueued() {
	for {
		select {
		case m := <-d.executes:
			d.status(m, "busy")
			d.reply(Shell, m, protocol.ExecuteReply, map[string]any{"status": "aborted", "execution_count": nil})
			d.status(m, "idle")
		default:
			return
		}
	}
}

// cellOutput publishes what a cell produces with the cell's request as parent.
type cellOutput struct {
	d          *Dispatcher
	req        *protocol.Message
	silent     bool
	allowStdin bool
}

func (o *cellOutput) Stream(name, text string) {
	if o.silent || text == "" {
		return
	}
	o.d.publish(o.req, protocol.Stream, map[string]string{"name": name, "text": text})
}

func (o *cellOutput) Display(v Display) {
	if o.silent {
		return
	}
	md := v.Metadata
	if md == nil {
		md = map[string]any{}
	}
	switch v.Kind {
	case "clear":
		o.d.publish(o.req, protocol.ClearOutput, map[string]any{"wait": v.Wait})
	case "update":
		o.d.publish(o.req, protocol.UpdateDisplayData, map[string]any{
			"data": v.Data, "metadata": md, "transient": map[string]any{"display_id": v.ID}})
	default:
		content := map[string]any{"data": v.Data, "metadata": md}
		if v.ID != "" {
			content["transient"] = map[string]any{"display_id": v.ID}
		}
		o.d.publish(o.req, protocol.DisplayData, content)
	}
}

// Input asks the frontend for a line (Messaging, "Messages on the stdin
// ROUTER/DEALER channel"). With stdin not allowed it fails at once, so the
// cell sees EOF instead of hanging.
func (o *cellOutput) Input(ctx context.Context, prompt string, password bool) (string, error) {
	if !o.allowStdin {
		return "", errStdinNotAllowed
	}
	return o.d.inputs.ask(ctx, o.d, o.req, prompt, password)
}
