package wire

import "sync/atomic"

// Bounds on what a peer that has not proved it knows the key can make the
// kernel hold. Until a connection's first message verifies, each of its
// messages may be at most maxUnverifiedMessage bytes, and all such
// connections together hold at most unverifiedBudget bytes of messages
// being read; a connection over either bound is closed (and logged). After
// one verified message, a connection has the ordinary maxMessageSize. iopub and
// heartbeat peers never authenticate: their messages are bounded by
// maxSubscriptionMessage and maxHeartbeatMessage.
const (
	maxUnverifiedMessage   = 1 << 20
	unverifiedBudget       = 32 << 20
	maxSubscriptionMessage = 64 << 10
	maxHeartbeatMessage    = 64 << 10
	// maxConnsPerSocket bounds each socket's open connections (each holds
	// a read buffer and goroutines); more are closed at once and logged.
	maxConnsPerSocket = 1024
)

// budget is a shared allowance of bytes.
type budget struct {
	left atomic.Int64
}

func newBudget(n int64) *budget {
	b := &budget{}
	b.left.Store(n)
	return b
}

// take reserves n bytes; false (nothing reserved) if fewer are left.
func (b *budget) take(n int64) bool {
	for {
		left := b.left.Load()
		if left < n {
			return false
		}
		if b.left.CompareAndSwap(left, left-n) {
			return true
		}
	}
}

func (b *budget) release(n int64) {
	if b != nil && n != 0 {
		b.left.Add(n)
	}
}
