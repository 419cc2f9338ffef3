package wire

import (
	"bufio"
	"errors"
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
