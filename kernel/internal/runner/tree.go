package runner

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"golessons/kernel/internal/link"
	"golessons/kernel/internal/proctree"
)

// How often the memory watcher looks for new processes in the runner's
// tree (a scan reads all of /proc) and measures the processes it found:
// often while a cell runs, less between cells, where a goroutine or child
// left behind can still grow but an idle kernel should cost next to no CPU.
const (
	treeScan     = 500 * time.Millisecond
	idleTreeScan = 2 * time.Second
	idlePoll     = 250 * time.Millisecond
)

// prSetChildSubreaper is prctl's PR_SET_CHILD_SUBREAPER (linux/prctl.h).
const prSetChildSubreaper = 36

// adoption is the kernel's state as reaper of orphaned cell processes.
var adoption struct {
	mu      sync.Mutex   // held across starting a runner, so reap never takes one
	on      bool         // AdoptOrphans was called
	runners map[int]bool // live runner pids, reaped by their exec.Cmd
}

// AdoptOrphans makes the calling process (the kernel) the child subreaper
// of everything it starts: a process that leaves the runner's process
// group (setsid) and loses its parent is re-parented to the kernel instead
// of init, so the kernel can count its memory and end it with the runner.
// It reaps such orphans when they exit, until ctx ends.
func AdoptOrphans(ctx context.Context) error {
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		return fmt.Errorf("become child subreaper: %w", errno)
	}
	adoption.mu.Lock()
	adoption.on = true
	adoption.mu.Unlock()
	// One slot: a pending signal already means "look again".
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGCHLD)
	go func() {
		defer signal.Stop(sig)
		for {
			select {
			case <-ctx.Done():
				return
			case <-sig:
				reapOrphans()
			}
		}
	}()
	return nil
}

// startTracked starts cmd and records it as a runner, so reapOrphans
// leaves its exit status to cmd.Wait.
func startTracked(cmd interface{ Start() error }, pid func() int) error {
	adoption.mu.Lock()
	defer adoption.mu.Unlock()
	if err := cmd.Start(); err != nil {
		return err
	}
	if adoption.runners == nil {
		adoption.runners = map[int]bool{}
	}
	adoption.runners[pid()] = true
	return nil
}

// runnerGone forgets a runner that cmd.Wait reaped.
func runnerGone(pid int) {
	adoption.mu.Lock()
	delete(adoption.runners, pid)
	adoption.mu.Unlock()
}

// reapOrphans collects the exit status of adopted processes that ended.
func reapOrphans() {
	procs, err := proctree.Scan()
	if err != nil {
		return
	}
	adoption.mu.Lock()
	defer adoption.mu.Unlock()
	me := os.Getpid()
	for _, p := range procs {
		if p.PPID == me && p.State == 'Z' && !adoption.runners[p.PID] {
			var ws syscall.WaitStatus
			syscall.Wait4(p.PID, &ws, syscall.WNOHANG, nil)
		}
	}
}

// adopted returns the kernel's children that are not runners: orphans of
// cells, re-parented here by AdoptOrphans. Without it there are none.
func adopted(procs []proctree.Proc) []int {
	adoption.mu.Lock()
	defer adoption.mu.Unlock()
	if !adoption.on {
		return nil
	}
	var out []int
	me := os.Getpid()
	for _, p := range procs {
		if p.PPID == me && p.State != 'Z' && !adoption.runners[p.PID] {
			out = append(out, p.PID)
		}
	}
	return out
}

// killTree ends the runner, every process below it, the orphans the
// kernel adopted from it, and any process marked with its tree id
// (link.EnvTree) that got away from both, e.g. before AdoptOrphans.
func (p *process) killTree() {
	var orphans []int
	if procs, err := proctree.Scan(); err == nil {
		orphans = adopted(procs)
	}
	proctree.Kill(p.pid, orphans...)
	proctree.KillMarked(link.EnvTree, p.tree)
}

// memoryKill is why the watcher stopped a runner.
type memoryKill struct{ used, limit int64 }

// watchMemory holds the runner's whole process tree (the runner, the
// processes below it and adopted orphans) to limit, between cells as well
// as during them. Over the limit, it records why in p.overLimit and kills
// the tree. It ends with the process.
func (p *process) watchMemory(limit int64) {
	var (
		tree    []int
		scanned time.Time
	)
	timer := time.NewTimer(memoryPoll)
	defer timer.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-timer.C:
		}
		poll, scan := idlePoll, idleTreeScan
		if p.busy.Load() {
			poll, scan = memoryPoll, treeScan
		}
		timer.Reset(poll)
		if time.Since(scanned) >= scan {
			if procs, err := proctree.Scan(); err == nil {
				orphans := adopted(procs)
				tree = append(proctree.Below(procs, append([]int{p.pid}, orphans...)...), orphans...)
			}
			scanned = time.Now()
		}
		used := proctree.TotalRSS(append([]int{p.pid}, tree...))
		if used > limit {
			p.overLimit.Store(&memoryKill{used: used, limit: limit})
			p.killTree()
			return
		}
	}
}

// killedForMemory returns why the watcher killed p, or nil.
func (p *process) killedForMemory() *memoryKill {
	return p.overLimit.Load()
}
