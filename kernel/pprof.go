package main

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"syscall"
)

// pprofDirEnv names a directory that makes the kernel and the runner write
// pprof profiles into it (bench/README.md, "Profile"). Off by default: it
// exists so that optimising starts from a profile rather than a guess.
//
// Each process profiles its CPU from its first instruction and, on SIGUSR1
// and when it returns from its subcommand, writes
// DIR/<role>-<pid>-<n>.{cpu,allocs,heap}.pprof and starts the next CPU
// profile. The signal is there because the runner never returns: the kernel
// ends it with SIGKILL.
const pprofDirEnv = "GOLESSONS_PPROF_DIR"

// startProfiling starts profiling for role ("kernel", "runner") if
// GOLESSONS_PPROF_DIR is set, and returns the function that writes the
// last profiles (a no-op otherwise).
func startProfiling(role string) (stop func()) {
	dir := os.Getenv(pprofDirEnv)
	if dir == "" {
		return func() {}
	}
	if role == "runner" {
		// The runner's children (demos workers, programs run by cells)
		// are not profiled.
		os.Unsetenv(pprofDirEnv)
	}
	// Sample every 16 KiB allocated rather than every 512 KiB: a process
	// whose live heap is a few MiB needs the finer grain to show what
	// holds it, and the profiling run pays for it, not a normal one.
	runtime.MemProfileRate = 16 << 10
	p := &profiler{prefix: filepath.Join(dir, fmt.Sprintf("%s-%d", role, os.Getpid()))}
	p.startCPU()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGUSR1)
	go func() {
		for range sig {
			p.dump(true)
		}
	}()
	return func() {
		signal.Stop(sig)
		p.dump(false)
	}
}

type profiler struct {
	mu     sync.Mutex
	prefix string
	n      int
	cpu    *os.File
}

func (p *profiler) startCPU() {
	f, err := os.Create(fmt.Sprintf("%s-%d.cpu.pprof", p.prefix, p.n))
	if err != nil {
		fmt.Fprintln(os.Stderr, "golessons: pprof:", err)
		return
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "golessons: pprof:", err)
		f.Close()
		return
	}
	p.cpu = f
}

// dump writes the CPU profile so far and the allocation and heap profiles,
// then, if again, starts the next CPU profile.
func (p *profiler) dump(again bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cpu != nil {
		pprof.StopCPUProfile()
		p.cpu.Close()
		p.cpu = nil
	}
	runtime.GC() // the heap profile shows the state as of the last GC
	for _, name := range []string{"allocs", "heap"} {
		f, err := os.Create(fmt.Sprintf("%s-%d.%s.pprof", p.prefix, p.n, name))
		if err != nil {
			fmt.Fprintln(os.Stderr, "golessons: pprof:", err)
			continue
		}
		pprof.Lookup(name).WriteTo(f, 0)
		f.Close()
	}
	p.n++
	if again {
		p.startCPU()
	}
}
