package runner

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golessons/kernel/internal/cellio"
)

// recorder is an Output that remembers everything and signals each change.
type recorder struct {
	mu       sync.Mutex
	stdout   strings.Builder
	stderr   strings.Builder
	displays []cellio.Display
	prompts  []string
	answer   string // typed for every input request; "" means EOF
	block    bool   // Input waits for its context to end instead
	changed  chan struct{}
}

func newRecorder() *recorder { return &recorder{changed: make(chan struct{}, 1)} }

func (r *recorder) Stream(name, text string) {
	r.mu.Lock()
	if name == "stdout" {
		r.stdout.WriteString(text)
	} else {
		r.stderr.WriteString(text)
	}
	r.mu.Unlock()
	r.signal()
}

func (r *recorder) Display(d cellio.Display) {
	r.mu.Lock()
	r.displays = append(r.displays, d)
	r.mu.Unlock()
	r.signal()
}

func (r *recorder) Input(ctx context.Context, prompt string, password bool) (string, error) {
	r.mu.Lock()
	r.prompts = append(r.prompts, prompt)
	block := r.block
	r.mu.Unlock()
	r.signal()
	if block {
		<-ctx.Done()
		return "", ctx.Err()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.answer == "" {
		return "", io.EOF
	}
	return r.answer, nil
}

func (r *recorder) signal() {
	select {
	case r.changed <- struct{}{}:
	default:
	}
}

func (r *recorder) out() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stdout.String()
}

// waitStdout waits until stdout contains want.
func (r *recorder) waitStdout(t *testing.T, want string, d time.Duration) {
	t.Helper()
	deadline := time.After(d)
	for !strings.Contains(r.out(), want) {
		select {
		case <-r.changed:
		case <-deadline:
			t.Fatalf("stdout %q never contained %q", r.out(), want)
		}
	}
}

func startRunner(t testing.TB, limit int64) *Runner {
	t.Helper()
	return startRunnerWith(t, "1", limit)
}

// startRunnerWith starts the test binary as a runner with evaluator kind
// ("1": fake, "real": package eval).
func startRunnerWith(t testing.TB, kind string, limit int64) *Runner {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Start(context.Background(), Config{
		Exe: exe, Args: []string{"-test.run=^$"},
		Env:         append(os.Environ(), envTestRunner+"="+kind),
		MemoryLimit: limit,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func run(t testing.TB, r *Runner, code string) (cellio.Outcome, *recorder) {
	t.Helper()
	rec := newRecorder()
	return r.Execute(context.Background(), Request{Code: code}, rec), rec
}

func TestOutputAndValues(t *testing.T) {
	r := startRunner(t, -1)
	tests := []struct {
		name    string
		code    string
		stdout  string
		stderr  string
		value   any
		errName string
	}{
		{name: "print", code: "print hello", stdout: "hello\n"},
		{name: "stderr", code: "eprint oops", stderr: "oops\n"},
		{name: "value", code: "set x 5\nget x", value: "5"},
		{name: "child process", code: "exec /bin/echo child", stdout: "child\n"},
		{name: "child stderr", code: "exec /bin/echo warn >&2", stderr: "warn\n"},
		{name: "error", code: "get nope", errName: "CompileError"},
		{name: "output before error", code: "print a\nfail bad", stdout: "a\n", errName: "Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, rec := run(t, r, tt.code)
			// Everything written before the result is published before
			// Execute returns: no waiting here.
			if got := rec.out(); got != tt.stdout {
				t.Errorf("stdout %q, want %q", got, tt.stdout)
			}
			rec.mu.Lock()
			stderr := rec.stderr.String()
			rec.mu.Unlock()
			if stderr != tt.stderr {
				t.Errorf("stderr %q, want %q", stderr, tt.stderr)
			}
			if tt.value != nil && (res.Data == nil || res.Data["text/plain"] != tt.value) {
				t.Errorf("value %v, want %v", res.Data, tt.value)
			}
			if (res.Err == nil) != (tt.errName == "") || (res.Err != nil && res.Err.Name != tt.errName) {
				t.Errorf("error %+v, want name %q", res.Err, tt.errName)
			}
		})
	}
}

func TestRestoreThatCrashesStartsEmpty(t *testing.T) {
	r := startRunner(t, -1)
	run(t, r, "set x 1")
	run(t, r, "restorecrash")
	res, _ := run(t, r, "exit 1")
	if res.Err == nil || !strings.Contains(res.Err.Value, "all earlier declarations are lost") {
		t.Fatalf("error %+v, want one saying everything was lost", res.Err)
	}
	if res, _ := run(t, r, "get x"); res.Err == nil {
		t.Fatal("x exists after a failed restore")
	}
	// The failed replay is not tried again at the next crash.
	res, _ = run(t, r, "exit 2")
	if res.Err == nil || !strings.Contains(res.Err.Value, "no earlier declarations") {
		t.Fatalf("error %+v", res.Err)
	}
}

func TestLateGoroutineOutputGoesToLastOutput(t *testing.T) {
	r := startRunner(t, -1)
	res, rec := run(t, r, "late after the cell")
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	rec.waitStdout(t, "after the cell\n", 5*time.Second)
}

func TestDisplayArrivesBeforeResult(t *testing.T) {
	r := startRunner(t, -1)
	res, rec := run(t, r, "print one\ndisplay <b>hi</b>\nprint two")
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.displays) != 1 || rec.displays[0].Data["text/html"] != "<b>hi</b>" {
		t.Fatalf("displays %+v", rec.displays)
	}
	if rec.stdout.String() != "one\ntwo\n" {
		t.Fatalf("stdout %q", rec.stdout.String())
	}
}

func TestRunnerDeathKeepsState(t *testing.T) {
	tests := []struct {
		name, code, errName, contains string
	}{
		{"os.Exit", "exit 3", "Exit", "code 3"},
		{"fatal error", "unlock", "FatalError", "fatal error: sync: unlock of unlocked mutex"},
		{"goroutine panic", "gopanic boom", "panic", "panic: boom"},
		{"fatal error before a long dump", "fatalflood", "FatalError", "fatal error: stack overflow"},
	}
	r := startRunner(t, -1)
	if res, _ := run(t, r, "set x 42"); res.Err != nil {
		t.Fatal(res.Err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := run(t, r, tt.code)
			if res.Err == nil || res.Err.Name != tt.errName || !strings.Contains(res.Err.Value, tt.contains) {
				t.Fatalf("error %+v, want %s containing %q", res.Err, tt.errName, tt.contains)
			}
			if !strings.Contains(res.Err.Value, "kept: x") {
				t.Errorf("error %q does not say x was kept", res.Err.Value)
			}
			if res, _ := run(t, r, "get x"); res.Err != nil || res.Data["text/plain"] != "42" {
				t.Fatalf("after restart: %+v", res)
			}
		})
	}
}

func TestTheCellsLineBeforeACrashIsNotFollowedByTheReport(t *testing.T) {
	r := startRunner(t, -1)
	for range 5 { // the order in which the two pipes are read varies
		res, rec := run(t, r, "printunlock locked")
		if res.Err == nil || res.Err.Name != "FatalError" {
			t.Fatalf("error %+v, want a FatalError", res.Err)
		}
		rec.mu.Lock()
		out, errText := rec.stdout.String(), rec.stderr.String()
		rec.mu.Unlock()
		if out != "locked\n" || strings.Contains(errText, "fatal error") {
			t.Fatalf("stdout %q, stderr %q: want the cell's line alone", out, errText)
		}
	}
}

func TestTheRuntimesCrashReportIsNotPublished(t *testing.T) {
	r := startRunner(t, -1)
	res, rec := run(t, r, "fatalflood")
	if res.Err == nil || res.Err.Name != "FatalError" || len(res.Err.Traceback) != 1 {
		t.Fatalf("error %+v, want a FatalError with its message as traceback", res.Err)
	}
	rec.mu.Lock()
	got := rec.stderr.String()
	rec.mu.Unlock()
	if strings.Contains(got, "main.deep") || strings.Contains(got, "fatal error") {
		t.Fatalf("stderr published the runtime's report: %.200q", got)
	}
	// Text that only looks like the start of one is the cell's own.
	if res, rec = run(t, r, "eprint panic: not really"); res.Err != nil {
		t.Fatal(res.Err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if !strings.Contains(rec.stderr.String(), "panic: not really") {
		t.Fatalf("stderr %q lost the cell's text", rec.stderr.String())
	}
}

func TestRestartForgetsState(t *testing.T) {
	r := startRunner(t, -1)
	run(t, r, "set x 1")
	if err := r.Restart(context.Background()); err != nil {
		t.Fatal(err)
	}
	if res, _ := run(t, r, "get x"); res.Err == nil {
		t.Fatalf("x survived a restart: %+v", res)
	}
	if len(r.Symbols()) != 0 {
		t.Fatalf("symbols after restart: %+v", r.Symbols())
	}
}

func TestCloseKillsChildren(t *testing.T) {
	r := startRunner(t, -1)
	res, rec := run(t, r, "spawn")
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(rec.out()))
	if err != nil {
		t.Fatalf("child pid: %v", err)
	}
	r.Close()
	deadline := time.Now().Add(5 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("child %d still alive after Close", pid)
		}
		runtime.Gosched()
	}
	if res := r.Execute(context.Background(), Request{Code: "print x"}, newRecorder()); res.Err == nil {
		t.Fatal("Execute after Close succeeded")
	}
}

func TestKernelDeathLeavesNoOrphans(t *testing.T) {
	// "printloop": when the kernel dies, a cell writing to stdout meets a
	// broken pipe before the runner learns of the death.
	for _, cell := range []string{"none", "printloop"} {
		t.Run(cell, func(t *testing.T) { killKernel(t, cell) })
	}
}

// killKernel kills a mini kernel whose runner has started a child and
// runs cell, and waits for the runner and the child to be gone.
func killKernel(t *testing.T, cell string) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	kernel := exec.Command(exe, "-test.run=^$")
	kernel.Env = append(os.Environ(), envTestKernel+"="+cell)
	stdout, err := kernel.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := kernel.Start(); err != nil {
		t.Fatal(err)
	}
	var runnerPid, childPid int
	if _, err := fmt.Fscan(stdout, &runnerPid, &childPid); err != nil {
		kernel.Process.Kill()
		kernel.Wait()
		t.Fatalf("read pids from the mini kernel: %v", err)
	}
	kernel.Process.Kill() // SIGKILL: the kernel gets no chance to clean up
	kernel.Wait()
	// Generous: under the race detector on a busy machine the runner takes
	// seconds to act on SIGTERM; an orphan would outlive any deadline.
	for _, pid := range []int{runnerPid, childPid} {
		deadline := time.Now().Add(20 * time.Second)
		for alive(pid) {
			if time.Now().After(deadline) {
				syscall.Kill(pid, syscall.SIGKILL)
				t.Fatalf("pid %d outlived the killed kernel (runner %d, its child %d)", pid, runnerPid, childPid)
			}
			runtime.Gosched()
		}
	}
}

// alive reports whether pid runs; a zombie waiting for init counts as gone.
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	_, after, _ := strings.Cut(string(b), ") ")
	return !strings.HasPrefix(after, "Z")
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  bool
	}{
		{"512MiB", 512 << 20, false}, {"2GiB", 2 << 30, false}, {"1.5G", 3 << 29, false},
		{"1000", 1000, false}, {"100MB", 100e6, false}, {"off", 0, false},
		{"lots", 0, true}, {"-1GiB", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSize(tt.in)
			if (err != nil) != tt.err || got != tt.want {
				t.Fatalf("ParseSize(%q) = %d, %v; want %d, err %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}
