package capture

import (
	"bytes"
	"context"
	"io"
	"strconv"
)

// readSize is how much one pipe read takes. 32 KiB is eight pipe pages: a
// flood moves in few syscalls while a piece stays small next to MaxChunk.
const readSize = 32 << 10

// maxDigits bounds the marker number so a NUL byte followed by endless
// digits is treated as text instead of being held back for ever.
const maxDigits = 20

// piece is what a stream reader hands to the coalescer: text, then
// optionally a sync marker that followed it, or the end of the stream.
type piece struct {
	text   []byte // owned by the receiver
	sync   uint64 // > 0: the stream reached marker sync after text
	eof    bool
	stderr bool // text came in a stderr frame (on the stdout pipe)
}

// stderrTag follows the sync prefix in a stderr frame (link.StderrTag):
// prefix + "e" + decimal length + NUL + that many bytes of stderr text.
const stderrTag = 'e'

// maxFrameText bounds a stderr frame's text (link writes at most a pipe
// buffer, 4096 bytes, per frame); a longer length is not a frame.
const maxFrameText = 4096

// readStream reads r until it fails and sends its text, with sync markers
// split out, to out. It ends when r returns an error (EOF when every writer
// has closed the pipe, or "file already closed" when the owner closes it)
// or ctx is cancelled; out is not closed, the final piece has eof set.
func readStream(ctx context.Context, r io.Reader, prefix []byte, out chan<- piece) {
	send := func(p piece) bool {
		select {
		case out <- p:
			return true
		case <-ctx.Done():
			return false
		}
	}
	buf := make([]byte, readSize)
	var carry []byte
	for {
		n, err := r.Read(buf)
		if n > 0 {
			data := make([]byte, 0, len(carry)+n)
			data = append(append(data, carry...), buf[:n]...)
			var pieces []piece
			pieces, carry = splitMarkers(data, prefix)
			for _, p := range pieces {
				if !send(p) {
					return
				}
			}
		}
		if err != nil {
			send(piece{text: carry, eof: true})
			return
		}
	}
}

// splitMarkers cuts data into text pieces, each ending at a complete sync
// marker (or at the end of data), and returns the bytes at the end of data
// that may be the start of a marker still being written.
func splitMarkers(data, prefix []byte) (pieces []piece, carry []byte) {
	start, i := 0, 0
	for len(prefix) > 0 {
		j := bytes.Index(data[i:], prefix)
		if j < 0 {
			break
		}
		j += i
		k := j + len(prefix)
		if k < len(data) && data[k] == stderrTag {
			end, n, ok := parseFrame(data, k+1)
			switch {
			case ok && end > len(data):
				return appendText(pieces, data[start:j]), clone(data[j:])
			case ok:
				pieces = appendText(pieces, data[start:j])
				pieces = append(pieces, piece{text: data[end-n : end], stderr: true})
				start, i = end, end
				continue
			}
			i = j + 1 // not a frame: plain text
			continue
		}
		m := k
		for m < len(data) && m-k < maxDigits && isDigit(data[m]) {
			m++
		}
		if m == len(data) && m-k < maxDigits {
			return appendText(pieces, data[start:j]), clone(data[j:])
		}
		// Markers are written without leading zeros; "007" is just text.
		if m > k && m < len(data) && data[m] == 0 && data[k] != '0' {
			if n, err := strconv.ParseUint(string(data[k:m]), 10, 64); err == nil && n > 0 {
				pieces = append(pieces, piece{text: data[start:j], sync: n})
				start, i = m+1, m+1
				continue
			}
		}
		i = j + 1 // looked like a marker but is not one: plain text
	}
	// A marker's first bytes may end this read; hold them for the next.
	for k := max(i, len(data)-len(prefix)+1); k < len(data); k++ {
		if data[k] == prefix[0] && bytes.HasPrefix(prefix, data[k:]) {
			return appendText(pieces, data[start:k]), clone(data[k:])
		}
	}
	return appendText(pieces, data[start:]), nil
}

// parseFrame reads a stderr frame's "length NUL" header at data[k:]. It
// returns where the frame ends (possibly past the end of data, when the
// rest is still to come) and its text length; ok is false when the bytes
// are not a frame header. A header cut off by the end of data counts as a
// frame still to come.
func parseFrame(data []byte, k int) (end, n int, ok bool) {
	m := k
	for m < len(data) && m-k < maxDigits && isDigit(data[m]) {
		m++
	}
	if m == len(data) && m-k < maxDigits {
		return len(data) + 1, 0, true // header incomplete: wait for more
	}
	if m == k || m == len(data) || data[m] != 0 || (data[k] == '0' && m > k+1) {
		return 0, 0, false
	}
	v, err := strconv.Atoi(string(data[k:m]))
	if err != nil || v <= 0 || v > maxFrameText {
		return 0, 0, false
	}
	return m + 1 + v, v, true
}

func appendText(pieces []piece, text []byte) []piece {
	if len(text) == 0 {
		return pieces
	}
	return append(pieces, piece{text: text})
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func clone(b []byte) []byte { return append([]byte(nil), b...) }
