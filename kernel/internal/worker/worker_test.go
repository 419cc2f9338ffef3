package worker

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"golessons/display"
	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/link"
	"golessons/kernel/internal/symtab"
)

// echoEval returns each cell as its value; "read" reads a line from stdin,
// "block" waits for cancellation, "display" shows, redraws and clears,
// "wrapped" fails with a wrapped *cellio.Error and a value.
type echoEval struct{ stdin io.Reader }

func (e echoEval) Eval(ctx context.Context, cell string) (cellio.Value, error) {
	switch cell {
	case "read":
		b := make([]byte, 64)
		n, err := e.stdin.Read(b)
		if err != nil {
			return cellio.Value{}, &cellio.Error{Name: "ReadError", Value: err.Error()}
		}
		return cellio.Value{Data: map[string]any{"text/plain": string(b[:n])}}, nil
	case "block":
		<-ctx.Done()
		return cellio.Value{}, &cellio.Error{Name: "Interrupted", Value: "stopped"}
	case "crash":
		panic("evaluator bug")
	case "wrapped":
		return cellio.Value{Data: map[string]any{"text/plain": "dropped"}},
			fmt.Errorf("evaluating: %w", &cellio.Error{Name: "panic", Value: "1:1: boom", Traceback: []string{"cell 1:1"}})
	case "display":
		o := display.New()
		o.HTML("<b>1</b>")
		o.Text("2")
		display.Clear(true)
	}
	return cellio.Value{Data: map[string]any{"text/plain": cell}}, nil
}

func (echoEval) Restore(ctx context.Context, cells []string, numbers []int, next string) ([]string, []string) {
	return cells, nil
}
func (echoEval) Symbols() []symtab.Symbol { return nil }

// lockedBuffer is a bytes.Buffer safe for the worker's concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type harness struct {
	req    *link.Writer
	events *link.Reader
	reqW   *io.PipeWriter
	stdout *lockedBuffer
	done   chan error
	// held are events until passed over while waiting for another;
	// the next until sees them first (a cell's result may come before
	// the reply to the request that let it go on).
	held []link.Event
}

func startWorker(t *testing.T) *harness {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	h := &harness{req: link.NewWriter(inW), events: link.NewReader(outR), reqW: inW,
		stdout: &lockedBuffer{}, done: make(chan error, 1)}
	go func() {
		h.done <- Run(context.Background(), inR, outW, Options{
			Token: "t", Stdout: h.stdout, Stderr: io.Discard,
			NewEvaluator: func(stdin io.Reader) (Evaluator, error) { return echoEval{stdin}, nil },
		})
		outW.Close()
	}()
	t.Cleanup(func() {
		inW.Close()
		select {
		case <-h.done:
		case <-time.After(5 * time.Second):
			t.Error("Run did not return after the link closed")
		}
	})
	if ev := h.next(t); ev.Kind != link.KindReady {
		t.Fatalf("first event %+v, want ready", ev)
	}
	return h
}

func (h *harness) next(t *testing.T) link.Event {
	t.Helper()
	type res struct {
		ev  link.Event
		err error
	}
	c := make(chan res, 1)
	go func() {
		ev, err := h.events.ReadEvent()
		c <- res{ev, err}
	}()
	select {
	case r := <-c:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.ev
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5s")
	}
	return link.Event{}
}

func (h *harness) send(t *testing.T, req link.Request) {
	t.Helper()
	if err := h.req.Send(req); err != nil {
		t.Fatal(err)
	}
}

func TestExecuteWritesMarkerBeforeResult(t *testing.T) {
	h := startWorker(t)
	h.send(t, link.Request{Kind: link.KindExecute, ID: 1, Code: "hello"})
	ev := h.next(t)
	if ev.Kind != link.KindResult || ev.ID != 1 || ev.Data["text/plain"] != "hello" {
		t.Fatalf("got %+v", ev)
	}
	if want := string(link.SyncMarker("t", ev.Sync)); !strings.HasSuffix(h.stdout.String(), want) {
		t.Fatalf("stdout %q lacks marker %q", h.stdout.String(), want)
	}
}

func TestStdin(t *testing.T) {
	tests := []struct {
		name    string
		allow   bool
		reply   *link.Request
		wantErr string
		want    string
	}{
		{name: "not allowed gives EOF at once", allow: false, wantErr: "EOF"},
		{name: "reply", allow: true, reply: &link.Request{Kind: link.KindInputReply, Value: "Ada"}, want: "Ada\n"},
		{name: "eof reply", allow: true, reply: &link.Request{Kind: link.KindInputReply, EOF: true}, wantErr: "EOF"},
	}
	h := startWorker(t)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := uint64(i + 1)
			h.send(t, link.Request{Kind: link.KindExecute, ID: id, Code: "read", AllowStdin: tt.allow})
			ev := h.next(t)
			if tt.reply != nil {
				if ev.Kind != link.KindInputRequest || ev.ID != id {
					t.Fatalf("got %+v, want input_request", ev)
				}
				rep := *tt.reply
				rep.ID = id
				h.send(t, rep)
				ev = h.next(t)
			}
			if ev.Kind != link.KindResult {
				t.Fatalf("got %+v, want result", ev)
			}
			if tt.wantErr != "" && (ev.Error == nil || !strings.Contains(ev.Error.Value, tt.wantErr)) {
				t.Fatalf("error %+v, want %q", ev.Error, tt.wantErr)
			}
			if tt.want != "" && ev.Data["text/plain"] != tt.want {
				t.Fatalf("value %v, want %q", ev.Data, tt.want)
			}
		})
	}
}

func TestCancelAndBadFrames(t *testing.T) {
	h := startWorker(t)
	h.send(t, link.Request{Kind: link.KindExecute, ID: 5, Code: "block"})
	// Garbage and an unknown kind in the middle are skipped.
	if _, err := h.reqW.Write([]byte{0, 0, 0, 3, 'b', 'a', 'd'}); err != nil {
		t.Fatal(err)
	}
	h.send(t, link.Request{Kind: "nonsense"})
	h.send(t, link.Request{Kind: link.KindCancel, ID: 5})
	if ev := h.next(t); ev.Kind != link.KindResult || ev.Error == nil || ev.Error.Name != "Interrupted" {
		t.Fatalf("got %+v, want interrupted result", ev)
	}
	h.send(t, link.Request{Kind: link.KindExecute, ID: 6, Code: "crash"})
	if ev := h.next(t); ev.Error == nil || ev.Error.Name != "InternalError" {
		t.Fatalf("got %+v, want InternalError", ev)
	}
	h.send(t, link.Request{Kind: link.KindRestore, Cells: []string{"a"}})
	if ev := h.next(t); ev.Kind != link.KindRestored || len(ev.Kept) != 1 {
		t.Fatalf("got %+v, want restored", ev)
	}
}

func TestKernelGoneDuringCell(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) }) // ends the abandoned cell goroutine
	go func() {
		done <- Run(context.Background(), inR, outW, Options{Token: "t", Stdout: io.Discard, Stderr: io.Discard,
			NewEvaluator: func(stdin io.Reader) (Evaluator, error) { return blockUntil{release: release}, nil }})
	}()
	go io.Copy(io.Discard, outR) // keeps the event pipe flowing; ends when the test binary does
	link.NewWriter(inW).Send(link.Request{Kind: link.KindExecute, ID: 1, Code: "x"})
	inW.Close()
	select {
	case err := <-done:
		if !errors.Is(err, ErrKernelGone) {
			t.Fatalf("Run returned %v, want ErrKernelGone", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after the kernel went away")
	}
}

// blockUntil ignores cancellation, like a compiled call, until release.
type blockUntil struct {
	echoEval
	release chan struct{}
}

func (b blockUntil) Eval(context.Context, string) (cellio.Value, error) {
	<-b.release
	return cellio.Value{}, nil
}
