// Package capture reads the runner's stdout and stderr pipes and turns them
// into chunks of text ready to publish as Jupyter stream messages.
//
// Everything the runner process writes to fds 1 and 2 arrives here: the
// interpreter, compiled packages, goroutines and child processes. A
// [Capture] batches that text so the first output shows at once and a flood
// goes out in few large chunks (at most [Options.MaxChunk] bytes), never
// splits a UTF-8 character between chunks and never reorders one stream. It
// strips the sync markers the runner writes before each link event and
// reports, with [Chunk.Sync], when both streams have reached one, so the
// caller can handle that event after the output that preceded it.
//
// Memory stays bounded: when the consumer of [Capture.Chunks] is slow,
// capture stops reading the pipes and the writer blocks. The package knows
// nothing of processes or messages; package runner owns the pipes.
package capture

import (
	"bytes"
	"context"
	"io"
	"time"
	"unicode/utf8"
)

// Stream names a captured stream, as Jupyter's stream message does.
type Stream string

// The two captured streams.
const (
	Stdout Stream = "stdout"
	Stderr Stream = "stderr"
)

// Chunk is a piece of output, or the news that both streams reached a sync
// marker.
type Chunk struct {
	Stream Stream
	Text   string
	// Sync, when > 0, says that stdout and stderr have both reached sync
	// marker Sync: every chunk written before the marker has been
	// delivered. Such a chunk has Stream Stdout and its Text is the stdout
	// text written just before the marker that was not delivered yet
	// (often ""), so a prompt printed without newline can be found there.
	Sync uint64
}

// Options tune a Capture; the zero value gives the defaults.
type Options struct {
	// SyncPrefix starts every sync marker (link.SyncPrefix); nil disables
	// marker detection.
	SyncPrefix []byte
	// Window is how long text is held to be coalesced with more text once
	// a chunk was just sent (default 30 ms). Text arriving after a quiet
	// Window goes out at once, and so does text followed by a marker.
	Window time.Duration
	// MaxChunk caps a chunk's size in bytes (default 64 KiB).
	MaxChunk int
}

// Defaults for Options.
const (
	DefaultWindow   = 30 * time.Millisecond
	DefaultMaxChunk = 64 << 10
)

// Capture reads two pipes until both end. Its goroutines end when both
// readers have failed (EOF, or the pipes were closed by their owner) and
// every chunk has been received, or when the context given to Start is
// cancelled.
type Capture struct {
	chunks chan Chunk
}

// Start begins reading stdout and stderr. The caller must receive from
// Chunks until it is closed (or cancel ctx), or the writers will block.
func Start(ctx context.Context, stdout, stderr io.Reader, opts Options) *Capture {
	if opts.Window <= 0 {
		opts.Window = DefaultWindow
	}
	if opts.MaxChunk < 2*utf8.UTFMax {
		opts.MaxChunk = DefaultMaxChunk
	}
	// Unbuffered: a reader hands over a piece only when the coalescer takes
	// it, which is what bounds memory under a flood.
	outPieces, errPieces := make(chan piece), make(chan piece)
	c := &Capture{chunks: make(chan Chunk)}
	go readStream(ctx, stdout, opts.SyncPrefix, outPieces)
	go readStream(ctx, stderr, opts.SyncPrefix, errPieces)
	co := &coalescer{
		opts: opts,
		out:  c.chunks,
		streams: [2]*stream{
			{name: Stdout, tag: Stdout, in: outPieces},
			{name: Stderr, tag: Stderr, in: errPieces},
		},
	}
	go co.run(ctx)
	return c
}

// Chunks delivers the output in order; it is closed after both streams
// ended and all their text was delivered.
func (c *Capture) Chunks() <-chan Chunk { return c.chunks }

// stream is the coalescer's state for one pipe.
type stream struct {
	name     Stream
	in       <-chan piece
	pending  []byte    // received, not yet sent; < MaxChunk bytes between pieces
	tag      Stream    // the stream pending belongs to: name, or Stderr for framed text
	since    time.Time // when pending became non-empty
	lastSent time.Time
	reached  uint64 // marker this stream stopped at, waiting for the other
	eof      bool
}

// coalescer batches pieces from both streams into chunks. Its goroutine
// (run) is owned by the Capture and ends as documented there.
type coalescer struct {
	opts    Options
	out     chan<- Chunk
	streams [2]*stream // stdout, stderr
	timer   *time.Timer
}

func (c *coalescer) run(ctx context.Context) {
	defer close(c.out)
	c.timer = time.NewTimer(time.Hour)
	defer c.timer.Stop()
	for {
		o, e := c.streams[0], c.streams[1]
		if o.eof && e.eof {
			c.flushAll(ctx)
			return
		}
		if !c.flushDue(ctx, time.Now()) {
			return
		}
		wait := c.armTimer(time.Now())
		select {
		case p := <-o.inChan():
			if !c.handle(ctx, o, p) {
				return
			}
		case p := <-e.inChan():
			if !c.handle(ctx, e, p) {
				return
			}
		case <-wait:
		case <-ctx.Done():
			return
		}
	}
}

// inChan is the stream's input, or nil (never ready) while the stream
// waits at a marker for the other stream, or has ended.
func (s *stream) inChan() <-chan piece {
	if s.eof || s.reached > 0 {
		return nil
	}
	return s.in
}

// handle adds one piece to its stream and sends what must go out now.
func (c *coalescer) handle(ctx context.Context, s *stream, p piece) bool {
	tag := s.name
	if p.stderr {
		tag = Stderr
	}
	if len(p.text) > 0 && len(s.pending) > 0 && tag != s.tag {
		// The other stream's text starts: what came before goes first.
		if !c.send(ctx, s, len(s.pending), 0) {
			return false
		}
	}
	if len(p.text) > 0 {
		s.tag = tag
		if len(s.pending) == 0 {
			s.since = time.Now()
		}
		s.pending = append(s.pending, p.text...)
		for len(s.pending) >= c.opts.MaxChunk {
			if !c.send(ctx, s, cutUTF8(s.pending, c.opts.MaxChunk), 0) {
				return false
			}
		}
	}
	switch {
	case p.sync > 0:
		s.reached = p.sync
	case p.eof:
		s.eof = true
	}
	return c.releaseMarker(ctx)
}

// releaseMarker sends the marker chunk once both streams reached a marker
// (or one reached it and the other ended, e.g. because the runner died).
func (c *coalescer) releaseMarker(ctx context.Context) bool {
	o, e := c.streams[0], c.streams[1]
	oDone, eDone := o.reached > 0 || o.eof, e.reached > 0 || e.eof
	if !oDone || !eDone || (o.reached == 0 && e.reached == 0) {
		return true
	}
	n := max(o.reached, e.reached)
	o.reached, e.reached = 0, 0
	if len(e.pending) > 0 && !c.send(ctx, e, len(e.pending), 0) {
		return false
	}
	if o.tag != o.name && len(o.pending) > 0 && !c.send(ctx, o, len(o.pending), 0) {
		return false // framed stderr text, sent before the marker's stdout chunk
	}
	if !c.send(ctx, o, len(o.pending), n) {
		return false
	}
	// A marker is an event boundary (a result, a display): the next
	// text belongs after it and goes out at once, like text after a pause.
	o.lastSent, e.lastSent = time.Time{}, time.Time{}
	return true
}

// flushDue sends text whose time has come: complete lines once the stream
// was quiet for a Window, and anything that waited a whole Window.
func (c *coalescer) flushDue(ctx context.Context, now time.Time) bool {
	for _, s := range c.streams {
		if len(s.pending) == 0 {
			continue
		}
		n := 0
		switch {
		case !now.Before(s.since.Add(c.opts.Window)):
			// The first bytes of a character wait for the rest, however
			// long; a marker or the end of the stream sends them anyway.
			n = cutUTF8(s.pending, len(s.pending))
		case !now.Before(s.lastSent.Add(c.opts.Window)):
			n = bytes.LastIndexByte(s.pending, '\n') + 1
		}
		if n > 0 && !c.send(ctx, s, n, 0) {
			return false
		}
	}
	return true
}

// armTimer sets the timer for the earliest moment flushDue has work, and
// returns its channel, or nil when nothing is pending.
func (c *coalescer) armTimer(now time.Time) <-chan time.Time {
	var next time.Time
	for _, s := range c.streams {
		if cutUTF8(s.pending, len(s.pending)) == 0 {
			continue // empty, or only the start of a character: nothing to send
		}
		due := s.since.Add(c.opts.Window)
		if bytes.IndexByte(s.pending, '\n') >= 0 {
			due = s.lastSent.Add(c.opts.Window)
		}
		if next.IsZero() || due.Before(next) {
			next = due
		}
	}
	if next.IsZero() {
		return nil
	}
	c.timer.Reset(max(next.Sub(now), 0))
	return c.timer.C
}

// flushAll sends everything left once both streams ended.
func (c *coalescer) flushAll(ctx context.Context) {
	for _, s := range c.streams {
		if len(s.pending) > 0 && !c.send(ctx, s, len(s.pending), 0) {
			return
		}
	}
}

// send delivers the first n pending bytes of s (and marker sync) as one
// chunk; it blocks while the consumer is busy, which is the back-pressure.
func (c *coalescer) send(ctx context.Context, s *stream, n int, sync uint64) bool {
	ch := Chunk{Stream: s.tag, Text: string(s.pending[:n]), Sync: sync}
	if sync > 0 {
		ch.Stream = Stdout // see Chunk.Sync
	}
	rest := copy(s.pending, s.pending[n:])
	s.pending = s.pending[:rest]
	if rest == 0 {
		s.tag = s.name
	}
	now := time.Now()
	s.lastSent = now
	if rest > 0 && n > 0 {
		s.since = now
	}
	select {
	case c.out <- ch:
		return true
	case <-ctx.Done():
		return false
	}
}

// cutUTF8 returns the largest n <= limit (and <= len(b)) such that b[:n]
// does not end inside a UTF-8 sequence that b continues.
func cutUTF8(b []byte, limit int) int {
	limit = min(limit, len(b))
	for i := limit - 1; i >= 0 && i >= limit-utf8.UTFMax; i-- {
		if !utf8.RuneStart(b[i]) {
			continue
		}
		if utf8.FullRune(b[i:limit]) {
			return limit
		}
		return i
	}
	return limit
}
