package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"golessons/kernel/internal/link"
)

// The debugger talks to the runner over the comm lane: a debug request is
// sent at once, whether a cell runs, sits at a breakpoint or none runs,
// and its reply is matched by request id, never by cell. The kernel side
// carries Debug Adapter Protocol messages without reading them.

// DebugSink receives the runner's debug events (DAP events), in order
// with the output around them. A nil event means the runner holding the
// debug session was replaced (a crash, an interrupt that killed it, the
// memory limit, a restart): every breakpoint and stopped thread is gone.
type DebugSink func(event link.DebugMessage)

// ErrDebugUnavailable is returned by Debug when no runner can answer: it
// is starting, restarting or closed.
var ErrDebugUnavailable = errors.New("the Go runner is not running (it is starting or restarting)")

// ErrDebugRunnerGone is returned by Debug when the runner ended before it
// answered.
var ErrDebugRunnerGone = errors.New("the Go runner stopped before it answered the debug request")

// debugLane holds the debug requests waiting for their reply and the sink
// of debug events. Ids count up for the Runner's whole life, so a late
// reply of a replaced runner can never answer a newer request.
type debugLane struct {
	mu      sync.Mutex
	lastID  uint64
	pending map[uint64]chan link.DebugMessage
	sink    DebugSink
}

// SetDebugSink installs the receiver of the runner's debug events; nil
// drops them.
func (r *Runner) SetDebugSink(fn DebugSink) {
	l := &r.output.debug
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sink = fn
}

// Debug sends one DAP request to the runner and returns its DAP response.
// It is answered while a cell runs or is stopped at a breakpoint, as well
// as between cells. A runner that dies or is replaced before it answers
// fails the request at once; ctx bounds the wait otherwise.
func (r *Runner) Debug(ctx context.Context, dap link.DebugMessage) (link.DebugMessage, error) {
	if !json.Valid(dap) {
		return nil, errors.New("the debug request is not valid JSON")
	}
	p := r.current()
	if p == nil || p.exited() || r.resetting.Load() {
		return nil, ErrDebugUnavailable
	}
	id, reply := r.output.debug.await()
	defer r.output.debug.forget(id)
	if err := p.req.Send(link.Request{Kind: link.KindDebug, ID: id, DAP: dap}); err != nil {
		if errors.Is(err, link.ErrFrameTooLarge) {
			return nil, fmt.Errorf("the debug request has %d bytes; at most %d fit", len(dap), link.MaxFrame)
		}
		return nil, ErrDebugRunnerGone
	}
	select {
	case rep := <-reply:
		return rep, nil
	case <-p.done:
		// The reply may have come just before the end.
		select {
		case rep := <-reply:
			return rep, nil
		default:
			return nil, ErrDebugRunnerGone
		}
	case <-ctx.Done():
		return nil, fmt.Errorf("no answer from the Go runner: %w", ctx.Err())
	}
}

// await registers a new request id and the channel its reply comes on.
func (l *debugLane) await() (uint64, chan link.DebugMessage) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.pending == nil {
		l.pending = map[uint64]chan link.DebugMessage{}
	}
	l.lastID++
	ch := make(chan link.DebugMessage, 1) // the pump never waits for Debug
	l.pending[l.lastID] = ch
	return l.lastID, ch
}

func (l *debugLane) forget(id uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.pending, id)
}

// deliver routes a debug_reply to its request and a debug_event to the
// sink. A reply nobody waits for (its request gave up) is dropped.
func (l *debugLane) deliver(ev link.Event) {
	l.mu.Lock()
	ch, sink := l.pending[ev.ID], l.sink
	if ev.Kind == link.KindDebugReply {
		delete(l.pending, ev.ID)
	}
	l.mu.Unlock()
	switch {
	case ev.Kind == link.KindDebugReply && ch != nil:
		ch <- ev.DAP
	case ev.Kind == link.KindDebugEvent && sink != nil && len(ev.DAP) > 0:
		sink(ev.DAP)
	}
}

// reset tells the sink that the debug session died with its runner.
func (l *debugLane) reset() {
	l.mu.Lock()
	sink := l.sink
	l.mu.Unlock()
	if sink != nil {
		sink(nil)
	}
}
