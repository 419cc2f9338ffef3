"""Issue 3: a cell can crash, hang, flood or exit — the kernel survives,
says what happened, loses nothing. Also bad wire input, iopub reconnects,
heartbeat, leaks, two clients, orphans, parent death, binding."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import psutil
import pytest
import zmq
from jupyter_client.blocking.client import BlockingKernelClient

from kernelharness import Kernel, descendants, fd_count, wait_gone, wait_until
from kernelwire import DELIM, Heartbeat, RawChannel, dumps

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


# ---- bad input on the wire ------------------------------------------------


@pytest.fixture
def raw(kernel):
    ctx = zmq.Context.instance()
    ch = RawChannel(ctx, kernel.km.get_connection_info())
    yield ch
    ch.close()


def _good_kernel_info(raw: RawChannel) -> dict:
    msg_id = raw.send("kernel_info_request", {})
    rep = raw.reply_to(msg_id, timeout=15)
    assert rep is not None, "kernel stopped answering on shell"
    assert rep["content"]["status"] == "ok"
    return rep


def test_wrong_signature_is_dropped(kernel, raw):
    kernel.execute("var wireCounter = 0").ok()
    m = raw.msg("execute_request", {"code": "wireCounter++", "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    frames = raw.frames(m)
    bad = list(frames)
    bad[1] = b"0" * len(bad[1])  # wrong signature
    raw.send_frames(bad)
    missing = list(frames)
    missing[1] = b""  # no signature while the key is set
    raw.send_frames(missing)
    tampered = list(frames)
    tampered[5] = tampered[5].replace(b"wireCounter++", b"wireCounter+=9")  # content changed after signing
    raw.send_frames(tampered)
    _good_kernel_info(raw)
    r = kernel.execute("wireCounter").ok()
    assert r.result_text == "0", "a message with a bad signature was executed"


def test_garbage_frames(kernel, raw):
    rnd = random.Random(1)
    raw.send_frames([b""])
    raw.send_frames([b"garbage"])
    raw.send_frames([DELIM])
    raw.send_frames([DELIM, b"sig"])
    raw.send_frames([b"id1", b"id2", DELIM, b"x", b"{}", b"{}", b"{}", b"{}"])
    for _ in range(50):
        raw.send_frames([rnd.randbytes(rnd.randint(0, 200)) for _ in range(rnd.randint(1, 8))])
    _good_kernel_info(raw)
    assert kernel.kernel_info()["content"]["status"] == "ok"


def test_invalid_json_correctly_signed(kernel, raw):
    hdr = {"msg_id": uuid.uuid4().hex, "session": raw.session.session, "username": "raw", "date": "2024-01-01T00:00:00Z", "msg_type": "execute_request", "version": "5.4"}
    raw.send_frames(raw.signed(b"{not json", b"{}", b"{}", b"{}"))
    raw.send_frames(raw.signed(dumps(hdr), b"{}", b"{}", b"{\"code\": "))
    raw.send_frames(raw.signed(dumps(hdr | {"msg_id": "x2"}), b"[]", b"null", dumps({"code": 5})))
    raw.send_frames(raw.signed(b"[1,2,3]", b"{}", b"{}", b"{}"))
    raw.send_frames(raw.signed(dumps({"msg_type": 7}), b"{}", b"{}", b"{}"))
    raw.send_frames(raw.signed(b"\xff\xfe\x00", b"{}", b"{}", b"{}"))
    # signed, with too few frames
    raw.send_frames([DELIM, raw.sign([dumps(hdr)]), dumps(hdr)])
    _good_kernel_info(raw)
    assert kernel.execute("1 + 1").ok().result_text == "2"


def test_replayed_message_is_dropped(kernel, raw):
    kernel.execute("var replayCounter = 0").ok()
    m = raw.msg("execute_request", {"code": "replayCounter++", "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    frames = raw.frames(m)
    raw.send_frames(frames)
    assert raw.reply_to(m["header"]["msg_id"], timeout=30) is not None
    raw.send_frames(frames)  # byte-for-byte replay
    _good_kernel_info(raw)
    r = kernel.execute("replayCounter").ok()
    assert r.result_text == "1", "a replayed (identical, already seen) message ran again"


def test_key_never_logged(make_kernel, tmp_path):
    log = open(tmp_path / "kernel.stderr", "wb")
    k = make_kernel(stderr=log, stdout=log)
    try:
        info = k.km.get_connection_info()
        ch = RawChannel(zmq.Context.instance(), info)
        m = ch.msg("kernel_info_request", {})
        fr = ch.frames(m)
        fr[1] = b"f" * 64
        ch.send_frames(fr)
        ch.send_frames([b"garbage"])
        _good_kernel_info(ch)
        ch.close()
        k.execute("1").ok()
    finally:
        k.close()
        log.close()
    text = (tmp_path / "kernel.stderr").read_bytes()
    key = info["key"]
    key = key.decode() if isinstance(key, bytes) else key
    assert key.encode() not in text, "the HMAC key appears in the kernel's log"


def _fuzz_frames(rnd: random.Random, ch: RawChannel) -> list[bytes]:
    types = ["kernel_info_request", "execute_request", "complete_request", "inspect_request",
             "is_complete_request", "history_request", "comm_info_request", "comm_open",
             "comm_msg", "comm_close", "input_reply", "interrupt_request", "debug_request",
             "no_such_request", "", "x" * 300]
    contents = [
        {}, {"code": 5}, {"code": None}, {"code": "1+", "cursor_pos": -3}, {"code": "fmt.", "cursor_pos": 10**12},
        {"code": "x := 1", "silent": "yes", "store_history": 3, "user_expressions": []},
        {"hist_access_type": "range", "session": "a", "start": "b", "stop": None, "n": -1},
        {"hist_access_type": "search", "pattern": "[[[", "n": 10**9},
        {"comm_id": 5, "target_name": None, "data": []}, {"value": {"a": 1}}, {"restart": "maybe"},
        {"code": "é\u0000\ud7ff" * 10, "cursor_pos": 4}, {"a": [[[[[[[[[[[]]]]]]]]]]]},
        {"code": "\"" * 1000, "cursor_pos": 500},
    ]
    mode = rnd.randrange(8)
    if mode == 0:  # random frames
        return [rnd.randbytes(rnd.randint(0, 64)) for _ in range(rnd.randint(1, 8))]
    if mode == 1:  # random frames after a delimiter
        return [DELIM] + [rnd.randbytes(rnd.randint(0, 64)) for _ in range(rnd.randint(0, 8))]
    if mode == 2:  # one byte flipped in a valid message
        fr = ch.frames(ch.msg(rnd.choice(types[:10]), rnd.choice(contents)))
        i = rnd.randrange(1, len(fr))
        b = bytearray(fr[i]) or bytearray(b"\0")
        b[rnd.randrange(len(b))] ^= 1 << rnd.randrange(8)
        fr[i] = bytes(b)
        return fr
    if mode == 3:  # correctly signed, JSON of the wrong shape or type
        mt = rnd.choice(types)
        hdr = {"msg_id": uuid.uuid4().hex, "session": ch.session.session, "username": "f",
               "date": "2024-01-01T00:00:00Z", "msg_type": mt, "version": "5.4"}
        for kk in rnd.sample(list(hdr), rnd.randint(0, 3)):
            hdr[kk] = rnd.choice([None, 5, [], {}, "", "\u0000"])
        content = rnd.choice(contents)
        parent = rnd.choice([{}, [], None, {"msg_id": 1}, "x"])
        meta = rnd.choice([{}, [], None, 3])
        return ch.signed(dumps(hdr), dumps(parent), dumps(meta), dumps(content))
    if mode == 4:  # correctly signed bytes that are not JSON
        parts = [rnd.randbytes(rnd.randint(0, 40)) for _ in range(4)]
        return ch.signed(*parts)
    if mode == 5:  # truncated or extended frame lists, signed
        fr = ch.frames(ch.msg(rnd.choice(types[:9]), rnd.choice(contents)))
        if rnd.random() < 0.5:
            return fr[: rnd.randint(1, len(fr) - 1)]
        return fr + [rnd.randbytes(20) for _ in range(rnd.randint(1, 3))]
    if mode == 6:  # valid, harmless requests with odd content
        mt = rnd.choice(["complete_request", "inspect_request", "is_complete_request", "history_request", "comm_info_request", "kernel_info_request", "no_such_request"])
        return ch.frames(ch.msg(mt, rnd.choice(contents)))
    # mode 7: huge frame
    return ch.signed(dumps({"msg_id": uuid.uuid4().hex, "msg_type": "kernel_info_request", "session": "s", "username": "u", "date": "", "version": "5.4"}), b"{}", b"{}", dumps({"pad": "x" * rnd.randint(10_000, 200_000)}))


def test_live_fuzz_then_kernel_still_answers(kernel):
    kernel.execute("var fuzzAlive = 11").ok()
    pid = kernel.pid
    info = kernel.km.get_connection_info()
    ctx = zmq.Context.instance()
    chans = [RawChannel(ctx, info, p) for p in ("shell_port", "control_port", "stdin_port")]
    rnd = random.Random(20240611)
    try:
        for i in range(3000):
            ch = chans[i % 3] if rnd.random() < 0.6 else chans[0]
            ch.send_frames(_fuzz_frames(rnd, ch))
            if i % 200 == 0:
                for c in chans:
                    c.drain()
        # the kernel still answers: heartbeat, shell, control, and runs cells
        hb = Heartbeat(ctx, info)
        try:
            assert wait_until(lambda: hb.ping(2.0) is not None, 30), "heartbeat dead after fuzzing"
        finally:
            hb.close()
        msg_id = chans[0].send("kernel_info_request", {})
        assert chans[0].reply_to(msg_id, timeout=60) is not None, "no kernel_info_reply after fuzzing"
        msg_id = chans[1].send("kernel_info_request", {})
        assert chans[1].reply_to(msg_id, timeout=30) is not None, "control dead after fuzzing"
    finally:
        for c in chans:
            c.close()
    assert kernel.pid == pid and kernel.is_alive()
    assert kernel.kernel_info(timeout=30)["content"]["status"] == "ok"
    assert kernel.execute("fuzzAlive", timeout=60).ok().result_text == "11"


# ---- iopub reconnects -------------------------------------------------------


def test_iopub_100_subscribe_disconnect_cycles(kernel):
    info = kernel.km.get_connection_info()
    ctx = zmq.Context.instance()
    addr = f"{info['transport']}://{info['ip']}:{info['iopub_port']}"
    kernel.execute('import "fmt"').ok()
    deaf = []
    for cycle in range(100):
        sub = ctx.socket(zmq.SUB)
        sub.setsockopt(zmq.LINGER, 0)
        sub.setsockopt(zmq.SUBSCRIBE, b"")
        sub.connect(addr)
        # like a reconnecting frontend: nudge the kernel until iopub speaks
        got = False
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and not got:
            kernel.kernel_info()
            got = bool(sub.poll(100))
        if not got:
            deaf.append(cycle)
        sub.close(0)
    kernel.drain()
    assert not deaf, f"new iopub subscribers got nothing in cycles {deaf[:10]}..."
    # the long-lived client still gets complete output
    r = kernel.execute('for i := 0; i < 2000; i++ { fmt.Println("line", i) }', timeout=60).ok()
    assert r.stdout.splitlines() == [f"line {i}" for i in range(2000)]
    # and so does a client connected after the churn
    kc2 = kernel.km.client()
    kc2.start_channels()
    try:
        kc2.wait_for_ready(timeout=30)
        r2 = kernel.execute('for i := 0; i < 500; i++ { fmt.Println("again", i) }', client=kc2, timeout=60).ok()
        assert r2.stdout.splitlines() == [f"again {i}" for i in range(500)]
    finally:
        kc2.stop_channels()


# ---- heartbeat ---------------------------------------------------------------


def _hb_during(kernel: Kernel, code: str, timeout: float, on_iopub=None):
    info = kernel.km.get_connection_info()
    hb = Heartbeat(zmq.Context.instance(), info)
    out: dict = {}

    def run():
        try:
            out["r"] = kernel.execute(code, timeout=timeout, on_iopub=on_iopub)
        except BaseException as e:  # noqa: BLE001
            out["e"] = e

    t = threading.Thread(target=run)
    t.start()
    rtts, misses = [], 0
    try:
        while t.is_alive():
            rtt = hb.ping(1.0)
            if rtt is None:
                misses += 1
            else:
                rtts.append(rtt)
            time.sleep(0.1)
    finally:
        t.join()
        hb.close()
    if "e" in out:
        raise out["e"]
    return out["r"], rtts, misses


def _busy(seconds: int) -> str:
    return f'import "time"\nstart := time.Now()\nn := 0\nfor time.Since(start) < {seconds} * time.Second {{ n++ }}\n_ = n'


def test_heartbeat_during_busy_cell(kernel):
    r, rtts, misses = _hb_during(kernel, _busy(4), timeout=60)
    r.ok()
    assert misses == 0, f"{misses} heartbeats unanswered during a busy cell"
    assert len(rtts) >= 10


@pytest.mark.slow
def test_heartbeat_during_60s_busy_cell(kernel):
    r, rtts, misses = _hb_during(kernel, _busy(60), timeout=120)
    r.ok()
    assert misses == 0, f"{misses} heartbeats unanswered during a 60 s busy cell"
    assert len(rtts) >= 200


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
        r, rtts, misses = _hb_during(kernel, code, timeout=timeout, on_iopub=count)
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


# ---- two clients ----------------------------------------------------------------


def _iopub_for(kc: BlockingKernelClient, msg_id: str, timeout: float = 30) -> list[dict]:
    msgs = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            m = kc.iopub_channel.get_msg(timeout=0.5)
        except Exception:
            continue
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return msgs
    raise AssertionError(f"client never saw idle for {msg_id}: {[m['msg_type'] for m in msgs]}")


def test_two_clients(kernel):
    kc2 = kernel.km.client()
    kc2.start_channels()
    try:
        kc2.wait_for_ready(timeout=30)
        kernel.drain()
        # A runs, both see the output
        msg_id = kernel.kc.execute('import "fmt"\nfmt.Println("from A")')
        ra = kernel.collect(msg_id)
        assert ra.content["status"] == "ok" and ra.stdout == "from A\n"
        seen_b = _iopub_for(kc2, msg_id)
        assert "".join(m["content"]["text"] for m in seen_b if m["msg_type"] == "stream") == "from A\n"
        assert any(m["msg_type"] == "execute_input" for m in seen_b)
        # B runs, B gets the reply, A sees the output
        msg_id = kc2.execute('fmt.Println("from B")')
        reply = kc2.get_shell_msg(timeout=30)
        assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "ok"
        seen_a = _iopub_for(kernel.kc, msg_id)
        assert "".join(m["content"]["text"] for m in seen_a if m["msg_type"] == "stream") == "from B\n"
        # replies are not crossed: A's kernel_info reply goes to A only
        kernel.kernel_info()
        with pytest.raises(Exception):
            kc2.get_shell_msg(timeout=0.5)
    finally:
        kc2.stop_channels()


# ---- shutdown / restart / parent death ----------------------------------------------


SPAWN_CHILDREN = '''
import ("fmt"; "os/exec"; "time"; "golessons/demos")
c1 := exec.Command("sleep", "301")
c1.Start()
go func() { exec.Command("sleep", "302").Run() }()
c3 := exec.Command("sh", "-c", "sleep 303 & sleep 304")
c3.Start()
go demos.RunProcesses(time.Hour, "orphan-check")
fmt.Println("spawned")
'''


def _demos_workers(pid: int) -> list[psutil.Process]:
    # a demos worker is the golessons binary re-run without arguments
    out = []
    for p in descendants(pid):
        try:
            if p.name() == "golessons" and len(p.cmdline()) == 1:
                out.append(p)
        except psutil.Error:
            pass
    return out


def _wait_children(k: Kernel, n: int) -> list[psutil.Process]:
    def sleeps():
        out = []
        for p in descendants(k.pid):
            try:
                if p.name() == "sleep":
                    out.append(p)
            except psutil.Error:
                pass
        return out if len(out) >= n and _demos_workers(k.pid) else None

    got = wait_until(sleeps, 10)
    assert got, f"cell children not found: {[p.cmdline() for p in descendants(k.pid)]}"
    return got


def test_shutdown_leaves_no_orphans(fresh_kernel):
    k = fresh_kernel
    k.execute(SPAWN_CHILDREN).ok()
    _wait_children(k, 4)
    fam = k.family()
    assert len(fam) >= 6
    r = k.request("control", "shutdown_request", {"restart": False})
    assert r.reply["content"]["status"] == "ok"
    left = wait_gone(fam, 10)
    assert not left, f"still running after shutdown: {[(p.pid, p.cmdline()) for p in left]}"


def test_restart_leaves_no_orphans(fresh_kernel):
    k = fresh_kernel
    k.execute(SPAWN_CHILDREN).ok()
    _wait_children(k, 4)
    fam = k.family()
    # the kernel must clean up by itself on shutdown_request(restart=True),
    # before jupyter_client would resort to killing it
    r = k.request("control", "shutdown_request", {"restart": True})
    assert r.reply["content"]["restart"] is True
    left = wait_gone(fam[1:], 10)
    assert not left, f"still running after restart request: {[(p.pid, p.cmdline()) for p in left]}"


def test_restart_via_manager_then_runs(fresh_kernel):
    k = fresh_kernel
    k.execute(SPAWN_CHILDREN).ok()
    _wait_children(k, 4)
    fam = k.family()
    k.km.restart_kernel(now=False)
    k.kc.wait_for_ready(timeout=30)
    assert not wait_gone(fam, 10)
    assert k.execute('import "fmt"\nfmt.Println("after restart")').ok().stdout == "after restart\n"


def test_kernel_exits_when_parent_dies(kernelspec, tmp_path):
    cf = str(tmp_path / "conn.json")
    parent_script = f'''
import os, subprocess, sys, time
from jupyter_client.connect import write_connection_file
write_connection_file({cf!r}, ip="127.0.0.1")
env = dict(os.environ, JPY_PARENT_PID=str(os.getpid()))
p = subprocess.Popen({kernelspec.argv[:2]!r} + ["-f", {cf!r}], env=env, start_new_session=True,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(p.pid, flush=True)
time.sleep(3600)
'''
    parent = subprocess.Popen([sys.executable, "-c", parent_script], stdout=subprocess.PIPE, text=True)
    kpid = None
    kc = None
    try:
        kpid = int(parent.stdout.readline())
        kc = BlockingKernelClient(connection_file=cf)
        kc.load_connection_file()
        kc.start_channels()
        kc.wait_for_ready(timeout=30)
        kc.execute(SPAWN_CHILDREN)
        reply = kc.get_shell_msg(timeout=30)
        assert reply["content"]["status"] == "ok", reply["content"]
        fam = [psutil.Process(kpid)] + descendants(kpid)
        assert wait_until(lambda: sum(1 for p in descendants(kpid) if p.name() == "sleep") >= 4 and _demos_workers(kpid), 10)
        fam = [psutil.Process(kpid)] + descendants(kpid)
        parent.kill()
        parent.wait()
        left = wait_gone(fam, 15)
        assert not left, f"kernel family outlived its parent: {[(p.pid, p.cmdline()) for p in left]}"
    finally:
        if kc is not None:
            kc.stop_channels()
        if parent.poll() is None:
            parent.kill()
        if kpid is not None:
            for p in ([psutil.Process(kpid)] if psutil.pid_exists(kpid) else []) + descendants(kpid):
                try:
                    p.kill()
                except psutil.Error:
                    pass


# ---- network ----------------------------------------------------------------------


def _listening(pid: int) -> list:
    out = []
    for p in [psutil.Process(pid)] + descendants(pid):
        try:
            out += [(p.pid, c.laddr) for c in p.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
        except psutil.Error:
            pass
    return out


def test_binds_only_to_connection_ip(kernel):
    kernel.execute("1").ok()
    info = kernel.km.get_connection_info()
    ls = _listening(kernel.pid)
    ports = {info[k] for k in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")}
    assert {a.port for _, a in ls} >= ports, ls
    for pid, addr in ls:
        assert addr.ip == info["ip"], f"pid {pid} listens on {addr}"
        assert addr.port in ports, f"pid {pid} listens on an extra port {addr}"


def test_binds_to_other_loopback_ip(kernelspec, tmp_path):
    # jupyter_client only launches on its own interface list, so start the
    # kernel by hand with a connection file naming 127.0.0.2
    from jupyter_client.connect import write_connection_file

    cf, info = write_connection_file(str(tmp_path / "conn.json"), ip="127.0.0.2", key=b"k3y")
    p = subprocess.Popen(kernelspec.argv[:2] + ["-f", cf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    kc = BlockingKernelClient(connection_file=cf)
    kc.load_connection_file()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=30)
        msg_id = kc.execute("2 + 2")
        reply = kc.get_shell_msg(timeout=30)
        assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "ok"
        ls = _listening(p.pid)
        assert ls and all(a.ip == "127.0.0.2" for _, a in ls), ls
    finally:
        kc.stop_channels()
        fam = [psutil.Process(p.pid)] + descendants(p.pid)
        p.terminate()
        left = wait_gone(fam, 10)
        for q in left:
            q.kill()
        p.wait(5)


def test_unsigned_when_key_is_empty(kernelspec, tmp_path):
    # an empty key in the connection file means: no signatures
    from jupyter_client.connect import write_connection_file

    cf, info = write_connection_file(str(tmp_path / "conn.json"), ip="127.0.0.1", key=b"")
    assert info["key"] in (b"", "")
    p = subprocess.Popen(kernelspec.argv[:2] + ["-f", cf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    kc = BlockingKernelClient(connection_file=cf)
    kc.load_connection_file()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=30)
        msg_id = kc.execute("20 + 22")
        reply = kc.get_shell_msg(timeout=30)
        assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "ok"
        # messages from the kernel carry an empty signature
        ch = RawChannel(zmq.Context.instance(), kc.get_connection_info())
        try:
            ch.send_frames([DELIM, b""] + [ch.session.pack(x) for x in (ch.msg("kernel_info_request", {})["header"], {}, {}, {})])
            assert ch.sock.poll(10000), "no reply to an unsigned request"
            frames = ch.sock.recv_multipart()
            i = frames.index(DELIM)
            assert frames[i + 1] == b"", "kernel signed although the key is empty"
        finally:
            ch.close()
    finally:
        kc.stop_channels()
        fam = [psutil.Process(p.pid)] + descendants(p.pid)
        p.terminate()
        for q in wait_gone(fam, 10):
            q.kill()
        p.wait(5)
