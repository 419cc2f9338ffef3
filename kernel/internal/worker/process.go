package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"syscall"

	"golessons/kernel/internal/link"
	"golessons/kernel/internal/proctree"
)

// The runner's link fds, as the kernel sets them up (runner.Start).
const (
	requestFD = 3 // kernel → runner requests
	eventFD   = 4 // runner → kernel events
)

// EvaluatorFactory builds an evaluator whose cells read stdin and whose
// packages live in packagesDir.
type EvaluatorFactory func(stdin io.Reader, packagesDir string) (Evaluator, error)

// Main is the `golessons runner` subcommand: it serves the link on fds 3
// and 4 with the real evaluator (package eval). See Serve.
func Main(ctx context.Context) error {
	return Serve(ctx, NewEval)
}

// Serve sets the process up as a runner — link on fds 3/4, settings from
// the link.Env* variables, memory limit — and runs [Run] until the kernel
// closes the link. Before returning it kills its own process group (the
// kernel made the runner a group leader), so children that cells started
// do not outlive it. It also does that on SIGTERM, which the kernel
// arranges to arrive when the kernel itself dies (Pdeathsig).
func Serve(ctx context.Context, newEval EvaluatorFactory) error {
	var st syscall.Stat_t
	if syscall.Fstat(requestFD, &st) != nil || syscall.Fstat(eventFD, &st) != nil {
		return errors.New("runner: fds 3 and 4 are not open; the kernel starts this command")
	}
	in, out := os.NewFile(requestFD, "link-requests"), os.NewFile(eventFD, "link-events")
	// Children started by cells must not inherit the link.
	syscall.CloseOnExec(requestFD)
	syscall.CloseOnExec(eventFD)
	token := os.Getenv(link.EnvToken)
	packagesDir := os.Getenv(link.EnvPackagesDir)
	if limit, err := strconv.ParseInt(os.Getenv(link.EnvMemoryLimit), 10, 64); err == nil && limit > 0 {
		debug.SetMemoryLimit(limit)
	}
	if os.Getenv(link.EnvUnsetTraceback) != "" {
		os.Unsetenv("GOTRACEBACK") // read by the runtime already; hide it from children
	}
	for _, k := range []string{link.EnvToken, link.EnvPackagesDir, link.EnvMemoryLimit, link.EnvUnsetTraceback} {
		os.Unsetenv(k)
	}
	defer killGroup()
	stopOnTerm()
	// SIGINT is for the cells' children (see interruptChildren); the
	// runner itself handles interrupts through the link. A handled signal,
	// unlike an ignored one, is reset for children by exec.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGINT)
	// Once the kernel is gone, stdout and stderr are broken pipes, and Go
	// ends a program writing to fd 1 or 2 by SIGPIPE unless it handles
	// the signal: the runner would die between the kernel's death and
	// killGroup, leaving the cells' children behind. Handled, the write
	// fails with EPIPE and the runner goes on to clean up.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)

	err := Run(ctx, in, out, Options{
		Token:       token,
		Interrupted: interruptChildren,
		NewEvaluator: func(stdin io.Reader) (Evaluator, error) {
			return newEval(stdin, packagesDir)
		},
	})
	if err != nil {
		// Said before killGroup ends us; the kernel reads whichever stream still works.
		if msg := []byte(link.RunnerErrorPrefix + err.Error() + "\n"); !writeOK(os.Stderr, msg) {
			writeOK(os.Stdout, msg)
		}
		return fmt.Errorf("runner: %w", err)
	}
	return nil
}

// stopOnTerm kills the process group on SIGTERM. Its goroutine lives as
// long as the process: the signal ends it by ending everything.
func stopOnTerm() {
	// One slot: signal.Notify must never block, and one signal suffices.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM)
	go func() {
		<-sig
		killGroup()
		// Not a group leader (started by hand): die of the signal as usual.
		signal.Reset(syscall.SIGTERM)
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
	}()
}

// interruptChildren sends SIGINT to the runner's process group, as Ctrl-C
// in a terminal does to a foreground job: child processes a cell started
// (demos worker processes, programs run with os/exec) stop with the cell.
// The runner itself ignores it (Serve handles SIGINT).
func interruptChildren() {
	if pid := os.Getpid(); syscall.Getpgrp() == pid {
		syscall.Kill(-pid, syscall.SIGINT)
	}
}

// killGroup sends SIGKILL to this process's group, this process included,
// but only when it leads the group: started any other way (a test), it
// must not take its parent's group down.
func killGroup() {
	if pid := os.Getpid(); syscall.Getpgrp() == pid {
		proctree.KillMarked(link.EnvTree, os.Getenv(link.EnvTree)) // those that left the tree
		proctree.Kill(pid)                                         // also the children that left the group (setsid)
	}
}

func writeOK(w io.Writer, b []byte) bool { _, err := w.Write(b); return err == nil }
