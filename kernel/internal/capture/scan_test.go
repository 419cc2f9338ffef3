package capture

import (
	"bytes"
	"testing"
)

// FuzzSplitMarkers feeds data to splitMarkers in two reads cut at any
// point and checks that text and markers put back together give the input.
func FuzzSplitMarkers(f *testing.F) {
	f.Add([]byte("hello\n"), 3)
	f.Add(append(append([]byte("a"), marker(7)...), "b"...), 4)
	f.Add(marker(12345), 9)
	f.Add([]byte("\x00golessons-sync:tok:99x\x00"), 1)
	f.Add(append(append([]byte("out"), frame("err\n")...), "more"...), 20)
	f.Add([]byte("\x00golessons-sync:tok:e5\x00ab"), 24)
	f.Fuzz(func(t *testing.T, data []byte, cut int) {
		if cut < 0 || cut > len(data) {
			cut = len(data) / 2
		}
		var rebuilt []byte
		var carry []byte
		for _, read := range [][]byte{data[:cut], data[cut:]} {
			pieces, rest := splitMarkers(append(carry, read...), testPrefix)
			for _, p := range pieces {
				if p.stderr {
					rebuilt = append(rebuilt, frame(string(p.text))...)
					continue
				}
				rebuilt = append(rebuilt, p.text...)
				if p.sync > 0 {
					rebuilt = append(rebuilt, marker(p.sync)...)
				}
			}
			carry = rest
		}
		rebuilt = append(rebuilt, carry...) // what EOF would send as text
		if !bytes.Equal(rebuilt, data) {
			t.Fatalf("input %q came back as %q", data, rebuilt)
		}
	})
}
