package worker

import (
	"fmt"
	"io"
	"sync"

	"golessons/kernel/internal/link"
)

// stdinReader is the cells' standard input. A Read with nothing buffered
// sends input_request for the running cell and waits for the reply; the
// kernel fills in the prompt from the cell's unfinished stdout line.
type stdinReader struct {
	w   *worker
	mu  sync.Mutex // one reader at a time; guards buf
	buf []byte     // rest of the last line the user typed
}

// reset drops what an earlier cell left unread, so a new cell always asks.
func (s *stdinReader) reset() {
	s.mu.Lock()
	s.buf = nil
	s.mu.Unlock()
}

// Read implements io.Reader. It returns io.EOF at once when no cell runs or
// the frontend cannot answer (allow_stdin false), and an error when the
// cell is interrupted while waiting.
func (s *stdinReader) Read(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.buf) == 0 {
		line, err := s.ask()
		if err != nil {
			return 0, err
		}
		s.buf = line
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}

// ask requests one line from the kernel for the running cell.
func (s *stdinReader) ask() ([]byte, error) {
	c := s.w.current()
	if c == nil || !c.allowStdin {
		return nil, io.EOF
	}
	if err := s.w.emit(link.Event{Kind: link.KindInputRequest, ID: c.id}); err != nil {
		return nil, err
	}
	select {
	case r := <-c.replies:
		if r.EOF {
			return nil, io.EOF
		}
		return []byte(r.Value + "\n"), nil
	case <-c.ctx.Done():
		return nil, fmt.Errorf("read stdin: %w", c.ctx.Err())
	}
}
