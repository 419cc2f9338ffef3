package runner

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"golessons/kernel/internal/capture"
	"golessons/kernel/internal/link"
)

// drainTimeout bounds how long a dead runner's pipes may stay open: a
// child that escaped the process group (setsid) could hold them for ever.
const drainTimeout = 2 * time.Second

// process is one runner process and the goroutines that serve it:
// readEvents (ends at EOF of the event pipe), pump (ends when capture and
// events both ended) and wait (ends after the process exited and pump
// finished, then closes done). kill makes all of them end.
type process struct {
	cmd  *exec.Cmd
	pid  int
	tree string // its link.EnvTree value, inherited by the cells' processes
	req  *link.Writer
	ctl  chan link.Event // pump → Runner: ready, result, input_request, restored
	done chan struct{}   // closed when the process is gone and drained

	pumpDone chan struct{}
	files    []*os.File // kernel ends of the four pipes, closed by wait
	pump     pump
	// overLimit is set when the memory watcher killed the process.
	overLimit atomic.Pointer[memoryKill]
	// reaped is set once the process has exited, before done is closed.
	reaped atomic.Bool
	// busy is set while a cell or a restore runs (memory is watched closer).
	busy atomic.Bool
}

// spawn starts a runner process and its goroutines.
func spawn(cfg Config, out *outputSwitch) (*process, error) {
	var files []*os.File // every pipe end, closed on failure
	pipe := func() (r, w *os.File, err error) {
		r, w, err = os.Pipe()
		if err == nil {
			files = append(files, r, w)
		}
		return r, w, err
	}
	fail := func(err error) (*process, error) {
		for _, f := range files {
			f.Close()
		}
		return nil, err
	}
	reqR, reqW, err1 := pipe()
	evR, evW, err2 := pipe()
	outR, outW, err3 := pipe()
	errR, errW, err4 := pipe()
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		return fail(fmt.Errorf("create runner pipes: %w", err))
	}
	token, tree := newToken(), newToken()
	cmd := exec.Command(cfg.Exe, cfg.Args...)
	cmd.Env = append(runnerEnv(cfg, token), link.EnvTree+"="+tree)
	cmd.Stdout, cmd.Stderr = outW, errW    // stdin stays nil: /dev/null
	cmd.ExtraFiles = []*os.File{reqR, evW} // fds 3 and 4
	// Own process group, so one kill reaches the cells' children; SIGTERM
	// when the kernel dies, which the runner turns into killing its group.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := startTracked(cmd, func() int { return cmd.Process.Pid }); err != nil {
		return fail(fmt.Errorf("start runner %s: %w", cfg.Exe, err))
	}
	for _, f := range []*os.File{reqR, evW, outW, errW} {
		f.Close() // the child's ends; holding them would hide its exit
	}
	p := &process{
		cmd: cmd, pid: cmd.Process.Pid, tree: tree,
		req: link.NewWriter(reqW),
		// Room for every control event one request can cause, so the
		// pump does not wait for Execute to look.
		ctl:      make(chan link.Event, 16),
		done:     make(chan struct{}),
		pumpDone: make(chan struct{}),
		files:    []*os.File{reqW, evR, outR, errR},
	}
	p.pump = pump{out: out, ctl: p.ctl}
	capt := capture.Start(context.Background(), outR, errR, capture.Options{SyncPrefix: link.SyncPrefix(token)})
	// events: unbuffered, the pump takes one event at a time in order.
	events := make(chan link.Event)
	go readEvents(link.NewReader(evR), events, cfg)
	go func() {
		defer close(p.pumpDone)
		p.pump.run(capt.Chunks(), events)
	}()
	go p.wait()
	if cfg.MemoryLimit > 0 {
		go p.watchMemory(cfg.MemoryLimit)
	}
	return p, nil
}

// runnerEnv is the runner's environment: the kernel's plus its settings.
func runnerEnv(cfg Config, token string) []string {
	env := cfg.Env
	if env == nil {
		env = os.Environ()
	}
	env = append(env[:len(env):len(env)],
		link.EnvToken+"="+token,
		link.EnvMemoryLimit+"="+strconv.FormatInt(max(cfg.MemoryLimit, 0), 10),
		link.EnvPackagesDir+"="+cfg.PackagesDir,
	)
	if !hasVar(env, "GOTRACEBACK") {
		// A crash then shows its message without pages of interpreter stacks.
		env = append(env, "GOTRACEBACK=none", link.EnvUnsetTraceback+"=1")
	}
	return env
}

// hasVar reports whether env sets the variable name.
func hasVar(env []string, name string) bool {
	for _, kv := range env {
		if strings.HasPrefix(kv, name+"=") {
			return true
		}
	}
	return false
}

// newToken returns a random sync marker token, so that output which
// happens to look like a marker cannot confuse capture.
func newToken() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// readEvents decodes events until the event pipe fails; bad frames are
// logged and skipped. It closes events when done.
func readEvents(r *link.Reader, events chan<- link.Event, cfg Config) {
	defer close(events)
	for {
		ev, err := r.ReadEvent()
		var de *link.DecodeError
		switch {
		case errors.As(err, &de):
			cfg.Log.Warn("bad event frame from runner", "err", err)
			continue
		case err != nil:
			return
		}
		events <- ev
	}
}

// wait reaps the runner, kills what is left of its group, lets the pump
// finish (or cuts the pipes after drainTimeout) and closes done.
func (p *process) wait() {
	p.cmd.Wait()
	p.reaped.Store(true)
	runnerGone(p.pid)
	p.killTree() // what is left of its group, and orphans it left
	timer := time.NewTimer(drainTimeout)
	defer timer.Stop()
	select {
	case <-p.pumpDone:
	case <-timer.C:
		for _, f := range p.files[1:] {
			f.Close() // unblocks the readers: the pump ends
		}
		<-p.pumpDone
	}
	for _, f := range p.files {
		f.Close()
	}
	close(p.done)
}

// kill ends the runner and every process below it, including those that
// left its process group.
func (p *process) kill() {
	p.killTree()
}

// exited reports whether the process is gone (done is closed).
func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}
