package dispatch

import (
	"context"

	"golessons/kernel/internal/protocol"
)

// commInfo answers comm_info_request: golessons registers no comm targets.
func (d *Dispatcher) commInfo(context.Context, *protocol.Message) (any, error) {
	return protocol.CommInfoReplyContent{Status: protocol.StatusOK}, nil
}

// commOpen refuses every comm: no target is registered, so, as the spec
// asks, the kernel closes it again at once on iopub.
func (d *Dispatcher) commOpen(_ context.Context, req *protocol.Message) (any, error) {
	var c protocol.CommOpenContent
	if err := decode(req, &c); err != nil {
		return nil, err
	}
	d.cfg.Log.Info("comm_open for unknown target refused", "target", c.TargetName)
	d.publish(req, protocol.CommClose, protocol.CommCloseContent{CommID: c.CommID, Data: map[string]any{}})
	return nil, nil
}

// commIgnore handles comm_msg and comm_close, which have no reply.
func (d *Dispatcher) commIgnore(context.Context, *protocol.Message) (any, error) {
	return nil, nil
}
