package wire

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-zeromq/zmq4"

	"golessons/kernel/internal/protocol"
)

// socket is one listening endpoint (one Jupyter channel) and its connected
// peers: it accepts connections, reads requests or subscriptions, and routes,
// publishes or echoes messages. The Server owns one per channel.
type socket struct {
	s  *Server
	ch Channel
	ln net.Listener

	nconns atomic.Int32 // open connections

	mu      sync.RWMutex
	byID    map[string][]*peer // ROUTER: identity → live peers, newest last
	idSeq   uint32             // ROUTER: for generated identities
	origins *originMap         // ROUTER: which connection sent a recent request

	// PUB
	pubMu sync.Mutex              // serializes publishers: one order for all subscribers
	subs  atomic.Pointer[[]*peer] // copy-on-write list of subscribers
}

func newSocket(s *Server, ch Channel, ln net.Listener) *socket {
	k := &socket{s: s, ch: ch, ln: ln}
	if ch.socketType() == zmq4.Router {
		k.byID = make(map[string][]*peer)
		k.origins = newOriginMap(originWindow)
		var seed [4]byte
		copy(seed[:], protocol.NewID())
		k.idSeq = uint32(seed[0])<<24 | uint32(seed[1])<<16 | uint32(seed[2])<<8 | uint32(seed[3])
	}
	empty := []*peer{}
	k.subs.Store(&empty)
	return k
}

// acceptLoop accepts connections until the listener is closed (Close).
func (k *socket) acceptLoop() {
	defer k.s.wg.Done()
	var backoff time.Duration
	for {
		nc, err := k.ln.Accept()
		if err != nil {
			if k.s.isClosing() || errors.Is(err, net.ErrClosed) {
				return
			}
			// e.g. EMFILE: wait a little so that we do not spin.
			backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
			k.s.log.Warn("wire: accept", "channel", k.ch.String(), "err", err)
			select {
			case <-time.After(backoff):
			case <-k.s.done:
				return
			}
			continue
		}
		backoff = 0
		if k.nconns.Add(1) > maxConnsPerSocket {
			k.nconns.Add(-1)
			nc.Close()
			if ok, suppressed := k.s.drops.allow(time.Now()); ok {
				k.s.log.Warn("wire: too many connections; new one closed", "channel", k.ch.String(),
					"limit", maxConnsPerSocket, "suppressed", suppressed)
			}
			continue
		}
		if !k.s.track(nc) {
			nc.Close()
			return
		}
		k.s.wg.Add(1)
		go k.serveConn(nc)
	}
}

// serveConn handshakes and then serves one connection; it ends when the
// connection fails or is closed (peer gone, write stall, or Close).
func (k *socket) serveConn(nc net.Conn) {
	s := k.s
	defer s.wg.Done()
	defer k.nconns.Add(-1)
	defer s.untrack(nc)
	defer nc.Close()
	remote := nc.RemoteAddr().String()
	zc, err := handshake(nc, k.ch.socketType(), s.handshakeT)
	if err != nil {
		if !s.isClosing() {
			s.log.Debug("wire: handshake failed", "channel", k.ch.String(), "peer", remote, "err", err)
		}
		return
	}
	p := &peer{
		nc:     nc,
		remote: remote,
		br:     bufio.NewReaderSize(nc, 64<<10),
		wake:   make(chan struct{}, 1),
		dead:   make(chan struct{}),
	}
	switch k.ch.socketType() {
	case zmq4.Rep:
		k.echo(p)
		return
	case zmq4.Router:
		p.id = []byte(zc.Peer.Meta["Identity"])
		if len(p.id) == 0 {
			p.id = k.newIdentity()
		}
	case zmq4.Pub:
		p.subs = make(map[string]int)
	}
	k.add(p)
	s.log.Debug("wire: peer connected", "channel", k.ch.String(), "peer", remote)
	s.wg.Add(1)
	go k.writeLoop(p)
	if k.ch == IOPub {
		k.readSubscriptions(p)
	} else {
		k.readRequests(p)
	}
	k.remove(p)
	s.log.Debug("wire: peer disconnected", "channel", k.ch.String(), "peer", remote)
	if n := p.dropped.Load(); n > p.logged.Load() {
		s.log.Warn("wire: iopub subscriber gone; messages dropped while it was stalled",
			"peer", remote, "dropped", n)
	}
}

// newIdentity makes a routing identity for a peer that sent none: a zero
// byte and a 32-bit counter, like libzmq (applications may not use
// identities that start with a zero byte).
func (k *socket) newIdentity() []byte {
	k.mu.Lock()
	k.idSeq++
	n := k.idSeq
	k.mu.Unlock()
	return []byte{0, byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}
}

func (k *socket) add(p *peer) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.byID != nil {
		id := string(p.id)
		k.byID[id] = append(k.byID[id], p)
	}
	if k.ch == IOPub {
		old := *k.subs.Load()
		subs := make([]*peer, len(old), len(old)+1)
		copy(subs, old)
		subs = append(subs, p)
		k.subs.Store(&subs)
	}
}

func (k *socket) remove(p *peer) {
	p.kill()
	p.br = nil // the reader has ended; recent-request entries may still point here
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.byID != nil {
		id := string(p.id)
		ps := k.byID[id]
		for i, q := range ps {
			if q == p {
				ps = append(ps[:i:i], ps[i+1:]...)
				break
			}
		}
		if len(ps) == 0 {
			delete(k.byID, id)
		} else {
			k.byID[id] = ps
		}
	}
	if k.ch == IOPub {
		old := *k.subs.Load()
		subs := make([]*peer, 0, len(old))
		for _, q := range old {
			if q != p {
				subs = append(subs, q)
			}
		}
		k.subs.Store(&subs)
	}
}

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

func (k *socket) readFailed(p *peer, err error) {
	if k.s.isClosing() || errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) {
		return
	}
	select {
	case <-p.dead:
		return // closed on our side (write failure already logged)
	default:
	}
	k.s.log.Warn("wire: connection dropped", "channel", k.ch.String(), "peer", p.remote, "err", err)
}

// writeLoop is the only writer of a ROUTER or PUB connection. It ends when
// the peer is killed (reader ended, write failed or stalled, or Close).
func (k *socket) writeLoop(p *peer) {
	defer k.s.wg.Done()
	var bw batchWriter
	batch := make([]outMsg, 0, batchMsgs)
	for {
		select {
		case <-p.wake:
		case <-p.dead:
			return
		}
		for {
			var more bool
			batch, more = p.take(batch[:0], batchMsgs, batchBytes)
			if len(batch) == 0 {
				break
			}
			err := bw.write(p.nc, batch, k.s.stall)
			p.unsent.Add(-int64(len(batch)))
			clear(batch)
			if err != nil {
				if !k.s.isClosing() && !p.isDead() {
					k.s.log.Warn("wire: write failed, disconnecting peer", "channel", k.ch.String(), "peer", p.remote, "err", err)
				}
				p.kill()
				return
			}
			if !more {
				p.stalled.Store(false) // caught up
				break
			}
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

// echo serves a heartbeat (REP) connection in its own goroutine: every
// message is written straight back (for a REQ peer the envelope is the empty
// delimiter, so echoing the whole message is the REP reply). It waits on
// nothing but this connection and ends when the connection fails or Close
// closes it.
func (k *socket) echo(p *peer) {
	var bw batchWriter
	msgs := make([]outMsg, 1)
	for {
		frames, cmd, err := readMsgLimit(p.br, 0, maxHeartbeatMessage, nil)
		if err != nil {
			k.readFailed(p, err)
			return
		}
		if cmd {
			continue
		}
		msgs[0] = outMsg{frames: frames}
		for _, f := range frames {
			msgs[0].size += len(f)
		}
		if err := bw.write(p.nc, msgs, k.s.stall); err != nil {
			if !k.s.isClosing() {
				k.s.log.Warn("wire: heartbeat write failed", "peer", p.remote, "err", err)
			}
			return
		}
	}
}

// peers lists the socket's live connections (ROUTER peers and PUB subscribers).
func (k *socket) peers() []*peer {
	var out []*peer
	k.mu.RLock()
	for _, ps := range k.byID {
		out = append(out, ps...)
	}
	k.mu.RUnlock()
	if subs := k.subs.Load(); subs != nil {
		out = append(out, *subs...)
	}
	return out
}
