package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"golessons/kernel/internal/dispatch"
	"golessons/kernel/internal/docindex"
	"golessons/kernel/internal/history"
	"golessons/kernel/internal/runner"
	"golessons/kernel/internal/wire"
	"golessons/kernel/internal/worker"
)

// serveKernel is "golessons kernel -f FILE": sockets, dispatcher and runner
// wired together until a shutdown_request, SIGTERM or the parent's death.
func serveKernel(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("kernel", flag.ContinueOnError)
	connFile := fs.String("f", "", "connection file written by Jupyter")
	packages := fs.String("packages", os.Getenv("GOLESSONS_PACKAGES"), "teacher packages folder")
	memLimit := fs.String("memory-limit", os.Getenv("GOLESSONS_MEMORY_LIMIT"), "memory limit per cell process")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *connFile == "" {
		return usageError{fmt.Errorf("kernel needs -f CONNECTION_FILE")}
	}
	limit, err := memoryLimit(*memLimit)
	if err != nil {
		return usageError{err}
	}
	// The kernel's live heap is small (~7 MB: doc index, history) and it
	// allocates little per message, so collecting at +50% instead of
	// +100% costs little CPU and keeps ~3 MB less resident in every
	// student's kernel (bench/README.md, "Profile"). GOGC still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	log := newLogger(stderr)
	info, err := wire.ReadConnectionFile(*connFile)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find own executable: %w", err)
	}
	srv, err := wire.Listen(ctx, info, log)
	if err != nil {
		return err
	}
	defer srv.Close()
	// Cell processes that leave the runner's group and lose their parent
	// come to the kernel, which ends them with the runner.
	if err := runner.AdoptOrphans(ctx); err != nil {
		log.Warn("orphans of cells may outlive the kernel", "err", err)
	}
	eng := startEngine(ctx, runner.Config{
		Exe: exe, Args: []string{"runner"}, Env: os.Environ(), MemoryLimit: limit, PackagesDir: *packages, Log: log,
	})
	defer eng.Close()

	// The history file is read in the background: kernel_info_reply does
	// not need it, and the first cell's Record waits for it.
	hist := history.OpenInBackground(history.DefaultPath(), func(err error) {
		log.Warn("history not persisted", "err", err)
	})
	d := dispatch.New(dispatch.Config{
		Transport: transport{srv},
		Engine:    eng,
		History:   hist,
		Log:       log,
		Shutdown:  cancel,
		Version:   version,
	})
	// Decode the doc index now, off the request path, so the first Tab is
	// instant; then, once the history is read too, hand both decoders'
	// garbage back to the OS, since a classroom runs one kernel per student.
	go func() {
		docindex.Load()
		hist.Session() // waits for the history file
		debug.FreeOSMemory()
	}()
	go watchSignals(ctx, cancel, eng.Interrupt)
	go watchParent(ctx, cancel)
	go forward(ctx, cancel, srv, d)
	d.Run(ctx)
	log.Info("kernel shutting down")
	return nil
}

// forward hands every decoded request from the wire to the dispatcher. It
// ends with ctx, or cancels it when the server's Incoming closes.
func forward(ctx context.Context, stop context.CancelFunc, srv *wire.Server, d *dispatch.Dispatcher) {
	for {
		select {
		case <-ctx.Done():
			return
		case in, ok := <-srv.Incoming():
			if !ok {
				stop()
				return
			}
			if o, known := origins[in.Channel]; known {
				d.Handle(o, in.Msg)
			}
		}
	}
}

// serveRunner is "golessons runner": the child process that evaluates cells,
// talking to the kernel over fds 3 (requests) and 4 (events).
func serveRunner() error {
	return worker.Main(context.Background())
}

// watchSignals turns SIGINT into an interrupt (interrupt_mode "signal"
// clients and Ctrl-C in a terminal) and SIGTERM/SIGHUP into a shutdown.
func watchSignals(ctx context.Context, stop context.CancelFunc, interrupt func()) {
	sig := make(chan os.Signal, 4) // signals can arrive in bursts; a few slots avoid dropping one
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sig)
	for {
		select {
		case <-ctx.Done():
			return
		case s := <-sig:
			if s == syscall.SIGINT {
				interrupt()
				continue
			}
			stop()
			return
		}
	}
}

// watchParent ends the kernel when the process that started it (the Jupyter
// server) is gone, as ipykernel's parent poller does: the kernel is then
// re-parented, so its parent pid changes.
func watchParent(ctx context.Context, stop context.CancelFunc) {
	parent := os.Getppid()
	if parent <= 1 {
		return
	}
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if os.Getppid() != parent {
				stop()
				return
			}
		}
	}
}

// memoryLimit turns the --memory-limit value into runner.Config's terms:
// "" leaves the runner's default (2 GiB, which keeps one runaway cell from
// taking a classroom machine down), "off" or 0 disables the limit.
func memoryLimit(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	n, err := runner.ParseSize(s)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return -1, nil
	}
	return n, nil
}
