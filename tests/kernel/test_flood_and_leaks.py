"""Output floods stay bounded in memory and arrive whole; many cells leak no
file descriptors or threads."""

from __future__ import annotations

import threading
import time

import psutil
import pytest

from kernelharness import Kernel, descendants, fd_count, wait_until
from kernelwire import heartbeat_during


# ---- flood -------------------------------------------------------------------


def _flood(kernel: Kernel, mib: int, rss_slack_mib: int, timeout: float):
    kernel.execute('import ("fmt"; "strings")').ok()
    kernel.execute('fmt.Println("warm")').ok()
    pid = kernel.pid
    proc = psutil.Process(pid)
    base = proc.memory_info().rss
    peak = [base]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            try:
                peak[0] = max(peak[0], proc.memory_info().rss)
            except psutil.Error:
                pass
            time.sleep(0.02)

    received = [0]
    n_msgs = [0]

    def count(m):
        if m["msg_type"] == "stream":
            received[0] += len(m["content"]["text"])
            n_msgs[0] += 1
            return True
        return False

    code = f'line := strings.Repeat("x", 1023) + "\\n"\nfor i := 0; i < {mib} * 1024; i++ {{ fmt.Print(line) }}'
    st = threading.Thread(target=sample, daemon=True)
    st.start()
    try:
        r, rtts, misses = heartbeat_during(kernel, code, timeout=timeout, on_iopub=count)
    finally:
        stop.set()
        st.join()
    r.ok()
    assert received[0] == mib * 2**20, f"received {received[0]} of {mib * 2**20} bytes in {n_msgs[0]} messages"
    grow = (peak[0] - base) / 2**20
    assert grow < rss_slack_mib, f"kernel RSS grew by {grow:.0f} MiB during a {mib} MiB flood"
    assert misses == 0, f"{misses} heartbeats unanswered during the flood"
    assert kernel.execute("1 + 1").ok().result_text == "2"


def test_flood_100mb(kernel):
    _flood(kernel, 100, rss_slack_mib=80, timeout=240)


@pytest.mark.slow
def test_flood_1gb(kernel):
    _flood(kernel, 1024, rss_slack_mib=150, timeout=1200)


# ---- leaks -------------------------------------------------------------------


def test_no_fd_or_thread_leak_after_many_cells(fresh_kernel):
    k = fresh_kernel
    cell = '''
import ("fmt"; "os"; "os/exec"; "sync"; "time"; "golessons/display")
var wg sync.WaitGroup
for i := range 4 {
    wg.Add(1)
    go func() { defer wg.Done(); time.Sleep(time.Millisecond); _ = i }()
}
wg.Wait()
c := exec.Command("echo", "child")
c.Stdout = os.Stdout
c.Run()
select { case <-time.After(time.Millisecond): }
display.Text("shown")
fmt.Println("cell", time.Now().UnixNano() > 0)
'''
    for _ in range(5):
        k.execute(cell).ok()
    runner = k.runner()
    assert runner is not None, "no runner process found under the kernel"
    fds0 = (fd_count(k.pid), fd_count(runner.pid))
    thr0 = (k.proc.num_threads(), runner.num_threads())
    for _ in range(60):
        r = k.execute(cell).ok()
        assert "child" in r.stdout
    assert k.runner() is not None and k.runner().pid == runner.pid, "the runner restarted: leak check invalid"
    settled = wait_until(
        lambda: fd_count(k.pid) <= fds0[0] + 2 and fd_count(runner.pid) <= fds0[1] + 2, 5
    )
    fds1 = (fd_count(k.pid), fd_count(runner.pid))
    assert settled, f"fd count grew: kernel {fds0[0]}->{fds1[0]}, runner {fds0[1]}->{fds1[1]}"
    thr1 = (k.proc.num_threads(), runner.num_threads())
    assert thr1[0] <= thr0[0] + 4 and thr1[1] <= thr0[1] + 4, f"threads grew {thr0} -> {thr1}"
    # no leftover children (echo processes reaped)
    kids = [p for p in descendants(runner.pid) if not p.status() == psutil.STATUS_ZOMBIE]
    assert not kids, [p.cmdline() for p in kids]
    zombies = [p for p in descendants(runner.pid) if p.status() == psutil.STATUS_ZOMBIE]
    assert not zombies, f"{len(zombies)} unreaped children"
