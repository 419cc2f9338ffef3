package wire

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"golessons/kernel/internal/protocol"
)

// testLog collects log output so tests can check what was logged.
type testLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *testLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *testLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func startServer(t testing.TB, key string, tune func(*Server)) (*Server, *testLog) {
	t.Helper()
	logs := &testLog{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	info := ConnectionInfo{IP: "127.0.0.1", Key: key}
	s, err := listen(context.Background(), info, log, tune)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		if t.Failed() {
			t.Logf("server log:\n%s", logs)
		}
	})
	return s, logs
}

func dial(t testing.TB, sock zmq4.Socket, s *Server, ch Channel) {
	t.Helper()
	if err := sock.Dial(s.Info().Endpoint(ch)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sock.Close() })
}

func request(t testing.TB, typ protocol.MsgType, content any) *protocol.Message {
	t.Helper()
	m, err := protocol.NewMessage(typ, "client-session", nil, content)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// recvTimeout receives from a zmq4 socket or fails after d.
func recvTimeout(t testing.TB, sock zmq4.Socket, d time.Duration) zmq4.Msg {
	t.Helper()
	type result struct {
		m   zmq4.Msg
		err error
	}
	c := make(chan result, 1)
	go func() { m, err := sock.Recv(); c <- result{m, err} }()
	select {
	case r := <-c:
		if r.err != nil {
			t.Fatalf("recv: %v", r.err)
		}
		return r.m
	case <-time.After(d):
		t.Fatalf("recv: nothing within %v", d)
	}
	return zmq4.Msg{}
}

func incoming(t testing.TB, s *Server, d time.Duration) Incoming {
	t.Helper()
	select {
	case in, ok := <-s.Incoming():
		if !ok {
			t.Fatal("Incoming closed")
		}
		return in
	case <-time.After(d):
		t.Fatalf("no incoming message within %v", d)
	}
	return Incoming{}
}

func noIncoming(t testing.TB, s *Server, d time.Duration) {
	t.Helper()
	select {
	case in := <-s.Incoming():
		t.Fatalf("unexpected incoming %s on %s", in.Msg.Header.MsgType, in.Channel)
	case <-time.After(d):
	}
}

func sendFrames(t testing.TB, sock zmq4.Socket, frames [][]byte) {
	t.Helper()
	if err := sock.Send(zmq4.NewMsgFrom(frames...)); err != nil {
		t.Fatal(err)
	}
}

const key = "d3adb33f-0123-4567-89ab-cdef01234567"

func TestShellRequestReply(t *testing.T) {
	s, _ := startServer(t, key, nil)
	for _, ch := range []Channel{Shell, Control} {
		t.Run(ch.String(), func(t *testing.T) {
			dealer := zmq4.NewDealer(context.Background(), zmq4.WithID(zmq4.SocketIdentity("frontend-"+ch.String())))
			dial(t, dealer, s, ch)
			req := request(t, protocol.KernelInfoRequest, nil)
			sendFrames(t, dealer, Encode(req, []byte(key)))

			in := incoming(t, s, 5*time.Second)
			if in.Channel != ch || in.Msg.Header != req.Header {
				t.Fatalf("got %s %+v", in.Channel, in.Msg.Header)
			}
			if got := string(in.Msg.Identities[0]); got != "frontend-"+ch.String() {
				t.Fatalf("identity %q", got)
			}
			reply, err := in.Msg.Reply(protocol.KernelInfoReply, protocol.GoKernelInfo("test", "banner"))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Send(ch, reply); err != nil {
				t.Fatal(err)
			}
			got := recvTimeout(t, dealer, 5*time.Second)
			m, err := Decode(got.Frames, []byte(key))
			if err != nil {
				t.Fatalf("reply does not verify: %v", err)
			}
			if m.Header.MsgType != protocol.KernelInfoReply || m.Parent != req.Header {
				t.Fatalf("reply %+v", m)
			}
			var c protocol.KernelInfoReplyContent
			if err := m.DecodeContent(&c); err != nil || c.LanguageInfo.Name != "go" || c.Status != "ok" {
				t.Fatalf("content %+v, %v", c, err)
			}
		})
	}
}

func TestStdinInputRequest(t *testing.T) {
	s, _ := startServer(t, key, nil)
	id := zmq4.WithID(zmq4.SocketIdentity("session-id"))
	shell := zmq4.NewDealer(context.Background(), id)
	stdin := zmq4.NewDealer(context.Background(), id)
	dial(t, shell, s, Shell)
	dial(t, stdin, s, Stdin)
	waitPeers(t, s, Stdin, "session-id", 1)
	sendFrames(t, shell, Encode(request(t, protocol.ExecuteRequest, protocol.ExecuteRequestContent{Code: "x", AllowStdin: true}), []byte(key)))
	exec := incoming(t, s, 5*time.Second).Msg
	ask, _ := exec.Reply(protocol.InputRequest, protocol.InputRequestContent{Prompt: "name? "})
	if err := s.Send(Stdin, ask); err != nil {
		t.Fatal(err)
	}
	m, err := Decode(recvTimeout(t, stdin, 5*time.Second).Frames, []byte(key))
	if err != nil || m.Header.MsgType != protocol.InputRequest {
		t.Fatalf("%+v %v", m, err)
	}
	ans, _ := m.Reply(protocol.InputReply, protocol.InputReplyContent{Value: "gopher"})
	sendFrames(t, stdin, Encode(ans, []byte(key)))
	in := incoming(t, s, 5*time.Second)
	var c protocol.InputReplyContent
	if in.Channel != Stdin || in.Msg.DecodeContent(&c) != nil || c.Value != "gopher" {
		t.Fatalf("%s %+v", in.Channel, c)
	}
}

func TestHeartbeatEcho(t *testing.T) {
	s, _ := startServer(t, key, nil)
	req := zmq4.NewReq(context.Background())
	dial(t, req, s, Heartbeat)
	for i := range 20 {
		ping := []byte(fmt.Sprintf("ping %d", i))
		if err := req.Send(zmq4.NewMsg(ping)); err != nil {
			t.Fatal(err)
		}
		got := recvTimeout(t, req, 5*time.Second)
		if len(got.Frames) != 1 || !bytes.Equal(got.Frames[0], ping) {
			t.Fatalf("echo %q, want %q", got.Frames, ping)
		}
	}
	// A DEALER peer gets its frames back verbatim, too.
	d := zmq4.NewDealer(context.Background())
	dial(t, d, s, Heartbeat)
	sendFrames(t, d, [][]byte{{}, []byte("a"), []byte("b")})
	if got := recvTimeout(t, d, 5*time.Second); len(got.Frames) != 3 || string(got.Frames[2]) != "b" {
		t.Fatalf("dealer echo %q", got.Frames)
	}
}

// waitSubscribed waits until the iopub socket has n subscribers with a
// subscription.
func waitSubscribed(t testing.TB, s *Server, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c := 0
		for _, p := range *s.sockets[IOPub].subs.Load() {
			if p.nTotal.Load() > 0 {
				c++
			}
		}
		if c == n {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("iopub: not %d subscribers", n)
}

func waitPeers(t testing.TB, s *Server, ch Channel, id string, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for peersWithID(s, ch, id) != n {
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d peers with identity %q, want %d", ch, peersWithID(s, ch, id), id, n)
		}
		time.Sleep(time.Millisecond)
	}
}

func peersWithID(s *Server, ch Channel, id string) int {
	k := s.sockets[ch]
	k.mu.RLock()
	defer k.mu.RUnlock()
	return len(k.byID[id])
}

func subscriberCount(s *Server) int { return len(*s.sockets[IOPub].subs.Load()) }

func newSub(t testing.TB, s *Server) zmq4.Socket {
	t.Helper()
	sub := zmq4.NewSub(context.Background())
	dial(t, sub, s, IOPub)
	if err := sub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	return sub
}

// recvIOPub receives the next iopub message, skipping iopub_welcome.
func recvIOPub(t testing.TB, sub zmq4.Socket) *protocol.Message {
	t.Helper()
	for {
		m, err := Decode(recvTimeout(t, sub, 10*time.Second).Frames, []byte(key))
		if err != nil {
			t.Fatalf("iopub message does not verify: %v", err)
		}
		if m.Header.MsgType != protocol.IOPubWelcome {
			return m
		}
	}
}

func TestIOPubDelivery(t *testing.T) {
	s, _ := startServer(t, key, nil)
	sub := newSub(t, s)
	// The first message a subscriber gets is the welcome (JEP 65).
	w, err := Decode(recvTimeout(t, sub, 5*time.Second).Frames, []byte(key))
	if err != nil || w.Header.MsgType != protocol.IOPubWelcome || string(w.Content) != `{"subscription":""}` {
		t.Fatalf("welcome: %+v %v", w, err)
	}
	parent := request(t, protocol.ExecuteRequest, nil)
	for i := range 10 {
		m, _ := parent.Child(protocol.Stream, protocol.StreamContent{Name: "stdout", Text: fmt.Sprint(i)})
		if err := s.Send(IOPub, m); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 10 {
		m := recvIOPub(t, sub)
		var c protocol.StreamContent
		if m.Header.MsgType != protocol.Stream || m.Parent != parent.Header || m.DecodeContent(&c) != nil || c.Text != fmt.Sprint(i) {
			t.Fatalf("message %d: %+v %s", i, m.Header, m.Content)
		}
	}
}

func TestIOPubTopicFiltering(t *testing.T) {
	s, _ := startServer(t, key, nil)
	sub := zmq4.NewSub(context.Background())
	dial(t, sub, s, IOPub)
	if err := sub.SetOption(zmq4.OptionSubscribe, "kernel.stream"); err != nil {
		t.Fatal(err)
	}
	waitSubscribed(t, s, 1)
	w := recvIOPub0(t, sub)
	if string(w.Identities[0]) != "kernel.stream" {
		t.Fatalf("welcome topic %q", w.Identities)
	}
	for _, topic := range []string{"kernel.status", "kernel.stream.stdout"} {
		m := request(t, protocol.Stream, nil)
		m.Identities = [][]byte{[]byte(topic)}
		if err := s.Send(IOPub, m); err != nil {
			t.Fatal(err)
		}
	}
	if got := recvIOPub(t, sub); string(got.Identities[0]) != "kernel.stream.stdout" {
		t.Fatalf("got topic %q", got.Identities[0])
	}
}

func recvIOPub0(t testing.TB, sub zmq4.Socket) *protocol.Message {
	m, err := Decode(recvTimeout(t, sub, 5*time.Second).Frames, []byte(key))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestIOPubReconnectCycles is the zmq4 issue 151 scenario: subscribers come
// and go (every JupyterLab reload reconnects iopub) while the kernel
// publishes; afterwards a burst published from many goroutines must arrive
// complete and in per-sender order.
func TestIOPubReconnectCycles(t *testing.T) {
	s, _ := startServer(t, key, nil)
	parent := request(t, protocol.ExecuteRequest, nil)
	stop := make(chan struct{})
	var bg sync.WaitGroup
	bg.Add(1)
	go func() { // background output, so cycles happen while messages flow
		defer bg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			m, _ := parent.Child(protocol.Stream, protocol.StreamContent{Name: "stdout", Text: strings.Repeat("x", 512)})
			if err := s.Send(IOPub, m); err != nil {
				t.Error(err)
				return
			}
			if i%16 == 0 {
				time.Sleep(100 * time.Microsecond)
			}
		}
	}()
	for i := range 100 {
		sub := zmq4.NewSub(context.Background())
		if err := sub.Dial(s.Info().Endpoint(IOPub)); err != nil {
			t.Fatal(err)
		}
		if err := sub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
			t.Fatal(err)
		}
		switch i % 4 {
		case 0: // read a few messages, then leave
			for range 3 {
				recvTimeout(t, sub, 10*time.Second)
			}
		case 1: // leave while data is in flight, unread
			time.Sleep(2 * time.Millisecond)
		case 2: // unsubscribe first, then leave
			recvTimeout(t, sub, 10*time.Second)
			_ = sub.SetOption(zmq4.OptionUnsubscribe, "")
		case 3: // leave at once
		}
		sub.Close()
	}
	close(stop)
	bg.Wait()

	// The server must have seen every cycled subscriber leave: one still
	// counted would pass for the new one below before it subscribed,
	// and the marker would go out to nobody.
	for deadline := time.Now().Add(10 * time.Second); subscriberCount(s) > 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("iopub: %d cycled subscribers never left", subscriberCount(s))
		}
	}
	sub := newSub(t, s)
	waitSubscribed(t, s, 1)
	// Drain whatever the background publisher left queued.
	marker, _ := parent.Child(protocol.Status, protocol.StatusContent{ExecutionState: "idle"})
	if err := s.Send(IOPub, marker); err != nil {
		t.Fatal(err)
	}
	for {
		if m := recvIOPub(t, sub); m.Header.MsgID == marker.Header.MsgID {
			break
		}
	}

	const senders, perSender = 8, 250
	var wg sync.WaitGroup
	for g := range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perSender {
				m, _ := parent.Child(protocol.Stream, protocol.StreamContent{Name: "stdout", Text: fmt.Sprintf("%d:%d", g, i)})
				if err := s.Send(IOPub, m); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	next := make([]int, senders)
	for range senders * perSender {
		var c protocol.StreamContent
		if err := recvIOPub(t, sub).DecodeContent(&c); err != nil {
			t.Fatal(err)
		}
		var g, i int
		if _, err := fmt.Sscanf(c.Text, "%d:%d", &g, &i); err != nil {
			t.Fatalf("unexpected message %q", c.Text)
		}
		if i != next[g] {
			t.Fatalf("sender %d: got message %d, want %d", g, i, next[g])
		}
		next[g]++
	}
	wg.Wait()
	// The departed subscribers are gone from the server.
	deadline := time.Now().Add(5 * time.Second)
	for subscriberCount(s) != 1 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := subscriberCount(s); n != 1 {
		t.Fatalf("%d subscribers left, want 1", n)
	}
}

// rawSubscriber connects to iopub, subscribes to everything and then never
// reads: a hung or suspended client.
func rawSubscriber(t testing.TB, s *Server) net.Conn {
	t.Helper()
	nc, err := net.Dial("tcp", strings.TrimPrefix(s.Info().Endpoint(IOPub), "tcp://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	if tc, ok := nc.(*net.TCPConn); ok {
		tc.SetReadBuffer(4096) // fill up fast
	}
	if _, err := zmq4.Open(nc, nullSecurity(), zmq4.Sub, nil, false, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := nc.Write([]byte{0, 1, 1}); err != nil { // frame: subscribe ""
		t.Fatal(err)
	}
	return nc
}

// TestIOPubStalledSubscriber: a subscriber that stops reading loses its own
// messages (counted and logged) and never holds back Send or the other
// subscribers, whose stream stays complete and in order.
func TestIOPubStalledSubscriber(t *testing.T) {
	s, logs := startServer(t, key, func(s *Server) {
		s.stall = time.Hour // never disconnected during the test: only dropping helps
		s.queueMsgs = 16
	})
	good := newSub(t, s)
	rawSubscriber(t, s)
	waitSubscribed(t, s, 2)

	parent := request(t, protocol.ExecuteRequest, nil)
	const n = 2000
	big := strings.Repeat("y", 4096) // 8 MB in all: far more than the socket buffers
	done := make(chan error, 1)
	go func() {
		// Lockstep with the good subscriber, so that only the stalled one
		// can fall behind.
		for i := range n {
			m, _ := parent.Child(protocol.Stream, protocol.StreamContent{Name: "stdout", Text: fmt.Sprint(i, big)})
			if err := s.Send(IOPub, m); err != nil {
				done <- err
				return
			}
			var c protocol.StreamContent
			if err := recvIOPub(t, good).DecodeContent(&c); err != nil {
				done <- err
				return
			}
			if !strings.HasPrefix(c.Text, fmt.Sprint(i, "y")) {
				done <- fmt.Errorf("message %d: got %.20q", i, c.Text)
				return
			}
			for _, p := range *s.sockets[IOPub].subs.Load() {
				p.mu.Lock()
				q := len(p.queue) - p.head
				p.mu.Unlock()
				if q > 16 {
					done <- fmt.Errorf("queue of %d messages, bound is 16", q)
					return
				}
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("publishing is held back by the stalled subscriber")
	}
	var dropped int64
	for _, p := range *s.sockets[IOPub].subs.Load() {
		dropped += p.dropped.Load()
	}
	if dropped == 0 {
		t.Fatal("the stalled subscriber lost nothing: where did 8 MB go?")
	}
	if !strings.Contains(logs.String(), "subscriber stalled") {
		t.Fatalf("drops not logged:\n%s", logs)
	}
}

func TestIOPubNoSubscriber(t *testing.T) {
	s, _ := startServer(t, key, nil)
	start := time.Now()
	for range 10000 {
		if err := s.Send(IOPub, request(t, protocol.Status, nil)); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("publishing without subscribers took %v", d)
	}
}

// TestRouterReconnect is a frontend restart (jupyter_client / jupyter_server
// reconnecting with the same session identity), including the case where
// the new connection arrives before the old one is gone.
func TestRouterReconnect(t *testing.T) {
	s, _ := startServer(t, key, nil)
	id := zmq4.WithID(zmq4.SocketIdentity("jupyter-session"))
	roundTrip := func(d zmq4.Socket) {
		t.Helper()
		req := request(t, protocol.IsCompleteRequest, protocol.IsCompleteRequestContent{Code: "x"})
		sendFrames(t, d, Encode(req, []byte(key)))
		in := incoming(t, s, 5*time.Second)
		reply, _ := in.Msg.Reply(protocol.IsCompleteReply, protocol.IsCompleteReplyContent{Status: "complete"})
		if err := s.Send(Shell, reply); err != nil {
			t.Fatal(err)
		}
		m, err := Decode(recvTimeout(t, d, 5*time.Second).Frames, []byte(key))
		if err != nil || m.Parent.MsgID != req.Header.MsgID {
			t.Fatalf("reply %+v %v", m, err)
		}
	}
	old := zmq4.NewDealer(context.Background(), id)
	dial(t, old, s, Shell)
	roundTrip(old)

	// Restart while the old connection is still open: replies go to the new one.
	fresh := zmq4.NewDealer(context.Background(), id)
	dial(t, fresh, s, Shell)
	waitPeers(t, s, Shell, "jupyter-session", 2)
	roundTrip(fresh)
	// The new one leaves: the old one gets replies again.
	fresh.Close()
	deadline := time.Now().Add(5 * time.Second)
	for peersWithID(s, Shell, "jupyter-session") != 1 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	roundTrip(old)

	// The old one leaves too; a reply for it fails with ErrNoPeer.
	req := request(t, protocol.KernelInfoRequest, nil)
	sendFrames(t, old, Encode(req, []byte(key)))
	in := incoming(t, s, 5*time.Second)
	old.Close()
	deadline = time.Now().Add(5 * time.Second)
	for peersWithID(s, Shell, "jupyter-session") != 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	reply, _ := in.Msg.Reply(protocol.KernelInfoReply, nil)
	if err := s.Send(Shell, reply); !errors.Is(err, ErrNoPeer) {
		t.Fatalf("send to departed peer: %v", err)
	}

	// Plain restart: a new client with the same identity works.
	again := zmq4.NewDealer(context.Background(), id)
	dial(t, again, s, Shell)
	roundTrip(again)

	// A client without identity gets a generated one (zero byte first).
	anon := zmq4.NewDealer(context.Background(), zmq4.WithID(nil))
	dial(t, anon, s, Shell)
	roundTrip(anon)
}

// TestRouterSharedIdentity: two clients of one KernelManager share its
// session and so their identity; each must get its own replies.
func TestRouterSharedIdentity(t *testing.T) {
	s, _ := startServer(t, key, nil)
	id := zmq4.WithID(zmq4.SocketIdentity("shared-session"))
	a := zmq4.NewDealer(context.Background(), id)
	dial(t, a, s, Shell)
	// The server must have taken a in before b dials: "newest" below is
	// the order the server saw, which two quick dials do not fix.
	waitPeers(t, s, Shell, "shared-session", 1)
	b := zmq4.NewDealer(context.Background(), id)
	dial(t, b, s, Shell)
	waitPeers(t, s, Shell, "shared-session", 2)
	for _, c := range []struct {
		name     string
		from, to zmq4.Socket
	}{{"a", a, a}, {"b", b, b}, {"a again", a, a}} {
		req := request(t, protocol.KernelInfoRequest, nil)
		sendFrames(t, c.from, Encode(req, []byte(key)))
		in := incoming(t, s, 5*time.Second)
		reply, _ := in.Msg.Reply(protocol.KernelInfoReply, nil)
		if err := s.Send(Shell, reply); err != nil {
			t.Fatal(err)
		}
		m, err := Decode(recvTimeout(t, c.to, 5*time.Second).Frames, []byte(key))
		if err != nil || m.Parent.MsgID != req.Header.MsgID {
			t.Fatalf("%s: reply %+v %v", c.name, m, err)
		}
	}
	// A message that answers no request goes to the newest connection.
	m := request(t, protocol.CommMsg, nil)
	m.Identities = [][]byte{[]byte("shared-session")}
	if err := s.Send(Shell, m); err != nil {
		t.Fatal(err)
	}
	recvTimeout(t, b, 5*time.Second)
}

func TestBadInputDropped(t *testing.T) {
	s, logs := startServer(t, key, nil)
	d := zmq4.NewDealer(context.Background())
	dial(t, d, s, Shell)
	good := Encode(request(t, protocol.KernelInfoRequest, nil), []byte(key))
	tampered := slices.Clone(good)
	tampered[5] = []byte(`{"code":"evil"}`)
	for _, frames := range [][][]byte{
		{[]byte("no delimiter")},
		{[]byte(Delimiter), []byte("sig")},
		tampered,
		Encode(request(t, protocol.KernelInfoRequest, nil), []byte("wrong key")),
		Encode(request(t, protocol.KernelInfoRequest, nil), nil),
		good,
		good, // replay
	} {
		sendFrames(t, d, frames)
	}
	in := incoming(t, s, 5*time.Second)
	if in.Msg.Header.MsgType != protocol.KernelInfoRequest {
		t.Fatalf("got %+v", in.Msg.Header)
	}
	noIncoming(t, s, 200*time.Millisecond)
	// The server carries on.
	sendFrames(t, d, Encode(request(t, protocol.CompleteRequest, nil), []byte(key)))
	if in := incoming(t, s, 5*time.Second); in.Msg.Header.MsgType != protocol.CompleteRequest {
		t.Fatalf("got %+v", in.Msg.Header)
	}
	out := logs.String()
	for _, want := range []string{"no <IDS|MSG> delimiter", "too few frames", "bad signature", "replayed signature"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q", want)
		}
	}
	if strings.Contains(out, key) || strings.Contains(out, string(good[2][:20])) {
		t.Fatalf("log leaks the key or a signature:\n%s", out)
	}
}

func TestGarbageConnections(t *testing.T) {
	s, _ := startServer(t, key, func(s *Server) { s.handshakeT = 200 * time.Millisecond })
	addr := strings.TrimPrefix(s.Info().Endpoint(Shell), "tcp://")
	// Not ZMTP at all; silent; huge announced handshake frame.
	for _, payload := range [][]byte{[]byte("GET / HTTP/1.0\r\n\r\n"), nil, append(greeting(), 0x06, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)} {
		nc, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		nc.Write(payload)
		defer nc.Close()
	}
	// A client announcing a huge frame after the handshake is disconnected.
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if _, err := zmq4.Open(nc, nullSecurity(), zmq4.Dealer, nil, false, nil); err != nil {
		t.Fatal(err)
	}
	nc.Write([]byte{0x02, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := nc.Read(make([]byte, 1)); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("connection not closed: %v", err)
	}
	// Meanwhile real clients are served.
	dlr := zmq4.NewDealer(context.Background())
	dial(t, dlr, s, Shell)
	sendFrames(t, dlr, Encode(request(t, protocol.KernelInfoRequest, nil), []byte(key)))
	incoming(t, s, 5*time.Second)
}

func greeting() []byte {
	g := make([]byte, 64)
	g[0], g[9], g[10], g[11] = 0xff, 0x7f, 3, 0
	copy(g[12:], "NULL")
	return g
}

func TestUnsignedServer(t *testing.T) {
	s, _ := startServer(t, "", nil)
	d := zmq4.NewDealer(context.Background())
	dial(t, d, s, Shell)
	frames := Encode(request(t, protocol.KernelInfoRequest, nil), nil)
	sendFrames(t, d, frames)
	sendFrames(t, d, frames) // no signature, so no replay detection either
	in := incoming(t, s, 5*time.Second)
	incoming(t, s, 5*time.Second)
	reply, _ := in.Msg.Reply(protocol.KernelInfoReply, nil)
	if err := s.Send(Shell, reply); err != nil {
		t.Fatal(err)
	}
	if got := recvTimeout(t, d, 5*time.Second); len(got.Frames[1]) != 0 {
		t.Fatalf("unsigned server sent signature %q", got.Frames[1])
	}
}

func TestSendErrors(t *testing.T) {
	s, _ := startServer(t, key, nil)
	m := request(t, protocol.KernelInfoReply, nil)
	if err := s.Send(Shell, m); !errors.Is(err, ErrNoIdentity) {
		t.Fatalf("no identity: %v", err)
	}
	m.Identities = [][]byte{[]byte("nobody")}
	if err := s.Send(Control, m); !errors.Is(err, ErrNoPeer) {
		t.Fatalf("unknown peer: %v", err)
	}
	if err := s.Send(Heartbeat, m); !errors.Is(err, ErrBadChannel) {
		t.Fatalf("heartbeat: %v", err)
	}
	m.Metadata = map[string]any{"bad": make(chan int)}
	if err := s.Send(Shell, m); err == nil || errors.Is(err, ErrNoPeer) {
		t.Fatal("unmarshallable metadata accepted")
	}
}

func TestCloseAndContext(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Listen(ctx, ConnectionInfo{IP: "127.0.0.1", Key: key}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Connected clients of every kind.
	d := zmq4.NewDealer(context.Background())
	dial(t, d, s, Shell)
	sub := newSub(t, s)
	hb := zmq4.NewReq(context.Background())
	dial(t, hb, s, Heartbeat)
	hb.Send(zmq4.NewMsgString("ping"))
	recvTimeout(t, hb, 5*time.Second)
	recvTimeout(t, sub, 5*time.Second) // welcome
	sendFrames(t, d, Encode(request(t, protocol.KernelInfoRequest, nil), []byte(key)))
	incoming(t, s, 5*time.Second)

	cancel() // ctx done → Close
	select {
	case _, ok := <-s.Incoming():
		if ok {
			t.Fatal("message after close")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Incoming not closed after ctx cancel")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(IOPub, request(t, protocol.Status, nil)); !errors.Is(err, ErrClosed) {
		t.Fatalf("send after close: %v", err)
	}
	for _, ch := range channels { // ports are released
		ln, err := net.Listen("tcp", strings.TrimPrefix(s.Info().Endpoint(ch), "tcp://"))
		if err != nil {
			t.Fatalf("%s port still bound: %v", ch, err)
		}
		ln.Close()
	}
	d.Close()
	sub.Close()
	hb.Close()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+2 {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines before, %d after close:\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}

func TestIPCTransport(t *testing.T) {
	dir := t.TempDir()
	info := ConnectionInfo{Transport: "ipc", IP: filepath.Join(dir, "kernel"), Key: key}
	s, err := Listen(context.Background(), info, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d := zmq4.NewDealer(context.Background())
	dial(t, d, s, Shell)
	sendFrames(t, d, Encode(request(t, protocol.KernelInfoRequest, nil), []byte(key)))
	in := incoming(t, s, 5*time.Second)
	reply, _ := in.Msg.Reply(protocol.KernelInfoReply, nil)
	if err := s.Send(Shell, reply); err != nil {
		t.Fatal(err)
	}
	recvTimeout(t, d, 5*time.Second)
}

func TestReadConnectionFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "kernel.json")
	content := `{"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
		"ip": "127.0.0.1", "key": "secret-key-value", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "golessons"}`
	os.WriteFile(path, []byte(content), 0o600)
	info, err := ReadConnectionFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.ShellPort != 5001 || info.HBPort != 5005 || info.Key != "secret-key-value" || info.Endpoint(IOPub) != "tcp://127.0.0.1:5002" {
		t.Fatalf("%+v", info)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("conn", "info", info)
	for _, s := range []string{fmt.Sprint(info), fmt.Sprintf("%+v", info), fmt.Sprintf("%#v", info), logged.String()} {
		if strings.Contains(s, "secret-key-value") {
			t.Fatalf("key leaked: %s", s)
		}
	}

	os.WriteFile(path, []byte(`{"shell_port": 1, "key": "k"}`), 0o600)
	if info, err := ReadConnectionFile(path); err != nil || info.IP != "127.0.0.1" || info.Transport != "tcp" || info.SignatureScheme != "hmac-sha256" {
		t.Fatalf("defaults: %+v %v", info, err)
	}
	for _, bad := range []string{`{"key": "k", "signature_scheme": "hmac-md5"}`, `{"transport": "udp"}`, `{"shell_port": 70000}`, `not json`} {
		os.WriteFile(path, []byte(bad), 0o600)
		if _, err := ReadConnectionFile(path); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

// BenchmarkShellRoundTrip measures a request → Incoming → reply → client
// round trip over TCP with zmq4 DEALER as the client.
func BenchmarkShellRoundTrip(b *testing.B) {
	s, _ := startServer(b, key, nil)
	d := zmq4.NewDealer(context.Background(), zmq4.WithID(zmq4.SocketIdentity("bench")))
	dial(b, d, s, Shell)
	go func() {
		for in := range s.Incoming() {
			r, _ := in.Msg.Reply(protocol.ExecuteReply, protocol.ExecuteReplyContent{Status: "ok", ExecutionCount: 1})
			s.Send(Shell, r)
		}
	}()
	req := request(b, protocol.ExecuteRequest, protocol.ExecuteRequestContent{Code: "1+1"})
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		req.Header.MsgID = protocol.NewID() // fresh signature: no replay
		start := time.Now()
		if err := d.Send(zmq4.NewMsgFrom(Encode(req, []byte(key))...)); err != nil {
			b.Fatal(err)
		}
		if _, err := d.Recv(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "µs-median")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "µs-p99")
}
