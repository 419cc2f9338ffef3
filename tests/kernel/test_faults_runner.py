"""What the kernel does when a cell hurts its own runner: closes its standard
streams, repeats effects on restore, grows while idle, starts memory-hungry
or escaping child processes. Every wait is bounded."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import psutil

from kernelharness import Kernel, wait_gone, wait_until

RECOVERY = 60  # seconds a runner restart + restore may take


def _runner_pid(k: Kernel) -> int | None:
    p = k.runner()
    return p.pid if p else None


# ---- closing the cell's standard streams ------------------------------------


def test_closing_stdout_keeps_the_runner_and_the_result(fresh_kernel):
    k = fresh_kernel
    k.execute('import "fmt"\nimport "os"\nkept := 7').ok()
    before = _runner_pid(k)
    r = k.execute("os.Stdout.Close()\nkept * 6", timeout=RECOVERY)
    assert r.status == "ok", r.describe()
    assert r.result_text == "42", r.describe()
    assert _runner_pid(k) == before, "closing os.Stdout must not cost the runner"
    # the next cell prints again: each cell starts with working streams
    r = k.execute('fmt.Println("printing again", kept)').ok()
    assert r.stdout == "printing again 7\n", r.describe()


def test_closing_stderr_keeps_the_runner_and_the_result(fresh_kernel):
    k = fresh_kernel
    k.execute('import "fmt"\nimport "os"\nkept := 7').ok()
    before = _runner_pid(k)
    r = k.execute('os.Stderr.Close()\nfmt.Println("still here")\nkept + 1', timeout=RECOVERY)
    assert r.status == "ok", r.describe()
    assert r.stdout == "still here\n" and r.result_text == "8", r.describe()
    assert _runner_pid(k) == before
    r = k.execute('fmt.Fprintln(os.Stderr, "complaining again")').ok()
    assert r.stderr == "complaining again\n", r.describe()


# ---- restoring after the runner died -----------------------------------------


def _kill_runner(k: Kernel) -> None:
    p = k.runner()
    assert p is not None
    p.kill()
    p.wait(10)


def test_restore_does_not_run_a_pasted_programs_main_again(fresh_kernel, tmp_path):
    k = fresh_kernel
    path = tmp_path / "runs.txt"
    program = (
        'package main\n\nimport "os"\n\n'
        'func main() {\n'
        f'\tf, _ := os.OpenFile("{path}", os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)\n'
        '\tf.WriteString("main ran\\n")\n\tf.Close()\n}\n'
    )
    k.execute(program).ok()
    k.execute("answer := 42").ok()
    _kill_runner(k)
    r = k.execute("answer", timeout=RECOVERY)
    assert r.status == "ok" and r.result_text == "42", r.describe()
    assert path.read_text() == "main ran\n"


def test_restore_never_repeats_an_effect(fresh_kernel, tmp_path):
    k = fresh_kernel
    path = tmp_path / "log.txt"
    k.execute('import "os"\nimport "fmt"').ok()
    assert k.execute("nosuchname").status == "error"  # In [2]: not replayed, still counted
    k.execute(f'f, _ := os.OpenFile({str(path)!r}, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)'.replace("'", '"')).ok()
    k.execute('n, _ := f.WriteString("once\\n")').ok()
    k.execute("size := 3").ok()
    _kill_runner(k)
    r = k.execute("size * 2", timeout=RECOVERY)
    assert r.status == "ok" and r.result_text == "6", r.describe()
    assert path.read_text() == "once\n", "restoring re-ran the write"
    # what was not restored is named, with its cell as the notebook numbers it
    assert "cell [3]: f, _ := os.OpenFile" in r.stderr and "cell [4]: n, _ := f.WriteString" in r.stderr, r.describe()
    r = k.execute("n")
    assert r.status == "error" and "undefined: n" in r.error_text, r.describe()


def test_slow_initialiser_does_not_lose_the_other_declarations(fresh_kernel):
    k = fresh_kernel
    k.execute('import "time"\nfunc slow() int { time.Sleep(35 * time.Second); return 1 }').ok()
    k.execute("fast := 5").ok()
    k.execute("v := slow()", timeout=60).ok()
    k.execute("later := fast + 1").ok()
    _kill_runner(k)
    r = k.execute("later * 10", timeout=RECOVERY)
    assert r.status == "ok" and r.result_text == "60", r.describe()
    assert r.t_reply - r.t_sent < 30, "the slow initialiser must not be re-run"
    assert "v := slow()" in r.stderr, r.describe()


# ---- the memory limit ----------------------------------------------------------

LIMIT = {"GOLESSONS_MEMORY_LIMIT": "300MiB"}


def test_memory_limit_holds_between_cells(make_kernel):
    k = make_kernel(env=LIMIT)
    try:
        k.execute('import ("bytes"; "time")\nkept := 7').ok()
        before = k.runner()
        # the cell ends at once; its goroutine keeps allocating afterwards
        k.execute(
            "var hog [][]byte\ngo func() {\n\ttime.Sleep(time.Second)\n\tfor range 60 {\n"
            "\t\thog = append(hog, bytes.Repeat([]byte{1}, 16<<20))\n"
            "\t\ttime.Sleep(20 * time.Millisecond)\n\t}\n}()"
        ).ok()
        assert not wait_gone([before], 30), "the idle runner grew past the limit and was not stopped"
        r = k.execute("1 + 1", timeout=RECOVERY)
        assert r.status == "ok" and r.result_text == "2", r.describe()
        assert re.search(r"memory limit of 300 MiB", r.stderr) and "while no cell ran" in r.stderr, r.describe()
        assert k.execute("kept").ok().result_text == "7"
    finally:
        k.close()


def test_memory_limit_counts_child_processes(make_kernel):
    k = make_kernel(env=LIMIT)
    try:
        k.execute('import "os/exec"\nkept := 7').ok()
        code = "b = b'x' * (600 << 20); import time; time.sleep(5)"
        r = k.execute(f'err := exec.Command("{sys.executable}", "-c", "{code}").Run()', timeout=RECOVERY)
        assert r.status == "error" and r.content["ename"] == "MemoryLimit", r.describe()
        assert "processes it started" in r.content["evalue"], r.describe()
        assert k.execute("kept").ok().result_text == "7"
    finally:
        k.close()


# ---- processes that leave the runner's process group ----------------------------

ESCAPE = 'import "os/exec"\ncmd := exec.Command("setsid", "sleep", "100")\ncmd.Start()\ncmd.Process.Pid'


def _escaped(k: Kernel) -> psutil.Process:
    r = k.execute(ESCAPE).ok()
    p = psutil.Process(int(r.result_text))
    runner_sid = os.getsid(k.runner().pid)
    left = wait_until(lambda: p.name() == "sleep" and os.getsid(p.pid) != runner_sid, 5)
    assert left, "the child did not leave the session"
    return p


def test_escaped_child_ends_with_shutdown(fresh_kernel):
    k = fresh_kernel
    p = _escaped(k)
    r = k.request("control", "shutdown_request", {"restart": False})
    assert r.reply["content"]["status"] == "ok"
    assert not wait_gone([p], 10), "a setsid child outlived the kernel's shutdown"


def test_escaped_child_ends_with_restart(fresh_kernel):
    k = fresh_kernel
    p = _escaped(k)
    k.request("control", "shutdown_request", {"restart": True})
    assert not wait_gone([p], 10), "a setsid child outlived the restart"


def test_escaped_child_ends_with_sigterm_of_the_kernel(fresh_kernel):
    k = fresh_kernel
    p = _escaped(k)
    os.kill(k.pid, signal.SIGTERM)
    assert not wait_gone([p], 10), "a setsid child outlived SIGTERM of the kernel"


def test_escaped_child_ends_with_sigkill_of_the_kernel(fresh_kernel):
    k = fresh_kernel
    p = _escaped(k)
    os.kill(k.pid, signal.SIGKILL)
    assert not wait_gone([p], 10), "a setsid child outlived SIGKILL of the kernel"


def _orphan(k: Kernel) -> psutil.Process:
    # sh starts a setsid'd sleep in the background and exits: the sleep
    # loses its parent while the runner lives.
    r = k.execute(
        'import ("os/exec"; "strings")\n'
        'out, _ := exec.Command("sh", "-c", "setsid sleep 100 >/dev/null 2>&1 & echo $!").Output()\n'
        "strings.TrimSpace(string(out))"
    ).ok()
    p = psutil.Process(int(r.result_text.strip('"')))
    assert wait_until(lambda: p.ppid() == k.pid, 5), f"orphan went to {p.ppid()}, not the kernel {k.pid}"
    return p


def test_orphan_of_a_cell_child_is_adopted_and_ended(fresh_kernel):
    k = fresh_kernel
    p = _orphan(k)
    k.request("control", "shutdown_request", {"restart": True})
    assert not wait_gone([p], 10), "an adopted orphan outlived the restart"


def test_adopted_orphan_ends_with_sigkill_of_the_kernel(fresh_kernel):
    k = fresh_kernel
    p = _orphan(k)
    os.kill(k.pid, signal.SIGKILL)
    assert not wait_gone([p], 10), "an adopted orphan outlived SIGKILL of the kernel"


def test_closing_the_real_descriptor_is_explained(fresh_kernel):
    k = fresh_kernel
    k.execute("kept := 7").ok()
    r = k.execute('import "os"\nos.NewFile(1, "fd1").Close()\n1 + 1', timeout=RECOVERY)
    assert r.status == "error" and r.content["ename"] == "RunnerError", r.describe()
    assert "closed the runner's stdout (file descriptor 1)" in r.content["evalue"], r.describe()
    assert "kept: kept" in r.content["evalue"], r.describe()
    assert k.execute("kept").ok().result_text == "7"
