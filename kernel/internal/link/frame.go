package link

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
)

// MaxFrame is the largest frame body accepted or sent, in bytes. It leaves
// room for a few large images in one display bundle while keeping a corrupt
// length from making the reader allocate gigabytes.
const MaxFrame = 64 << 20

// headerSize is the length prefix: 4 bytes, big-endian.
const headerSize = 4

// ErrFrameTooLarge reports a frame whose length exceeds [MaxFrame].
var ErrFrameTooLarge = errors.New("link: frame too large")

// ReadFrame reads one frame body from r. It returns io.EOF only when r ends
// cleanly between frames and io.ErrUnexpectedEOF for a truncated frame.
func ReadFrame(r io.Reader) ([]byte, error) {
	var hdr [headerSize]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(hdr[:])
	if n > MaxFrame {
		return nil, fmt.Errorf("read frame of %d bytes: %w", n, ErrFrameTooLarge)
	}
	if n <= smallFrame {
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			return nil, truncated(n, err)
		}
		return body, nil
	}
	// A large frame grows its buffer as bytes arrive, so a lying length
	// followed by nothing costs nothing.
	var body bytes.Buffer
	if _, err := io.CopyN(&body, r, int64(n)); err != nil {
		return nil, truncated(n, err)
	}
	return body.Bytes(), nil
}

// smallFrame is the size up to which ReadFrame allocates the body at once.
const smallFrame = 64 << 10

func truncated(n uint32, err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("read frame body of %d bytes: %w", n, err)
}

// AppendFrame appends the frame for body (length prefix, then body) to dst.
func AppendFrame(dst, body []byte) ([]byte, error) {
	if len(body) > MaxFrame {
		return dst, fmt.Errorf("write frame of %d bytes: %w", len(body), ErrFrameTooLarge)
	}
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(body)))
	return append(dst, body...), nil
}

// Reader decodes frames from one side of the link. It is not safe for
// concurrent use; each link end has one reading goroutine.
type Reader struct {
	r *bufio.Reader
}

// NewReader returns a Reader that reads frames from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{r: bufio.NewReaderSize(r, 64<<10)}
}

// ReadRequest reads and decodes the next [Request]. A frame that is not
// valid JSON gives an error, after which the next frame can still be read.
func (r *Reader) ReadRequest() (Request, error) {
	var req Request
	err := r.read(&req)
	return req, err
}

// ReadEvent reads and decodes the next [Event], like ReadRequest.
func (r *Reader) ReadEvent() (Event, error) {
	var ev Event
	err := r.read(&ev)
	return ev, err
}

func (r *Reader) read(v any) error {
	body, err := ReadFrame(r.r)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, v); err != nil {
		return &DecodeError{Err: err}
	}
	return nil
}

// DecodeError reports a frame that arrived whole but held invalid JSON; the
// stream is still in sync, so the reader may carry on.
type DecodeError struct{ Err error }

// Error describes the bad frame.
func (e *DecodeError) Error() string { return "link: decode frame: " + e.Err.Error() }

// Unwrap returns the JSON error.
func (e *DecodeError) Unwrap() error { return e.Err }

// Writer encodes frames onto one side of the link. It is safe for
// concurrent use: each frame goes out in one Write call under a mutex, so
// frames from different goroutines never interleave.
type Writer struct {
	mu sync.Mutex // one frame at a time on w
	w  io.Writer
}

// NewWriter returns a Writer that writes frames to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: w}
}

// Send encodes v (a Request or an Event) as JSON and writes it as one frame.
func (w *Writer) Send(v any) error {
	frame, err := Encode(v)
	if err != nil {
		return err
	}
	return w.WriteFrame(frame)
}

// WriteFrame writes a frame made by Encode in one Write call.
func (w *Writer) WriteFrame(frame []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, err := w.w.Write(frame); err != nil {
		return fmt.Errorf("write frame: %w", err)
	}
	return nil
}

// Encode returns the complete frame for v, so a caller can learn that v
// is too large (ErrFrameTooLarge) before it commits to sending it.
func Encode(v any) ([]byte, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode frame: %w", err)
	}
	return AppendFrame(make([]byte, 0, headerSize+len(body)), body)
}

// syncPrefix starts every sync marker. The NUL bytes make a clash with
// ordinary text output unlikely; the token makes it unlikely by accident.
const syncPrefix = "\x00golessons-sync:"

// SyncPrefix is the beginning of every sync marker for token: the marker
// for number n is SyncPrefix(token) + decimal n + "\x00".
func SyncPrefix(token string) []byte {
	return []byte(syncPrefix + token + ":")
}

// SyncMarker returns the complete marker number n for token. The runner
// writes it with a single Write call to each of stdout and stderr before
// sending the event whose Sync field is n; a pipe write this short is
// atomic, so no other output can land inside it.
func SyncMarker(token string, n uint64) []byte {
	b := SyncPrefix(token)
	b = strconv.AppendUint(b, n, 10)
	return append(b, 0)
}
