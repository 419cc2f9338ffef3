package wire

import (
	"errors"
	"fmt"
)

// The ROUTER side of a socket (shell, control, stdin): requests read from
// each peer, replies routed back to the peer that asked.

// readRequests is the reader of a ROUTER connection: it decodes, verifies
// and forwards requests to Incoming until the connection fails.
func (k *socket) readRequests(p *peer) {
	s := k.s
	verified := s.signer == nil // nothing to prove without a key
	for {
		var frames [][]byte
		var cmd bool
		var err error
		if verified {
			frames, cmd, err = readMsg(p.br, 1)
		} else {
			frames, cmd, err = readMsgLimit(p.br, 1, maxUnverifiedMessage, s.unverified)
		}
		if err != nil {
			if errors.Is(err, errTooLarge) || errors.Is(err, errBudget) {
				if !verified {
					err = fmt.Errorf("%w (peer not yet authenticated: at most %d bytes per message, %d in all)",
						err, maxUnverifiedMessage, unverifiedBudget)
				}
				s.dropped(k.ch, p, fmt.Errorf("connection closed: %w", err))
				p.kill()
			}
			k.readFailed(p, err)
			return
		}
		held := 0
		if !verified {
			for _, f := range frames[1:] {
				held += len(f)
			}
		}
		if cmd {
			s.unverified.release(int64(held))
			continue // ZMTP 3.0 defines no commands after READY; ignore
		}
		frames[0] = p.id
		m, digest, err := decode(frames, s.signer)
		s.unverified.release(int64(held))
		if err != nil {
			s.dropped(k.ch, p, err)
			continue
		}
		if s.signer != nil && !s.replay.add(digest) {
			s.dropped(k.ch, p, ErrReplay)
			continue
		}
		verified = true
		k.origins.put(originKey(m.Header), p)
		select {
		case s.in <- Incoming{Channel: k.ch, Msg: m}:
		case <-s.done:
			return
		}
	}
}

// route queues a message for the peer with identity id: the connection the
// parent request came from if it is still there, else the newest live
// connection with that identity.
func (k *socket) route(id []byte, parentID string, m outMsg) error {
	if p := k.origins.get(parentID); p != nil && string(p.id) == string(id) {
		if err := p.enqueue(m, k.s.queueMsgs, k.s.queueBytes, k.s.done); err != errPeerGone {
			return err
		}
	}
	for {
		k.mu.RLock()
		ps := k.byID[string(id)]
		var p *peer
		for i := len(ps) - 1; i >= 0; i-- {
			if !ps[i].isDead() {
				p = ps[i]
				break
			}
		}
		k.mu.RUnlock()
		if p == nil {
			return fmt.Errorf("%w (%s)", ErrNoPeer, k.ch)
		}
		err := p.enqueue(m, k.s.queueMsgs, k.s.queueBytes, k.s.done)
		if err != errPeerGone {
			return err
		}
		// that connection just died: try an older one with the same identity
	}
}
