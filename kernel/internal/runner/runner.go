// Package runner is the kernel's side of the runner process, the child
// that evaluates cells so that a crashing cell never takes the kernel (and
// its sockets) down.
//
// [Start] spawns the runner — the kernel's own binary in runner mode — with
// its stdout and stderr on pipes read by package capture and the link
// (package link) on fds 3 and 4. [Runner.Execute] runs one cell and streams
// its output to an Output (package cellio), in order with its displays
// and its result.
// When the runner dies (a panic in a goroutine, os.Exit, a fatal runtime
// error), grows past the memory limit, or does not stop within
// [InterruptGrace] of an interrupt, the Runner kills its process group,
// starts a fresh runner, replays the earlier successful cells with their
// output discarded, and says in the cell's error what was kept and lost.
//
// The package does not know the Jupyter protocol; dispatch turns outcomes
// and Output calls into messages.
package runner

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/link"
	"golessons/kernel/internal/symtab"
)

// Timings of the runner's life.
const (
	// InterruptGrace is how long an interrupted cell may take to stop on
	// its own before the runner is killed (compiled code such as
	// time.Sleep cannot see the cancellation).
	InterruptGrace = 300 * time.Millisecond
	// memoryPoll is how often the memory of the runner's process tree is
	// checked, between cells as well as during them.
	memoryPoll = 50 * time.Millisecond
	// startTimeout bounds a runner's start-up, up to its ready event.
	startTimeout = 30 * time.Second
	// restoreTimeout bounds replaying the earlier cells after a restart.
	restoreTimeout = 30 * time.Second
)

// DefaultMemoryLimit is the runner's memory limit when neither
// Config.MemoryLimit nor GOLESSONS_MEMORY_LIMIT sets one.
const DefaultMemoryLimit = 2 << 30

// EnvMemoryLimit names the environment variable with the memory limit,
// e.g. "512MiB"; "0" or "off" disables it.
const EnvMemoryLimit = "GOLESSONS_MEMORY_LIMIT"

// Config describes how to start runners.
type Config struct {
	// Exe and Args start a runner: usually os.Executable() and "runner".
	Exe  string
	Args []string
	// Env is the runner's environment; nil means the kernel's.
	Env []string
	// MemoryLimit is the runner's resident memory limit in bytes. 0 means
	// GOLESSONS_MEMORY_LIMIT or DefaultMemoryLimit; negative, no limit.
	MemoryLimit int64
	// PackagesDir is passed on to the evaluator.
	PackagesDir string
	// Log receives diagnostics; nil discards them.
	Log *slog.Logger
}

// Request is one cell to run.
type Request = cellio.Cell

// Runner runs cells in a runner process and keeps one alive. Execute,
// Restart and Close may be called from different goroutines; Interrupt
// and Symbols never block.
type Runner struct {
	cfg Config

	mu     sync.Mutex // serialises Execute and Restart; guards the rest
	cells  []Request  // earlier cells that declared, replayed after a restart (keptCell)
	nextID uint64
	// diedInCell: the runner died during the last cell sent, whose own
	// effects died with it.
	diedInCell bool
	output     outputSwitch
	symbols    atomic.Pointer[[]symtab.Symbol]

	// interrupts has one slot: a second interrupt while one is pending
	// adds nothing, and Interrupt must not block.
	interrupts chan struct{}
	resetting  atomic.Bool // Restart killed the runner on purpose

	procMu sync.Mutex // guards proc and closed
	proc   *process
	closed bool
}

// Start starts a runner process and waits until it is ready.
func Start(ctx context.Context, cfg Config) (*Runner, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.MemoryLimit == 0 {
		cfg.MemoryLimit = DefaultMemoryLimit
		if s := os.Getenv(EnvMemoryLimit); s != "" {
			n, err := ParseSize(s)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", EnvMemoryLimit, err)
			}
			cfg.MemoryLimit = n
			if n == 0 {
				cfg.MemoryLimit = -1
			}
		}
	}
	r := &Runner{cfg: cfg, interrupts: make(chan struct{}, 1)}
	p, err := r.startProcess(ctx)
	if err != nil {
		return nil, err
	}
	r.setProc(p)
	return r, nil
}

// Symbols returns the user's names after the last cell.
func (r *Runner) Symbols() []symtab.Symbol {
	if s := r.symbols.Load(); s != nil {
		return *s
	}
	return nil
}

// Interrupt asks the running cell to stop. If it has not stopped after
// InterruptGrace, Execute kills the runner and restores the earlier cells.
// Without a running cell it does nothing.
func (r *Runner) Interrupt() {
	select {
	case r.interrupts <- struct{}{}:
	default:
	}
}

// Restart replaces the runner with a fresh one and forgets every cell
// (shutdown_request with restart). A cell still running ends with an error.
func (r *Runner) Restart(ctx context.Context) error {
	r.resetting.Store(true)
	defer r.resetting.Store(false)
	if p := r.current(); p != nil {
		p.kill()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cells = nil
	r.symbols.Store(nil)
	_, _, err := r.replace(ctx, false, "")
	return err
}

// Close kills the runner's process group and waits until its goroutines
// and pipes are gone. Execute fails afterwards.
func (r *Runner) Close() error {
	r.procMu.Lock()
	r.closed = true
	p := r.proc
	r.procMu.Unlock()
	if p != nil {
		p.kill()
		<-p.done
	}
	return nil
}

func (r *Runner) current() *process {
	r.procMu.Lock()
	defer r.procMu.Unlock()
	return r.proc
}

// setProc makes p the current runner, unless the Runner was closed.
func (r *Runner) setProc(p *process) error {
	r.procMu.Lock()
	defer r.procMu.Unlock()
	if r.closed {
		p.kill()
		return errClosed
	}
	r.proc = p
	return nil
}

var errClosed = errors.New("runner: closed")

// startProcess spawns a runner and waits for its ready event.
func (r *Runner) startProcess(ctx context.Context) (*process, error) {
	p, err := spawn(r.cfg, &r.output)
	if err != nil {
		return nil, err
	}
	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	for {
		select {
		case ev := <-p.ctl:
			if ev.Kind == link.KindReady {
				return p, nil
			}
		case <-p.done:
			tail, _ := p.pump.stderrTail()
			return nil, fmt.Errorf("runner exited during start-up (%s): %s", p.cmd.ProcessState, lastLines(tail, 5))
		case <-timer.C:
			p.kill()
			<-p.done
			return nil, fmt.Errorf("runner not ready after %v", startTimeout)
		case <-ctx.Done():
			p.kill()
			<-p.done
			return nil, fmt.Errorf("start runner: %w", ctx.Err())
		}
	}
}
