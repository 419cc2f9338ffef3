"""A cell can crash, exit or run out of memory: the kernel survives, says what
happened and keeps the declarations."""

from __future__ import annotations

import re
import threading
import time

import psutil
import pytest

from kernelharness import Kernel, descendants

RECOVERY = 60  # seconds a crash + runner restart + state restore may take


# ---- crashes in cells ------------------------------------------------------


def _assert_alive_and_state_kept(k: Kernel, pid_before: int, crash, runner_before: int | None = None) -> None:
    assert k.is_alive() and k.pid == pid_before, "the kernel process itself must not die"
    r = k.execute('fmt.Println("next cell runs", keptValue)').ok()
    assert r.stdout == "next cell runs 7\n", (
        "earlier declarations must be restored after the crash: " + r.describe()
    )
    runner_after = k.runner().pid if k.runner() else None
    if runner_before is not None and runner_after != runner_before:
        # the evaluator was replaced: the error must tell the user what
        # happened to their state
        assert re.search(r"restor|kept|lost|replay", crash.error_text, re.I), (
            "the runner restarted but the error does not say what was kept/lost: " + crash.describe()
        )


def _runner_pid(k: Kernel) -> int | None:
    p = k.runner()
    return p.pid if p else None


def test_goroutine_panic(fresh_kernel):
    k = fresh_kernel
    k.execute('import ("fmt"; "time")\nvar keptValue = 7').ok()
    pid, rpid = k.pid, _runner_pid(k)
    r = k.execute(
        'go func() { panic("boom in goroutine 4711") }()\ntime.Sleep(3 * time.Second)\nfmt.Println("not reached")',
        timeout=RECOVERY,
    )
    assert r.status == "error", r.describe()
    assert "boom in goroutine 4711" in r.error_text, r.describe()
    assert "not reached" not in r.stdout
    _assert_alive_and_state_kept(k, pid, r, rpid)


@pytest.mark.parametrize("code", [2, 3])
def test_os_exit(fresh_kernel, code):
    k = fresh_kernel
    k.execute('import ("fmt"; "os")\nvar keptValue = 7').ok()
    pid, rpid = k.pid, _runner_pid(k)
    r = k.execute(f'fmt.Println("about to exit")\nos.Exit({code})', timeout=RECOVERY)
    assert r.status == "error", r.describe()
    assert "about to exit" in r.stdout
    assert re.search(r"exit", r.error_text, re.I) and re.search(rf"\b{code}\b", r.error_text), r.describe()
    _assert_alive_and_state_kept(k, pid, r, rpid)


def test_os_exit_zero_is_reported_too(fresh_kernel):
    k = fresh_kernel
    k.execute('import ("fmt"; "os")\nvar keptValue = 7').ok()
    pid = k.pid
    r = k.execute("os.Exit(0)", timeout=RECOVERY)
    # exit status 0 may count as ok, but the kernel must say the program
    # exited and must still work
    assert re.search(r"exit", r.error_text + r.stdout + r.stderr, re.I), r.describe()
    assert k.is_alive() and k.pid == pid
    assert k.execute("keptValue").ok().result_text == "7"


def test_log_fatal(fresh_kernel):
    k = fresh_kernel
    k.execute('import ("fmt"; "log")\nvar keptValue = 7').ok()
    pid, rpid = k.pid, _runner_pid(k)
    r = k.execute('log.Fatal("fatal message 5150")', timeout=RECOVERY)
    assert r.status == "error", r.describe()
    assert "fatal message 5150" in r.error_text, r.describe()
    _assert_alive_and_state_kept(k, pid, r, rpid)


def test_crash_keeps_declarations_and_says_what_was_lost(fresh_kernel):
    k = fresh_kernel
    k.execute('import ("fmt"; "time")\nvar keptValue = 7\nfunc helper() int { return 40 }\ntype kept struct{ N int }').ok()
    k.execute('fmt.Println("side effect cell")').ok()
    r = k.execute('go func() { panic("crash again") }()\ntime.Sleep(2 * time.Second)', timeout=RECOVERY)
    assert r.status == "error"
    # replayed silently: no "side effect cell" output in the crash's messages
    assert "side effect cell" not in r.stdout
    r2 = k.execute("helper() + keptValue + kept{N: -5}.N").ok()
    assert r2.result_text == "42", r2.describe()


def test_runaway_memory_stopped_at_limit(make_kernel):
    k = make_kernel(env={"GOLESSONS_MEMORY_LIMIT": "256MiB"})
    try:
        k.execute('import ("bytes"; "fmt")\nvar keptValue = 7').ok()
        pid, rpid = k.pid, _runner_pid(k)
        peak = [0]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                rss = 0
                for p in descendants(pid):
                    try:
                        rss = max(rss, p.memory_info().rss)
                    except psutil.Error:
                        pass
                peak[0] = max(peak[0], rss)
                time.sleep(0.02)

        t = threading.Thread(target=sample, daemon=True)
        t.start()
        try:
            r = k.execute(
                "var hog [][]byte\nfor {\n hog = append(hog, bytes.Repeat([]byte{1}, 16<<20))\n}",
                timeout=RECOVERY,
            )
        finally:
            stop.set()
            t.join()
        assert r.status == "error", r.describe()
        assert re.search(r"memory", r.error_text, re.I), r.describe()
        assert re.search(r"256 ?MiB|268435456|256 ?M", r.error_text), "the error should name the limit: " + r.describe()
        assert peak[0] < 600 * 2**20, f"runner reached {peak[0] / 2**20:.0f} MiB with a 256 MiB limit"
        _assert_alive_and_state_kept(k, pid, r, rpid)
    finally:
        k.close()
