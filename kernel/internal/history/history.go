package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Limit is how many entries the store keeps.
const Limit = 10000

// slack is how far past Limit the file may grow before it is rewritten, so
// rewrites happen once per slack cells rather than on every append.
const slack = Limit / 5

// Entry is one executed cell. Line numbers start at 1 within a session; a
// line-0 record only marks that a session started.
type Entry struct {
	Session int    `json:"session"`
	Line    int    `json:"line"`
	Input   string `json:"input,omitempty"`
	// Output is the cell's text/plain result, if it had one
	// (history_request with output=true).
	Output string    `json:"output,omitempty"`
	Time   time.Time `json:"time,omitzero"`
}

// Store is a persistent history; its methods are safe for concurrent use.
type Store struct {
	mu      sync.Mutex
	path    string
	file    *os.File // nil: memory only
	entries []Entry  // line > 0, oldest first, at most Limit after a rewrite
	lines   int      // records in the file
	session int
	log     *slog.Logger
}

// DefaultPath is where a kernel keeps its history:
// $JUPYTER_DATA_DIR/golessons/history.jsonl, else
// $XDG_DATA_HOME/golessons/history.jsonl, else
// ~/.local/share/golessons/history.jsonl.
func DefaultPath() string {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Join(d, "golessons", "history.jsonl")
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "golessons", "history.jsonl")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	return filepath.Join(home, ".local", "share", "golessons", "history.jsonl")
}

// Open reads the history at path and starts a new session. It always
// returns a usable Store: a non-nil error means the file could not be read
// or written and the store keeps history in memory only (the caller logs
// the error and carries on).
func Open(path string) (*Store, error) {
	s := &Store{path: path, log: slog.Default().With("history", path)}
	return s, s.load()
}

// OpenInBackground is Open without the wait: it returns at once and reads
// the file in a goroutine, so a kernel answers kernel_info_request before
// its history is loaded (a full file, 12,000 entries, takes ~20 ms of a
// cold start's CPU). Every method blocks until the file is read. failed,
// if not nil, is called with Open's error (the store then works in memory).
func OpenInBackground(path string, failed func(error)) *Store {
	s := &Store{path: path, log: slog.Default().With("history", path)}
	// The loading goroutine holds the lock until it is done; a
	// sync.Mutex may be unlocked by another goroutine than its locker.
	s.mu.Lock()
	go func() {
		defer s.mu.Unlock()
		if err := s.load(); err != nil && failed != nil {
			failed(err)
		}
	}()
	return s
}

// load is Open's work on a new Store.
func (s *Store) load() error {
	s.session = 1 // read raises it to one past the highest session in the file
	if err := s.read(); err != nil {
		// Appending to a file we cannot read could reuse its session
		// numbers: keep this kernel's history in memory instead.
		return err
	}
	if err := s.openAppend(); err != nil {
		return err
	}
	if s.lines > Limit+slack {
		s.rewrite()
	}
	s.write(Entry{Session: s.session, Time: time.Now().UTC()})
	return nil
}

// read loads the file, skipping lines that do not decode (a line cut by a
// crash must not lose the rest).
func (s *Store) read() error {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read history: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 16<<20) // a pasted cell can be long
	for sc.Scan() {
		var e Entry
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.Session <= 0 || e.Line < 0 {
			continue
		}
		s.lines++
		s.session = max(s.session, e.Session+1)
		if e.Line > 0 {
			s.entries = append(s.entries, e)
		}
	}
	if len(s.entries) > Limit {
		s.entries = append([]Entry(nil), s.entries[len(s.entries)-Limit:]...)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read history: %w", err)
	}
	return nil
}

func (s *Store) openAppend() error {
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return fmt.Errorf("open history: %w", err)
	}
	f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open history: %w", err)
	}
	s.file = f
	return nil
}

// write appends one record; on failure the store goes memory-only.
func (s *Store) write(e Entry) {
	if s.file == nil {
		return
	}
	b, err := json.Marshal(e)
	if err == nil {
		_, err = s.file.Write(append(b, '\n'))
	}
	if err != nil {
		s.log.Warn("history file unwritable; keeping history in memory only", "err", err)
		s.file.Close()
		s.file = nil
		return
	}
	s.lines++
}

// rewrite replaces the file with the kept entries and the current
// session's start record, via a temporary file renamed into place.
func (s *Store) rewrite() {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, e := range s.entries {
		enc.Encode(e) // an Entry always encodes
	}
	tmp := s.path + ".tmp"
	err := os.WriteFile(tmp, buf.Bytes(), 0o600)
	if err == nil {
		err = os.Rename(tmp, s.path)
	}
	if err != nil {
		s.log.Warn("cannot rewrite history file; it keeps growing", "err", err)
		os.Remove(tmp)
		return
	}
	s.file.Close()
	s.file = nil
	if err := s.openAppend(); err != nil {
		s.log.Warn("history file unwritable; keeping history in memory only", "err", err)
		return
	}
	s.lines = len(s.entries)
}

// Session returns the current session number.
func (s *Store) Session() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.session
}

// NewSession starts a new session (a kernel restart that keeps the
// process) and returns its number.
func (s *Store) NewSession() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.session++
	s.write(Entry{Session: s.session, Time: time.Now().UTC()})
	return s.session
}

// Append records that line of session ran input. Failures to write are
// logged and never returned: history must not fail an execution.
func (s *Store) Append(session, line int, input string) {
	s.Record(Entry{Session: session, Line: line, Input: input})
}

// Record is Append for an entry that also carries the cell's output.
func (s *Store) Record(e Entry) {
	if e.Line <= 0 {
		return
	}
	e.Time = time.Now().UTC()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries = append(s.entries, e)
	if len(s.entries) > Limit+slack {
		s.entries = append([]Entry(nil), s.entries[len(s.entries)-Limit:]...)
	}
	s.write(e)
	if s.file != nil && s.lines > Limit+slack {
		s.rewrite()
	}
}

// Close closes the file; the store keeps answering from memory.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == nil {
		return nil
	}
	err := s.file.Close()
	s.file = nil
	return err
}
