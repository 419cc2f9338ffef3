package demos

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"time"
)

// Environment variables that turn a copy of the program into a worker
// process; see [RunChildIfRequested].
const (
	childEnv = "GOLESSONS_DEMOS_CHILD" // the job to run: "worker"
	labelEnv = "GOLESSONS_DEMOS_LABEL"
	sleepEnv = "GOLESSONS_DEMOS_SLEEP" // a time.Duration, e.g. "2s"
)

// reportFD is the child's end of the pipe it reports its span on: the first
// of exec.Cmd.ExtraFiles is always descriptor 3.
const reportFD = 3

// WithProcesses runs each [Worker] in its own OS process. Each child prints
// its process id, then the usual lines; the start timestamps are a few
// milliseconds apart because starting a process costs more than starting a
// goroutine. Four labels still take about 2 s.
func WithProcesses(labels ...string) *Timeline { return RunProcesses(Delay, labels...) }

// RunProcesses is [WithProcesses] with a sleep of d. It cannot take a
// worker function: a new process starts from the program file, and a
// function written in a notebook cell only exists in this process's memory.
// (Python's multiprocessing has the same limit, which is why its workers
// must be importable.)
func RunProcesses(d time.Duration, labels ...string) *Timeline {
	t := newTimeline("processes", labels...)
	// Children get SIGKILL when the thread that started them exits (Pdeathsig),
	// so keep that thread ours until they are done.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var children []*child
	for _, label := range labels { // start them all, then wait for them all
		c, err := startChild(label, d)
		if err != nil {
			fmt.Fprintf(os.Stderr, "start %s: %v\n", label, err)
			continue
		}
		children = append(children, c)
	}
	for _, c := range children {
		t.add(c.wait())
	}
	return t.Done()
}

// child is a running worker process and the pipe it reports on.
type child struct {
	label  string
	cmd    *exec.Cmd
	report *os.File
	start  float64
}

func startChild(label string, d time.Duration) (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find program: %w", err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("report pipe: %w", err)
	}
	defer w.Close() // the child holds its own copy
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), childEnv+"=worker", labelEnv+"="+label, sleepEnv+"="+d.String())
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr // the same descriptors: output shows live
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // never outlive us
	c := &child{label: label, cmd: cmd, report: r, start: Now()}
	if err := cmd.Start(); err != nil {
		r.Close()
		return nil, fmt.Errorf("run %s: %w", exe, err)
	}
	return c, nil
}

// wait waits for the child and returns its span as the child measured it,
// or as seen from here if it died before reporting.
func (c *child) wait() Span {
	defer c.report.Close()
	b, _ := io.ReadAll(c.report) // EOF once the child has exited
	err := c.cmd.Wait()
	s := Span{Row: c.label, Label: c.label, Where: fmt.Sprintf("pid %d", c.cmd.Process.Pid), Start: c.start}
	if _, scanErr := fmt.Sscanf(string(b), "%f %f", &s.Start, &s.End); scanErr != nil || err != nil {
		s.Start, s.End, s.Cancelled = c.start, Now(), true
		fmt.Fprintf(os.Stderr, "%s: process %d failed: %v\n", c.label, c.cmd.Process.Pid, err)
	}
	return s
}

// RunChildIfRequested makes this program act as a worker process when
// [WithProcesses] started it, and returns at once otherwise. Call it first
// thing in main (and in TestMain), like Python's
// `if __name__ == "__main__"` guard in reverse: the child runs the same
// program file, and this is where it learns it is the child. A child runs
// its job, reports its span on descriptor 3 and exits without returning.
func RunChildIfRequested() {
	if os.Getenv(childEnv) != "worker" {
		return
	}
	d, err := time.ParseDuration(os.Getenv(sleepEnv))
	if err != nil {
		fmt.Fprintf(os.Stderr, "demos child: bad %s: %v\n", sleepEnv, err)
		os.Exit(2)
	}
	label := os.Getenv(labelEnv)
	fmt.Printf("%s runs in process %d\n", label, os.Getpid())
	start := Now()
	SleepyWorker(d)(label)
	end := Now()
	fmt.Fprintf(os.NewFile(reportFD, "report"), "%.9f %.9f\n", start, end)
	os.Exit(0)
}
