package link

import (
	"io"
	"os"
	"strconv"
	"sync"
	"unicode/utf8"
)

// Stderr frames let the runner send what cells write to standard error
// through its stdout pipe, so that the kernel sees stdout and stderr text
// in the order it was written (two pipes cannot be ordered after the fact).
// A frame is SyncPrefix(token) + "e" + decimal length + "\x00" + that many
// bytes of stderr text. A whole frame is at most PipeAtomic bytes and goes
// out in one Write call: a pipe write that short is atomic, so neither
// other writers' output nor a sync marker can land inside it.
const (
	// PipeAtomic is PIPE_BUF on Linux: writes up to this size are atomic.
	PipeAtomic = 4096
	// StderrTag follows the sync prefix in a stderr frame; a sync marker
	// has a digit there.
	StderrTag = 'e'
	// maxStderrHeader bounds a frame's header: prefix with a 16-byte
	// token, tag, length digits, NUL.
	maxStderrHeader = 64
	// MaxStderrPayload is the most text one frame carries.
	MaxStderrPayload = PipeAtomic - maxStderrHeader
)

// StderrWriter frames everything written to it as stderr text and writes
// the frames to w, which is the runner's stdout. It is safe for
// concurrent use; one Write's frames are not interleaved with another's.
type StderrWriter struct {
	mu     sync.Mutex
	w      io.Writer
	prefix []byte
	buf    []byte
}

// NewStderrWriter returns a StderrWriter for the sync marker token.
func NewStderrWriter(w io.Writer, token string) *StderrWriter {
	return &StderrWriter{w: w, prefix: SyncPrefix(token), buf: make([]byte, 0, PipeAtomic)}
}

// Write implements io.Writer. Text longer than MaxStderrPayload is cut
// into several frames, never inside a UTF-8 character.
func (s *StderrWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	done := 0
	for done < len(p) {
		n := min(len(p)-done, MaxStderrPayload)
		if n < len(p)-done {
			n = runeCut(p[done:], n)
		}
		b := append(s.buf[:0], s.prefix...)
		b = append(b, StderrTag)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, 0)
		b = append(b, p[done:done+n]...)
		if _, err := s.w.Write(b); err != nil {
			return done, err
		}
		done += n
	}
	return done, nil
}

// runeCut returns the largest n' <= n that does not cut a UTF-8 character
// of b in two (or n when b[:n] holds no character start to back off to).
func runeCut(b []byte, n int) int {
	for i := n; i > 0 && i > n-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			return i
		}
	}
	return n
}

// RunnerErrorPrefix starts the line a runner writes to stderr (or, when
// that fails, stdout) when it must stop, e.g. because a cell closed a
// descriptor the runner needs; the kernel turns it into the cell's error.
const RunnerErrorPrefix = "golessons runner error: "

// startToken is the token the runner process was started with. Package
// worker removes the variable from the environment early (children of
// cells must not see it), before the evaluator that frames stderr with it
// is built, so it is read once at start-up.
var startToken = os.Getenv(EnvToken)

// RunnerToken returns the sync marker token of this runner process, or ""
// when the process is not a runner.
func RunnerToken() string { return startToken }
