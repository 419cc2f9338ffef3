package dispatch

import (
	"context"
	"errors"
	"sync"

	"golessons/kernel/internal/protocol"
)

var errStdinNotAllowed = errors.New("this frontend does not accept input (allow_stdin is false)")

// inputWaiters pairs input_reply messages with the cell waiting for them, by
// the msg_id of the input_request they answer.
type inputWaiters struct {
	mu      sync.Mutex
	waiting map[string]chan string
}

func (w *inputWaiters) ask(ctx context.Context, d *Dispatcher, req *protocol.Message, prompt string, password bool) (string, error) {
	m, err := req.Reply(protocol.InputRequest, protocol.InputRequestContent{Prompt: prompt, Password: password})
	if err != nil {
		return "", err
	}
	// One slot: the reply is handed over without waiting for the reader.
	ch := make(chan string, 1)
	w.mu.Lock()
	w.waiting[m.Header.MsgID] = ch
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		delete(w.waiting, m.Header.MsgID)
		w.mu.Unlock()
	}()
	if err := d.cfg.Transport.Ask(m); err != nil {
		return "", err
	}
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// deliver hands an input_reply to its waiter. A reply nobody waits for (the
// cell was interrupted meanwhile) is logged and dropped.
func (w *inputWaiters) deliver(d *Dispatcher, m *protocol.Message) {
	var c protocol.InputReplyContent
	if err := decode(m, &c); err != nil {
		d.cfg.Log.Warn("bad input_reply", "err", err)
		return
	}
	w.mu.Lock()
	ch, ok := w.waiting[m.Parent.MsgID]
	if !ok && len(w.waiting) == 1 {
		// Some frontends leave parent_header empty; with one question open
		// the answer can only be for it.
		for _, only := range w.waiting {
			ch, ok = only, true
		}
	}
	w.mu.Unlock()
	if !ok {
		d.cfg.Log.Warn("input_reply with no pending input_request dropped")
		return
	}
	select {
	case ch <- c.Value:
	default:
	}
}

func (d *Dispatcher) serveStdin(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-d.queues[Stdin]:
			if m.Header.MsgType != protocol.InputReply {
				d.cfg.Log.Warn("unexpected message on stdin channel", "msg_type", m.Header.MsgType)
				continue
			}
			d.inputs.deliver(d, m)
		}
	}
}
