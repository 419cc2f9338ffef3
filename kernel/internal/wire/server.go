package wire

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-zeromq/zmq4"

	"golessons/kernel/internal/protocol"
)

// Channel names one of the five kernel sockets.
type Channel int

// The kernel's channels.
const (
	Shell Channel = iota
	Control
	Stdin
	IOPub
	Heartbeat
)

var channels = [...]Channel{Shell, Control, Stdin, IOPub, Heartbeat}

func (c Channel) String() string {
	switch c {
	case Shell:
		return "shell"
	case Control:
		return "control"
	case Stdin:
		return "stdin"
	case IOPub:
		return "iopub"
	case Heartbeat:
		return "hb"
	}
	return fmt.Sprintf("Channel(%d)", int(c))
}

func (c Channel) socketType() zmq4.SocketType {
	switch c {
	case IOPub:
		return zmq4.Pub
	case Heartbeat:
		return zmq4.Rep
	}
	return zmq4.Router
}

// Incoming is a verified, decoded request from a shell, control or stdin
// client. Msg.Identities[0] is the peer's routing identity.
type Incoming struct {
	Channel Channel
	Msg     *protocol.Message
}

// Errors of Send.
var (
	// ErrClosed: the server is closed.
	ErrClosed = errors.New("wire: server closed")
	// ErrNoPeer: no connected peer has the message's routing identity (the
	// client went away); the message was not sent.
	ErrNoPeer = errors.New("wire: no peer with that identity")
	// ErrNoIdentity: a message for a ROUTER channel has no identities.
	ErrNoIdentity = errors.New("wire: message has no routing identity")
	// ErrBadChannel: Send on the heartbeat channel or an unknown channel.
	ErrBadChannel = errors.New("wire: cannot send on this channel")

	errPeerGone = errors.New("wire: peer disconnected")
)

// Defaults of the tunables (tests shorten some).
const (
	defaultStall     = 30 * time.Second // a peer that reads nothing this long is dropped
	defaultHandshake = 10 * time.Second
	defaultQueueMsgs = 1000     // like libzmq's default SNDHWM
	defaultQueueSize = 16 << 20 // bytes queued per peer (a single larger message is still admitted)
	replayWindow     = 1 << 15  // signatures remembered for replay detection
	originWindow     = 1 << 12  // requests per ROUTER socket whose connection is remembered
	incomingBuffer   = 64
	batchMsgs        = 64
	batchBytes       = 1 << 20
)

// Server owns the five kernel sockets. See the package documentation for
// its goroutines and their lifetimes.
type Server struct {
	log     *slog.Logger
	info    ConnectionInfo
	signer  *signer
	replay  *replaySet
	session string // session of the iopub_welcome messages

	in   chan Incoming
	done chan struct{} // closed when shutdown starts

	sockets [len(channels)]*socket

	mu      sync.Mutex
	conns   map[net.Conn]struct{} // every accepted connection, for shutdown
	closing bool

	wg        sync.WaitGroup
	closeOnce sync.Once
	stopCtx   func() bool

	drops limiter

	// tunables
	stall      time.Duration
	handshakeT time.Duration
	queueMsgs  int
	queueBytes int
}

// Listen binds the five sockets of info (only to info.IP) and serves them
// until Close or until ctx is done. Ports given as 0 are chosen by the
// system; Info reports the actual ones. log may be nil.
func Listen(ctx context.Context, info ConnectionInfo, log *slog.Logger) (*Server, error) {
	return listen(ctx, info, log, nil)
}

func listen(ctx context.Context, info ConnectionInfo, log *slog.Logger, tune func(*Server)) (*Server, error) {
	info = info.withDefaults()
	if err := info.validate(); err != nil {
		return nil, fmt.Errorf("wire: %w", err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		log:        log,
		info:       info,
		signer:     newSigner([]byte(info.Key)),
		replay:     newReplaySet(replayWindow),
		session:    protocol.NewID(),
		in:         make(chan Incoming, incomingBuffer),
		done:       make(chan struct{}),
		conns:      make(map[net.Conn]struct{}),
		stall:      defaultStall,
		handshakeT: defaultHandshake,
		queueMsgs:  defaultQueueMsgs,
		queueBytes: defaultQueueSize,
	}
	if tune != nil {
		tune(s)
	}
	for _, ch := range channels {
		ln, err := s.bind(ch)
		if err != nil {
			for _, k := range s.sockets {
				if k != nil {
					k.ln.Close()
				}
			}
			return nil, fmt.Errorf("wire: listen %s on %s: %w", ch, info.Endpoint(ch), err)
		}
		s.sockets[ch] = newSocket(s, ch, ln)
	}
	for _, k := range s.sockets {
		s.wg.Add(1)
		go k.acceptLoop()
	}
	stop := context.AfterFunc(ctx, func() { s.Close() })
	s.mu.Lock()
	s.stopCtx = stop
	s.mu.Unlock()
	log.Info("wire: listening", "conn", s.info)
	return s, nil
}

func (s *Server) bind(ch Channel) (net.Listener, error) {
	port := s.info.Port(ch)
	if s.info.Transport == "ipc" {
		if port == 0 {
			for port = 1; port < 65535; port++ {
				if _, err := os.Stat(s.info.ipcPath(port)); err != nil {
					break // free (or unusable: Listen reports why)
				}
			}
		}
		ln, err := net.Listen("unix", s.info.ipcPath(port))
		if err == nil {
			s.info.setPort(ch, port)
		}
		return ln, err
	}
	host := s.info.IP
	if host == "*" {
		host = ""
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, fmt.Sprint(port)))
	if err != nil {
		return nil, err
	}
	s.info.setPort(ch, ln.Addr().(*net.TCPAddr).Port)
	return ln, nil
}

// Info returns the connection info with the ports actually bound.
func (s *Server) Info() ConnectionInfo { return s.info }

// Incoming returns the verified, decoded requests of the shell, control and
// stdin channels, in arrival order per connection. It is closed when the
// server has shut down (Close or ctx done) and every reader has stopped.
// Readers block (and so apply back-pressure to clients) while it is full.
func (s *Server) Incoming() <-chan Incoming { return s.in }

// Send signs m and queues it on channel ch; it is safe for concurrent use.
//
// On shell, control and stdin (ROUTER), m.Identities[0] selects the peer
// (the newest connection with that identity); the other identities are sent
// as the routing prefix. ErrNoPeer means that peer is gone.
//
// On iopub (PUB), m is published to every subscriber whose subscription
// prefixes the topic (the first frame: m.Identities[0], or the delimiter when
// there are no identities). All subscribers see all published messages in one
// order. Send blocks while a subscriber's queue is full (back-pressure); a
// subscriber that reads nothing for the stall timeout (30 s) is disconnected
// and logged, never silently skipped. With no subscriber, the message is
// discarded, as with any PUB socket.
//
// Send returns once the message is queued; m's byte slices must not be
// modified afterwards.
func (s *Server) Send(ch Channel, m *protocol.Message) error {
	if int(ch) < 0 || int(ch) >= len(s.sockets) || ch == Heartbeat {
		return ErrBadChannel
	}
	if s.isClosing() {
		return ErrClosed
	}
	k := s.sockets[ch]
	if ch == IOPub {
		if len(*k.subs.Load()) == 0 {
			return nil // nobody listens: no need to sign
		}
	} else if len(m.Identities) == 0 {
		return ErrNoIdentity
	}
	frames, size, err := encode(m, s.signer)
	if err != nil {
		return fmt.Errorf("wire: %s %s metadata: %w", ch, m.Header.MsgType, err)
	}
	if ch == IOPub {
		return k.publish(outMsg{frames: frames, size: size})
	}
	return k.route(frames[0], m.Parent.MsgID, outMsg{frames: frames[1:], size: size - len(frames[0])})
}

// Close stops the server: it closes the listeners and every connection,
// waits for all its goroutines, then closes Incoming. It is idempotent and
// returns nil.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.linger(lingerTimeout)
		s.mu.Lock()
		if s.stopCtx != nil {
			s.stopCtx()
		}
		s.closing = true
		close(s.done)
		conns := s.conns
		s.conns = nil
		s.mu.Unlock()
		for _, k := range s.sockets {
			k.ln.Close()
		}
		for c := range conns {
			c.Close()
		}
		s.wg.Wait()
		close(s.in)
		s.log.Info("wire: closed")
	})
	return nil
}

// lingerTimeout bounds how long Close waits for queued messages, as
// ZMQ_LINGER does: the shutdown_reply is sent just before Close, and a
// client that never reads must not hold the kernel's exit for long.
const lingerTimeout = time.Second

// linger waits until every live peer has written what was queued for it,
// or until timeout.
func (s *Server) linger(timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) && s.unsent() {
		time.Sleep(2 * time.Millisecond)
	}
}

func (s *Server) unsent() bool {
	for _, k := range s.sockets {
		for _, p := range k.peers() {
			if !p.isDead() && p.unsent.Load() > 0 {
				return true
			}
		}
	}
	return false
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

func (s *Server) isClosing() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// track registers an accepted connection; false if the server is closing.
func (s *Server) track(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

func (s *Server) untrack(c net.Conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
}

// dropped logs a message that was dropped, rate-limited. err never carries
// the key or a signature.
func (s *Server) dropped(ch Channel, p *peer, err error) {
	ok, suppressed := s.drops.allow(time.Now())
	if !ok {
		return
	}
	s.log.Warn("wire: dropped message", "channel", ch.String(), "peer", p.remote, "err", err.Error(), "suppressed", suppressed)
}

// ---- sockets ----

// socket is one listening endpoint and its connected peers.
type socket struct {
	s  *Server
	ch Channel
	ln net.Listener

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
	for {
		frames, cmd, err := readMsg(p.br, 1)
		if err != nil {
			k.readFailed(p, err)
			return
		}
		if cmd {
			continue // ZMTP 3.0 defines no commands after READY; ignore
		}
		frames[0] = p.id
		m, digest, err := decode(frames, s.signer)
		if err != nil {
			s.dropped(k.ch, p, err)
			continue
		}
		if s.signer != nil && !s.replay.add(digest) {
			s.dropped(k.ch, p, ErrReplay)
			continue
		}
		k.origins.put(m.Header.MsgID, p)
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

// publish queues m for every matching subscriber (see Send).
func (k *socket) publish(m outMsg) error {
	topic := m.frames[0]
	k.pubMu.Lock()
	defer k.pubMu.Unlock()
	for _, p := range *k.subs.Load() {
		if !p.matches(topic) {
			continue
		}
		if err := p.enqueue(m, k.s.queueMsgs, k.s.queueBytes, k.s.done); err == ErrClosed {
			return err
		}
		// errPeerGone: the subscriber left; the others still get m
	}
	return nil
}

// readSubscriptions is the reader of a PUB connection: it tracks the
// subscriber's subscriptions (ZMTP 3.0 messages \x01topic / \x00topic, or
// ZMTP 3.1 SUBSCRIBE/CANCEL commands) and welcomes each new one.
func (k *socket) readSubscriptions(p *peer) {
	for {
		frames, cmd, err := readMsg(p.br, 0)
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
	if err := p.enqueue(outMsg{frames: frames, size: size}, k.s.queueMsgs, k.s.queueBytes, k.s.done); err != nil {
		return err
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
		frames, cmd, err := readMsg(p.br, 0)
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

// ---- rate-limited logging ----

// limiter allows a burst of logs per second and counts the rest.
type limiter struct {
	mu         sync.Mutex
	window     time.Time
	n          int
	suppressed int
}

func (l *limiter) allow(now time.Time) (ok bool, suppressed int) {
	const perSecond = 10
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.window) >= time.Second {
		l.window, l.n = now, 0
	}
	if l.n >= perSecond {
		l.suppressed++
		return false, 0
	}
	l.n++
	suppressed, l.suppressed = l.suppressed, 0
	return true, suppressed
}
