package wire

import (
	"crypto/sha256"
	"sync"
)

// replaySet remembers the last n signatures (FIFO) to reject replays.
type replaySet struct {
	mu   sync.Mutex
	n    int
	seen map[[sha256.Size]byte]struct{}
	ring [][sha256.Size]byte
	next int
}

func newReplaySet(n int) *replaySet {
	return &replaySet{n: n, seen: make(map[[sha256.Size]byte]struct{})}
}

// add records d; false if d was already recorded.
func (r *replaySet) add(d [sha256.Size]byte) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.seen[d]; dup {
		return false
	}
	if len(r.ring) < r.n {
		r.ring = append(r.ring, d)
	} else {
		delete(r.seen, r.ring[r.next])
		r.ring[r.next] = d
		r.next = (r.next + 1) % r.n
	}
	r.seen[d] = struct{}{}
	return true
}

// originMap remembers which connection sent each of the last n requests
// (by msg_id), so that replies go back to that very connection even when
// several connections share one identity (clients of one KernelManager
// share its session, and so their identity).
type originMap struct {
	mu   sync.Mutex
	n    int
	m    map[string]*peer
	ring []string
	next int
}

func newOriginMap(n int) *originMap {
	return &originMap{n: n, m: make(map[string]*peer)}
}

func (o *originMap) put(msgID string, p *peer) {
	if msgID == "" {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, ok := o.m[msgID]; ok {
		o.m[msgID] = p
		return
	}
	if len(o.ring) < o.n {
		o.ring = append(o.ring, msgID)
	} else {
		delete(o.m, o.ring[o.next])
		o.ring[o.next] = msgID
		o.next = (o.next + 1) % o.n
	}
	o.m[msgID] = p
}

func (o *originMap) get(msgID string) *peer {
	if msgID == "" {
		return nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.m[msgID]
}
