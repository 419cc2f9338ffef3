"""Two clients at once, and shutdown, restart and the death of the parent:
no orphans, no lost replies."""

from __future__ import annotations

import subprocess
import sys
import time

import psutil
import pytest
from jupyter_client.blocking.client import BlockingKernelClient

from kernelharness import Kernel, descendants, wait_gone, wait_until


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


def test_messages_carry_the_kernels_own_session(kernel):
    # A header's session names its sender. JupyterLab follows the kernel by
    # it, so a kernel that echoed each client's session would look like a
    # different kernel to a second frontend (ipykernel uses its own).
    other = BlockingKernelClient()
    other.load_connection_info(kernel.km.get_connection_info())
    assert other.session.session != kernel.kc.session.session
    other.start_channels()
    try:
        other.wait_for_ready(timeout=30)
        kernel.drain()
        ra = kernel.collect(kernel.kc.execute("1 + 1"))
        msg_id = other.execute("2 + 2")
        rb = other.get_shell_msg(timeout=30)
        assert rb["parent_header"]["msg_id"] == msg_id
        seen = ra.msgs + [ra.reply, rb] + _iopub_for(other, msg_id)
        sessions = {m["header"]["session"] for m in seen}
        assert len(sessions) == 1, sessions
        assert sessions.isdisjoint({kernel.kc.session.session, other.session.session})
    finally:
        other.stop_channels()


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
