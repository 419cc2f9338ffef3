package wire

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/security/null"
)

// ZMTP 3.0 framing (https://rfc.zeromq.org/spec/23/). zmq4 performs the
// greeting and NULL-security handshake (zmq4.Open); after it the wire package
// reads and writes frames on the raw connection itself, so that it controls
// queueing, deadlines, frame size limits and batching (writev).

const (
	flagMore = 0x01
	flagLong = 0x02
	flagCmd  = 0x04

	// maxMessageSize bounds the total size of one received message; larger
	// messages close the connection (libzmq's ZMQ_MAXMSGSIZE, which Jupyter
	// leaves unlimited; widgets may send large buffers, so this is generous).
	maxMessageSize = 512 << 20
	// maxFrames bounds the number of frames of one received message.
	maxFrames = 4096
	// handshakeFrameLimit bounds frames during the handshake (READY metadata).
	handshakeFrameLimit = 64 << 10
	// readChunk is the largest single allocation made before the bytes of a
	// large frame actually arrive.
	readChunk = 1 << 20
)

var (
	errProtocol = errors.New("zmtp protocol violation")
	errTooLarge = errors.New("zmtp message exceeds size limit")
	errBudget   = errors.New("too much data pending from peers not yet authenticated")
)

// readMsg reads one ZMTP message (all its frames) or one command. The
// returned slice starts with reserve nil frames (room for a routing identity).
func readMsg(r *bufio.Reader, reserve int) (frames [][]byte, cmd bool, err error) {
	return readMsgLimit(r, reserve, maxMessageSize, nil)
}

// readMsgLimit is readMsg with a bound on the message's total size and,
// if b is not nil, each frame's bytes taken from b before they are read
// (the caller gives back held bytes with b.release once done with frames).
func readMsgLimit(r *bufio.Reader, reserve int, limit uint64, b *budget) (frames [][]byte, cmd bool, err error) {
	var total uint64
	defer func() {
		if err != nil && b != nil {
			b.release(int64(total))
		}
	}()
	frames = make([][]byte, reserve, reserve+8)
	for {
		flags, err := r.ReadByte()
		if err != nil {
			return nil, false, err
		}
		if flags&^(flagMore|flagLong|flagCmd) != 0 {
			return nil, false, errProtocol
		}
		var size uint64
		if flags&flagLong != 0 {
			b, err := r.Peek(8)
			if err != nil {
				return nil, false, err
			}
			size = binary.BigEndian.Uint64(b)
			_, _ = r.Discard(8)
		} else {
			b, err := r.ReadByte()
			if err != nil {
				return nil, false, err
			}
			size = uint64(b)
		}
		isCmd := flags&flagCmd != 0
		if isCmd && (len(frames) > reserve || flags&flagMore != 0) {
			return nil, false, errProtocol
		}
		if size > limit || total+size > limit {
			return nil, false, errTooLarge
		}
		if b != nil && !b.take(int64(size)) {
			return nil, false, errBudget
		}
		total += size
		if len(frames)-reserve >= maxFrames {
			return nil, false, errTooLarge
		}
		body, err := readBody(r, int(size))
		if err != nil {
			return nil, false, err
		}
		frames = append(frames, body)
		if isCmd {
			return frames, true, nil
		}
		if flags&flagMore == 0 {
			return frames, false, nil
		}
	}
}

// readBody reads n bytes; large bodies grow as bytes arrive, so a peer
// announcing a huge frame cannot make us allocate it up front.
func readBody(r *bufio.Reader, n int) ([]byte, error) {
	if n <= readChunk {
		b := make([]byte, n)
		_, err := io.ReadFull(r, b)
		if err == io.EOF && n > 0 {
			err = io.ErrUnexpectedEOF
		}
		return b, err
	}
	b := make([]byte, 0, readChunk)
	for len(b) < n {
		if len(b) == cap(b) {
			b = slices.Grow(b, min(cap(b), n-len(b)))
		}
		end := min(cap(b), n)
		m, err := io.ReadFull(r, b[len(b):end])
		b = b[:len(b)+m]
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
	}
	return b, nil
}

// frameHeader appends the ZMTP header of a frame of the given size.
func frameHeader(dst []byte, size int, more, cmd bool) []byte {
	var flags byte
	if more {
		flags |= flagMore
	}
	if cmd {
		flags |= flagCmd
	}
	if size > 255 {
		dst = append(dst, flags|flagLong)
		return binary.BigEndian.AppendUint64(dst, uint64(size))
	}
	return append(dst, flags, byte(size))
}

// batchWriter writes queued messages to a connection with one writev per
// batch. It is owned by exactly one goroutine.
type batchWriter struct {
	hdrs []byte
	bufs net.Buffers
}

// write sends msgs on c. The deadline grows with the amount of data so that a
// large message to a slow but live reader is not cut off, while a reader that
// makes no progress for stall is.
func (w *batchWriter) write(c net.Conn, msgs []outMsg, stall time.Duration) error {
	nframes, size := 0, 0
	for _, m := range msgs {
		nframes += len(m.frames)
		size += m.size
	}
	if cap(w.hdrs) < 9*nframes {
		w.hdrs = make([]byte, 0, 9*nframes)
	}
	hdrs := w.hdrs[:0]
	bufs := w.bufs[:0]
	for _, m := range msgs {
		last := len(m.frames) - 1
		for i, f := range m.frames {
			start := len(hdrs)
			hdrs = frameHeader(hdrs, len(f), i < last, m.cmd)
			bufs = append(bufs, hdrs[start:len(hdrs):len(hdrs)])
			if len(f) > 0 {
				bufs = append(bufs, f)
			}
		}
	}
	w.hdrs = hdrs
	w.bufs = bufs
	deadline := stall + time.Duration(size>>20)*time.Second // + 1 s per MiB
	_ = c.SetWriteDeadline(time.Now().Add(deadline))
	b := bufs // WriteTo consumes its receiver
	_, err := b.WriteTo(c)
	clear(w.bufs) // do not keep message bodies alive
	w.bufs = w.bufs[:0]
	return err
}

// handshake performs the ZMTP greeting and NULL handshake as socket type t,
// within timeout. It guards zmq4 against oversized handshake frames and
// recovers from panics on malformed metadata.
func handshake(nc net.Conn, t zmq4.SocketType, timeout time.Duration) (zc *zmq4.Conn, err error) {
	defer func() {
		if r := recover(); r != nil {
			zc, err = nil, fmt.Errorf("zmtp handshake panic: %v", r)
		}
	}()
	_ = nc.SetDeadline(time.Now().Add(timeout))
	zc, err = zmq4.Open(&guardConn{Conn: nc, greeting: 64}, null.Security(), t, nil, true, nil)
	if err != nil {
		return nil, err
	}
	_ = nc.SetDeadline(time.Time{})
	return zc, nil
}

// guardConn watches the bytes zmq4 reads during the handshake and fails the
// read before zmq4 sees a frame size above handshakeFrameLimit (zmq4 would
// allocate whatever size the peer announces).
type guardConn struct {
	net.Conn
	greeting int    // greeting bytes still to pass
	hdr      []byte // bytes of the current frame header seen so far
	body     uint64 // body bytes still to pass
}

var errHandshakeFrame = errors.New("zmtp handshake frame too large")

func (g *guardConn) Read(p []byte) (int, error) {
	n, err := g.Conn.Read(p)
	for _, c := range p[:n] {
		switch {
		case g.greeting > 0:
			g.greeting--
		case g.body > 0:
			g.body--
		default:
			g.hdr = append(g.hdr, c)
			need := 2
			if g.hdr[0]&flagLong != 0 {
				need = 9
			}
			if len(g.hdr) < need {
				continue
			}
			if need == 9 {
				g.body = binary.BigEndian.Uint64(g.hdr[1:9])
			} else {
				g.body = uint64(g.hdr[1])
			}
			g.hdr = g.hdr[:0]
			if g.body > handshakeFrameLimit {
				return 0, errHandshakeFrame
			}
		}
	}
	return n, err
}
