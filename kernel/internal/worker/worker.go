// Package worker is the runner process's loop: it reads requests from the
// kernel over the link, runs cells one at a time in the evaluator, and sends
// results, displays and input requests back as link events.
//
// Output needs no help from the worker: the runner's fds 1 and 2 are pipes
// that the kernel reads (package capture). Before each event the worker
// writes a sync marker to both, so the kernel can handle the event after
// the output that preceded it. Standard input is an io.Reader that asks the
// kernel for a line over the link when a cell reads it.
//
// [Run] is the testable core; [Main] is the entry point of the
// `golessons runner` subcommand. The worker installs the publisher of
// package golessons/display for as long as Run runs: that hook is package
// state of the display package, which the process has exactly one of.
package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"golessons/display"
	cellgo "golessons/goroutines"
	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/link"
	"golessons/kernel/internal/symtab"
	"golessons/widgets"
)

// Evaluator is what the worker needs from the interpreter (package eval).
type Evaluator interface {
	// Eval runs one cell; the error, if any, becomes the result's error.
	Eval(ctx context.Context, cell string) (cellio.Value, error)
	// Restore replays earlier cells' declarations without output, with
	// the types next declares in place of those of the same names.
	Restore(ctx context.Context, cells []string, numbers []int, next string) (kept, lost []string)
	// Symbols lists the user's names after the last cell.
	Symbols() []symtab.Symbol
}

// Options configure Run.
type Options struct {
	// Token makes this runner's sync markers (link.SyncMarker).
	Token string
	// Stdout and Stderr receive the sync markers; they must be the
	// streams the evaluator writes to. Default os.Stdout, os.Stderr.
	Stdout, Stderr io.Writer
	// NewEvaluator builds the evaluator, whose cells read stdin.
	NewEvaluator func(stdin io.Reader) (Evaluator, error)
	// Log receives the worker's own diagnostics; default discards.
	Log *slog.Logger
	// Interrupted, if set, is called when the kernel cancels a running
	// cell, after the cell's context was cancelled. Serve uses it to pass
	// the interrupt on to the cell's child processes.
	Interrupted func()
}

// ErrKernelGone is returned by Run when the request stream ended while a
// cell was still running; the cell's goroutine is abandoned, and the
// caller is expected to end the process.
var ErrKernelGone = errors.New("worker: kernel closed the link during a cell")

// worker is the state of one Run.
type worker struct {
	opts  Options
	out   *link.Writer
	eval  Evaluator
	stdin *stdinReader

	emitMu sync.Mutex // orders markers and frames of concurrent events
	sync   uint64     // last marker number, guarded by emitMu

	lister lister // the provider of golessons/goroutines

	mu     sync.Mutex // guards cell, lastID and early
	cell   *cell      // the running cell, nil between cells
	lastID uint64     // the latest cell, for displays from its goroutines
	early  uint64     // a cell cancelled before it started

	debugOnce sync.Once  // starts the debug lane at the first debug request
	debug     *debugLane // debug.go
}

// cell is one running execute request.
type cell struct {
	id         uint64
	allowStdin bool
	ctx        context.Context
	cancel     context.CancelFunc
	// replies carries input replies; one slot, because the cell waits for
	// at most one answer at a time and the reader must never block.
	replies chan link.Request
}

// Run serves requests from in until in ends or ctx is cancelled, writing
// events to out. It returns nil when in ends between cells.
func Run(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.NewEvaluator == nil {
		return errors.New("worker: no evaluator constructor")
	}
	showLabels()
	w := &worker{opts: opts, out: link.NewWriter(out)}
	w.stdin = &stdinReader{w: w}
	ev, err := opts.NewEvaluator(w.stdin)
	if err != nil {
		return fmt.Errorf("start evaluator: %w", err)
	}
	w.eval = ev
	display.SetPublisher(w.publishDisplay)
	defer display.SetPublisher(nil)
	cellgo.SetProvider(&w.lister)
	defer cellgo.SetProvider(nil)
	widgets.SetSender(w.sendWidget)
	defer widgets.SetSender(nil)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// jobs: unbuffered, the kernel sends one execute or restore at a time.
	jobs, gone := make(chan link.Request), make(chan struct{})
	go w.readRequests(ctx, link.NewReader(in), jobs, gone)
	if err := w.emit(link.Event{Kind: link.KindReady}); err != nil {
		return err
	}
	// A second after the last job, unused heap goes back to the OS: a class
	// runs one runner per student, and a cell's peak (a flood, a big slice)
	// should not stay resident while the student reads.
	idle := time.After(time.Second)
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-gone:
			return nil
		case <-idle:
			debug.FreeOSMemory()
			idle = nil
		case req := <-jobs:
			if err := w.runJob(ctx, req, gone); err != nil {
				return err
			}
			idle = time.After(time.Second)
		}
	}
}

// runJob runs one job in its own goroutine so that Run can return when the
// kernel goes away while a compiled call blocks the cell. That goroutine
// ends with the job, or with the process.
func (w *worker) runJob(ctx context.Context, req link.Request, gone <-chan struct{}) error {
	done := make(chan error, 1) // the job never waits for Run to receive
	go func() {
		switch req.Kind {
		case link.KindExecute:
			done <- w.execute(ctx, req)
		case link.KindRestore:
			done <- w.restore(ctx, req)
		default:
			done <- nil
		}
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	case <-gone:
		return ErrKernelGone
	}
}

// readRequests is the single reader of the link. It handles cancel and
// input_reply at once (a cell is running then) and passes execute and
// restore on to Run. It ends, closing gone, when in fails or ctx ends.
func (w *worker) readRequests(ctx context.Context, in *link.Reader, jobs chan<- link.Request, gone chan<- struct{}) {
	defer close(gone)
	defer w.cancelCell()
	for {
		req, err := in.ReadRequest()
		var de *link.DecodeError
		switch {
		case errors.As(err, &de):
			w.opts.Log.Warn("bad request frame", "err", err)
			continue
		case err != nil:
			return
		}
		switch req.Kind {
		case link.KindCancel:
			if w.cancelID(req.ID) && w.opts.Interrupted != nil {
				w.opts.Interrupted()
			}
		case link.KindInputReply:
			w.deliverInput(req)
		case link.KindCommOpen, link.KindCommMsg, link.KindCommClose:
			w.receiveComm(req)
		case link.KindDebug:
			w.receiveDebug(ctx, req)
		case link.KindExecute, link.KindRestore:
			select {
			case jobs <- req:
			case <-ctx.Done():
				return
			}
		default:
			w.opts.Log.Warn("unknown request", "kind", req.Kind)
		}
	}
}
