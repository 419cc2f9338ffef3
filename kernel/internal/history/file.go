package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// maxLine bounds one line of the file when reading: a record of at most
// MaxInput+MaxOutput bytes, JSON-escaped, always fits. A longer line (a
// file written by an older kernel, or not by a kernel) is skipped without
// being held in memory, and the rest of the file is still read.
const maxLine = 8 << 20

// fileData is what one read of the file found.
type fileData struct {
	entries    []Entry // line > 0, oldest first
	lines      int     // records
	maxSession int
	skipped    int // lines too long to read
}

// readFile reads the history file at path (a missing file is empty). It
// opens it with the checks of openChecked, so a file another user could
// have written is never read.
func readFile(path string) (fileData, error) {
	var d fileData
	f, err := openChecked(path, os.O_RDONLY)
	if errors.Is(err, fs.ErrNotExist) {
		return d, nil
	}
	if err != nil {
		return d, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		switch {
		case len(line)+len(chunk) > maxLine:
			// Drop what we hold and discard up to the end of this line.
			line = line[:0]
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = r.ReadSlice('\n')
			}
			d.skipped++
			if err == nil {
				continue
			}
		default:
			line = append(line, chunk...)
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			d.add(line)
			line = line[:0]
		}
		if err == io.EOF {
			return d, nil
		}
		if err != nil {
			return d, fmt.Errorf("read history: %w", err)
		}
	}
}

// add decodes one line, skipping lines that do not decode (a line cut by a
// crash must not lose the rest).
func (d *fileData) add(line []byte) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return
	}
	var e Entry
	if json.Unmarshal(line, &e) != nil || e.Session <= 0 || e.Line < 0 {
		return
	}
	d.lines++
	d.maxSession = max(d.maxSession, e.Session)
	if e.Line > 0 {
		d.entries = append(d.entries, bound(e))
	}
}

// ensureDir creates the history's folder (mode 0700) and checks that no
// other user can write into it: whoever can write there could replace the
// file, or create it first and read what this user types.
func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("open history: %w", err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("open history: %w", err)
	}
	if err := ownedByMe(fi); err != nil {
		return fmt.Errorf("history folder %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("history folder %s is not a directory", dir)
	}
	if fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("history folder %s is writable by other users (mode %v): not used", dir, fi.Mode().Perm())
	}
	return nil
}

// openChecked opens path without following a symbolic link and checks that
// it is a regular file of this user; one readable by others is made
// private (0600) before anything is written to it.
func openChecked(path string, flag int) (*os.File, error) {
	if err := ensureDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, flag|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0o600)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return nil, fmt.Errorf("history file %s is a symbolic link: not used", path)
		}
		return nil, fmt.Errorf("open history: %w", err)
	}
	fi, err := f.Stat()
	if err == nil {
		err = ownedByMe(fi)
	}
	if err == nil && !fi.Mode().IsRegular() {
		err = errors.New("not a regular file")
	}
	if err == nil && fi.Mode().Perm()&0o077 != 0 {
		err = f.Chmod(0o600)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("history file %s: %w: not used", path, err)
	}
	return f, nil
}

func ownedByMe(fi fs.FileInfo) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if me := os.Getuid(); int(st.Uid) != me {
		return fmt.Errorf("owned by uid %d, not this user (uid %d)", st.Uid, me)
	}
	return nil
}

// fileLock serializes the kernels that share one history file: appends
// and rewrites happen under it, so a rewrite (a new file renamed into
// place) never drops a line another kernel is appending, and a kernel
// notices the new file before its next append.
type fileLock struct{ f *os.File }

func openLock(path string) (*fileLock, error) {
	f, err := openChecked(path+".lock", os.O_RDWR|os.O_CREATE)
	if err != nil {
		return nil, err
	}
	return &fileLock{f}, nil
}

func (l *fileLock) lock() error {
	for {
		err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}

func (l *fileLock) unlock() { syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN) }

func (l *fileLock) close() { l.f.Close() }
