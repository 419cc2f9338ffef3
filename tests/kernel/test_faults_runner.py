"""What the kernel does when a cell hurts its own runner: closes its standard
streams, repeats effects on restore, grows while idle, starts memory-hungry
or escaping child processes. Every wait is bounded."""

from __future__ import annotations

import re

from kernelharness import Kernel

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


def test_restore_never_repeats_an_effect(fresh_kernel, tmp_path):
    k = fresh_kernel
    path = tmp_path / "log.txt"
    k.execute('import "os"\nimport "fmt"').ok()
    k.execute(f'f, _ := os.OpenFile({str(path)!r}, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)'.replace("'", '"')).ok()
    k.execute('n, _ := f.WriteString("once\\n")').ok()
    k.execute("size := 3").ok()
    _kill_runner(k)
    r = k.execute("size * 2", timeout=RECOVERY)
    assert r.status == "ok" and r.result_text == "6", r.describe()
    assert path.read_text() == "once\n", "restoring re-ran the write"
    # what was not restored is named, with its cell
    assert "f, _ := os.OpenFile" in r.stderr and "n, _ := f.WriteString" in r.stderr, r.describe()
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
