package main

import (
	"context"
	"encoding/json"
	"sync/atomic"

	"golessons/kernel/internal/dispatch"
	"golessons/kernel/internal/link"
)

var _ dispatch.Debugger = (*engine)(nil)

// The engine carries the debugger's DAP messages between the dispatcher
// and the runner unread: debug_request content in, debug_reply content
// and debug_event content out.

type debugSink = func(event json.RawMessage)

// debugSinks holds the dispatcher's sink; the runner may start before or
// after the dispatcher installs it, so the runner is given forwardDebug.
type debugSinks struct{ fn atomic.Pointer[debugSink] }

func (e *engine) Debug(ctx context.Context, request json.RawMessage) (json.RawMessage, error) {
	r, err := e.wait(ctx)
	if err != nil {
		return nil, err
	}
	return r.Debug(ctx, request)
}

func (e *engine) SetDebugSink(fn func(event json.RawMessage)) {
	e.debug.fn.Store(&fn)
}

// forwardDebug is the runner's debug sink.
func (e *engine) forwardDebug(event link.DebugMessage) {
	if fn := e.debug.fn.Load(); fn != nil {
		(*fn)(event)
	}
}
