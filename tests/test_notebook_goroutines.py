"""Run lesson 03 (when goroutines go wrong) against the installed kernel and
check that it tells its story: the two deadlock cells end with Go's deadlock
message naming the stuck lines, their fixes run, the leaking function leaves
two goroutines the kernel calls leaked, its fixes leave none, the racy
counter never overcounts while the mutex and atomic counters are exact.

Cells are found by their tags, as in test_notebooks.py.
"""

import re

import nbformat
import pytest
from notebookrun import NOTEBOOKS, cell, execute, kernel_installed, stderr, stdout

LESSON = NOTEBOOKS / "03-when-goroutines-go-wrong.ipynb"
RUN = re.compile(r"run \d: counter = (\d+) of 400000")
ANSWER = re.compile(r'"42, says server [012]"')


pytestmark = pytest.mark.skipif(not kernel_installed(), reason="golessons kernelspec not installed")


@pytest.fixture(scope="module")
def lesson():
    return execute(LESSON)


def errors(c):
    return [o for o in c.outputs if o.output_type == "error"]


def plain(c):
    return "".join(o.data.get("text/plain", "") for o in c.outputs if o.output_type == "execute_result")


def test_only_the_deadlock_cells_fail(lesson):
    for i, c in enumerate(lesson.cells):
        if c.cell_type != "code":
            continue
        errs = errors(c)
        if "expect-deadlock" in c.metadata.get("tags", []):
            assert len(errs) == 1 and errs[0].ename == "fatal error", f"cell {i}: {errs}"
            assert errs[0].evalue == "all goroutines are asleep - deadlock!"
        else:
            assert not errs, f"cell {i} failed: {errs[0].ename}: {errs[0].evalue}\n{c.source}"


def test_deadlocks_name_the_stuck_lines(lesson):
    send = errors(cell(lesson, "deadlock-send"))[0].traceback
    assert 'goroutine 1 [chan send]: line 2:1: messages <- "hello"' in send
    wg = errors(cell(lesson, "deadlock-wg"))[0].traceback
    assert "goroutine 1 [sync.WaitGroup.Wait]: line 10:1: wg.Wait()" in wg
    assert sum(ln.endswith("[chan send]: line 7:3: results <- n * n") for ln in wg) == 3, wg


def test_fixes_run(lesson):
    assert stdout(cell(lesson, "deadlock-send-fixed")) == "hello\n"
    assert plain(cell(lesson, "deadlock-wg-fixed")) == "5"


def test_leak_is_reported_and_fixed(lesson):
    leak = cell(lesson, "leak")
    assert ANSWER.fullmatch(plain(leak)), plain(leak)
    assert stderr(leak) == "2 goroutines still running: 2 × leaked (blocked forever on chan send at line 5)\n"
    assert plain(cell(lesson, "leak-list")).count("leaked") == 2
    assert plain(cell(lesson, "leak-stop")) == "2"
    for tag in ("leak-fixed-buffer", "leak-fixed-context"):
        c = cell(lesson, tag)
        assert ANSWER.fullmatch(plain(c)) and not stderr(c), (tag, plain(c), stderr(c))


def test_race_never_overcounts_and_the_fixes_are_exact(lesson):
    racy = [int(n) for n in RUN.findall(stdout(cell(lesson, "race")))]
    assert len(racy) == 5 and all(n <= 400000 for n in racy), racy
    for tag in ("race-mutex", "race-atomic"):
        assert [int(n) for n in RUN.findall(stdout(cell(lesson, tag)))] == [400000] * 5, tag


def test_saved_lesson_shows_a_lost_update():
    # The saved outputs come from a real run; the one students read first
    # must show the race (a live run may, rarely, lose nothing).
    saved = nbformat.read(LESSON, as_version=4)
    racy = [int(n) for n in RUN.findall(stdout(cell(saved, "race")))]
    assert racy and min(racy) < 400000, racy
