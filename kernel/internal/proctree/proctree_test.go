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
