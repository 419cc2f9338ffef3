package worker

import (
	"context"
	"io"
	"os"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/eval"
	"golessons/kernel/internal/link"
	"golessons/kernel/internal/symbols"
	"golessons/kernel/internal/symtab"
)

// NewEval builds the real evaluator (package eval) with the lesson
// packages (golessons/demos, golessons/display) importable. Interpreted
// output goes to the process's fds 1 and 2, which the kernel reads, through
// duplicates that a cell may close without harm.
func NewEval(stdin io.Reader, packagesDir string) (Evaluator, error) {
	streams := &eval.Streams{Stdout: os.Stdout, Stderr: os.Stderr}
	var stderr io.Writer = os.Stderr
	if token := link.RunnerToken(); token != "" {
		// Stderr text framed into the stdout pipe keeps its order with stdout.
		stderr = link.NewStderrWriter(os.Stdout, token)
		streams.OrderedStderr = stderr
	}
	e, err := eval.New(eval.Options{
		Stdin:       stdin,
		Stdout:      os.Stdout,
		Stderr:      stderr,
		PackagesDir: packagesDir,
		Symbols:     symbols.All(),
		Streams:     streams,
	})
	if err != nil {
		return nil, err
	}
	return evaluator{e, stderr}, nil
}

// evaluator adapts *eval.Evaluator to Evaluator.
type evaluator struct {
	e *eval.Evaluator
	// stderr is the cells' stderr: framed into the stdout pipe when the
	// runner has a token, so what the worker writes under a cell comes
	// after the cell's stdout.
	stderr io.Writer
}

// cellStderr is where notices about a cell go (see execute).
func (v evaluator) cellStderr() io.Writer { return v.stderr }

// Eval runs a cell; its value and its error (a *cellio.Error) go on as
// they are.
func (v evaluator) Eval(ctx context.Context, cell string) (cellio.Value, error) {
	return v.e.Eval(ctx, cell)
}

// Restore replays earlier cells (see eval.Evaluator.Restore).
func (v evaluator) Restore(ctx context.Context, cells []string, numbers []int, next string) (kept, lost []string) {
	return v.e.Restore(ctx, cells, numbers, next)
}

// Symbols lists the user's names.
func (v evaluator) Symbols() []symtab.Symbol { return v.e.Symbols() }

// watch begins a user cell for the deadlock check and returns the
// evaluator's side of it.
func (v evaluator) watch() stoppable {
	v.e.BeginCell()
	return v.e
}
