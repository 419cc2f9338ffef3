package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"golessons/display"
	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/goroutines"
	"golessons/kernel/internal/link"
)

// execute runs one cell and sends its result.
func (w *worker) execute(ctx context.Context, req link.Request) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	c := &cell{id: req.ID, allowStdin: req.AllowStdin, ctx: ctx, cancel: cancel, replies: make(chan link.Request, 1)}
	w.mu.Lock()
	w.cell, w.lastID = c, req.ID
	if w.early == req.ID { // the cancel overtook the cell's start
		cancel()
	}
	w.mu.Unlock()
	w.stdin.reset()

	stopWatch, notice := func() {}, func(error) {}
	if wv, ok := w.eval.(interface{ watch() stoppable }); ok {
		ev := wv.watch()
		before, goAtStart := aliveBefore(ev), ev.GoStatements()
		job := goroutines.ID()
		w.lister.begin(ev, job)
		stopWatch = watchCell(ev, job)
		// The notice goes where the cell's own stderr goes, in order with
		// its stdout: written to the process's stderr, it overtook the
		// stdout still in the pipe and landed among the cell's lines.
		out := w.opts.Stderr
		if cs, ok := w.eval.(interface{ cellStderr() io.Writer }); ok {
			out = cs.cellStderr()
		}
		notice = func(err error) {
			if err == nil || ownEnd(err) {
				fmt.Fprint(out, leftoverNotice(ev, job, before, goAtStart))
			}
			w.lister.end()
		}
	}
	val, err := w.safeEval(ctx, req.Code)
	stopWatch()
	notice(err)

	w.mu.Lock()
	w.cell = nil
	w.mu.Unlock()
	ev := link.Event{Kind: link.KindResult, ID: req.ID, Value: val, Symbols: w.eval.Symbols()}
	if err != nil {
		ev.Value, ev.Error = cellio.Value{}, toError(err)
	}
	return w.emit(ev)
}

// ownEnd reports whether err is a cell's own code ending it (a panic of
// its statements, os.Exit, log.Fatal), which leaves its goroutines
// running, as no other error does: a goroutine's panic, a deadlock and
// an interrupt stop them.
func ownEnd(err error) bool {
	ce, ok := errors.AsType[*cellio.Error](err)
	if !ok {
		return false
	}
	switch ce.Name {
	case "panic", "Exit", "Fatal":
		return !strings.Contains(ce.Value, "goroutine panic: ") && !strings.Contains(ce.Value, "in a goroutine")
	}
	return false
}

// safeEval runs Eval, turning a panic of the evaluator itself into an
// error so one bad cell cannot take the runner down through a worker bug.
func (w *worker) safeEval(ctx context.Context, code string) (v cellio.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &cellio.Error{Name: "InternalError", Value: fmt.Sprint(r), Traceback: []string{string(debug.Stack())}}
		}
	}()
	return w.eval.Eval(ctx, code)
}

// toError keeps an evaluator error's name and traceback when it has them,
// wrapped or not; any other error becomes a plain "Error".
func toError(err error) *cellio.Error {
	if ce, ok := errors.AsType[*cellio.Error](err); ok {
		return ce
	}
	return &cellio.Error{Name: "Error", Value: err.Error()}
}

// restore replays earlier cells and reports what came back.
func (w *worker) restore(ctx context.Context, req link.Request) error {
	kept, lost := w.eval.Restore(ctx, req.Cells, req.Numbers, req.Next)
	return w.emit(link.Event{Kind: link.KindRestored, Kept: kept, Lost: lost, Symbols: w.eval.Symbols()})
}

// cancelCell interrupts the running cell, if any, and reports whether
// there was one.
func (w *worker) cancelCell() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cell == nil {
		return false
	}
	w.cell.cancel()
	return true
}

// cancelID interrupts cell id: the running one, or, when the request
// reader got the cancel before the job's goroutine started the cell, the
// next one to start with that id.
func (w *worker) cancelID(id uint64) bool {
	w.mu.Lock()
	running := w.cell != nil && w.cell.id == id
	if !running && id > w.lastID {
		w.early = id
	}
	w.mu.Unlock()
	return running && w.cancelCell()
}

// deliverInput hands an input reply to the running cell, if it still
// waits for one; a late reply is dropped.
func (w *worker) deliverInput(req link.Request) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cell == nil || w.cell.id != req.ID {
		return
	}
	select {
	case w.cell.replies <- req:
	default:
	}
}

// current returns the running cell, or nil.
func (w *worker) current() *cell {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.cell
}

// publishDisplay is the display package's publisher. It runs on whichever
// goroutine called a display function, so it goes through emit's lock.
func (w *worker) publishDisplay(m display.Message) {
	w.mu.Lock()
	id := w.lastID
	w.mu.Unlock()
	// The cells' API cannot import an internal package, so its Message is
	// a twin of cellio.Display, field for field; the conversion fails to
	// compile if they ever drift apart.
	d := cellio.Display(m)
	if err := w.emit(link.Event{Kind: link.KindDisplay, ID: id, Display: &d}); err != nil {
		w.opts.Log.Warn("send display", "err", err)
	}
}

// emit writes a sync marker to stdout and stderr, then sends ev carrying
// that marker's number. The lock keeps markers and frames of concurrent
// events (a display from a goroutine, the cell's result) in one order. An
// event too large for the link is replaced by a note (see tooLarge).
func (w *worker) emit(ev link.Event) error {
	w.emitMu.Lock()
	defer w.emitMu.Unlock()
	ev.Sync = w.sync + 1
	frame, err := link.Encode(ev)
	if errors.Is(err, link.ErrFrameTooLarge) {
		frame, err = link.Encode(tooLarge(ev))
	}
	if err != nil {
		return fmt.Errorf("encode %s event: %w", ev.Kind, err)
	}
	w.sync++
	marker := link.SyncMarker(w.opts.Token, w.sync)
	if _, err := w.opts.Stdout.Write(marker); err != nil {
		return fmt.Errorf("write sync marker to stdout: %w", err)
	}
	if _, err := w.opts.Stderr.Write(marker); err != nil {
		return fmt.Errorf("write sync marker to stderr: %w", err)
	}
	if err := w.out.WriteFrame(frame); err != nil {
		return fmt.Errorf("send %s event: %w", ev.Kind, err)
	}
	return nil
}

// tooLarge replaces the bulky part of an event that does not fit in a
// frame with an explanation the user sees.
func tooLarge(ev link.Event) link.Event {
	msg := fmt.Sprintf("too large to show: over the %d MiB limit of one message", link.MaxFrame>>20)
	switch ev.Kind {
	case link.KindResult:
		ev.Value, ev.Symbols = cellio.Value{}, nil
		ev.Error = &cellio.Error{Name: "OutputTooLarge", Value: "the cell's value is " + msg}
	case link.KindDisplay:
		ev.Display = &cellio.Display{Kind: cellio.DisplayShow, Data: map[string]any{"text/plain": "display " + msg}}
	case link.KindRestored:
		ev.Symbols = nil
	}
	return ev
}
