"""The kernel binds only where the connection file says, and works unsigned
when the key is empty."""

from __future__ import annotations

import subprocess

import psutil
import zmq
from jupyter_client.blocking.client import BlockingKernelClient

from kernelharness import descendants, wait_gone
from kernelwire import DELIM, RawChannel


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
