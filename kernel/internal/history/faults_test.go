package history

import (
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
)

// TestRewriteByAnotherKernelKeepsAppends: two kernels share the file; one
// compacts it (a new file renamed into place) while the other keeps
// appending, and nothing the other appends afterwards is lost.
func TestRewriteByAnotherKernelKeepsAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	a := open(t, path)
	b := open(t, path)
	a.Append(a.Session(), 1, "from a before")
	b.Append(b.Session(), 1, "from b")
	b.mu.Lock()
	b.rewrite()
	b.mu.Unlock()
	a.Append(a.Session(), 2, "from a after")
	b.Append(b.Session(), 2, "from b after")
	a.Close()
	b.Close()
	got := inputs(open(t, path).Tail(10))
	want := []string{"from a before", "from b", "from a after", "from b after"}
	if !equal(got, want) {
		t.Errorf("after a rewrite by the other kernel: %q, want %q", got, want)
	}
}

// TestOverlongLineSkipped: a line longer than any record the kernel writes
// is skipped; what follows it is still read, and the file stays writable.
func TestOverlongLineSkipped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	big := `{"session":1,"line":1,"input":"` + strings.Repeat("x", 17<<20) + `"}` + "\n"
	after := `{"session":1,"line":2,"input":"after the long line"}` + "\n"
	if err := os.WriteFile(path, []byte(big+after), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if got := inputs(s.Tail(10)); !equal(got, []string{"after the long line"}) {
		t.Errorf("Tail = %.80q", got)
	}
	s.Append(s.Session(), 1, "next kernel sees me")
	s.Close()
	if got := inputs(open(t, path).Tail(10)); !equal(got, []string{"after the long line", "next kernel sees me"}) {
		t.Errorf("next kernel: Tail = %.80q", got)
	}
}

func TestEntriesBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	s := open(t, path)
	s.Record(Entry{Session: 1, Line: 1, Input: strings.Repeat("a", MaxInput+1), Output: strings.Repeat("é", MaxOutput)})
	e := s.Tail(1)[0]
	if !strings.Contains(e.Input, "too long to keep in history") {
		t.Errorf("input of %d bytes kept as %.60q", MaxInput+1, e.Input)
	}
	if len(e.Output) > MaxOutput+100 || !strings.Contains(e.Output, "more bytes not kept") || !strings.HasPrefix(e.Output, "éé") {
		t.Errorf("output of %d bytes kept as %d bytes", 2*MaxOutput, len(e.Output))
	}
	for i := 2; i < 2+MaxBytes/MaxInput+MaxBytes/4/MaxInput+4; i++ {
		s.Append(1, i, strings.Repeat("b", MaxInput))
	}
	s.mu.Lock()
	size, n := s.size, len(s.entries)
	s.mu.Unlock()
	if size > MaxBytes+MaxBytes/4 {
		t.Errorf("%d entries hold %d bytes, bound %d", n, size, MaxBytes+MaxBytes/4)
	}
	s.Close()
	if fi, err := os.Stat(path); err != nil || fi.Size() > 2*MaxBytes {
		t.Errorf("file: %v, %v", fi.Size(), err)
	}
}

func TestNoHomeNoSharedFolder(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "")
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "")
	got := DefaultPath()
	if strings.HasPrefix(got, os.TempDir()) {
		t.Errorf("DefaultPath() = %q: a shared folder", got)
	}
	if u, err := user.Current(); err == nil && u.HomeDir != "" {
		if want := filepath.Join(u.HomeDir, ".local", "share", "golessons", "history.jsonl"); got != want {
			t.Errorf("DefaultPath() = %q, want %q (the user database's home)", got, want)
		}
	}
	s, err := Open("")
	if err == nil || !strings.Contains(err.Error(), "memory") {
		t.Errorf("Open(\"\"): err = %v, want one saying history stays in memory", err)
	}
	s.Append(s.Session(), 1, "x")
	if len(s.Tail(1)) != 1 {
		t.Error("memory-only store lost the entry")
	}
}

func TestFolderWritableByOthersRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o777) // past the umask
	path := filepath.Join(dir, "history.jsonl")
	s, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "writable by other users") {
		t.Fatalf("Open in a world-writable folder: err = %v", err)
	}
	s.Append(s.Session(), 1, "secret")
	if _, err := os.Stat(path); err == nil {
		t.Error("history written into a world-writable folder")
	}
}

func TestSymlinkAndOpenModes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "history.jsonl")
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), path); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("Open of a symlink: err = %v", err)
	}
	os.Remove(path)
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644)
	open(t, path).Append(1, 1, "x")
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestForeignFileRefused(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to give a file to another user")
	}
	path := filepath.Join(t.TempDir(), "history.jsonl")
	if err := os.WriteFile(path, []byte(`{"session":1,"line":1,"input":"planted"}`+"\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "owned by uid 65534") {
		t.Fatalf("Open of another user's file: err = %v", err)
	}
	if len(s.Tail(10)) != 0 {
		t.Error("entries read from another user's file")
	}
	s.Append(s.Session(), 1, "secret")
	if b, _ := os.ReadFile(path); strings.Contains(string(b), "secret") {
		t.Error("history appended to another user's file")
	}
}
