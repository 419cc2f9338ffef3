package wire

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"sync"
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
	defaultStall = 30 * time.Second // a peer that reads nothing this long is dropped
	// an iopub subscriber whose full queue has not moved this long loses
	// messages instead of holding back publishing (see socket.publish)
	defaultStalledAfter = 2 * time.Second
	defaultHandshake    = 10 * time.Second
	defaultQueueMsgs    = 1000     // like libzmq's default SNDHWM
	defaultQueueSize    = 16 << 20 // bytes queued per peer (a single larger message is still admitted)
	replayWindow        = 1 << 15  // signatures remembered for replay detection
	originWindow        = 1 << 12  // requests per ROUTER socket whose connection is remembered
	incomingBuffer      = 64
	batchMsgs           = 64
	batchBytes          = 1 << 20
)

// Server owns the five kernel sockets. See the package documentation for
// its goroutines and their lifetimes.
type Server struct {
	log    *slog.Logger
	info   ConnectionInfo
	signer *signer
	replay *replaySet
	// bytes being read from connections not yet authenticated (budget.go)
	unverified *budget
	session    string // the kernel's session: the header session of every message sent

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
	stall        time.Duration
	stalledAfter time.Duration
	handshakeT   time.Duration
	queueMsgs    int
	queueBytes   int
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
		log:          log,
		info:         info,
		signer:       newSigner([]byte(info.Key)),
		replay:       newReplaySet(replayWindow),
		unverified:   newBudget(unverifiedBudget),
		session:      protocol.NewID(),
		in:           make(chan Incoming, incomingBuffer),
		done:         make(chan struct{}),
		conns:        make(map[net.Conn]struct{}),
		stall:        defaultStall,
		stalledAfter: defaultStalledAfter,
		handshakeT:   defaultHandshake,
		queueMsgs:    defaultQueueMsgs,
		queueBytes:   defaultQueueSize,
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
// there are no identities). All subscribers see the published messages in
// one order. While a subscriber's queue is full, Send waits as long as that
// subscriber keeps reading (back-pressure, so output is not lost for a
// client that is merely slower than the cell); a subscriber that stopped
// reading (its full queue did not move for 2 s) loses the messages it cannot
// take, counted and logged, and is never waited for again until it reads.
// One that reads nothing for the stall timeout (30 s) is disconnected. With
// no subscriber, the message is discarded, as with any PUB socket.
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
	stamped := *m
	stamped.Header.Session = s.session
	frames, size, err := encode(&stamped, s.signer)
	if err != nil {
		return fmt.Errorf("wire: %s %s metadata: %w", ch, m.Header.MsgType, err)
	}
	if ch == IOPub {
		return k.publish(outMsg{frames: frames, size: size})
	}
	return k.route(frames[0], originKey(m.Parent), outMsg{frames: frames[1:], size: size - len(frames[0])})
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
