package wire

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

func frame(flags byte, body []byte) []byte {
	if len(body) > 255 {
		b := append([]byte{flags | flagLong}, binary.BigEndian.AppendUint64(nil, uint64(len(body)))...)
		return append(b, body...)
	}
	return append([]byte{flags, byte(len(body))}, body...)
}

func TestReadMsg(t *testing.T) {
	long := bytes.Repeat([]byte("z"), 3*readChunk+17)
	var stream []byte
	stream = append(stream, frame(flagMore, []byte("a"))...)
	stream = append(stream, frame(flagMore, nil)...)
	stream = append(stream, frame(0, long)...)
	stream = append(stream, frame(flagCmd, []byte("\x04PING"))...)
	stream = append(stream, frame(0, []byte("last"))...)
	r := bufio.NewReader(bytes.NewReader(stream))

	frames, cmd, err := readMsg(r, 1)
	if err != nil || cmd || len(frames) != 4 || frames[0] != nil || string(frames[1]) != "a" || len(frames[2]) != 0 || !bytes.Equal(frames[3], long) {
		t.Fatalf("first message: %d frames, cmd=%v, err=%v", len(frames), cmd, err)
	}
	frames, cmd, err = readMsg(r, 0)
	if err != nil || !cmd || string(frames[0]) != "\x04PING" {
		t.Fatalf("command: %q %v %v", frames, cmd, err)
	}
	frames, _, err = readMsg(r, 0)
	if err != nil || string(frames[0]) != "last" {
		t.Fatalf("last: %q %v", frames, err)
	}
	if _, _, err := readMsg(r, 0); err != io.EOF {
		t.Fatalf("at end: %v", err)
	}
}

func TestReadMsgRejects(t *testing.T) {
	huge := []byte{flagLong, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	cases := map[string][]byte{
		"reserved flag bits":     {0x80, 0},
		"command with more":      frame(flagCmd|flagMore, []byte("x")),
		"command inside message": append(frame(flagMore, []byte("x")), frame(flagCmd, []byte("y"))...),
		"huge frame":             huge,
		"truncated body":         {0, 5, 'a'},
		"truncated long header":  {flagLong, 0, 0},
	}
	for name, in := range cases {
		_, _, err := readMsg(bufio.NewReader(bytes.NewReader(in)), 0)
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// A peer announcing a big frame and sending little does not get it
	// allocated up front.
	big := append([]byte{flagLong}, binary.BigEndian.AppendUint64(nil, 400<<20)...)
	big = append(big, []byte("only a little")...)
	if _, _, err := readMsg(bufio.NewReader(bytes.NewReader(big)), 0); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("big truncated frame: %v", err)
	}
}

func TestFrameHeader(t *testing.T) {
	if got := frameHeader(nil, 255, true, false); !bytes.Equal(got, []byte{flagMore, 255}) {
		t.Fatalf("%x", got)
	}
	if got := frameHeader(nil, 256, false, true); !bytes.Equal(got, []byte{flagLong | flagCmd, 0, 0, 0, 0, 0, 0, 1, 0}) {
		t.Fatalf("%x", got)
	}
}

// handshakeWith runs our server-side handshake against raw client bytes.
func handshakeWith(t *testing.T, client func(c net.Conn)) error {
	t.Helper()
	a, b := tcpPair(t)
	go client(b)
	start := time.Now()
	_, err := handshake(a, zmq4.Router, 2*time.Second)
	if d := time.Since(start); d > time.Second {
		t.Errorf("handshake took %v: detected by timeout, not by the check", d)
	}
	return err
}

func tcpPair(t *testing.T) (server, client net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	client, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	server, err = ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { server.Close(); client.Close() })
	return server, client
}

func TestHandshakeGuards(t *testing.T) {
	g := greeting()
	// A READY command announcing a 1 TiB body: rejected before zmq4
	// allocates it.
	err := handshakeWith(t, func(c net.Conn) {
		go io.Copy(io.Discard, c)
		c.Write(g)
		c.Write([]byte{flagCmd | flagLong, 0, 0, 1, 0, 0, 0, 0, 0})
	})
	if !errors.Is(err, errHandshakeFrame) {
		t.Fatalf("huge READY: %v", err)
	}
	// Malformed READY metadata (a property length past the end) must not
	// crash the kernel.
	err = handshakeWith(t, func(c net.Conn) {
		go io.Copy(io.Discard, c)
		c.Write(g)
		body := append([]byte("\x05READY\x0bSocket-Type"), 0, 0, 0, 50, 'D')
		c.Write(frame(flagCmd, body))
	})
	if err == nil {
		t.Fatal("malformed READY accepted")
	}
	// Silence: the handshake times out.
	start := time.Now()
	a, _ := tcpPair(t)
	if _, err := handshake(a, zmq4.Router, 100*time.Millisecond); err == nil || time.Since(start) > 2*time.Second {
		t.Fatalf("silent peer: %v after %v", err, time.Since(start))
	}
	// Incompatible socket type (a PUB connecting to a ROUTER).
	err = handshakeWith(t, func(c net.Conn) {
		zmq4.Open(c, nullSecurity(), zmq4.Pub, nil, false, nil)
	})
	if err == nil {
		t.Fatal("PUB peer accepted by ROUTER")
	}
}
