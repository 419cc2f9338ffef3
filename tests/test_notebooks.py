"""Run the lesson notebooks headless against the installed golessons kernel
and check that their outputs tell the lessons' story: no cell fails, four
sequential calls take about 8 s, four goroutines, threads or processes about
2 s, processes start a few milliseconds apart with different PIDs, and the
timelines come back as SVG charts.

Needs the kernelspec installed (`golessons install --sys-prefix` in the venv).
Cells are found by the tags in their metadata, not by position, so text can
be added to the notebooks without breaking these checks.
"""

import re

import pytest
from notebookrun import NOTEBOOKS, cell, execute, kernel_installed, stdout
SUMMARY = re.compile(r"(\d+) calls? in ([\d.]+) s, up to (\d+) at once")
STAMP = re.compile(r"^\d+\.\d{7}$")


pytestmark = pytest.mark.skipif(not kernel_installed(), reason="golessons kernelspec not installed")


@pytest.fixture(scope="module")
def walkthrough():
    return execute(NOTEBOOKS / "01-concurrency-walkthrough.ipynb")


@pytest.fixture(scope="module")
def beyond():
    return execute(NOTEBOOKS / "02-beyond-python.ipynb")


def rich(c, mime):
    """All values of one MIME type among a cell's results and displays."""
    return [o.data[mime] for o in c.outputs
            if o.output_type in ("execute_result", "display_data") and mime in o.get("data", {})]


def summary(c):
    """(calls, seconds, overlap) from the timeline's text/plain."""
    for text in rich(c, "text/plain"):
        m = SUMMARY.search(text)
        if m:
            return int(m[1]), float(m[2]), int(m[3])
    raise AssertionError(f"no timeline summary in {c.outputs}")


def stamps(text):
    return [float(line) for line in text.splitlines() if STAMP.match(line.strip())]


@pytest.mark.parametrize("fixture", ["walkthrough", "beyond"])
def test_every_cell_runs_without_error(fixture, request):
    nb = request.getfixturevalue(fixture)
    for i, c in enumerate(nb.cells):
        if c.cell_type != "code":
            continue
        errors = [o for o in c.outputs if o.output_type == "error"]
        assert not errors, f"cell {i} failed: {errors[0].ename}: {errors[0].evalue}\n{c.source}"


def test_single_synchronous_call_sleeps_two_seconds(walkthrough):
    start, end = stamps(stdout(cell(walkthrough, "sync-one")))
    assert 1.99 <= end - start <= 2.3


def test_four_sequential_calls_take_eight_seconds(walkthrough):
    calls, seconds, overlap = summary(cell(walkthrough, "sync-many"))
    assert (calls, overlap) == (4, 1)
    assert 7.9 <= seconds <= 9


@pytest.mark.parametrize("tag", ["goroutines-many", "channels-many", "threads-many", "processes-many"])
def test_four_concurrent_calls_take_two_seconds(walkthrough, tag):
    calls, seconds, overlap = summary(cell(walkthrough, tag))
    assert (calls, overlap) == (4, 4)
    assert 1.99 <= seconds < 2.6


@pytest.mark.parametrize("tag", ["sync-many", "goroutines-many", "threads-many", "processes-many"])
def test_timeline_is_an_svg_chart(walkthrough, tag):
    charts = rich(cell(walkthrough, tag), "image/svg+xml")
    assert charts and charts[-1].lstrip().startswith("<svg")
    assert charts[-1].count("<rect") >= 5  # background + one bar per call


def test_threads_are_distinct(walkthrough):
    ids = re.findall(r"runs on OS thread (\d+)", stdout(cell(walkthrough, "threads-many")))
    assert len(ids) == 4 and len(set(ids)) == 4


def test_processes_have_distinct_pids_and_start_apart(walkthrough):
    out = stdout(cell(walkthrough, "processes-many"))
    pids = re.findall(r"runs in process (\d+)", out)
    assert len(pids) == 4 and len(set(pids)) == 4
    # Each child prints a start stamp, sleeps 2 s, then an end stamp, so the
    # four smallest stamps are the starts. Starting a process costs about a
    # millisecond, so they spread over at least half of one; all well within 0.5 s.
    starts = sorted(stamps(out))[:4]
    assert len(set(starts)) == 4, f"starts {starts} not distinct"
    assert 0.0005 <= starts[-1] - starts[0] < 0.5, f"starts {starts}"


def test_primes_are_counted_the_same_on_every_core_count(beyond):
    for tag in ("primes-one", "primes-cores"):
        assert any("348513 primes" in t for t in rich(cell(beyond, tag), "text/plain"))
        assert rich(cell(beyond, tag), "image/svg+xml")


def test_pool_runs_eight_jobs_three_at_a_time(beyond):
    c = cell(beyond, "pool")
    calls, seconds, overlap = summary(c)
    assert (calls, overlap) == (8, 3)
    assert 1.45 <= seconds < 2.2
    assert len(re.findall(r"^job \d done by worker \d", stdout(c), re.M)) == 8


def test_context_stops_the_slow_workers(beyond):
    c = cell(beyond, "cancel")
    out = stdout(c)
    assert out.count("finished after") == 2
    assert out.count("context deadline exceeded") == 2
    _, seconds, _ = summary(c)
    assert seconds < 2.2


def test_mutex_loses_no_update(beyond):
    text = " ".join(rich(cell(beyond, "mutex"), "text/plain"))
    assert "got 100000000, want 100000000" in text


def test_race_never_overcounts(beyond):
    text = " ".join(rich(cell(beyond, "race"), "text/plain"))
    got, want = map(int, re.search(r"got (\d+), want (\d+)", text).groups())
    assert 0 < got <= want == 100_000_000


def test_live_display_redraws_in_place(beyond):
    shown = rich(cell(beyond, "live"), "text/markdown")
    assert len(shown) == 1, f"expected one display updated in place, got {shown}"
    assert shown[0].startswith("**8 of 8**")
