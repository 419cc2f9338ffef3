package history

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// inputs returns the inputs of entries, to compare with written-out lists.
func inputs(es []Entry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Input)
	}
	return out
}

func equal(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00") && len(a) == len(b)
}

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSessionsSurviveRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "history.jsonl")
	first := open(t, path)
	if got := first.Session(); got != 1 {
		t.Fatalf("first session = %d, want 1", got)
	}
	first.Append(1, 1, "x := 1")
	first.Append(1, 2, "fmt.Println(x)")
	first.Close()

	restarted := open(t, path)                   // a kernel start that runs nothing still counts
	if got := restarted.NewSession(); got != 3 { // a restart inside the process
		t.Errorf("NewSession() = %d, want 3", got)
	}
	restarted.Close()

	s := open(t, path)
	if got := s.Session(); got != 4 {
		t.Fatalf("fourth session = %d, want 4", got)
	}
	s.Append(4, 1, "y := 2")
	tests := []struct {
		name        string
		got         []Entry
		wantInputs  []string
		wantSession int
	}{
		{"tail spans sessions", s.Tail(2), []string{"fmt.Println(x)", "y := 2"}, 0},
		{"tail larger than history", s.Tail(10), []string{"x := 1", "fmt.Println(x)", "y := 2"}, 0},
		{"current session", s.Range(0, 1, 0), []string{"y := 2"}, 4},
		{"three sessions back", s.Range(-3, 1, 0), []string{"x := 1", "fmt.Println(x)"}, 1},
		{"previous session is empty", s.Range(-1, 1, 0), []string{}, 0},
		{"absolute session with stop", s.Range(1, 1, 2), []string{"x := 1"}, 1},
		{"start after the first line", s.Range(1, 2, 0), []string{"fmt.Println(x)"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !equal(inputs(tt.got), tt.wantInputs) {
				t.Errorf("inputs = %q, want %q", inputs(tt.got), tt.wantInputs)
			}
			for _, e := range tt.got {
				if tt.wantSession != 0 && e.Session != tt.wantSession {
					t.Errorf("entry %+v, want session %d", e, tt.wantSession)
				}
			}
		})
	}
}

func TestSearch(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "history.jsonl"))
	for i, in := range []string{"fmt.Println(1)", "x := 2", "fmt.Printf(\"%d\", x)", "fmt.Println(1)", "for i := range 3 {\n\tfmt.Println(i)\n}"} {
		s.Append(s.Session(), i+1, in)
	}
	tests := []struct {
		name    string
		pattern string
		n       int
		unique  bool
		want    []string
	}{
		{"all", "*", 0, false, []string{"fmt.Println(1)", "x := 2", "fmt.Printf(\"%d\", x)", "fmt.Println(1)", "for i := range 3 {\n\tfmt.Println(i)\n}"}},
		{"star spans lines", "for*Println*}", 0, false, []string{"for i := range 3 {\n\tfmt.Println(i)\n}"}},
		{"question mark", "fmt.Print?(*", 0, false, []string{"fmt.Printf(\"%d\", x)"}},
		{"class", "[xy] := *", 0, false, []string{"x := 2"}},
		{"negated class", "fmt.Print[!l]*", 0, false, []string{"fmt.Printf(\"%d\", x)"}},
		{"range class", "[a-g]*", 0, false, []string{"fmt.Println(1)", "fmt.Printf(\"%d\", x)", "fmt.Println(1)", "for i := range 3 {\n\tfmt.Println(i)\n}"}},
		{"unique keeps the latest", "fmt.*", 0, true, []string{"fmt.Printf(\"%d\", x)", "fmt.Println(1)"}},
		{"last n", "fmt.*", 1, false, []string{"fmt.Println(1)"}},
		{"no wildcard is exact", "x := 2", 0, false, []string{"x := 2"}},
		{"no match", "*nothing*", 0, false, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := inputs(s.Search(tt.pattern, tt.n, tt.unique)); !equal(got, tt.want) {
				t.Errorf("Search(%q, %d, %v) = %q, want %q", tt.pattern, tt.n, tt.unique, got, tt.want)
			}
		})
	}
}

func TestUnwritableDegradesToMemory(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "not-a-dir")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(filepath.Join(blocker, "history.jsonl"))
	if err == nil {
		t.Fatal("Open under a regular file: want an error")
	}
	if s == nil {
		t.Fatal("Open returned no store")
	}
	s.Append(s.Session(), 1, "x := 1")
	if got := inputs(s.Tail(1)); !equal(got, []string{"x := 1"}) {
		t.Errorf("Tail(1) = %q, want [x := 1]", got)
	}
}

func TestUnreadableFileIsLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	if err := os.Mkdir(path, 0o700); err != nil { // a directory cannot be read as a file
		t.Fatal(err)
	}
	s, err := Open(path)
	if err == nil {
		t.Fatal("Open of an unreadable history: want an error")
	}
	s.Append(s.Session(), 1, "x := 1")
	if got := inputs(s.Range(0, 1, 0)); !equal(got, []string{"x := 1"}) {
		t.Errorf("Range(0) = %q, want [x := 1]", got)
	}
}

func TestCorruptLinesSkipped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	data := `{"session":4,"line":1,"input":"a"}` + "\n" + `{"session":4,"li` + "\n" + "garbage\n" + `{"session":4,"line":2,"input":"b"}` + "\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	s := open(t, path)
	if s.Session() != 5 {
		t.Errorf("Session() = %d, want 5", s.Session())
	}
	if got := inputs(s.Range(-1, 1, 0)); !equal(got, []string{"a", "b"}) {
		t.Errorf("Range(-1) = %q, want [a b]", got)
	}
}

func TestBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	s := open(t, path)
	total := Limit + slack + 1
	for i := 1; i <= total; i++ {
		s.Append(1, i, "cell")
	}
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(data), "\n"); lines > Limit+slack {
		t.Errorf("file has %d lines after %d appends, want at most %d", lines, total, Limit+slack)
	}
	r := open(t, path)
	tail := r.Tail(Limit + slack)
	if len(tail) > Limit+slack || tail[len(tail)-1].Line != total {
		t.Errorf("after reopen: %d entries ending at line %d, want ≤ %d ending at %d", len(tail), tail[len(tail)-1].Line, Limit+slack, total)
	}
}

func TestConcurrentAppend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	s := open(t, path)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := 1; i <= 50; i++ {
				s.Append(s.Session(), g*100+i, "x")
				s.Tail(3)
			}
		})
	}
	wg.Wait()
	s.Close()
	if got := len(open(t, path).Range(-1, 1, 0)); got != 200 {
		t.Errorf("after reopen: %d entries, want 200", got)
	}
}

func TestDefaultPath(t *testing.T) {
	tests := []struct{ name, jupyter, xdg, home, want string }{
		{"jupyter data dir", "/j", "/x", "/h", "/j/golessons/history.jsonl"},
		{"xdg data home", "", "/x", "/h", "/x/golessons/history.jsonl"},
		{"home", "", "", "/h", "/h/.local/share/golessons/history.jsonl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("JUPYTER_DATA_DIR", tt.jupyter)
			t.Setenv("XDG_DATA_HOME", tt.xdg)
			t.Setenv("HOME", tt.home)
			if got := DefaultPath(); got != tt.want {
				t.Errorf("DefaultPath() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOpenInBackground(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	s := open(t, path)
	s.Append(s.Session(), 1, "a := 1")
	s.Close()

	var failed error
	b := OpenInBackground(path, func(err error) { failed = err })
	if got := b.Session(); got != 2 { // waits for the file
		t.Errorf("Session() = %d, want 2", got)
	}
	if got := inputs(b.Tail(10)); !equal(got, []string{"a := 1"}) {
		t.Errorf("Tail = %q", got)
	}
	b.Close()
	if failed != nil {
		t.Errorf("failed(%v) for a readable file", failed)
	}
}
