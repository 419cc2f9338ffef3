package capture

import (
	"reflect"
	"strconv"
	"testing"
	"time"
)

// frame is a stderr frame as link.StderrWriter writes it.
func frame(text string) []byte {
	b := append([]byte(nil), testPrefix...)
	b = append(b, stderrTag)
	b = strconv.AppendInt(b, int64(len(text)), 10)
	b = append(b, 0)
	return append(b, text...)
}

func TestStderrFramesKeepTheirPlaceAmongStdout(t *testing.T) {
	out, errPipe, c := pipes(t, Options{})
	for _, w := range [][]byte{
		[]byte("out 1\n"), frame("err 2\n"), []byte("out 3\n"), frame("err 4\n"), frame("err 5\n"),
		marker(1),
	} {
		if _, err := out.Write(w); err != nil {
			t.Fatal(err)
		}
		// A pause between writes makes capture see them as separate reads,
		// the way they arrive from a real cell.
		time.Sleep(5 * time.Millisecond)
	}
	errPipe.Write(marker(1))
	out.Close()
	errPipe.Close()
	got := merge(collect(t, c, 5*time.Second))
	want := []Chunk{
		{Stream: Stdout, Text: "out 1\n"},
		{Stream: Stderr, Text: "err 2\n"},
		{Stream: Stdout, Text: "out 3\n"},
		{Stream: Stderr, Text: "err 4\nerr 5\n"},
		{Stream: Stdout, Sync: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestStderrFrameSplitAcrossReads(t *testing.T) {
	data := append(append([]byte("a"), frame("bcd")...), "e"...)
	for cut := 0; cut <= len(data); cut++ {
		var pieces []piece
		p1, carry := splitMarkers(append([]byte(nil), data[:cut]...), testPrefix)
		pieces = append(pieces, p1...)
		p2, carry := splitMarkers(append(carry, data[cut:]...), testPrefix)
		pieces = append(pieces, p2...)
		var out, errText string
		for _, p := range pieces {
			if p.stderr {
				errText += string(p.text)
			} else {
				out += string(p.text)
			}
		}
		if out+string(carry) != "ae" || errText != "bcd" {
			t.Fatalf("cut %d: stdout %q (+carry %q), stderr %q", cut, out, carry, errText)
		}
	}
}

func TestNotAFrameIsText(t *testing.T) {
	for _, s := range []string{
		string(testPrefix) + "e0\x00x",      // empty frames are never written
		string(testPrefix) + "e99999\x00x",  // longer than a frame can be
		string(testPrefix) + "ex\x00",       // no length
		string(testPrefix) + "e05\x00abcde", // leading zero
	} {
		pieces, carry := splitMarkers([]byte(s), testPrefix)
		var text string
		for _, p := range pieces {
			if p.stderr {
				t.Fatalf("%q: read as a frame", s)
			}
			text += string(p.text)
		}
		if text+string(carry) != s {
			t.Fatalf("%q came back as %q", s, text+string(carry))
		}
	}
}
