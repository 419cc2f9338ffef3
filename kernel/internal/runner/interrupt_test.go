package runner

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golessons/kernel/internal/cellio"
)

func TestInterrupt(t *testing.T) {
	tests := []struct {
		name, code string
		killed     bool // the runner had to be replaced
	}{
		{"cooperative loop", "loop", false},
		{"compiled sleep", "sleep", true},
	}
	r := startRunner(t, -1)
	if res, _ := run(t, r, "set x 7"); res.Err != nil {
		t.Fatal(res.Err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pid := r.current().pid
			rec := newRecorder()
			done := make(chan cellio.Outcome, 1)
			go func() { done <- r.Execute(context.Background(), Request{Code: tt.code}, rec) }()
			rec.waitStdout(t, "started\n", 5*time.Second)
			start := time.Now()
			r.Interrupt()
			var res cellio.Outcome
			select {
			case res = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("no result 5s after interrupt")
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("interrupt took %v, want < 1s", d)
			}
			if res.Err == nil || res.Err.Name != "Interrupted" {
				t.Fatalf("error %+v, want Interrupted", res.Err)
			}
			if replaced := r.current().pid != pid; replaced != tt.killed {
				t.Errorf("runner replaced: %v, want %v", replaced, tt.killed)
			}
			if tt.killed && !strings.Contains(res.Err.Value, "kept: x") {
				t.Errorf("error %q does not say x was kept", res.Err.Value)
			}
			if res, _ := run(t, r, "get x"); res.Err != nil || res.Data["text/plain"] != "7" {
				t.Fatalf("after interrupt: %+v", res)
			}
			if strings.Contains(rec.out(), "continued") {
				t.Fatal("the interrupted cell continued")
			}
		})
	}
}

func TestInterruptWhileWaitingForInput(t *testing.T) {
	r := startRunner(t, -1)
	pid := r.current().pid
	rec := newRecorder()
	rec.block = true
	done := make(chan cellio.Outcome, 1)
	go func() {
		done <- r.Execute(context.Background(), Request{Code: "printn Name: \nread", AllowStdin: true}, rec)
	}()
	deadline := time.After(5 * time.Second)
	for asked := false; !asked; {
		select {
		case <-rec.changed:
			rec.mu.Lock()
			asked = len(rec.prompts) > 0
			rec.mu.Unlock()
		case <-deadline:
			t.Fatal("no input request")
		}
	}
	r.Interrupt()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("cell still waiting for input 1s after interrupt")
	}
	if !strings.Contains(rec.out(), "read error") {
		t.Errorf("stdout %q: the read was not ended", rec.out())
	}
	if r.current().pid != pid {
		t.Error("runner was replaced, but the read could be cancelled")
	}
}

func TestMemoryLimit(t *testing.T) {
	r := startRunner(t, 200<<20)
	if res, _ := run(t, r, "set x 1"); res.Err != nil {
		t.Fatal(res.Err)
	}
	res, _ := run(t, r, "alloc")
	if res.Err == nil || res.Err.Name != "MemoryLimit" || !strings.Contains(res.Err.Value, "kept: x") {
		t.Fatalf("error %+v, want MemoryLimit that kept x", res.Err)
	}
	if res, _ := run(t, r, "get x"); res.Err != nil {
		t.Fatalf("after memory limit: %+v", res.Err)
	}
}

func TestStdin(t *testing.T) {
	tests := []struct {
		name    string
		allow   bool
		answer  string
		stdout  string
		prompts []string
	}{
		{"answered", true, "Ada", "got: Ada\n", []string{"Name: "}},
		{"frontend gives EOF", true, "", "read error: EOF\n", []string{"Name: "}},
		{"stdin not allowed", false, "Ada", "Name: read error: EOF\n", nil},
	}
	r := startRunner(t, -1)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder()
			rec.answer = tt.answer
			res := r.Execute(context.Background(), Request{Code: "printn Name: \nread", AllowStdin: tt.allow}, rec)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if got := rec.out(); got != tt.stdout {
				t.Errorf("stdout %q, want %q", got, tt.stdout)
			}
			if strings.Join(rec.prompts, "|") != strings.Join(tt.prompts, "|") {
				t.Errorf("prompts %q, want %q", rec.prompts, tt.prompts)
			}
		})
	}
}

func TestRestartDuringCell(t *testing.T) {
	r := startRunner(t, -1)
	run(t, r, "set x 1")
	rec := newRecorder()
	done := make(chan cellio.Outcome, 1)
	go func() { done <- r.Execute(context.Background(), Request{Code: "sleep"}, rec) }()
	rec.waitStdout(t, "started\n", 5*time.Second)
	if err := r.Restart(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case res := <-done:
		if res.Err == nil || !strings.Contains(res.Err.Value, "restarted") {
			t.Fatalf("error %+v, want one saying the kernel restarted", res.Err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("cell still running after Restart")
	}
	if res, _ := run(t, r, "get x"); res.Err == nil {
		t.Fatal("x survived the restart")
	}
}

func TestCellTooLargeForTheLink(t *testing.T) {
	if testing.Short() {
		t.Skip("encodes 65 MiB")
	}
	r := startRunner(t, -1)
	res, _ := run(t, r, "print "+strings.Repeat("z", 65<<20))
	if res.Err == nil || res.Err.Name != "CellTooLarge" {
		t.Fatalf("error %+v, want CellTooLarge", res.Err)
	}
	if res, _ := run(t, r, "print ok"); res.Err != nil {
		t.Fatal(res.Err)
	}
}

func TestInterruptStopsChildProcesses(t *testing.T) {
	r := startRunner(t, -1)
	rec := newRecorder()
	done := make(chan cellio.Outcome, 1)
	go func() { done <- r.Execute(context.Background(), Request{Code: "spawnloop"}, rec) }()
	rec.waitStdout(t, "started\n", 5*time.Second)
	pid, err := strconv.Atoi(strings.Fields(rec.out())[0])
	if err != nil {
		t.Fatalf("child pid: %v", err)
	}
	r.Interrupt()
	if res := <-done; res.Err == nil || res.Err.Name != "Interrupted" {
		t.Fatalf("error %+v, want Interrupted", res.Err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("child %d of the interrupted cell still runs", pid)
		}
		runtime.Gosched()
	}
}
