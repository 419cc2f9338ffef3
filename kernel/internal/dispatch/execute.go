package dispatch

import (
	"context"
	"sync"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/history"
	"golessons/kernel/internal/protocol"
)

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
	var c protocol.ExecuteRequestContent // absent fields get ipykernel's defaults
	if err := decode(req, &c); err != nil {
		d.busyDuring(req, func() {
			d.reply(Shell, req, protocol.ExecuteReply, protocol.ErrorReply("RequestError", err.Error(), nil))
		})
		return false
	}
	// Spec: silent implies store_history false.
	store := !c.Silent && c.StoreHistory
	n := d.exec.start(req, store)
	defer d.exec.finish()
	d.busyDuring(req, func() { stop = d.run(ctx, req, c, n, store) })
	return stop
}

// run is an execute request's work between busy and idle: the input, the
// cell's outputs, its result or error, history, the reply.
func (d *Dispatcher) run(ctx context.Context, req *protocol.Message, c protocol.ExecuteRequestContent, n int, store bool) (stop bool) {
	if !c.Silent {
		d.publish(req, protocol.ExecuteInput, protocol.ExecuteInputContent{Code: c.Code, ExecutionCount: n})
	}
	out := &cellOutput{d: d, req: req, silent: c.Silent, allowStdin: c.AllowStdin}
	cell := cellio.Cell{Code: c.Code, AllowStdin: c.AllowStdin}
	if store {
		cell.Number = n // a cell the frontend numbers: In [n]
	}
	res := d.cfg.Engine.Execute(ctx, cell, out)
	reply := protocol.ExecuteReplyContent{Status: protocol.StatusOK, ExecutionCount: n}
	if e := res.Err; e != nil {
		d.publish(req, protocol.Error, protocol.ErrorContent{EName: e.Name, EValue: e.Value, Traceback: e.Traceback})
		reply = protocol.ExecuteReplyContent{Status: protocol.StatusError, ExecutionCount: n,
			EName: e.Name, EValue: e.Value, Traceback: e.Traceback}
		stop = c.StopOnError
	} else if res.Data != nil && !c.Silent {
		d.publish(req, protocol.ExecuteResult, protocol.ExecuteResultContent{ExecutionCount: n, Data: res.Data, Metadata: res.Metadata})
	}
	if store && d.cfg.History != nil {
		plain, _ := res.Data["text/plain"].(string)
		d.cfg.History.Record(history.Entry{Session: d.cfg.History.Session(), Line: n, Input: c.Code, Output: plain})
	}
	d.reply(Shell, req, protocol.ExecuteReply, reply)
	return stop
}

// abortQueued answers every execute request that was already waiting with
// status "aborted", as ipykernel does after an error.
func (d *Dispatcher) abortQueued() {
	for {
		select {
		case m := <-d.executes:
			d.busyDuring(m, func() {
				d.reply(Shell, m, protocol.ExecuteReply, protocol.ExecuteReplyContent{Status: protocol.StatusAborted})
			})
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
	o.d.publish(o.req, protocol.Stream, protocol.StreamContent{Name: name, Text: text})
}

func (o *cellOutput) Display(v cellio.Display) {
	if o.silent {
		return
	}
	switch v.Kind {
	case cellio.DisplayClear:
		o.d.publish(o.req, protocol.ClearOutput, protocol.ClearOutputContent{Wait: v.Wait})
	case cellio.DisplayUpdate:
		o.d.publish(o.req, protocol.UpdateDisplayData, protocol.DisplayDataContent{
			Data: v.Data, Metadata: v.Metadata, Transient: map[string]any{"display_id": v.ID}})
	default:
		content := protocol.DisplayDataContent{Data: v.Data, Metadata: v.Metadata}
		if v.ID != "" {
			content.Transient = map[string]any{"display_id": v.ID}
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
