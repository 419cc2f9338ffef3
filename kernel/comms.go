package main

import (
	"context"
	"sync/atomic"

	"golessons/kernel/internal/link"
	"golessons/kernel/internal/protocol"
)

// The engine carries comms between the dispatcher and the runner: message
// types on one side, link kinds on the other, with the same names.

type commSink = func(t protocol.MsgType, id, target string, data, metadata map[string]any)

// commSinks holds the dispatcher's sink; the runner may start before or
// after the dispatcher installs it, so the runner is given forwardComm.
type commSinks struct{ fn atomic.Pointer[commSink] }

func (e *engine) CommTargets() []string { return link.CommTargets }

func (e *engine) SendComm(ctx context.Context, t protocol.MsgType, id, target string, data map[string]any) error {
	r, err := e.wait(ctx)
	if err != nil {
		return err
	}
	return r.SendComm(link.Kind(t), link.Comm{ID: id, Target: target, Data: data})
}

func (e *engine) SetCommSink(fn func(t protocol.MsgType, id, target string, data, metadata map[string]any)) {
	e.comms.fn.Store(&fn)
}

// forwardComm is the runner's comm sink.
func (e *engine) forwardComm(kind link.Kind, c link.Comm) {
	if fn := e.comms.fn.Load(); fn != nil {
		(*fn)(protocol.MsgType(kind), c.ID, c.Target, c.Data, c.Metadata)
	}
}
