package link

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// writes records each Write call separately.
type writes struct{ calls [][]byte }

func (w *writes) Write(p []byte) (int, error) {
	w.calls = append(w.calls, append([]byte(nil), p...))
	return len(p), nil
}

func TestStderrWriterFramesFitAPipeWriteAndKeepCharacters(t *testing.T) {
	var w writes
	text := strings.Repeat("é", 5000) + "end\n" // 10004 bytes: three frames
	n, err := NewStderrWriter(&w, "0123456789abcdef").Write([]byte(text))
	if err != nil || n != len(text) {
		t.Fatalf("Write = %d, %v", n, err)
	}
	prefix := append(SyncPrefix("0123456789abcdef"), StderrTag)
	var back strings.Builder
	for _, c := range w.calls {
		if len(c) > PipeAtomic {
			t.Fatalf("a frame of %d bytes is not an atomic pipe write", len(c))
		}
		if !bytes.HasPrefix(c, prefix) {
			t.Fatalf("frame without header: %q", c[:20])
		}
		head, body, ok := bytes.Cut(c[len(prefix):], []byte{0})
		size, err := strconv.Atoi(string(head))
		if !ok || err != nil || size != len(body) {
			t.Fatalf("header %q for %d bytes", head, len(body))
		}
		if !utf8.Valid(body) {
			t.Fatalf("a frame cuts a character: %q", body[len(body)-3:])
		}
		back.Write(body)
	}
	if len(w.calls) != 3 || back.String() != text {
		t.Fatalf("%d frames; text came back equal: %v", len(w.calls), back.String() == text)
	}
}
