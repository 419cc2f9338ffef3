package dispatch

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/protocol"
	"golessons/kernel/internal/symtab"
)

// sent is one message the fake transport saw, with where it went.
type sent struct {
	where string // "shell", "control", "iopub", "stdin"
	msg   *protocol.Message
}

// recorder is an in-memory Transport that lets tests wait for messages.
type recorder struct {
	mu   sync.Mutex
	msgs []sent
	more chan struct{}
}

func newRecorder() *recorder { return &recorder{more: make(chan struct{}, 1)} }

func (r *recorder) add(where string, m *protocol.Message) error {
	r.mu.Lock()
	r.msgs = append(r.msgs, sent{where, m})
	r.mu.Unlock()
	select {
	case r.more <- struct{}{}:
	default:
	}
	return nil
}

func (r *recorder) Reply(o Origin, m *protocol.Message) error {
	return r.add(map[Origin]string{Shell: "shell", Control: "control"}[o], m)
}
func (r *recorder) Publish(m *protocol.Message) error { return r.add("iopub", m) }
func (r *recorder) Ask(m *protocol.Message) error     { return r.add("stdin", m) }

// waitFor returns every message whose parent is id once cond holds for them.
func (r *recorder) waitFor(t *testing.T, id string, cond func([]sent) bool) []sent {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		r.mu.Lock()
		var mine []sent
		for _, s := range r.msgs {
			if s.msg.Parent.MsgID == id {
				mine = append(mine, s)
			}
		}
		r.mu.Unlock()
		if cond(mine) {
			return mine
		}
		select {
		case <-r.more:
		case <-deadline:
			t.Fatalf("timed out; messages for %s so far: %v", id, describe(mine))
		}
	}
}

// untilIdle is a waitFor condition: the request's idle status was published.
func untilIdle(ms []sent) bool {
	for _, s := range ms {
		if s.msg.Header.MsgType == protocol.Status && string(s.msg.Content) == `{"execution_state":"idle"}` {
			return true
		}
	}
	return false
}

func describe(ms []sent) []string {
	var out []string
	for _, s := range ms {
		d := s.where + ":" + string(s.msg.Header.MsgType)
		if s.msg.Header.MsgType == protocol.Status {
			var c struct {
				State string `json:"execution_state"`
			}
			_ = json.Unmarshal(s.msg.Content, &c)
			d += ":" + c.State
		}
		out = append(out, d)
	}
	return out
}

// scripted is a fake Engine: each code string maps to what the cell does.
type scripted struct {
	mu          sync.Mutex
	interrupted int
	restarted   int
	numbers     []int // the cells' execution counts, in the order run
}

func (e *scripted) Execute(ctx context.Context, cell cellio.Cell, out cellio.Output) cellio.Outcome {
	e.mu.Lock()
	e.numbers = append(e.numbers, cell.Number)
	e.mu.Unlock()
	switch code := cell.Code; code {
	case "print":
		out.Stream("stdout", "hello\n")
		return cellio.Outcome{}
	case "value":
		return cellio.Outcome{Value: cellio.Value{Data: map[string]any{"text/plain": "6"}}}
	case "fail":
		out.Stream("stderr", "oops\n")
		return cellio.Outcome{Err: &cellio.Error{Name: "CompileError", Value: "1:1: undefined: x"}}
	case "input":
		v, err := out.Input(ctx, "name? ", false)
		if err != nil {
			out.Stream("stdout", "EOF\n")
			return cellio.Outcome{}
		}
		return cellio.Outcome{Value: cellio.Value{Data: map[string]any{"text/plain": fmt.Sprintf("%q", v)}}}
	case "block":
		<-ctx.Done()
		return cellio.Outcome{}
	}
	return cellio.Outcome{}
}

func (e *scripted) Interrupt() { e.mu.Lock(); e.interrupted++; e.mu.Unlock() }
func (e *scripted) Restart(context.Context) error {
	e.mu.Lock()
	e.restarted++
	e.mu.Unlock()
	return nil
}
func (e *scripted) Symbols() []symtab.Symbol {
	return []symtab.Symbol{{Name: "answer", Kind: symtab.KindVar, Decl: "answer := 42", Type: "int", Value: "42"}}
}

func start(t *testing.T) (*Dispatcher, *recorder, *scripted) {
	t.Helper()
	rec, eng := newRecorder(), &scripted{}
	d := New(Config{Transport: rec, Engine: eng, Version: "test"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return d, rec, eng
}

func request(t *testing.T, typ protocol.MsgType, content any) *protocol.Message {
	t.Helper()
	m, err := protocol.NewMessage(typ, "client-session", nil, content)
	if err != nil {
		t.Fatal(err)
	}
	m.Identities = [][]byte{[]byte("client")}
	return m
}
