package main

import (
	"context"
	"fmt"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/dispatch"
	"golessons/kernel/internal/protocol"
	"golessons/kernel/internal/runner"
	"golessons/kernel/internal/symtab"
	"golessons/kernel/internal/wire"
)

// The adapters below are the only place where the transport, the dispatcher
// and the runner meet; each package keeps its own small vocabulary.

var origins = map[wire.Channel]dispatch.Origin{
	wire.Shell:   dispatch.Shell,
	wire.Control: dispatch.Control,
	wire.Stdin:   dispatch.Stdin,
}

// transport lets the dispatcher send through the wire server.
type transport struct{ srv *wire.Server }

func (t transport) Reply(o dispatch.Origin, m *protocol.Message) error {
	ch := wire.Shell
	if o == dispatch.Control {
		ch = wire.Control
	}
	return t.srv.Send(ch, m)
}

func (t transport) Publish(m *protocol.Message) error { return t.srv.Send(wire.IOPub, m) }
func (t transport) Ask(m *protocol.Message) error     { return t.srv.Send(wire.Stdin, m) }

// engine lets the dispatcher run cells in the runner process. The runner
// starts in the background so kernel_info_reply does not wait for it; the
// first cell does.
type engine struct {
	ready chan struct{} // closed when r and err are set
	r     *runner.Runner
	err   error
	comms commSinks
	debug debugSinks
}

func startEngine(ctx context.Context, cfg runner.Config) *engine {
	e := &engine{ready: make(chan struct{})}
	go func() {
		defer close(e.ready)
		e.r, e.err = runner.Start(ctx, cfg)
		if e.err == nil {
			e.r.SetCommSink(e.forwardComm)
			e.r.SetDebugSink(e.forwardDebug)
		}
	}()
	return e
}

// started returns the runner once it is up, or nil if it is not (yet).
func (e *engine) started() *runner.Runner {
	select {
	case <-e.ready:
		return e.r
	default:
		return nil
	}
}

func (e *engine) wait(ctx context.Context) (*runner.Runner, error) {
	select {
	case <-e.ready:
		if e.err != nil {
			return nil, fmt.Errorf("the Go runner process did not start: %w", e.err)
		}
		return e.r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (e *engine) Execute(ctx context.Context, cell cellio.Cell, out cellio.Output) cellio.Outcome {
	r, err := e.wait(ctx)
	if err != nil {
		return cellio.Outcome{Err: &cellio.Error{Name: "KernelError", Value: err.Error()}}
	}
	return r.Execute(ctx, cell, out)
}

func (e *engine) Interrupt() {
	if r := e.started(); r != nil {
		r.Interrupt()
	}
}

func (e *engine) Restart(ctx context.Context) error {
	r, err := e.wait(ctx)
	if err != nil {
		return err
	}
	return r.Restart(ctx)
}

func (e *engine) Symbols() []symtab.Symbol {
	if r := e.started(); r != nil {
		return r.Symbols()
	}
	return nil
}

// Close stops the runner and everything it started.
func (e *engine) Close() error {
	<-e.ready
	if e.r == nil {
		return nil
	}
	return e.r.Close()
}
