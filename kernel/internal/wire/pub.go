package wire

import (
	"time"

	"golessons/kernel/internal/protocol"
)

// The PUB side of a socket (iopub): subscriptions read from each peer,
// messages published to every subscriber, and what happens to a subscriber
// that stops reading.

// publish queues m for every matching subscriber (see Send). A subscriber
// that is reading, however slowly, gets every message: publishing waits for
// room in its queue. A stalled one, whose full queue has not moved for
// s.stalledAfter, loses m instead, as a ZeroMQ PUB socket drops what a
// subscriber past its high-water mark cannot take; the loss is counted and
// logged. Its next messages are dropped at once, without waiting, until it
// reads again.
func (k *socket) publish(m outMsg) error {
	topic := m.frames[0]
	k.pubMu.Lock()
	defer k.pubMu.Unlock()
	for _, p := range *k.subs.Load() {
		if p.matches(topic) && !p.offerWithin(m, k.s.queueMsgs, k.s.queueBytes, k.s.stalledAfter, k.s.done) {
			if k.s.isClosing() {
				return ErrClosed
			}
			k.s.slowSubscriber(p)
		}
	}
	return nil
}

// dropLogEvery is how often a slow subscriber's losses are logged at most.
const dropLogEvery = 10 * time.Second

// slowSubscriber counts one message the stalled p lost and logs the count now and then
// (the first loss at once).
func (s *Server) slowSubscriber(p *peer) {
	n := p.dropped.Add(1)
	now := time.Now()
	p.logMu.Lock()
	if n > 1 && now.Sub(p.logAt) < dropLogEvery {
		p.logMu.Unlock()
		return
	}
	p.logAt = now
	p.logMu.Unlock()
	p.logged.Store(n)
	s.log.Warn("wire: iopub subscriber stalled; dropping its messages (other clients are not affected)",
		"peer", p.remote, "dropped", n)
}

// readSubscriptions is the reader of a PUB connection: it tracks the
// subscriber's subscriptions (ZMTP 3.0 messages \x01topic / \x00topic, or
// ZMTP 3.1 SUBSCRIBE/CANCEL commands) and welcomes each new one.
func (k *socket) readSubscriptions(p *peer) {
	for {
		frames, cmd, err := readMsgLimit(p.br, 0, maxSubscriptionMessage, nil)
		if err != nil {
			k.readFailed(p, err)
			return
		}
		var topic []byte
		var sub bool
		switch {
		case cmd:
			name, body, ok := parseCommand(frames[0])
			if !ok {
				continue
			}
			switch name {
			case "SUBSCRIBE":
				topic, sub = body, true
			case "CANCEL":
				topic = body
			default:
				continue
			}
		case len(frames) == 1 && len(frames[0]) > 0 && frames[0][0] <= 1:
			topic, sub = frames[0][1:], frames[0][0] == 1
		default:
			continue // SUB peers send nothing else; ignore
		}
		if !sub {
			p.unsubscribe(topic)
			continue
		}
		p.subscribe(topic)
		if err := k.welcome(p, topic); err != nil {
			return
		}
	}
}

// welcome sends an iopub_welcome message (JEP 65) to the subscriber only,
// so a client knows its subscription is in place.
func (k *socket) welcome(p *peer, topic []byte) error {
	m, err := protocol.NewMessage(protocol.IOPubWelcome, k.s.session, nil,
		protocol.IOPubWelcomeContent{Subscription: string(topic)})
	if err != nil {
		return nil
	}
	if len(topic) > 0 {
		m.Identities = [][]byte{topic}
	}
	frames, size, _ := encode(m, k.s.signer)
	if !p.offer(outMsg{frames: frames, size: size}, k.s.queueMsgs, k.s.queueBytes) {
		k.s.slowSubscriber(p)
	}
	return nil
}

func parseCommand(b []byte) (name string, body []byte, ok bool) {
	if len(b) == 0 || int(b[0]) > len(b)-1 {
		return "", nil, false
	}
	n := int(b[0])
	return string(b[1 : 1+n]), b[1+n:], true
}
