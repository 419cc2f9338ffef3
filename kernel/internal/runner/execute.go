package runner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/link"
	"golessons/kernel/internal/proctree"
)

// Execute runs one cell. Its output goes to out while it runs and after it
// returns (goroutines that print late), until the next Execute. Execute
// always returns an Outcome; a failure of the runner itself is an error in
// it, after which the next cell runs in a fresh runner. When the runner
// had died after the previous cell, out's stderr says so after the cell.
func (r *Runner) Execute(ctx context.Context, req Request, out cellio.Output) cellio.Outcome {
	res, notice := r.execute(ctx, req, out)
	if notice != "" {
		// Something happened between cells: the student hears about it
		// under the next cell, once that cell's own output is out.
		out.Stream("stderr", notice+"\n")
	}
	return res
}

// execute is Execute without the notice about a runner replaced between
// cells, which it returns.
func (r *Runner) execute(ctx context.Context, req Request, out cellio.Output) (res cellio.Outcome, notice string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.output.set(out)
	notice, err := r.ensureRunner(ctx)
	if err != nil {
		return cellio.Outcome{Err: &cellio.Error{Name: "RunnerError", Value: err.Error()}}, notice
	}
	res = r.send(ctx, req, out)
	if res.Err != nil && (res.Err.Name == typeRedefined || res.Err.Name == methodRedefined) {
		res = r.redefine(ctx, req, out)
	}
	if r.keptCell(res.Err) {
		r.cells = append(r.cells, req)
	}
	return res, notice
}

// keptCell reports whether a cell that ended with err is one to replay:
// it ran, or it failed while running (a panic, os.Exit, an interrupt, a
// deadlock), after its declarations and imports had been made, which
// later cells use. Not one refused before it ran, nor one whose runner
// died with it. The replay runs its statements again only where that
// has no effects, and names the others.
func (r *Runner) keptCell(err *cellio.Error) bool {
	if err == nil {
		return true
	}
	if r.diedInCell {
		return false
	}
	switch err.Name {
	case "CompileError", "ImportError", "CellTooLarge", typeRedefined, methodRedefined, "RunnerError", "InternalError":
		return false
	}
	return true
}

// typeRedefined is the evaluator's error for a cell declaring a type
// again with another declaration, before anything in the cell ran.
const typeRedefined = "TypeRedefined"

// methodRedefined is its error for a cell declaring a method again with
// another signature, or a generic type's method or one calling recover
// with another body, which the interpreter cannot change in place either.
const methodRedefined = "MethodRedefined"

// send runs the cell in the current runner.
func (r *Runner) send(ctx context.Context, req Request, out cellio.Output) cellio.Outcome {
	p := r.current()
	select {
	case <-r.interrupts: // meant for a cell that already ended
	default:
	}
	r.nextID++
	id := r.nextID
	err := p.req.Send(link.Request{Kind: link.KindExecute, ID: id, Code: req.Code, AllowStdin: req.AllowStdin})
	if errors.Is(err, link.ErrFrameTooLarge) {
		return cellio.Outcome{Err: &cellio.Error{Name: "CellTooLarge", Value: fmt.Sprintf(
			"the cell has %d bytes; at most %d fit", len(req.Code), link.MaxFrame)}}
	}
	// Any other send error means the runner is gone; await sees its end.
	r.diedInCell = false
	p.busy.Store(true)
	defer p.busy.Store(false)
	return r.await(ctx, p, id, req, out)
}

// redefine runs a cell that declares a type (or a method, see
// methodRedefined) again, differently: the interpreter cannot change it in
// place, so a fresh runner replays the earlier cells with the cell's
// declaration in place of the old one (as if the notebook had been edited
// and run again from the top), then runs the cell. What the replay could
// not bring back is said first.
func (r *Runner) redefine(ctx context.Context, req Request, out cellio.Output) cellio.Outcome {
	kept, lost, err := r.replace(ctx, true, req.Code)
	out.Stream("stderr", "This cell changes what an earlier cell declared in a way the interpreter cannot do in place (a type, a method's signature, a generic type's method, a method calling recover): "+
		"it was restarted and the earlier cells replayed with the new declaration (goroutines they had started are stopped); "+
		restoreSummary(kept, lost, err, false)+".\n")
	return r.send(ctx, req, out)
}

// ensureRunner replaces a runner that died between cells, restoring the
// earlier cells, and returns a notice saying so.
func (r *Runner) ensureRunner(ctx context.Context) (string, error) {
	r.procMu.Lock()
	p, closed := r.proc, r.closed
	r.procMu.Unlock()
	if p == nil || closed {
		return "", errClosed
	}
	// A runner seen dead by /proc but not yet by wait (killed a moment ago)
	// also died between cells: the cell must go to its replacement.
	if p.reaped.Load() || p.killedForMemory() != nil || !proctree.Alive(p.pid) {
		<-p.done // it died between cells; its pipes may still be draining
	}
	if !p.exited() {
		return "", nil
	}
	why := p.crash()
	if m := p.killedForMemory(); m != nil {
		why.Value = fmt.Sprintf("its processes grew to %s while no cell ran, over the memory limit of %s "+
			"(set %s to change it): something an earlier cell started, a goroutine or a child process, "+
			"kept allocating, so they were stopped", formatSize(m.used), formatSize(m.limit), EnvMemoryLimit)
	}
	kept, lost, err := r.replace(ctx, true, "")
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("The runner stopped after the previous cell (%s) and was restarted; %s.",
		why.Value, restoreSummary(kept, lost, nil, false)), nil
}

// await waits for cell id's result while serving its input requests,
// interrupts, the memory limit and the runner's death.
func (r *Runner) await(ctx context.Context, p *process, id uint64, req Request, out cellio.Output) cellio.Outcome {
	var grace <-chan time.Time
	inputCtx, cancelInput := context.WithCancel(ctx)
	defer cancelInput()
	// replies has one slot: the cell waits for one line at a time, and
	// the goroutine that asked must be able to finish without us.
	replies := make(chan link.Request, 1)
	for {
		select {
		case ev := <-p.ctl:
			if ev.ID != id {
				continue
			}
			switch ev.Kind {
			case link.KindResult:
				return r.result(ev)
			case link.KindInputRequest:
				go ask(inputCtx, out, ev, req.AllowStdin, replies)
			}
		case rep := <-replies:
			p.req.Send(rep)
		case <-r.interrupts:
			cancelInput()
			p.req.Send(link.Request{Kind: link.KindCancel, ID: id})
			if grace == nil {
				timer := time.NewTimer(InterruptGrace)
				defer timer.Stop()
				grace = timer.C
			}
		case <-grace:
			return r.killAndRestore(ctx, p, "Interrupted",
				fmt.Sprintf("the cell did not stop within %v, so its runner was stopped", InterruptGrace))
		case <-p.done:
			return r.died(ctx, p, id)
		case <-ctx.Done():
			return r.killAndRestore(ctx, p, "Interrupted", "the kernel stopped the cell")
		}
	}
}

// result turns a result event into an Outcome and records its symbols.
func (r *Runner) result(ev link.Event) cellio.Outcome {
	syms := ev.Symbols
	r.symbols.Store(&syms)
	return cellio.Outcome{Value: ev.Value, Err: ev.Error}
}

// ask gets one line from the frontend for an input request and hands the
// reply to await. It ends when out.Input returns; await cancels ctx when
// the cell ends, so Input must honour ctx.
func ask(ctx context.Context, out cellio.Output, ev link.Event, allowed bool, replies chan<- link.Request) {
	rep := link.Request{Kind: link.KindInputReply, ID: ev.ID, EOF: true}
	if allowed {
		if v, err := out.Input(ctx, ev.Prompt, ev.Password); err == nil {
			rep.Value, rep.EOF = v, false
		}
	}
	select {
	case replies <- rep:
	default: // a reply is already waiting: the runner asked twice
	}
}

// died explains a runner that exited during cell id. A result that made
// it out before the end still counts.
func (r *Runner) died(ctx context.Context, p *process, id uint64) cellio.Outcome {
	r.diedInCell = true
	for drained := false; !drained; {
		select {
		case ev := <-p.ctl:
			if ev.Kind == link.KindResult && ev.ID == id {
				return r.result(ev)
			}
		default:
			drained = true // the pump has ended: nothing more will come
		}
	}
	if m := p.killedForMemory(); m != nil {
		kept, lost, err := r.replace(ctx, true, "")
		return cellio.Outcome{Err: &cellio.Error{Name: "MemoryLimit", Value: fmt.Sprintf(
			"the cell used %s of memory (the runner and the processes it started), over the limit of %s "+
				"(set %s to change it), so its runner was stopped; %s",
			formatSize(m.used), formatSize(m.limit), EnvMemoryLimit, restoreSummary(kept, lost, err, true))}}
	}
	why := p.crash()
	if r.resetting.Load() {
		why.Value = "the kernel was restarted while the cell ran"
		return cellio.Outcome{Err: why}
	}
	kept, lost, err := r.replace(ctx, true, "")
	why.Value += "; the runner process died and was restarted; " + restoreSummary(kept, lost, err, true)
	return cellio.Outcome{Err: why}
}

// killAndRestore stops p and replaces it, for an interrupt or a limit.
func (r *Runner) killAndRestore(ctx context.Context, p *process, name, reason string) cellio.Outcome {
	p.kill()
	<-p.done
	kept, lost, err := r.replace(ctx, true, "")
	return cellio.Outcome{Err: &cellio.Error{Name: name, Value: reason + "; " + restoreSummary(kept, lost, err, true)}}
}
