package wire

import (
	"bufio"
	"bytes"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// outMsg is one queued message: its frames (without routing identity for
// ROUTER peers) and their total size.
type outMsg struct {
	frames [][]byte
	size   int
	cmd    bool
}

// peer is one connection of a socket. Its reader is the goroutine that
// accepted it (serveConn); its only writer is writeLoop, fed by the bounded
// queue below.
type peer struct {
	nc     net.Conn
	br     *bufio.Reader
	remote string
	id     []byte // ROUTER routing identity

	mu     sync.Mutex
	queue  []outMsg // pending messages, queue[head:]
	head   int
	qbytes int
	space  chan struct{} // closed when the writer frees room; nil if nobody waits
	killed bool

	// unsent counts messages queued but not yet written, so Close can
	// linger until replies already sent by the kernel have left.
	unsent atomic.Int64

	// progress is when the writer last took messages off the queue, or
	// when the empty queue got a message (unix ns): a subscriber whose full
	// queue has not moved for a while is stalled, and publishing stops
	// waiting for it (socket.publish).
	progress atomic.Int64
	taken    atomic.Int64 // bytes taken at progress: their write may take a while
	// stalled: the subscriber lost a message and has not caught up since
	// (its writer has not emptied the queue); nobody waits for it meanwhile.
	stalled atomic.Bool

	// PUB: messages this subscriber was too slow to receive, and the
	// count already logged.
	dropped atomic.Int64
	logged  atomic.Int64
	logMu   sync.Mutex
	logAt   time.Time

	wake chan struct{} // capacity 1: wakes the writer
	dead chan struct{} // closed by kill

	// PUB subscriptions (multiset, as in ZMQ)
	subMu  sync.Mutex
	subs   map[string]int
	nAll   atomic.Int32 // count of "" (everything) subscriptions
	nTotal atomic.Int32
}

// enqueue appends m, waiting while the queue holds maxMsgs messages or
// maxBytes bytes (an empty queue always takes one message). It fails with
// errPeerGone when the peer dies and ErrClosed when done is closed.
func (p *peer) enqueue(m outMsg, maxMsgs, maxBytes int, done <-chan struct{}) error {
	for {
		p.mu.Lock()
		if p.killed {
			p.mu.Unlock()
			return errPeerGone
		}
		n := len(p.queue) - p.head
		if n == 0 || (n < maxMsgs && p.qbytes+m.size <= maxBytes) {
			p.queue = append(p.queue, m)
			p.qbytes += m.size
			p.unsent.Add(1)
			p.mu.Unlock()
			select {
			case p.wake <- struct{}{}:
			default:
			}
			return nil
		}
		if p.space == nil {
			p.space = make(chan struct{})
		}
		space := p.space
		p.mu.Unlock()
		select {
		case <-space:
		case <-p.dead:
			return errPeerGone
		case <-done:
			return ErrClosed
		}
	}
}

// offer appends m if the queue has room (an empty queue always takes one
// message) and reports whether it did; it never waits. A dead peer takes
// everything, as there is nobody left to lose it.
func (p *peer) offer(m outMsg, maxMsgs, maxBytes int) bool {
	p.mu.Lock()
	if p.killed {
		p.mu.Unlock()
		return true
	}
	n := len(p.queue) - p.head
	if n != 0 && (n >= maxMsgs || p.qbytes+m.size > maxBytes) {
		p.mu.Unlock()
		return false
	}
	if n == 0 {
		// An idle writer is not a stalled one: the clock starts now.
		p.progress.Store(time.Now().UnixNano())
	}
	p.queue = append(p.queue, m)
	p.qbytes += m.size
	p.unsent.Add(1)
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
	return true
}

// offerWithin is offer that, while the queue is full, waits for room as
// long as the writer keeps taking messages: until grace, plus 1 s per MiB
// it took then (as the write deadline allows), has passed since it last
// did. false: the peer is stalled and m was not queued.
func (p *peer) offerWithin(m outMsg, maxMsgs, maxBytes int, grace time.Duration, done <-chan struct{}) bool {
	for !p.offer(m, maxMsgs, maxBytes) {
		allowed := grace + time.Duration(p.taken.Load()>>20)*time.Second
		wait := time.Until(time.Unix(0, p.progress.Load()).Add(allowed))
		if wait <= 0 || p.stalled.Load() {
			p.stalled.Store(true)
			return false
		}
		p.mu.Lock()
		if p.space == nil {
			p.space = make(chan struct{})
		}
		space := p.space
		p.mu.Unlock()
		t := time.NewTimer(wait)
		select {
		case <-space:
		case <-t.C:
		case <-p.dead:
		case <-done:
			t.Stop()
			return false
		}
		t.Stop()
	}
	return true
}

// take moves up to maxMsgs messages (and about maxBytes) into buf, waking
// blocked senders; more reports whether messages remain.
func (p *peer) take(buf []outMsg, maxMsgs, maxBytes int) (_ []outMsg, more bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	size := 0
	for p.head < len(p.queue) && len(buf) < maxMsgs {
		m := p.queue[p.head]
		if len(buf) > 0 && size+m.size > maxBytes {
			break
		}
		buf = append(buf, m)
		size += m.size
		p.queue[p.head] = outMsg{}
		p.head++
	}
	p.qbytes -= size
	if len(buf) > 0 {
		p.taken.Store(int64(size))
		p.progress.Store(time.Now().UnixNano())
	}
	switch {
	case p.head == len(p.queue):
		p.queue, p.head = p.queue[:0], 0
	case p.head >= 1024 && 2*p.head >= len(p.queue):
		n := copy(p.queue, p.queue[p.head:])
		clear(p.queue[n:])
		p.queue, p.head = p.queue[:n], 0
	}
	if len(buf) > 0 && p.space != nil {
		close(p.space)
		p.space = nil
	}
	return buf, p.head < len(p.queue)
}

// kill marks the peer dead, releases waiting senders and closes the
// connection, which ends its reader and writer. Idempotent.
func (p *peer) kill() {
	p.mu.Lock()
	if p.killed {
		p.mu.Unlock()
		return
	}
	p.killed = true
	close(p.dead)
	if p.space != nil {
		close(p.space)
		p.space = nil
	}
	clear(p.queue)
	p.queue, p.head, p.qbytes = nil, 0, 0
	p.mu.Unlock()
	p.nc.Close()
}

func (p *peer) isDead() bool {
	select {
	case <-p.dead:
		return true
	default:
		return false
	}
}

func (p *peer) subscribe(topic []byte) {
	p.subMu.Lock()
	p.subs[string(topic)]++
	p.subMu.Unlock()
	if len(topic) == 0 {
		p.nAll.Add(1)
	}
	p.nTotal.Add(1)
}

func (p *peer) unsubscribe(topic []byte) {
	p.subMu.Lock()
	defer p.subMu.Unlock()
	n, ok := p.subs[string(topic)]
	if !ok {
		return
	}
	if n <= 1 {
		delete(p.subs, string(topic))
	} else {
		p.subs[string(topic)] = n - 1
	}
	if len(topic) == 0 {
		p.nAll.Add(-1)
	}
	p.nTotal.Add(-1)
}

// matches reports whether a subscription of p prefixes topic.
func (p *peer) matches(topic []byte) bool {
	if p.nAll.Load() > 0 {
		return true
	}
	if p.nTotal.Load() == 0 {
		return false
	}
	p.subMu.Lock()
	defer p.subMu.Unlock()
	for t := range p.subs {
		if bytes.HasPrefix(topic, []byte(t)) {
			return true
		}
	}
	return false
}
