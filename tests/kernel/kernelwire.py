"""Raw ZeroMQ access to a running kernel, below jupyter_client: for sending
what a well-behaved client never sends (bad signatures, garbage frames,
replays) and for heartbeat / iopub checks."""

from __future__ import annotations

import json
import threading
import time
import uuid

import zmq
from jupyter_client.session import Session

DELIM = b"<IDS|MSG>"


def url(info: dict, port_key: str) -> str:
    return f"{info['transport']}://{info['ip']}:{info[port_key]}"


class RawChannel:
    """A DEALER on shell, control or stdin, signing with the kernel's key."""

    def __init__(self, ctx: zmq.Context, info: dict, port_key: str = "shell_port"):
        self.info = info
        self.sock = ctx.socket(zmq.DEALER)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.setsockopt(zmq.SNDHWM, 0)
        self.sock.setsockopt(zmq.RCVHWM, 0)
        self.sock.setsockopt(zmq.IDENTITY, uuid.uuid4().hex.encode())
        self.sock.connect(url(info, port_key))
        key = info["key"]
        if isinstance(key, str):
            key = key.encode()
        self.session = Session(key=key, signature_scheme=info["signature_scheme"], username="raw")

    def msg(self, msg_type: str, content: dict) -> dict:
        return self.session.msg(msg_type, content)

    def frames(self, msg: dict) -> list[bytes]:
        """Signed wire frames of msg (delimiter first, no identities)."""
        return self.session.serialize(msg)

    def sign(self, parts: list[bytes]) -> bytes:
        return self.session.sign(parts)

    def signed(self, header: bytes, parent: bytes, metadata: bytes, content: bytes) -> list[bytes]:
        parts = [header, parent, metadata, content]
        return [DELIM, self.sign(parts)] + parts

    def send_frames(self, frames: list[bytes]) -> None:
        self.sock.send_multipart(frames, copy=True)

    def send(self, msg_type: str, content: dict) -> str:
        m = self.msg(msg_type, content)
        self.send_frames(self.frames(m))
        return m["header"]["msg_id"]

    def recv(self, timeout: float) -> dict | None:
        """Next reply (verified and decoded), or None after timeout."""
        if not self.sock.poll(int(timeout * 1000)):
            return None
        frames = self.sock.recv_multipart()
        _, msg_frames = self.session.feed_identities(frames)
        return self.session.deserialize(msg_frames)

    def reply_to(self, msg_id: str, timeout: float = 10.0) -> dict | None:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            m = self.recv(left)
            if m is None:
                return None
            if m["parent_header"].get("msg_id") == msg_id:
                return m

    def drain(self) -> int:
        n = 0
        while self.sock.poll(0):
            self.sock.recv_multipart()
            n += 1
        return n

    def close(self) -> None:
        self.sock.close(0)


class Heartbeat:
    def __init__(self, ctx: zmq.Context, info: dict):
        self.ctx = ctx
        self.addr = url(info, "hb_port")
        self._new()

    def _new(self) -> None:
        self.sock = self.ctx.socket(zmq.REQ)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.connect(self.addr)

    def ping(self, timeout: float = 1.0) -> float | None:
        """Round-trip time in seconds, or None if no echo within timeout."""
        payload = uuid.uuid4().bytes
        t0 = time.monotonic()
        self.sock.send(payload)
        if self.sock.poll(int(timeout * 1000)):
            got = self.sock.recv()
            if got == payload:
                return time.monotonic() - t0
            return None
        # a REQ socket without its reply is stuck: start over
        self.sock.close(0)
        self._new()
        return None

    def close(self) -> None:
        self.sock.close(0)


def dumps(obj) -> bytes:
    return json.dumps(obj).encode()


def heartbeat_during(kernel, code: str, timeout: float, on_iopub=None):
    """Runs code in kernel (a kernelharness.Kernel) while pinging its heartbeat
    every 0.1 s; returns the result, the round-trip times and the misses."""
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
