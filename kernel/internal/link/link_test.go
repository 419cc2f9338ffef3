package link

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"reflect"
	"testing"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/symtab"
)

func TestRoundTrip(t *testing.T) {
	requests := []Request{
		{Kind: KindExecute, ID: 1, Code: "x := 1\nx", AllowStdin: true},
		{Kind: KindCancel, ID: 1},
		{Kind: KindInputReply, ID: 2, Value: "Ada ✓"},
		{Kind: KindInputReply, ID: 2, EOF: true},
		{Kind: KindRestore, Cells: []string{"var a = 1", "func f() {}"}},
	}
	events := []Event{
		{Kind: KindReady},
		{Kind: KindResult, ID: 1, Sync: 3, Value: cellio.Value{Data: map[string]any{"text/plain": "1"}},
			Symbols: []symtab.Symbol{{Name: "x", Kind: symtab.KindVar, Decl: "x := 1", Type: "int", Value: "1"}}},
		{Kind: KindResult, ID: 2, Error: &cellio.Error{Name: "panic", Value: "boom", Traceback: []string{"line 3"}}},
		{Kind: KindDisplay, ID: 2, Display: &cellio.Display{Kind: cellio.DisplayUpdate, ID: "d1", Data: map[string]any{"text/html": "<b>1</b>"}}},
		{Kind: KindInputRequest, ID: 4, Password: true},
		{Kind: KindRestored, Kept: []string{"a"}, Lost: []string{"f"}},
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, r := range requests {
		if err := w.Send(r); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range events {
		if err := w.Send(e); err != nil {
			t.Fatal(err)
		}
	}
	r := NewReader(&buf)
	for _, want := range requests {
		t.Run("request "+string(want.Kind), func(t *testing.T) {
			got, err := r.ReadRequest()
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("got %+v, %v; want %+v", got, err, want)
			}
		})
	}
	for _, want := range events {
		t.Run("event "+string(want.Kind), func(t *testing.T) {
			got, err := r.ReadEvent()
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("got %+v, %v; want %+v", got, err, want)
			}
		})
	}
	if _, err := r.ReadEvent(); err != io.EOF {
		t.Fatalf("after last frame: %v, want io.EOF", err)
	}
}

func frame(body string) []byte {
	return binary.BigEndian.AppendUint32(nil, uint32(len(body)))
}

func TestBadFrames(t *testing.T) {
	huge := binary.BigEndian.AppendUint32(nil, MaxFrame+1)
	tests := []struct {
		name  string
		input []byte
		check func(error) bool
	}{
		{"empty stream", nil, func(err error) bool { return err == io.EOF }},
		{"truncated header", []byte{0, 0}, func(err error) bool { return errors.Is(err, io.ErrUnexpectedEOF) }},
		{"truncated body", append(frame(`{"kind":"ready"}`), `{"kind"`...), func(err error) bool { return errors.Is(err, io.ErrUnexpectedEOF) }},
		{"oversized", append(huge, 'x'), func(err error) bool { return errors.Is(err, ErrFrameTooLarge) }},
		{"not json", append(frame("nope"), "nope"...), func(err error) bool {
			var de *DecodeError
			return errors.As(err, &de)
		}},
		{"wrong field type", append(frame(`{"kind":7}`), `{"kind":7}`...), func(err error) bool {
			var de *DecodeError
			return errors.As(err, &de)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(bytes.NewReader(tt.input)).ReadEvent()
			if !tt.check(err) {
				t.Fatalf("got error %v", err)
			}
		})
	}
}

func TestDecodeErrorKeepsStreamInSync(t *testing.T) {
	var in []byte
	in = append(append(in, frame("garbage")...), "garbage"...)
	good := `{"kind":"cancel","id":9}`
	in = append(append(in, frame(good)...), good...)
	r := NewReader(bytes.NewReader(in))
	if _, err := r.ReadRequest(); err == nil {
		t.Fatal("garbage frame decoded without error")
	}
	got, err := r.ReadRequest()
	if err != nil || !reflect.DeepEqual(got, Request{Kind: KindCancel, ID: 9}) {
		t.Fatalf("next frame: %+v, %v", got, err)
	}
}

func TestSendRejectsOversized(t *testing.T) {
	var buf bytes.Buffer
	err := NewWriter(&buf).Send(Request{Kind: KindExecute, Code: string(bytes.Repeat([]byte("a"), MaxFrame))})
	if !errors.Is(err, ErrFrameTooLarge) || buf.Len() != 0 {
		t.Fatalf("got %v with %d bytes written", err, buf.Len())
	}
}

func TestSyncMarker(t *testing.T) {
	if got, want := string(SyncMarker("abc", 42)), "\x00golessons-sync:abc:42\x00"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if !bytes.HasPrefix(SyncMarker("t", 7), SyncPrefix("t")) {
		t.Fatal("marker does not start with its prefix")
	}
}

func FuzzReadFrame(f *testing.F) {
	f.Add([]byte{0, 0, 0, 2, '{', '}'})
	f.Add(append(frame(`{"kind":"result","id":1,"error":{"name":"x"}}`), `{"kind":"result","id":1,"error":{"name":"x"}}`...))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data))
		for range 8 {
			if _, err := r.ReadEvent(); err != nil {
				var de *DecodeError
				if !errors.As(err, &de) {
					break
				}
			}
		}
		r = NewReader(bytes.NewReader(data))
		for range 8 {
			if _, err := r.ReadRequest(); err != nil {
				var de *DecodeError
				if !errors.As(err, &de) {
					break
				}
			}
		}
	})
}
