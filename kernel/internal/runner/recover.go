package runner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/link"
)

// replace kills the current runner, starts a fresh one and, if restore is
// set, replays the earlier successful cells in it with output discarded,
// with the types cell next declares in place of earlier ones (next may be
// empty). It returns the declarations kept and lost, as the evaluator
// reports them.
func (r *Runner) replace(ctx context.Context, restore bool, next string) (kept, lost []string, err error) {
	if old := r.current(); old != nil {
		old.kill()
		<-old.done
		r.output.comm(link.KindCommClose, link.Comm{}) // its comms died with it
		r.output.debug.reset()                         // and so did its debug session
	}
	p, err := r.startProcess(ctx)
	if err != nil {
		return nil, nil, err
	}
	if err := r.setProc(p); err != nil {
		return nil, nil, err
	}
	if !restore || len(r.cells) == 0 {
		r.symbols.Store(nil)
		return nil, nil, nil
	}
	prev := r.output.set(discard{})
	defer r.output.set(prev)
	ev, err := r.restore(ctx, p, next)
	if err == nil {
		syms := ev.Symbols
		r.symbols.Store(&syms)
		return ev.Kept, ev.Lost, nil
	}
	// The replay itself failed: start once more, empty.
	r.cells = nil
	if _, _, err2 := r.replace(ctx, false, ""); err2 != nil {
		return nil, nil, errors.Join(err, err2)
	}
	return nil, nil, err
}

// restore sends the earlier cells to p and waits for the restored event.
func (r *Runner) restore(ctx context.Context, p *process, next string) (link.Event, error) {
	codes, numbers := make([]string, len(r.cells)), make([]int, len(r.cells))
	for i, c := range r.cells {
		codes[i], numbers[i] = c.Code, c.Number
	}
	if err := p.req.Send(link.Request{Kind: link.KindRestore, Cells: codes, Numbers: numbers, Next: next}); err != nil {
		return link.Event{}, fmt.Errorf("replay earlier cells: %w", err)
	}
	timer := time.NewTimer(restoreTimeout)
	defer timer.Stop()
	for {
		select {
		case ev := <-p.ctl:
			if ev.Kind == link.KindRestored {
				return ev, nil
			}
		case <-p.done:
			why := p.crash()
			return link.Event{}, fmt.Errorf("replaying earlier cells crashed the runner: %s", why.Value)
		case <-timer.C:
			return link.Event{}, fmt.Errorf("replaying earlier cells took over %v", restoreTimeout)
		case <-ctx.Done():
			return link.Event{}, fmt.Errorf("replay earlier cells: %w", ctx.Err())
		}
	}
}

// restoreSummary says plainly what survived a restart. duringCell says
// the runner died while a cell ran, whose own effects are then gone too.
func restoreSummary(kept, lost []string, err error, duringCell bool) string {
	if err != nil {
		return "all earlier declarations are lost (" + err.Error() + ")"
	}
	var parts []string
	if len(kept) > 0 {
		parts = append(parts, "kept: "+strings.Join(kept, ", "))
	}
	if duringCell {
		parts = append(parts, "this cell's own effects are lost")
	}
	if len(lost) > 0 {
		parts = append(parts, "not restored (statements that may have effects are never run twice; code that no longer compiles says why): "+
			strings.Join(lost, "; "))
	}
	if len(kept) == 0 && len(lost) == 0 {
		parts = append(parts, "no earlier declarations to restore")
	}
	return strings.Join(parts, "; ")
}

// crash explains why p died: in the runner's own words when it stopped
// itself, else from its stderr and exit status.
func (p *process) crash() *cellio.Error {
	if msg := p.pump.runnerError(); msg != "" {
		return &cellio.Error{Name: "RunnerError", Value: explainRunnerError(msg)}
	}
	tail, fatal := p.pump.stderrTail()
	return crashReport(tail, fatal, p.cmd.ProcessState)
}

// explainRunnerError says what a runner's reason for stopping means.
func explainRunnerError(msg string) string {
	for _, fd := range []struct{ stream, n string }{{"stdout", "1"}, {"stderr", "2"}} {
		if strings.Contains(msg, "sync marker to "+fd.stream) {
			return fmt.Sprintf("the cell closed the runner's %s (file descriptor %s), through which the kernel "+
				"receives output and results, so the runner stopped (%s). Closing os.Stdout or os.Stderr "+
				"themselves is harmless", fd.stream, fd.n, msg)
		}
	}
	return "the runner stopped: " + msg
}

// crashReport explains a dead runner from the end of its stderr (the Go
// runtime prints "panic: ..." or "fatal error: ...") and its exit status.
func crashReport(tail, fatal string, st *os.ProcessState) *cellio.Error {
	exit := "unknown exit"
	code := -1
	if st != nil {
		exit, code = st.String(), st.ExitCode()
	}
	lines := strings.Split(tail, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		name := ""
		switch {
		case strings.HasPrefix(l, "panic: "):
			name = "panic"
		case strings.HasPrefix(l, "fatal error: "):
			name = "FatalError"
		default:
			continue
		}
		msg := l
		// Nested panics continue on tab-indented lines.
		for _, next := range lines[i+1:] {
			if !strings.HasPrefix(next, "\t") || strings.HasPrefix(next, "\tgoroutine") {
				break
			}
			msg += "\n" + next
		}
		// The goroutines the runtime lists after the message are the
		// interpreter's, of no use to the cell: the message is the
		// traceback.
		return &cellio.Error{Name: name, Value: msg + " (" + exit + ")", Traceback: strings.Split(msg, "\n")}
	}
	if fatal != "" { // its line is older than the tail: a long goroutine dump followed it
		return &cellio.Error{Name: "FatalError", Value: fatal + " (" + exit + ")", Traceback: []string{fatal}}
	}
	if code >= 0 {
		return &cellio.Error{Name: "Exit", Value: fmt.Sprintf("the program exited with code %d (os.Exit or log.Fatal)", code),
			Traceback: lastLines(tail, 20)}
	}
	return &cellio.Error{Name: "Killed", Value: "the runner was killed (" + exit + ")", Traceback: lastLines(tail, 20)}
}

// lastLines returns at most n final non-empty lines of s.
func lastLines(s string, n int) []string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	if len(lines) == 1 && lines[0] == "" {
		return nil
	}
	return lines
}

// sizeUnits are the suffixes ParseSize understands, longest first.
var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40},
	{"B", 1},
}

// ParseSize parses a byte count such as "512MiB", "2GiB", "1.5G" or
// "1000000"; "off" gives 0.
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "off") {
		return 0, nil
	}
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f*float64(mult) > 1<<62 {
		return 0, fmt.Errorf("parse size %q: want a number with an optional unit such as MiB or GiB", s)
	}
	return int64(f * float64(mult)), nil
}

// formatSize renders n bytes for people.
func formatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%d KiB", n>>10)
	}
}
