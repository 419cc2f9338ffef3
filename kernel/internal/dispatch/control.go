package dispatch

import (
	"context"

	"golessons/kernel/internal/protocol"
)

// interrupt answers interrupt_request (interrupt_mode "message"); SIGINT
// reaches the same Engine.Interrupt through main.
func (d *Dispatcher) interrupt(context.Context, *protocol.Message) (any, error) {
	d.cfg.Engine.Interrupt()
	return protocol.InterruptReplyContent{Status: protocol.StatusOK}, nil
}

func restartRequested(req *protocol.Message) bool {
	var c protocol.ShutdownRequestContent
	_ = decode(req, &c)
	return c.Restart
}

// shutdown answers shutdown_request. With restart the user's state is thrown
// away but the process and its sockets stay, which is what a client that
// asked for a restart expects; without it, Run's caller closes the kernel
// after the reply (see answer).
func (d *Dispatcher) shutdown(ctx context.Context, req *protocol.Message) (any, error) {
	restart := restartRequested(req)
	if restart {
		d.seen(req) // the comms the restart closes are closed under it
		d.cfg.Engine.Interrupt()
		if err := d.cfg.Engine.Restart(ctx); err != nil {
			return nil, err
		}
		d.closeComms(req)
		d.exec.mu.Lock()
		d.exec.count = 0
		d.exec.mu.Unlock()
		if d.cfg.History != nil {
			d.cfg.History.NewSession()
		}
	}
	return protocol.ShutdownReplyContent{Status: protocol.StatusOK, Restart: restart}, nil
}
