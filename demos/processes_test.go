package demos

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// sysPidfdOpen is pidfd_open(2), numbered 434 on every Linux architecture;
// the frozen syscall package predates it.
const sysPidfdOpen = 434

// TestChildrenDieWithParent starts a parent process running RunProcesses
// with an hour-long sleep, kills the parent, and waits (on a pidfd, not by
// sleeping) for the child to exit: Pdeathsig must take it down.
func TestChildrenDieWithParent(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	parent := exec.Command(exe, "-test.run=^$")
	parent.Env = append(os.Environ(), parentEnv+"=1")
	out, err := parent.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = parent.Process.Kill(); _ = parent.Wait() })

	child := childPID(t, bufio.NewScanner(out))
	pidfd, _, errno := syscall.Syscall(sysPidfdOpen, uintptr(child), 0, 0)
	if errno != 0 {
		t.Fatalf("pidfd_open(%d): %v", child, errno)
	}
	defer syscall.Close(int(pidfd))

	if err := parent.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	// A pidfd becomes readable when its process exits.
	var fds syscall.FdSet
	fds.Bits[int(pidfd)/64] |= 1 << (uint(pidfd) % 64)
	tv := syscall.NsecToTimeval((5 * time.Second).Nanoseconds())
	n, err := syscall.Select(int(pidfd)+1, &fds, nil, nil, &tv)
	if err != nil || n != 1 {
		t.Fatalf("child %d still running 5 s after its parent was killed (select: %d, %v)", child, n, err)
	}
}

// childPID reads the parent's output up to the child's "runs in process" line.
func childPID(t *testing.T, sc *bufio.Scanner) int {
	t.Helper()
	line := regexp.MustCompile(`^orphan runs in process (\d+)$`)
	for sc.Scan() {
		if m := line.FindStringSubmatch(sc.Text()); m != nil {
			pid, _ := strconv.Atoi(m[1])
			return pid
		}
	}
	t.Fatalf("parent ended without starting a child: %v", sc.Err())
	return 0
}
