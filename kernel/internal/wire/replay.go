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
