package wire

import (
	"context"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"golessons/kernel/internal/protocol"
)

// TestRouterSharedIdentityCollidingMsgIDs: two clients of one
// KernelManager share its session, hence their routing identity and their
// msg_id sequence (<session>_<pid>_<n>). A long request of one and a quick
// request of the other with the same msg_id each get their own reply.
func TestRouterSharedIdentityCollidingMsgIDs(t *testing.T) {
	s, _ := startServer(t, key, nil)
	id := zmq4.WithID(zmq4.SocketIdentity("shared-session"))
	a := zmq4.NewDealer(context.Background(), id)
	dial(t, a, s, Shell)
	b := zmq4.NewDealer(context.Background(), id)
	dial(t, b, s, Shell)
	waitPeers(t, s, Shell, "shared-session", 2)

	exec := request(t, protocol.ExecuteRequest, protocol.ExecuteRequestContent{Code: "1"})
	exec.Header.MsgID = "session_42_2"
	sendFrames(t, a, Encode(exec, []byte(key)))
	inExec := incoming(t, s, 5*time.Second)
	info := request(t, protocol.KernelInfoRequest, nil)
	info.Header.MsgID = "session_42_2" // the other client's counter is at 2 too
	sendFrames(t, b, Encode(info, []byte(key)))
	inInfo := incoming(t, s, 5*time.Second)

	// The quick request is answered first, the long one later.
	for _, c := range []struct {
		in   Incoming
		typ  protocol.MsgType
		to   zmq4.Socket
		want protocol.MsgType
	}{{inInfo, protocol.KernelInfoReply, b, protocol.KernelInfoRequest}, {inExec, protocol.ExecuteReply, a, protocol.ExecuteRequest}} {
		reply, _ := c.in.Msg.Reply(c.typ, nil)
		if err := s.Send(Shell, reply); err != nil {
			t.Fatal(err)
		}
		m, err := Decode(recvTimeout(t, c.to, 5*time.Second).Frames, []byte(key))
		if err != nil || m.Parent.MsgType != c.want {
			t.Fatalf("%s went to the wrong client: %+v %v", c.typ, m, err)
		}
	}
}
