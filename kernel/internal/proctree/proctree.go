// Package proctree finds, measures and ends the processes below a process,
// reading /proc (Linux). The kernel uses it to hold the runner's whole
// process tree to the memory limit and to leave no process behind, since
// a child that calls setsid leaves the runner's process group and a plain
// group kill misses it.
//
// A scan reads /proc/<pid>/stat of every process on the machine (this
// kernel has no /proc/<pid>/task/<tid>/children to walk down from a pid),
// a few milliseconds for a hundred processes, so callers scan seldom and
// measure the pids they found often.
package proctree

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// Proc is one process as a scan saw it.
type Proc struct {
	PID, PPID int
	State     byte // 'R', 'S', 'Z' (zombie) ...
}

// Scan returns every process of the machine that could be read.
func Scan() ([]Proc, error) {
	d, err := os.Open("/proc")
	if err != nil {
		return nil, fmt.Errorf("scan processes: %w", err)
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil {
		return nil, fmt.Errorf("scan processes: %w", err)
	}
	procs := make([]Proc, 0, len(names))
	for _, n := range names {
		pid, err := strconv.Atoi(n)
		if err != nil {
			continue
		}
		if p, ok := readStat(pid); ok {
			procs = append(procs, p)
		}
	}
	return procs, nil
}

// readStat parses /proc/pid/stat: "pid (comm) state ppid ...", where comm
// may itself hold spaces and parentheses.
func readStat(pid int) (Proc, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return Proc{}, false
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return Proc{}, false
	}
	f := bytes.Fields(b[i+1:])
	if len(f) < 2 || len(f[0]) != 1 {
		return Proc{}, false
	}
	ppid, err := strconv.Atoi(string(f[1]))
	if err != nil {
		return Proc{}, false
	}
	return Proc{PID: pid, PPID: ppid, State: f[0][0]}, true
}

// Below returns the pids of the processes below the roots in procs (the
// roots themselves excluded), parents before children.
func Below(procs []Proc, roots ...int) []int {
	kids := map[int][]int{}
	for _, p := range procs {
		kids[p.PPID] = append(kids[p.PPID], p.PID)
	}
	var out []int
	todo := append([]int(nil), roots...)
	seen := map[int]bool{}
	for len(todo) > 0 {
		pid := todo[0]
		todo = todo[1:]
		for _, c := range kids[pid] {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
				todo = append(todo, c)
			}
		}
	}
	return out
}

// Descendants scans /proc and returns the pids below pid.
func Descendants(pid int) ([]int, error) {
	procs, err := Scan()
	if err != nil {
		return nil, err
	}
	return Below(procs, pid), nil
}

// RSS returns the resident memory of pid in bytes.
func RSS(pid int) (int64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0, fmt.Errorf("read memory of process %d: %w", pid, err)
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0, fmt.Errorf("parse /proc/%d/statm: %q", pid, b)
	}
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("parse /proc/%d/statm: %w", pid, err)
	}
	return pages * int64(os.Getpagesize()), nil
}

// TotalRSS adds up the resident memory of pids; processes that are gone
// count nothing. Pages shared between them count once per process, so the
// sum can only overstate.
func TotalRSS(pids []int) int64 {
	var total int64
	for _, pid := range pids {
		if n, err := RSS(pid); err == nil {
			total += n
		}
	}
	return total
}

// Kill sends SIGKILL to every process below leader and the other roots,
// then to leader's process group and to the other roots. The roots live
// until their descendants were found, so none escapes by being
// re-parented; the scan repeats until it finds nothing new, so a process
// forked meanwhile is caught too. leader is signalled through its group
// only: after it was reaped its pid may belong to someone else.
func Kill(leader int, others ...int) {
	roots := append([]int{leader}, others...)
	killed := map[int]bool{}
	for range 5 {
		procs, err := Scan()
		if err != nil {
			break
		}
		fresh := false
		for _, pid := range Below(procs, roots...) {
			if !killed[pid] {
				killed[pid] = true
				fresh = true
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
		if !fresh {
			break
		}
	}
	syscall.Kill(-leader, syscall.SIGKILL)
	for _, pid := range others {
		syscall.Kill(pid, syscall.SIGKILL)
	}
}

// KillMarked sends SIGKILL to every process of this user, other than the
// caller, whose environment holds name=value: the processes of one tree
// that left it. A process that cleared its environment is not found.
func KillMarked(name, value string) {
	if value == "" {
		return
	}
	want := []byte(name + "=" + value + "\x00")
	procs, err := Scan()
	if err != nil {
		return
	}
	me := os.Getpid()
	for _, p := range procs {
		if p.PID == me || p.State == 'Z' {
			continue
		}
		env, err := os.ReadFile("/proc/" + strconv.Itoa(p.PID) + "/environ")
		if err == nil && (bytes.HasPrefix(env, want) || bytes.Contains(env, append([]byte{0}, want...))) {
			syscall.Kill(p.PID, syscall.SIGKILL)
		}
	}
}

// Alive reports whether pid is a running (not zombie) process. The kernel
// asks before sending a cell, so that a runner killed a moment ago is
// replaced first instead of being handed a cell it can never run.
func Alive(pid int) bool {
	p, ok := readStat(pid)
	return ok && p.State != 'Z' && p.State != 'X'
}
