package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/link"
)

// envDebugRunner makes the test binary a fake runner that speaks the link
// itself and answers debug requests (see fakeDebugRunner), so the kernel
// side of the debugger is tested without the interpreter's debugger.
const envDebugRunner = "GOLESSONS_TEST_DEBUG_RUNNER"

func init() {
	if os.Getenv(envDebugRunner) == "1" {
		os.Exit(fakeDebugRunner())
	}
}

// fakeDebugRunner serves the link on fds 3/4. Cells:
//
//	stop  sends a DAP stopped event and waits for a DAP "continue"
//	      (ignoring cancel, as a cell stopped at a breakpoint might)
//	exit  ends the process
//	other ends at once
//
// DAP requests are answered with a response echoing command and seq, and
// a body naming the link id; "hold" is answered only after a "release",
// the held ones in reverse order; "hang" is never answered.
func fakeDebugRunner() int {
	in, out := link.NewReader(os.NewFile(3, "req")), link.NewWriter(os.NewFile(4, "ev"))
	if out.Send(link.Event{Kind: link.KindReady}) != nil {
		return 1
	}
	var (
		mu        sync.Mutex
		held      []link.Request
		continued = make(chan struct{}, 1)
	)
	answer := func(req link.Request) {
		var dap struct {
			Seq     int    `json:"seq"`
			Command string `json:"command"`
		}
		json.Unmarshal(req.DAP, &dap)
		rep, _ := json.Marshal(map[string]any{"type": "response", "request_seq": dap.Seq, "success": true,
			"command": dap.Command, "body": map[string]any{"linkID": req.ID}})
		out.Send(link.Event{Kind: link.KindDebugReply, ID: req.ID, DAP: rep})
	}
	for {
		req, err := in.ReadRequest()
		if err != nil {
			return 0
		}
		switch req.Kind {
		case link.KindExecute:
			switch req.Code {
			case "exit":
				return 3
			case "stop":
				go func(id uint64) {
					out.Send(link.Event{Kind: link.KindDebugEvent, DAP: json.RawMessage(
						`{"type":"event","event":"stopped","body":{"threadId":1,"reason":"breakpoint"}}`)})
					<-continued
					out.Send(link.Event{Kind: link.KindResult, ID: id})
				}(req.ID)
			default:
				out.Send(link.Event{Kind: link.KindResult, ID: req.ID})
			}
		case link.KindRestore:
			out.Send(link.Event{Kind: link.KindRestored})
		case link.KindDebug:
			var dap struct{ Command string }
			json.Unmarshal(req.DAP, &dap)
			switch dap.Command {
			case "hang":
			case "hold":
				mu.Lock()
				held = append(held, req)
				mu.Unlock()
			case "release":
				mu.Lock()
				for _, h := range slices.Backward(held) {
					answer(h)
				}
				held = nil
				mu.Unlock()
				answer(req)
			case "continue":
				answer(req)
				select {
				case continued <- struct{}{}:
				default:
				}
			default:
				answer(req)
			}
		}
	}
}

func startDebugRunner(t *testing.T) (*Runner, *eventLog) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Start(context.Background(), Config{
		Exe: exe, Args: []string{"-test.run=^$"},
		Env:         append(os.Environ(), envDebugRunner+"=1"),
		MemoryLimit: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	log := &eventLog{changed: make(chan struct{}, 1)}
	r.SetDebugSink(log.add)
	return r, log
}

// eventLog records debug events; a nil event is recorded as "reset".
type eventLog struct {
	mu      sync.Mutex
	events  []string
	changed chan struct{}
}

func (l *eventLog) add(ev link.DebugMessage) {
	var e struct{ Event string }
	json.Unmarshal(ev, &e)
	if ev == nil {
		e.Event = "reset"
	}
	l.mu.Lock()
	l.events = append(l.events, e.Event)
	l.mu.Unlock()
	select {
	case l.changed <- struct{}{}:
	default:
	}
}

// wait waits (bounded) until event name was recorded.
func (l *eventLog) wait(t *testing.T, name string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		l.mu.Lock()
		found := slices.Contains(l.events, name)
		l.mu.Unlock()
		if found {
			return
		}
		select {
		case <-l.changed:
		case <-deadline:
			t.Fatalf("no %q debug event; got %v", name, l.events)
		}
	}
}

func dapRequest(seq int, command string) link.DebugMessage {
	return link.DebugMessage(fmt.Sprintf(`{"type":"request","seq":%d,"command":%q,"arguments":{}}`, seq, command))
}

type dapResponse struct {
	RequestSeq int    `json:"request_seq"`
	Command    string `json:"command"`
	Success    bool   `json:"success"`
	Body       struct {
		LinkID uint64 `json:"linkID"`
	} `json:"body"`
}

func debug(t *testing.T, r *Runner, seq int, command string) dapResponse {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	raw, err := r.Debug(ctx, dapRequest(seq, command))
	if err != nil {
		t.Fatalf("%s: %v", command, err)
	}
	var rep dapResponse
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatalf("%s: reply %s: %v", command, raw, err)
	}
	if rep.RequestSeq != seq || rep.Command != command {
		t.Fatalf("%s seq %d got the reply %s", command, seq, raw)
	}
	return rep
}

// pendingDebug starts a Debug call that the fake never answers and
// returns the channel its error arrives on.
func pendingDebug(r *Runner) <-chan error {
	errc := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, err := r.Debug(ctx, dapRequest(99, "hang"))
		errc <- err
	}()
	return errc
}

func TestDebugRepliesMatchTheirRequestsOutOfOrder(t *testing.T) {
	r, _ := startDebugRunner(t)
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			raw, err := r.Debug(ctx, dapRequest(i+1, "hold"))
			var rep dapResponse
			json.Unmarshal(raw, &rep)
			if err != nil || rep.RequestSeq != i+1 {
				t.Errorf("hold seq %d: got %s, %v", i+1, raw, err)
			}
		}()
	}
	// The fake answers held requests only after a release, newest first;
	// release until all six were held and answered.
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for seq := 100; ; seq++ {
		debug(t, r, seq, "release")
		select {
		case <-done:
			return
		case <-time.After(20 * time.Millisecond):
		}
		if seq > 600 {
			t.Fatal("held debug requests never answered")
		}
		if t.Failed() {
			return
		}
	}
}

func TestDebugAnsweredWhileACellIsStopped(t *testing.T) {
	r, events := startDebugRunner(t)
	res := make(chan cellio.Outcome, 1)
	go func() { res <- r.Execute(context.Background(), Request{Code: "stop"}, newRecorder()) }()
	events.wait(t, "stopped")
	debug(t, r, 1, "stackTrace")
	debug(t, r, 2, "variables")
	debug(t, r, 3, "continue")
	select {
	case got := <-res:
		if got.Err != nil {
			t.Fatalf("cell after continue: %v", got.Err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the cell did not end after continue")
	}
	debug(t, r, 4, "inspectVariables") // idle, too
}

func TestDebugFailsAtOnceWhenTheRunnerDies(t *testing.T) {
	r, events := startDebugRunner(t)
	errc := pendingDebug(r)
	time.Sleep(50 * time.Millisecond) // let the request reach the runner
	if res, _ := run(t, r, "exit"); res.Err == nil {
		t.Fatal("a cell that exits the runner reported no error")
	}
	select {
	case err := <-errc:
		if !errors.Is(err, ErrDebugRunnerGone) {
			t.Fatalf("pending request after the runner died: %v, want ErrDebugRunnerGone", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a debug request of a dead runner still waits")
	}
	events.wait(t, "reset")
	debug(t, r, 1, "debugInfo") // the new runner answers
}

func TestDebugFailsOnRestartAndRestartResets(t *testing.T) {
	r, events := startDebugRunner(t)
	errc := pendingDebug(r)
	time.Sleep(50 * time.Millisecond)
	if err := r.Restart(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-errc:
		if !errors.Is(err, ErrDebugRunnerGone) {
			t.Fatalf("pending request after restart: %v, want ErrDebugRunnerGone", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a debug request still waits after a restart")
	}
	events.wait(t, "reset")
	debug(t, r, 1, "initialize")
}

func TestInterruptWhileStoppedEndsTheCell(t *testing.T) {
	r, events := startDebugRunner(t)
	res := make(chan cellio.Outcome, 1)
	go func() { res <- r.Execute(context.Background(), Request{Code: "stop"}, newRecorder()) }()
	events.wait(t, "stopped")
	errc := pendingDebug(r)
	r.Interrupt()
	select {
	case got := <-res:
		if got.Err == nil || got.Err.Name != "Interrupted" {
			t.Fatalf("interrupted stopped cell: %+v", got.Err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("interrupt of a cell stopped at a breakpoint hangs")
	}
	select {
	case err := <-errc:
		if err == nil {
			t.Fatal("a debug request the killed runner never answered succeeded")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a debug request still waits after the interrupt killed the runner")
	}
	debug(t, r, 1, "debugInfo")
}

func TestDebugIsBoundedByItsContext(t *testing.T) {
	r, _ := startDebugRunner(t)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := r.Debug(ctx, dapRequest(1, "hang"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("unanswered request: %v, want a deadline error", err)
	}
	debug(t, r, 2, "debugInfo") // the late reply of "hang" must not get in the way
}

func TestDebugRefusesBadJSONAndAClosedRunner(t *testing.T) {
	r, _ := startDebugRunner(t)
	if _, err := r.Debug(context.Background(), link.DebugMessage(`{"seq":`)); err == nil {
		t.Fatal("invalid JSON was sent")
	}
	r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := r.Debug(ctx, dapRequest(1, "debugInfo")); !errors.Is(err, ErrDebugUnavailable) {
		t.Fatalf("debug request to a closed runner: %v, want ErrDebugUnavailable", err)
	}
}
