package dispatch

import (
	"context"
	"slices"
	"sync"

	"golessons/kernel/internal/protocol"
)

// Comms is implemented by an Engine whose cells hold comms (widgets).
// Comm messages go both ways at any time, independent of execute requests.
type Comms interface {
	// CommTargets are the targets a frontend may open.
	CommTargets() []string
	// SendComm passes the frontend's comm_open, comm_msg or comm_close on.
	SendComm(ctx context.Context, t protocol.MsgType, id, target string, data map[string]any) error
	// SetCommSink installs the receiver of the engine's own comm messages;
	// a comm_close with an empty id closes every open comm.
	SetCommSink(fn func(t protocol.MsgType, id, target string, data, metadata map[string]any))
}

// commState is what the dispatcher knows of comms: which are open (so a
// restart can close them and comm_info can list them) and which message
// the engine's comm messages are published under.
type commState struct {
	mu      sync.Mutex
	open    map[string]string // comm id → target
	lastReq *protocol.Message // the latest request, parent of late comm messages
}

func (d *Dispatcher) comms() (Comms, bool) {
	c, ok := d.cfg.Engine.(Comms)
	return c, ok
}

// initComms connects the engine's comm messages to iopub.
func (d *Dispatcher) initComms() {
	d.commSt.open = map[string]string{}
	if c, ok := d.comms(); ok {
		c.SetCommSink(d.publishComm)
	}
}

// publishComm publishes a comm message of the engine. Its parent is the
// running cell, or else the request that last reached the kernel: the
// frontend routes comm messages by comm id, whatever their parent.
func (d *Dispatcher) publishComm(t protocol.MsgType, id, target string, data, metadata map[string]any) {
	if t == protocol.CommClose && id == "" {
		d.closeComms(d.commParent())
		return
	}
	if data == nil {
		data = map[string]any{}
	}
	var content any
	switch t {
	case protocol.CommOpen:
		content = protocol.CommOpenContent{CommID: id, TargetName: target, Data: data}
	case protocol.CommMsg:
		content = protocol.CommMsgContent{CommID: id, Data: data}
	case protocol.CommClose:
		content = protocol.CommCloseContent{CommID: id, Data: data}
	default:
		return
	}
	d.commSt.mu.Lock()
	switch t {
	case protocol.CommOpen:
		d.commSt.open[id] = target
	case protocol.CommClose:
		delete(d.commSt.open, id)
	}
	d.commSt.mu.Unlock()
	parent := d.commParent()
	if parent == nil {
		d.cfg.Log.Warn("comm message before any request dropped", "msg_type", t)
		return
	}
	m, err := parent.Child(t, content)
	if err != nil {
		d.cfg.Log.Error("build comm message", "msg_type", t, "err", err)
		return
	}
	m.Metadata = metadata
	if err := d.cfg.Transport.Publish(m); err != nil {
		d.cfg.Log.Error("publish", "msg_type", t, "err", err)
	}
}

// commParent is the running cell, or else the request that last reached
// the kernel: the frontend routes comm messages by comm id, whatever their
// parent.
func (d *Dispatcher) commParent() *protocol.Message {
	d.commSt.mu.Lock()
	defer d.commSt.mu.Unlock()
	if cur := d.exec.current(); cur != nil {
		d.commSt.lastReq = cur
	}
	return d.commSt.lastReq
}

func (d *Dispatcher) seen(req *protocol.Message) {
	d.commSt.mu.Lock()
	d.commSt.lastReq = req
	d.commSt.mu.Unlock()
}

// commInfo answers comm_info_request with the open comms (of one target
// when the request names it).
func (d *Dispatcher) commInfo(_ context.Context, req *protocol.Message) (any, error) {
	var c protocol.CommInfoRequestContent
	if err := decode(req, &c); err != nil {
		return nil, err
	}
	d.commSt.mu.Lock()
	defer d.commSt.mu.Unlock()
	comms := map[string]protocol.CommInfo{}
	for id, target := range d.commSt.open {
		if c.TargetName == "" || c.TargetName == target {
			comms[id] = protocol.CommInfo{TargetName: target}
		}
	}
	return protocol.CommInfoReplyContent{Status: protocol.StatusOK, Comms: comms}, nil
}

// commOpen passes a comm for a known target on to the engine and refuses
// any other: as the spec asks, the kernel closes it again at once on iopub.
func (d *Dispatcher) commOpen(ctx context.Context, req *protocol.Message) (any, error) {
	var c protocol.CommOpenContent
	if err := decode(req, &c); err != nil {
		return nil, err
	}
	d.seen(req)
	if eng, ok := d.comms(); ok && slices.Contains(eng.CommTargets(), c.TargetName) {
		d.commSt.mu.Lock()
		d.commSt.open[c.CommID] = c.TargetName
		d.commSt.mu.Unlock()
		if err := eng.SendComm(ctx, protocol.CommOpen, c.CommID, c.TargetName, c.Data); err == nil {
			return nil, nil
		}
		d.cfg.Log.Warn("comm_open not delivered", "target", c.TargetName)
	} else {
		d.cfg.Log.Info("comm_open for unknown target refused", "target", c.TargetName)
	}
	d.commSt.mu.Lock()
	delete(d.commSt.open, c.CommID)
	d.commSt.mu.Unlock()
	d.publish(req, protocol.CommClose, protocol.CommCloseContent{CommID: c.CommID, Data: map[string]any{}})
	return nil, nil
}

// commMsg and commClose pass messages for open comms on; others are
// dropped (comm_msg has no reply), as ipykernel does.
func (d *Dispatcher) commMsg(ctx context.Context, req *protocol.Message) (any, error) {
	return nil, d.commForward(ctx, req, protocol.CommMsg)
}

func (d *Dispatcher) commClose(ctx context.Context, req *protocol.Message) (any, error) {
	return nil, d.commForward(ctx, req, protocol.CommClose)
}

func (d *Dispatcher) commForward(ctx context.Context, req *protocol.Message, t protocol.MsgType) error {
	var c protocol.CommMsgContent
	if err := decode(req, &c); err != nil {
		d.cfg.Log.Warn("bad comm message", "err", err)
		return nil
	}
	d.seen(req)
	d.commSt.mu.Lock()
	_, open := d.commSt.open[c.CommID]
	if t == protocol.CommClose {
		delete(d.commSt.open, c.CommID)
	}
	d.commSt.mu.Unlock()
	eng, ok := d.comms()
	if !open || !ok {
		d.cfg.Log.Info("message for unknown comm dropped", "msg_type", t, "comm_id", c.CommID)
		return nil
	}
	if err := eng.SendComm(ctx, t, c.CommID, "", c.Data); err != nil {
		d.cfg.Log.Warn("comm message not delivered", "msg_type", t, "err", err)
	}
	return nil
}

// closeComms closes every open comm on iopub: after a restart the objects
// behind them are gone, and the frontend should drop its side too.
func (d *Dispatcher) closeComms(req *protocol.Message) {
	if req == nil {
		return
	}
	d.commSt.mu.Lock()
	ids := make([]string, 0, len(d.commSt.open))
	for id := range d.commSt.open {
		ids = append(ids, id)
	}
	d.commSt.open = map[string]string{}
	d.commSt.mu.Unlock()
	slices.Sort(ids)
	for _, id := range ids {
		d.publish(req, protocol.CommClose, protocol.CommCloseContent{CommID: id, Data: map[string]any{}})
	}
}
