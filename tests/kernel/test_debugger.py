"""The debugger through jupyter_client, as JupyterLab 4 drives it: the
request sequence its debugger sends (initialize → attach → debugInfo →
dumpCell → setBreakpoints → configurationDone → execute → stopped →
stackTrace → scopes → variables → next → continue), stepIn/stepOut,
evaluate, rich inspection, goroutines stopped at a breakpoint (four at
once), the Variables panel while idle, and interrupt, restart and shutdown
while a cell is stopped (bounded waits: none may hang)."""

from __future__ import annotations

import pytest

from dapclient import DebugClient, murmur2
from kernelharness import wait_gone, wait_until

# The four-goroutine example of lesson 01, with a breakpoint on line 4
# (`total := n * n`).
WORKER = """\
import "sync"

func worker(n int, results chan<- int) {
	total := n * n
	results <- total
}
"""
FOUR = """\
results := make(chan int, 4)
var wg sync.WaitGroup
for i := 1; i <= 4; i++ {
	wg.Add(1)
	go func() { defer wg.Done(); worker(i, results) }()
}
wg.Wait()
close(results)
sum := 0
for r := range results {
	sum += r
}
fmt.Println("sum", sum)
"""

STEPS = """\
a := 6
b := a * 7
c := []int{a, b}
fmt.Println("c is", c)
"""


@pytest.fixture
def dbg(fresh_kernel):
    d = DebugClient(fresh_kernel)
    fresh_kernel.execute('import "fmt"').ok()  # the runner is up
    return d


def stopped_frame(d: DebugClient, stopped: dict) -> dict:
    frames = d.frames(stopped["body"]["threadId"])
    assert frames, f"no frames for the stopped thread: {stopped}"
    return frames[0]


def test_kernel_info_says_debugger(kernel):
    assert kernel.kernel_info()["content"]["debugger"] is True
    r = kernel.request("control", "kernel_info_request", {})
    assert r.reply["content"]["debugger"] is True


def test_debug_info_has_the_fields_jupyterlab_reads(dbg):
    info = dbg.ok("debugInfo", {})
    for field in ("isStarted", "hashMethod", "hashSeed", "tmpFilePrefix", "tmpFileSuffix",
                  "breakpoints", "stoppedThreads", "richRendering"):
        assert field in info, f"debugInfo lacks {field}: {info}"
    assert info["hashMethod"] == "Murmur2" and info["isStarted"] is False
    info = dbg.start_session()
    assert info["isStarted"] is True
    code = 'x := "hello"\nfmt.Println(x)\n'
    path = dbg.ok("dumpCell", {"code": code})["sourcePath"]
    assert path == f'{info["tmpFilePrefix"]}{murmur2(code, info["hashSeed"])}{info["tmpFileSuffix"]}'
    source = dbg.ok("source", {"source": {"path": path}, "sourceReference": 0})
    assert source["content"] == code


def test_cells_with_non_ascii_text_named_as_jupyterlab_hashes_them(dbg):
    info = dbg.start_session()
    code = 'x := "héllo, wörld"  // ×2\nfmt.Println(x)\n'
    path = dbg.ok("dumpCell", {"code": code})["sourcePath"]
    assert path == f'{info["tmpFilePrefix"]}{murmur2(code, info["hashSeed"])}{info["tmpFileSuffix"]}'


def test_breakpoint_step_and_continue_in_jupyterlabs_sequence(dbg):
    dbg.start_session()
    path = dbg.set_breakpoints(STEPS, [2])
    info = dbg.ok("debugInfo", {})
    assert [bp["line"] for src in info["breakpoints"] if src["source"] == path
            for bp in src["breakpoints"]] == [2], info
    cell = dbg.start(STEPS)
    stopped = dbg.wait_event("stopped")
    assert stopped["body"]["reason"] == "breakpoint", stopped
    threads = dbg.ok("threads", {})["threads"]
    assert stopped["body"]["threadId"] in [t["id"] for t in threads], threads
    frame = stopped_frame(dbg, stopped)
    assert frame["line"] == 2 and frame["source"]["path"] == path, frame
    variables = dbg.variables(frame["id"])
    assert variables["a"]["value"] == "6" and variables["a"]["type"] == "int", variables

    dbg.ok("next", {"threadId": stopped["body"]["threadId"]})
    stepped = dbg.wait_event("stopped")
    assert stepped["body"]["reason"] == "step", stepped
    frame = stopped_frame(dbg, stepped)
    assert frame["line"] == 3, frame
    assert dbg.variables(frame["id"])["b"]["value"] == "42"

    dbg.ok("continue", {"threadId": stepped["body"]["threadId"]})
    reply, msgs = dbg.finish(cell)
    assert reply["status"] == "ok", reply
    assert dbg.stdout(msgs) == "c is [6 42]\n"
    assert dbg.ok("debugInfo", {})["stoppedThreads"] == []


def test_evaluate_in_a_stopped_frame(dbg):
    dbg.start_session()
    dbg.set_breakpoints(STEPS, [3])
    cell = dbg.start(STEPS)
    stopped = dbg.wait_event("stopped")
    frame = stopped_frame(dbg, stopped)
    got = dbg.ok("evaluate", {"expression": "b", "frameId": frame["id"], "context": "repl"})
    assert got["result"] == "42", got
    # What it cannot evaluate, it says, rather than answering something.
    for expr in ("a +", "a + b", "nosuch"):
        bad = dbg.request("evaluate", {"expression": expr, "frameId": frame["id"], "context": "repl"})
        assert bad["success"] is False and bad.get("message"), (expr, bad)
    dbg.ok("continue", {"threadId": stopped["body"]["threadId"]})
    assert dbg.finish(cell)[0]["status"] == "ok"


CALLS = """\
type badge struct{ Name string }

func (b badge) HTML() string { return "<b>" + b.Name + "</b>" }

func twice(n int) int {
	r := n * 2
	return r
}

b := badge{"go"}
x := twice(4)
fmt.Println(x, b.Name)
"""


def test_step_in_and_out_of_a_function(dbg):
    dbg.start_session()
    dbg.set_breakpoints(CALLS, [11])
    cell = dbg.start(CALLS)
    tid = dbg.wait_event("stopped")["body"]["threadId"]
    dbg.ok("stepIn", {"threadId": tid})
    assert dbg.wait_event("stopped")["body"]["reason"] == "step"
    frames = dbg.frames(tid)
    assert (frames[0]["name"], frames[0]["line"]) == ("twice", 6), frames
    assert dbg.variables(frames[0]["id"])["n"]["value"] == "4"
    dbg.ok("stepOut", {"threadId": tid})
    dbg.wait_event("stopped")
    frames = dbg.frames(tid)
    assert frames[0]["line"] == 11 and len(frames) == 1, frames
    dbg.ok("continue", {"threadId": tid})
    reply, msgs = dbg.finish(cell)
    assert reply["status"] == "ok" and dbg.stdout(msgs) == "8 go\n", (reply, msgs)


def test_rich_inspect_shows_a_value_with_an_html_method_as_html(dbg):
    dbg.start_session()
    dbg.set_breakpoints(CALLS, [11])
    cell = dbg.start(CALLS)
    tid = dbg.wait_event("stopped")["body"]["threadId"]
    frame = dbg.frames(tid)[0]
    try:
        got = dbg.ok("richInspectVariables", {"variableName": "b", "frameId": frame["id"]})
        assert got["data"].get("text/html") == "<b>go</b>", got
    finally:
        dbg.ok("continue", {"threadId": tid})
        dbg.finish(cell)


def test_breakpoint_in_a_goroutine_in_a_function_of_an_earlier_cell(dbg):
    # The lesson's order: the worker cell ran before the debugger was
    # switched on; then a breakpoint in it, and a later cell that calls it
    # on a goroutine.
    dbg.k.execute(WORKER).ok()
    dbg.start_session()
    dbg.set_breakpoints(WORKER, [4])
    code = "results := make(chan int, 1)\ngo worker(5, results)\nfmt.Println(<-results)\n"
    cell = dbg.start(code)
    stopped = dbg.wait_event("stopped")
    frames = dbg.frames(stopped["body"]["threadId"])
    assert frames[0]["name"] == "worker" and frames[0]["line"] == 4, frames
    # The goroutine's stack ends at its go statement (line 2 of this cell).
    assert frames[-1]["line"] == 2 and frames[-1]["source"]["path"] != frames[0]["source"]["path"], frames
    assert dbg.variables(frames[0]["id"])["n"]["value"] == "5"
    threads = {t["id"]: t["name"] for t in dbg.ok("threads", {})["threads"]}
    assert len(threads) >= 2, f"the goroutine and the cell are two threads: {threads}"
    dbg.ok("continue", {"threadId": stopped["body"]["threadId"]})
    reply, msgs = dbg.finish(cell)
    assert reply["status"] == "ok" and dbg.stdout(msgs) == "25\n", (reply, msgs)


def test_four_goroutines_stopped_at_one_breakpoint(dbg):
    # Breakpoint first, then the worker cell runs under the session.
    dbg.start_session()
    dbg.set_breakpoints(WORKER, [4])
    dbg.k.execute(WORKER).ok()
    cell = dbg.start(FOUR)
    ids = set()
    while len(ids) < 4:
        ids.add(dbg.wait_event("stopped")["body"]["threadId"])
    info = dbg.ok("debugInfo", {})
    assert sorted(info["stoppedThreads"]) == sorted(ids), info
    ns = set()
    for tid in ids:
        frame = dbg.frames(tid)[0]
        assert frame["name"].endswith("worker") and frame["line"] == 4, frame
        ns.add(dbg.variables(frame["id"])["n"]["value"])
    assert ns == {"1", "2", "3", "4"}, ns
    for tid in ids:
        rep = dbg.request("continue", {"threadId": tid})
        # A continue that resumed every thread makes the rest moot.
        if rep["success"] and (rep.get("body") or {}).get("allThreadsContinued"):
            break
        assert rep["success"], rep
    reply, msgs = dbg.finish(cell)
    assert reply["status"] == "ok" and dbg.stdout(msgs) == "sum 30\n", (reply, dbg.stdout(msgs))


def test_inspect_variables_while_idle(dbg):
    dbg.k.execute('type point struct{ X, Y int }\nanswer := 42\np := point{1, 2}\nname := "go"').ok()
    dbg.start_session()
    got = {v["name"]: v for v in dbg.ok("inspectVariables", {})["variables"]}
    assert got["answer"]["value"] == "42" and got["answer"]["type"] == "int", got
    assert got["name"]["type"] == "string" and "go" in got["name"]["value"], got
    assert got["p"]["variablesReference"] > 0, f"a struct expands: {got['p']}"
    fields = dbg.ok("variables", {"variablesReference": got["p"]["variablesReference"]})["variables"]
    assert {f["name"]: f["value"] for f in fields} == {"X": "1", "Y": "2"}, fields


def _stop_in_cell(dbg: DebugClient) -> str:
    dbg.start_session()
    code = "n := 0\nfor i := 0; i < 3; i++ {\n\tn += i\n}\nfmt.Println(n)\n"
    dbg.set_breakpoints(code, [3])
    cell = dbg.start(code)
    dbg.wait_event("stopped")
    return cell


def test_interrupt_while_stopped_does_not_hang(dbg):
    cell = _stop_in_cell(dbg)
    dbg.k.interrupt_by_message()
    reply, _ = dbg.finish(cell, timeout=15)
    assert reply["status"] == "error", reply
    info = dbg.ok("debugInfo", {})
    assert info["stoppedThreads"] == [], info
    assert dbg.k.execute("1 + 1").ok().result_text == "2"


def test_restart_while_stopped_does_not_hang(dbg):
    cell = _stop_in_cell(dbg)
    r = dbg.k.request("control", "shutdown_request", {"restart": True}, timeout=20)
    assert r.reply["content"]["status"] == "ok"
    reply, _ = dbg.finish(cell, timeout=15)
    assert reply["status"] == "error", reply
    dbg.wait_event("terminated", timeout=10)
    info = dbg.ok("debugInfo", {})
    assert info["stoppedThreads"] == [] and info["breakpoints"] == [], info
    assert dbg.k.execute("1 + 1").ok().result_text == "2"


def test_shutdown_while_stopped_does_not_hang(dbg):
    _stop_in_cell(dbg)
    family = dbg.k.family()
    msg = dbg.kc.session.msg("shutdown_request", {"restart": False})
    dbg.kc.control_channel.send(msg)
    assert wait_until(lambda: not dbg.k.is_alive(), 15), "the kernel did not exit while a cell sat at a breakpoint"
    assert wait_gone(family, 10) == [], "processes outlived the kernel"


def test_debug_requests_answered_while_a_cell_runs(dbg):
    dbg.start_session()
    cell = dbg.start('import "time"\nfmt.Println("sleeping")\ntime.Sleep(time.Hour)')
    dbg.wait_stdout(cell, "sleeping")
    assert "threads" in dbg.ok("threads", {})
    assert dbg.ok("debugInfo", {})["isStarted"] is True
    # The cell sleeps for an hour: it was still running when they were answered.
    dbg.k.interrupt_by_message()
    reply, _ = dbg.finish(cell, timeout=15)
    assert reply["status"] == "error", reply


def test_malformed_debug_requests_get_dap_errors(dbg):
    rep = dbg.request("noSuchCommand", {})
    assert rep["success"] is False and rep.get("message"), rep
    rep = dbg.request("stackTrace", {"threadId": 987654})
    assert rep["success"] is False and rep.get("message"), rep
