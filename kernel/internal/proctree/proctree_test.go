package proctree

import (
	"os"
	"os/exec"
	"slices"
	"syscall"
	"testing"
	"time"
)

// waitFor polls cond for up to five seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestKillReachesChildrenThatLeftTheGroup(t *testing.T) {
	// sh leads its own group; one sleep stays in it, one leaves with setsid.
	cmd := exec.Command("sh", "-c", "sleep 30 & setsid sleep 30 & wait")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	var below []int
	waitFor(t, "two children", func() bool {
		var err error
		below, err = Descendants(cmd.Process.Pid)
		return err == nil && len(below) >= 2
	})
	if n, err := RSS(cmd.Process.Pid); err != nil || n <= 0 {
		t.Fatalf("RSS = %d, %v", n, err)
	}
	if TotalRSS(below) <= 0 {
		t.Fatal("the children use no memory")
	}
	Kill(cmd.Process.Pid)
	<-done
	waitFor(t, "the children to end", func() bool {
		procs, _ := Scan()
		for _, p := range procs {
			if slices.Contains(below, p.PID) && p.State != 'Z' {
				return false
			}
		}
		return true
	})
}

func TestScanSeesThisProcess(t *testing.T) {
	procs, err := Scan()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(procs, func(p Proc) bool { return p.PID == os.Getpid() })
	if i < 0 || procs[i].PPID != os.Getppid() {
		t.Fatalf("this process not found with its parent in %d processes", len(procs))
	}
}

func TestKillMarkedFindsProcessesByEnvironment(t *testing.T) {
	marked := exec.Command("sleep", "30")
	marked.Env = append(os.Environ(), "PROCTREE_TEST=yes")
	other := exec.Command("sleep", "30")
	other.Env = append(os.Environ(), "PROCTREE_TEST=no")
	for _, c := range []*exec.Cmd{marked, other} {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	defer other.Process.Kill()
	KillMarked("PROCTREE_TEST", "yes")
	done := make(chan error, 1)
	go func() { done <- marked.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		marked.Process.Kill()
		t.Fatal("the marked process was not killed")
	}
	if err := other.Process.Signal(syscall.Signal(0)); err != nil {
		t.Fatalf("an unmarked process was killed: %v", err)
	}
	other.Process.Kill()
	other.Wait()
}

func TestAliveIsFalseForZombiesAndGonePids(t *testing.T) {
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Skip("no sleep command:", err)
	}
	pid := cmd.Process.Pid
	if !Alive(pid) {
		t.Fatalf("Alive(%d) = false for a running child", pid)
	}
	cmd.Process.Kill()
	// Not reaped yet: a zombie, which must not count as alive.
	waitFor(t, "the killed child to become a zombie", func() bool { return !Alive(pid) })
	cmd.Wait()
	if Alive(pid) {
		t.Fatalf("Alive(%d) = true after the child was reaped", pid)
	}
}
