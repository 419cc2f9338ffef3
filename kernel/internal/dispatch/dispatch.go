package dispatch

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/history"
	"golessons/kernel/internal/protocol"
	"golessons/kernel/internal/symtab"
)

// Origin is the channel a request arrived on; replies go back the same way.
type Origin int

// The channels that carry requests to the kernel.
const (
	Shell Origin = iota
	Control
	Stdin
)

// Transport sends messages; the wire package implements it (through a small
// adapter in main) and tests use a recorder.
type Transport interface {
	// Reply sends m on the shell or control channel to m.Identities.
	Reply(o Origin, m *protocol.Message) error
	// Publish broadcasts m on iopub.
	Publish(m *protocol.Message) error
	// Ask sends an input_request on the stdin channel.
	Ask(m *protocol.Message) error
}

// Engine runs cells; the runner package implements it (in another process).
type Engine interface {
	// Execute runs one cell. out stays in use after Execute returns, for
	// output that goroutines of the cell print later.
	Execute(ctx context.Context, cell cellio.Cell, out cellio.Output) cellio.Outcome
	// Interrupt stops the running cell, if any. It must not block for long.
	Interrupt()
	// Restart throws the user's state away and starts fresh.
	Restart(ctx context.Context) error
	// Symbols is what the user has declared so far.
	Symbols() []symtab.Symbol
}

// Config is what a Dispatcher needs.
type Config struct {
	Transport Transport
	Engine    Engine
	// History may be nil: the kernel then answers history requests with an empty list.
	History *history.Store
	Log     *slog.Logger
	// Shutdown is called after shutdown_reply has been sent for a request
	// without restart; the caller then closes the kernel.
	Shutdown func()
	// Version is reported in kernel_info_reply.
	Version string
}

// Dispatcher routes requests to handlers. Create it with New, feed it with
// Handle and stop it by cancelling the context given to Run.
type Dispatcher struct {
	cfg      Config
	shell    map[protocol.MsgType]handler
	control  map[protocol.MsgType]handler
	queues   [3]chan *protocol.Message // per Origin; see Handle
	executes chan *protocol.Message
	debugs   chan *protocol.Message // debug_request: its own lane, see Handle
	exec     executionState
	inputs   inputWaiters
	commSt   commState
	dbgSt    debugState
}

// handler answers one request. It returns the reply content (nil: no reply
// is due, as for comm_msg) or an error turned into an error reply.
type handler func(ctx context.Context, req *protocol.Message) (reply any, err error)

// New builds a Dispatcher with its handler tables.
func New(cfg Config) *Dispatcher {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	d := &Dispatcher{cfg: cfg}
	// Queue sizes only absorb bursts (a notebook's Run All sends every cell at
	// once); the sender blocks beyond them, which is the back-pressure we want.
	for i := range d.queues {
		d.queues[i] = make(chan *protocol.Message, 256)
	}
	d.executes = make(chan *protocol.Message, 4096)
	d.debugs = make(chan *protocol.Message, 256)
	d.inputs.waiting = map[string]chan string{}
	d.shell = map[protocol.MsgType]handler{
		protocol.KernelInfoRequest: d.kernelInfo,
		protocol.IsCompleteRequest: d.isComplete,
		protocol.CompleteRequest:   d.complete,
		protocol.InspectRequest:    d.inspect,
		protocol.HistoryRequest:    d.history,
		protocol.CommInfoRequest:   d.commInfo,
		protocol.CommOpen:          d.commOpen,
		protocol.CommMsg:           d.commMsg,
		protocol.CommClose:         d.commClose,
		protocol.ShutdownRequest:   d.shutdown,
	}
	d.control = map[protocol.MsgType]handler{
		protocol.KernelInfoRequest: d.kernelInfo,
		protocol.InterruptRequest:  d.interrupt,
		protocol.ShutdownRequest:   d.shutdown,
		protocol.DebugRequest:      d.debug,
	}
	d.initComms()
	d.initDebug()
	return d
}

// Handle queues a request that arrived on o. It never blocks on a running cell.
func (d *Dispatcher) Handle(o Origin, m *protocol.Message) {
	if o < Shell || o > Stdin {
		d.cfg.Log.Error("request from unknown channel dropped", "origin", int(o))
		return
	}
	if o == Shell && m.Header.MsgType == protocol.ExecuteRequest {
		d.executes <- m
		return
	}
	// A debug request waits for the runner; on its own lane it never holds
	// up an interrupt or a shutdown behind it on the control channel.
	if o == Control && m.Header.MsgType == protocol.DebugRequest {
		d.debugs <- m
		return
	}
	d.queues[o] <- m
}

// Run serves requests until ctx is cancelled. Each channel has its own
// goroutine so a slow cell never delays control or completion requests.
func (d *Dispatcher) Run(ctx context.Context) {
	var wg sync.WaitGroup
	loops := []func(context.Context){
		func(ctx context.Context) { d.serve(ctx, Shell, d.queues[Shell], d.shell) },
		func(ctx context.Context) { d.serve(ctx, Control, d.queues[Control], d.control) },
		func(ctx context.Context) { d.serve(ctx, Control, d.debugs, d.control) },
		d.serveStdin,
		d.serveExecutes,
	}
	for _, loop := range loops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			loop(ctx)
		}()
	}
	wg.Wait()
}

func (d *Dispatcher) serve(ctx context.Context, o Origin, in <-chan *protocol.Message, table map[protocol.MsgType]handler) {
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-in:
			d.answer(ctx, o, m, table)
		}
	}
}

// answer runs one request inside the status pair: the handler's work, then
// its reply.
func (d *Dispatcher) answer(ctx context.Context, o Origin, req *protocol.Message, table map[protocol.MsgType]handler) {
	var err error
	d.busyDuring(req, func() {
		h, ok := table[req.Header.MsgType]
		var reply any
		if ok {
			reply, err = d.safely(ctx, h, req)
		} else {
			d.cfg.Log.Error("unknown message type", "msg_type", req.Header.MsgType, "channel", o)
			err = fmt.Errorf("unknown message type %q", req.Header.MsgType)
		}
		if err != nil {
			reply = protocol.ErrorReply("RequestError", err.Error(), nil)
		}
		// Only *_request types have a reply type; anything else (comm_msg, a
		// stray type) is answered by the log line above and the status pair.
		if rt := req.Header.MsgType.ReplyType(); reply != nil && rt != "" {
			d.reply(o, req, rt, reply)
		}
	})
	if req.Header.MsgType == protocol.ShutdownRequest && err == nil && !restartRequested(req) && d.cfg.Shutdown != nil {
		d.cfg.Shutdown()
	}
}

// busyDuring is the one place that writes the order every request follows
// (Messaging, "Kernel status"): busy, the work (outputs and the reply), idle,
// all with the request as parent. A request answered while a cell runs then
// re-sends busy for that cell, so the frontend never shows the kernel idle
// while it is not.
func (d *Dispatcher) busyDuring(req *protocol.Message, work func()) {
	d.status(req, protocol.StateBusy)
	work()
	d.status(req, protocol.StateIdle)
	if running := d.exec.current(); running != nil && running != req {
		d.status(running, protocol.StateBusy)
	}
}

// safely turns a panicking handler into an error reply: one bad request
// must never take the kernel down.
func (d *Dispatcher) safely(ctx context.Context, h handler, req *protocol.Message) (reply any, err error) {
	defer func() {
		if r := recover(); r != nil {
			d.cfg.Log.Error("handler panicked", "msg_type", req.Header.MsgType, "panic", r)
			reply, err = nil, fmt.Errorf("internal error handling %s: %v", req.Header.MsgType, r)
		}
	}()
	return h(ctx, req)
}

func (d *Dispatcher) reply(o Origin, req *protocol.Message, t protocol.MsgType, content any) {
	m, err := req.Reply(t, content)
	if err != nil {
		d.cfg.Log.Error("build reply", "msg_type", t, "err", err)
		return
	}
	if err := d.cfg.Transport.Reply(o, m); err != nil {
		d.cfg.Log.Error("send reply", "msg_type", t, "err", err)
	}
}

func (d *Dispatcher) publish(parent *protocol.Message, t protocol.MsgType, content any) {
	m, err := parent.Child(t, content)
	if err != nil {
		d.cfg.Log.Error("build iopub message", "msg_type", t, "err", err)
		return
	}
	if err := d.cfg.Transport.Publish(m); err != nil {
		d.cfg.Log.Error("publish", "msg_type", t, "err", err)
	}
}

func (d *Dispatcher) status(parent *protocol.Message, state string) {
	d.publish(parent, protocol.Status, protocol.StatusContent{ExecutionState: state})
}

// decode unmarshals a request's content; a malformed content becomes an error reply.
func decode(req *protocol.Message, v any) error {
	if len(req.Content) == 0 {
		return nil
	}
	if err := json.Unmarshal(req.Content, v); err != nil {
		return fmt.Errorf("decode %s content: %w", req.Header.MsgType, err)
	}
	return nil
}
