package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Limit is how many entries the store keeps.
const Limit = 10000

// slack is how far past Limit the file may grow before it is rewritten, so
// rewrites happen once per slack cells rather than on every append.
const slack = Limit / 5

// Bounds on what history holds, in memory and in the file: a cell that
// prints or returns a huge value must not stay in the kernel's memory, nor
// make the file unreadable for the next kernel.
const (
	// MaxInput: a longer cell is recorded as a note saying so, not cut
	// (a cut cell recalled by up-arrow would be wrong code).
	MaxInput = 1 << 20
	// MaxOutput: a longer text/plain result is cut, with a note.
	MaxOutput = 64 << 10
	// MaxBytes: inputs and outputs kept in all; older entries go first.
	MaxBytes = 32 << 20
)

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

func (e Entry) size() int { return len(e.Input) + len(e.Output) }

// bound applies MaxInput and MaxOutput to e.
func bound(e Entry) Entry {
	if len(e.Input) > MaxInput {
		e.Input = fmt.Sprintf("// golessons: this cell (%d bytes) was too long to keep in history (limit %d bytes)", len(e.Input), MaxInput)
	}
	if len(e.Output) > MaxOutput {
		cut := MaxOutput
		for cut > 0 && !utf8.RuneStart(e.Output[cut]) {
			cut--
		}
		e.Output = strings.Clone(e.Output[:cut]) + fmt.Sprintf("\n… (%d more bytes not kept in history)", len(e.Output)-cut)
	}
	return e
}

// Store is a persistent history; its methods are safe for concurrent use.
type Store struct {
	mu      sync.Mutex
	path    string
	lock    *fileLock
	file    *os.File // nil: memory only
	entries []Entry  // line > 0, oldest first
	size    int      // sum of entries' sizes
	lines   int      // records in the file (this kernel's view)
	fsize   int      // bytes in the file (this kernel's view)
	session int
	log     *slog.Logger
}

// DefaultPath is where a kernel keeps its history:
// $JUPYTER_DATA_DIR/golessons/history.jsonl, else
// $XDG_DATA_HOME/golessons/history.jsonl, else
// ~/.local/share/golessons/history.jsonl, the home folder being $HOME or
// the user database's. "" when there is no home folder: history is then
// kept in memory, never in a shared folder such as /tmp, where another
// user could create the file first and read it.
func DefaultPath() string {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Join(d, "golessons", "history.jsonl")
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "golessons", "history.jsonl")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		u, uerr := user.Current()
		if uerr != nil || u.HomeDir == "" || !filepath.IsAbs(u.HomeDir) {
			return ""
		}
		home = u.HomeDir
	}
	return filepath.Join(home, ".local", "share", "golessons", "history.jsonl")
}

// errNoPath is Open's error for the path "".
var errNoPath = errors.New("no home folder (HOME unset and no user database entry): history kept in memory only")

// Open reads the history at path and starts a new session. It always
// returns a usable Store: a non-nil error means the file could not be read
// or written (or path is "", or the file or its folder is not this user's
// alone) and the store keeps history in memory only (the caller logs the
// error and carries on).
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
	s.session = 1
	if s.path == "" {
		return errNoPath
	}
	lock, err := openLock(s.path)
	if err != nil {
		return err
	}
	if err := lock.lock(); err != nil {
		lock.close()
		return fmt.Errorf("lock history: %w", err)
	}
	defer lock.unlock()
	d, err := readFile(s.path)
	if err != nil {
		// Appending to a file we cannot read could reuse its session
		// numbers: keep this kernel's history in memory instead.
		lock.close()
		return err
	}
	if d.skipped > 0 {
		s.log.Warn("history lines too long to read were skipped", "lines", d.skipped, "limit", maxLine)
	}
	s.lock = lock
	s.session = d.maxSession + 1
	s.setEntries(d.entries)
	s.lines = d.lines
	if err := s.openAppend(); err != nil {
		s.lock = nil
		lock.close()
		return err
	}
	if fi, err := s.file.Stat(); err == nil {
		s.fsize = int(fi.Size())
	}
	if d.skipped > 0 || s.overFull() {
		s.rewriteLocked(d)
	}
	s.writeLocked(Entry{Session: s.session, Time: time.Now().UTC()})
	return nil
}

// setEntries keeps the newest entries within Limit and MaxBytes.
func (s *Store) setEntries(es []Entry) {
	size := 0
	start := len(es)
	for start > 0 && len(es)-start < Limit && size+es[start-1].size() <= MaxBytes {
		start--
		size += es[start].size()
	}
	s.entries = append([]Entry(nil), es[start:]...)
	s.size = size
}

// overFull: the file is due for a rewrite.
func (s *Store) overFull() bool {
	return s.lines > Limit+slack || s.fsize > MaxBytes+MaxBytes/4
}

func (s *Store) openAppend() error {
	f, err := openChecked(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE)
	if err != nil {
		return err
	}
	s.file = f
	return nil
}

// write appends one record under the file lock; on failure the store goes
// memory-only.
func (s *Store) write(e Entry) {
	if s.file == nil {
		return
	}
	if err := s.lock.lock(); err != nil {
		s.fail(fmt.Errorf("lock history: %w", err))
		return
	}
	defer s.lock.unlock()
	s.writeLocked(e)
}

// writeLocked appends one record; the file lock is held. If another kernel
// replaced the file (a rewrite), the new one is opened first.
func (s *Store) writeLocked(e Entry) {
	if s.file == nil {
		return
	}
	cur, err1 := s.file.Stat()
	now, err2 := os.Lstat(s.path)
	if err1 != nil || err2 != nil || !os.SameFile(cur, now) {
		s.file.Close()
		s.file = nil
		if err := s.openAppend(); err != nil {
			s.fail(err)
			return
		}
	}
	b, err := json.Marshal(e)
	if err == nil {
		_, err = s.file.Write(append(b, '\n'))
	}
	if err != nil {
		s.fail(err)
		return
	}
	s.lines++
	s.fsize += len(b) + 1
}

func (s *Store) fail(err error) {
	s.log.Warn("history file unwritable; keeping history in memory only", "err", err)
	if s.file != nil {
		s.file.Close()
		s.file = nil
	}
}

// rewrite replaces the file with its newest entries, under the file lock.
func (s *Store) rewrite() {
	if err := s.lock.lock(); err != nil {
		s.fail(fmt.Errorf("lock history: %w", err))
		return
	}
	defer s.lock.unlock()
	d, err := readFile(s.path) // what every kernel appended so far
	if err != nil {
		s.log.Warn("cannot rewrite history file; it keeps growing", "err", err)
		return
	}
	s.rewriteLocked(d)
}

// rewriteLocked writes the newest entries of d and a record of its highest
// session (so session numbers are not reused) to a temporary file renamed
// into place; the file lock is held.
func (s *Store) rewriteLocked(d fileData) {
	s.setEntries(d.entries)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, e := range s.entries {
		enc.Encode(e) // an Entry always encodes
	}
	if top := max(d.maxSession, s.session); top > 0 {
		enc.Encode(Entry{Session: top, Time: time.Now().UTC()})
	}
	tmp := s.path + ".tmp"
	os.Remove(tmp) // O_EXCL below: never write through something planted there
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		_, err = f.Write(buf.Bytes())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = os.Rename(tmp, s.path)
	}
	if err != nil {
		s.log.Warn("cannot rewrite history file; it keeps growing", "err", err)
		os.Remove(tmp)
		return
	}
	if s.file != nil {
		s.file.Close()
	}
	s.file = nil
	if err := s.openAppend(); err != nil {
		s.fail(err)
		return
	}
	s.lines = len(s.entries) + 1
	s.fsize = buf.Len()
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

// Record is Append for an entry that also carries the cell's output. The
// entry is bounded (MaxInput, MaxOutput) before it is kept.
func (s *Store) Record(e Entry) {
	if e.Line <= 0 {
		return
	}
	e = bound(e)
	e.Time = time.Now().UTC()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries = append(s.entries, e)
	s.size += e.size()
	if len(s.entries) > Limit+slack || s.size > MaxBytes+MaxBytes/4 {
		s.setEntries(s.entries)
	}
	s.write(e)
	if s.file != nil && s.overFull() {
		s.rewrite()
	}
}

// Close closes the file; the store keeps answering from memory.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lock != nil {
		s.lock.close()
		s.lock = nil
	}
	if s.file == nil {
		return nil
	}
	err := s.file.Close()
	s.file = nil
	return err
}
