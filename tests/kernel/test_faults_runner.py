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
