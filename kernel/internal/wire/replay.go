package wire

import (
	"crypto/sha256"
	"sync"

	"golessons/kernel/internal/protocol"
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

// originKey identifies a request for originMap: its msg_id, and also its
// type and date, because msg_ids are unique only per client Session object:
// two clients of one KernelManager share its session id and both number
// their messages <session>_<pid>_0, _1, ..., so their requests carry the
// same msg_ids (and the same routing identity).
func originKey(h protocol.Header) string {
	if h.MsgID == "" {
		return ""
	}
	return h.MsgID + "\x00" + string(h.MsgType) + "\x00" + h.Date
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
