package capture

import (
	"context"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

var testPrefix = []byte("\x00golessons-sync:tok:")

func marker(n uint64) []byte {
	return append(strconv.AppendUint(append([]byte(nil), testPrefix...), n, 10), 0)
}

// pipes starts a Capture over two real pipes and returns their write ends.
func pipes(t *testing.T, opts Options) (stdout, stderr *os.File, c *Capture) {
	t.Helper()
	or, ow, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	er, ew, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if opts.SyncPrefix == nil {
		opts.SyncPrefix = testPrefix
	}
	c = Start(ctx, or, er, opts)
	t.Cleanup(func() {
		ow.Close()
		ew.Close()
		cancel()
		for range c.Chunks() {
		}
		or.Close()
		er.Close()
	})
	return ow, ew, c
}

// collect receives chunks until the channel closes or the deadline passes.
func collect(t *testing.T, c *Capture, d time.Duration) []Chunk {
	t.Helper()
	var got []Chunk
	deadline := time.After(d)
	for {
		select {
		case ch, ok := <-c.Chunks():
			if !ok {
				return got
			}
			got = append(got, ch)
		case <-deadline:
			t.Fatalf("chunks not closed within %v; got %d", d, len(got))
			return got
		}
	}
}

func joined(chunks []Chunk, s Stream) string {
	var b strings.Builder
	for _, c := range chunks {
		if c.Stream == s {
			b.WriteString(c.Text)
		}
	}
	return b.String()
}

func TestUTF8NeverSplit(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		maxChunk int
		writes   int // the text goes out in this many writes, cut at byte offsets
	}{
		{"two-byte", strings.Repeat("é", 5000), 17, 7},
		{"three-byte", strings.Repeat("a€", 4000), 16, 13},
		{"four-byte", strings.Repeat("😀b", 3000), 19, 11},
		{"mixed default chunk", strings.Repeat("x€😀é\n", 40000), 0, 97},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ow, ew, c := pipes(t, Options{MaxChunk: tt.maxChunk})
			go func() {
				b := []byte(tt.text)
				step := len(b)/tt.writes + 1
				for i := 0; i < len(b); i += step {
					ow.Write(b[i:min(i+step, len(b))])
				}
				ow.Close()
				ew.Close()
			}()
			got := collect(t, c, 10*time.Second)
			limit := tt.maxChunk
			if limit == 0 {
				limit = DefaultMaxChunk
			}
			for i, ch := range got {
				if !utf8.ValidString(ch.Text) {
					t.Fatalf("chunk %d is not valid UTF-8: %q", i, ch.Text)
				}
				if len(ch.Text) > limit {
					t.Fatalf("chunk %d has %d bytes, cap %d", i, len(ch.Text), limit)
				}
			}
			if s := joined(got, Stdout); s != tt.text {
				t.Fatalf("text differs: got %d bytes, want %d", len(s), len(tt.text))
			}
		})
	}
}

func TestBatching50000Lines(t *testing.T) {
	ow, ew, c := pipes(t, Options{})
	var want strings.Builder
	for i := range 50000 {
		fmt.Fprintf(&want, "line %d\n", i)
	}
	go func() {
		for i := range 50000 {
			fmt.Fprintf(ow, "line %d\n", i) // one write per line, as fmt.Println does
		}
		ow.Close()
		ew.Close()
	}()
	got := collect(t, c, 20*time.Second)
	if len(got) >= 2000 {
		t.Errorf("50,000 lines came in %d chunks, want far fewer than 2,000", len(got))
	}
	if s := joined(got, Stdout); s != want.String() {
		t.Errorf("lines reordered or lost: got %d bytes, want %d", len(s), want.Len())
	}
	t.Logf("50,000 lines in %d chunks", len(got))
}

func TestCharacterSplitByAPauseIsKeptWhole(t *testing.T) {
	ow, _, c := pipes(t, Options{Window: time.Millisecond})
	ow.Write([]byte("a\xe4")) // "a" and the first byte of 世
	if ch := <-c.Chunks(); ch.Text != "a" {
		t.Fatalf("got %q, want %q", ch.Text, "a")
	}
	// Many windows pass; the lone byte must not go out by itself.
	select {
	case ch := <-c.Chunks():
		t.Fatalf("sent %q before the character was complete", ch.Text)
	case <-time.After(100 * time.Millisecond):
	}
	ow.Write([]byte("\xb8\x96\n"))
	if ch := <-c.Chunks(); ch.Text != "世\n" {
		t.Fatalf("got %q, want %q", ch.Text, "世\n")
	}
}

func TestFirstOutputIsQuick(t *testing.T) {
	ow, _, c := pipes(t, Options{})
	start := time.Now()
	ow.Write([]byte("first line\n"))
	select {
	case ch := <-c.Chunks():
		if ch.Text != "first line\n" {
			t.Fatalf("got %q", ch.Text)
		}
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Fatalf("first output after %v, want < 100ms", d)
		}
	case <-time.After(time.Second):
		t.Fatal("first output did not arrive within 1s")
	}
}

func TestOutputAfterMarkerIsQuick(t *testing.T) {
	ow, ew, c := pipes(t, Options{Window: time.Hour})
	ow.Write([]byte("busy\n"))
	if ch := <-c.Chunks(); ch.Text != "busy\n" {
		t.Fatalf("got %+v", ch)
	}
	ow.Write(marker(1))
	ew.Write(marker(1))
	if ch := <-c.Chunks(); ch.Sync != 1 {
		t.Fatalf("got %+v, want marker 1", ch)
	}
	// Within the hour-long window of "busy", but after an event.
	ow.Write([]byte("next cell\n"))
	select {
	case ch := <-c.Chunks():
		if ch.Text != "next cell\n" {
			t.Fatalf("got %+v", ch)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("text after a marker waited for the window")
	}
}

func TestMarkers(t *testing.T) {
	m1, m2 := marker(1), marker(2)
	tests := []struct {
		name string
		out  [][]byte // writes to stdout, in order
		err  [][]byte // writes to stderr, in order
		want []Chunk  // expected chunks, text of consecutive same-stream chunks merged
	}{
		{
			name: "prompt before marker",
			out:  [][]byte{[]byte("hello\nName: "), m1},
			err:  [][]byte{m1},
			want: []Chunk{{Stream: Stdout, Text: "hello\nName: ", Sync: 1}},
		},
		{
			name: "marker split across writes",
			out:  [][]byte{[]byte("a"), m1[:5], m1[5:], []byte("b")},
			err:  [][]byte{[]byte("e"), m1},
			want: []Chunk{{Stream: Stderr, Text: "e"}, {Stream: Stdout, Text: "a", Sync: 1}, {Stream: Stdout, Text: "b"}},
		},
		{
			name: "two markers, text after waits for the other stream",
			out:  [][]byte{m1, []byte("x\n"), m2},
			err:  [][]byte{[]byte("y\n"), m1, m2, []byte("z")},
			want: []Chunk{
				{Stream: Stderr, Text: "y\n"}, {Stream: Stdout, Sync: 1},
				{Stream: Stdout, Text: "x\n", Sync: 2}, {Stream: Stderr, Text: "z"},
			},
		},
		{
			name: "NUL bytes that are not markers stay text",
			out:  [][]byte{[]byte("\x00golessons-sync:tok:12x\x00\x00"), m1},
			err:  [][]byte{m1},
			want: []Chunk{{Stream: Stdout, Text: "\x00golessons-sync:tok:12x\x00\x00", Sync: 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ow, ew, c := pipes(t, Options{Window: time.Hour})
			go func() {
				for _, b := range tt.err {
					ew.Write(b)
				}
				ew.Close()
			}()
			go func() {
				for _, b := range tt.out {
					ow.Write(b)
				}
				ow.Close()
			}()
			got := merge(collect(t, c, 5*time.Second))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("chunks\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// merge joins consecutive text-only chunks of one stream, so a test does
// not depend on how reads happened to split the text.
func merge(chunks []Chunk) []Chunk {
	var out []Chunk
	for _, c := range chunks {
		if n := len(out); n > 0 && out[n-1].Stream == c.Stream && out[n-1].Sync == 0 {
			out[n-1].Text += c.Text
			out[n-1].Sync = c.Sync
			continue
		}
		if c.Text == "" && c.Sync == 0 {
			continue
		}
		out = append(out, c)
	}
	return out
}

// endless is a reader that never ends and counts what was taken from it.
type endless struct {
	n        atomic.Int64
	limit    int64
	exceeded chan struct{}
	once     atomic.Bool
}

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	if e.n.Add(int64(len(p))) > e.limit && e.once.CompareAndSwap(false, true) {
		close(e.exceeded)
	}
	return len(p), nil
}

func TestBackPressureBoundsMemory(t *testing.T) {
	// With nobody receiving, capture may hold a chunk being sent, the
	// pending text and one piece per stream: well under 1 MiB.
	src := &endless{limit: 1 << 20, exceeded: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := Start(ctx, src, eofReader{}, Options{})
	select {
	case <-src.exceeded:
		t.Fatalf("capture read %d bytes while nobody consumed", src.n.Load())
	case <-time.After(300 * time.Millisecond):
	}
	// Now consume: the flood flows again.
	got := 0
	for got < 8<<20 {
		select {
		case ch := <-c.Chunks():
			got += len(ch.Text)
		case <-time.After(5 * time.Second):
			t.Fatalf("flood stalled after %d bytes", got)
		}
	}
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
