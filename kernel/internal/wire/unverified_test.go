package wire

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"golessons/kernel/internal/protocol"
)

// TestUnverifiedPeerBounded: a peer that has not sent one correctly signed
// message cannot send a message over maxUnverifiedMessage: its connection
// is closed and logged, and the bytes it sent are given back to the budget.
// A peer that has proved the key may then send large messages.
func TestUnverifiedPeerBounded(t *testing.T) {
	s, logs := startServer(t, key, nil)

	forger := zmq4.NewDealer(context.Background())
	dial(t, forger, s, Shell)
	big := request(t, protocol.ExecuteRequest, protocol.ExecuteRequestContent{Code: strings.Repeat("x", 2*maxUnverifiedMessage)})
	// The kernel may close the connection before the forger has written
	// it all; a failed send is what the forger should get.
	forger.Send(zmq4.NewMsgFrom(Encode(big, []byte("not the key"))...)) //nolint:errcheck
	noIncoming(t, s, 300*time.Millisecond)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), "not yet authenticated") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "not yet authenticated") {
		t.Fatalf("oversized unauthenticated message not logged:\n%s", logs)
	}
	if left := s.unverified.left.Load(); left != unverifiedBudget {
		t.Errorf("budget left %d, want all %d back", left, unverifiedBudget)
	}

	client := zmq4.NewDealer(context.Background())
	dial(t, client, s, Shell)
	small := request(t, protocol.KernelInfoRequest, nil)
	sendFrames(t, client, Encode(small, []byte(key)))
	if in := incoming(t, s, 5*time.Second); in.Msg.Header.MsgID != small.Header.MsgID {
		t.Fatalf("got %s", in.Msg.Header.MsgType)
	}
	sendFrames(t, client, Encode(big, []byte(key)))
	if in := incoming(t, s, 10*time.Second); in.Msg.Header.MsgID != big.Header.MsgID {
		t.Fatalf("got %s", in.Msg.Header.MsgType)
	}
}

func TestBudget(t *testing.T) {
	b := newBudget(10)
	if !b.take(6) || b.take(5) || !b.take(4) || b.take(1) {
		t.Fatal("take does not respect the allowance")
	}
	b.release(10)
	if !b.take(10) {
		t.Fatal("released bytes not available again")
	}
	var nilBudget *budget
	nilBudget.release(3) // no budget: nothing to give back
}
