"""What one misbehaving peer on the kernel's sockets can do to everyone else.

* A subscriber that stops reading iopub loses its own messages (counted and
  logged, as a ZeroMQ PUB socket drops past a subscriber's high-water mark);
  cells and the other clients never wait for it.
* A peer that does not know the key cannot make the kernel hold much memory:
  unsigned messages are checked before they are buffered in full, and the
  bytes held for peers that have not yet proved the key are bounded in all.

Everything runs over 127.0.0.1 with pyzmq / jupyter_client, every wait is
bounded.
"""

from __future__ import annotations

import threading
import time

import zmq
from jupyter_client.blocking.client import BlockingKernelClient

from kernelwire import DELIM, url

FLOOD_MIB = 30
# A stalled subscriber used to hold the kernel for its 30 s stall timeout.
CELL_WAIT = 20.0
INFO_WAIT = 10.0


def _stalled_subscriber(ctx: zmq.Context, info: dict) -> zmq.Socket:
    """A SUB that subscribes to everything and never reads, with tiny buffers:
    a hung frontend that left its iopub socket open."""
    sub = ctx.socket(zmq.SUB)
    sub.setsockopt(zmq.LINGER, 0)
    sub.setsockopt(zmq.RCVHWM, 1)
    sub.setsockopt(zmq.RCVBUF, 4096)
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    sub.connect(url(info, "iopub_port"))
    return sub


def test_stalled_iopub_subscriber_holds_back_nobody(make_kernel, tmp_path):
    log_path = tmp_path / "kernel.stderr"
    with open(log_path, "wb") as log:
        k = make_kernel(stderr=log, stdout=log)
    ctx = zmq.Context()
    try:
        k.execute("1").ok()  # runner up before the clock matters
        sub = _stalled_subscriber(ctx, k.km.get_connection_info())
        time.sleep(0.5)  # its subscription is in place

        # A second frontend (its own session) asks kernel_info all along the flood.
        other = BlockingKernelClient()
        other.load_connection_info(k.km.get_connection_info())
        other.start_channels()
        answered, unanswered = [0], [0]
        stop = threading.Event()

        def ask_info():
            while not stop.is_set():
                other.kernel_info()
                try:
                    other.get_shell_msg(timeout=INFO_WAIT)
                except Exception:
                    unanswered[0] += 1
                    return
                answered[0] += 1
                time.sleep(0.2)

        asker = threading.Thread(target=ask_info, daemon=True)
        asker.start()
        seen = [0]

        def count(m):
            if m["msg_type"] == "stream":
                seen[0] += len(m["content"]["text"])
            return True

        # Bounded well below the 30 s a stalled subscriber used to cost.
        r = k.execute(
            f'import ("fmt"; "strings")\n'
            f'line := strings.Repeat("x", 1023) + "\\n"\n'
            f"for i := 0; i < {FLOOD_MIB * 1024}; i++ {{ fmt.Print(line) }}",
            timeout=CELL_WAIT, on_iopub=count,
        )
        stop.set()
        asker.join(INFO_WAIT + 5)
        other.stop_channels()
        sub.close()
        r.ok()
        # This client read everything: it lost nothing.
        assert seen[0] == FLOOD_MIB << 20, f"client that reads got {seen[0]} bytes"
        assert answered[0] > 0 and unanswered[0] == 0, (
            f"kernel_info during the flood: {answered[0]} answered, "
            f"{unanswered[0]} not within {INFO_WAIT}s")
    finally:
        k.close()
        ctx.destroy(linger=0)
    text = log_path.read_text(errors="replace")
    assert "iopub subscriber stalled" in text and "dropped=" in text, text[-3000:]


FORGED_MIB = 128


def test_forged_messages_cannot_make_the_kernel_hold_memory(make_kernel, tmp_path):
    log_path = tmp_path / "kernel.stderr"
    with open(log_path, "wb") as log:
        k = make_kernel(stderr=log, stdout=log)
    ctx = zmq.Context()
    try:
        k.execute("1").ok()
        info = k.km.get_connection_info()
        before = k.proc.memory_info().rss
        body = b"x" * (FORGED_MIB << 20)
        forgers = []
        for _ in range(2):
            d = ctx.socket(zmq.DEALER)
            d.setsockopt(zmq.LINGER, 0)
            d.connect(url(info, "shell_port"))
            # Not signed with the key: a peer that does not know it.
            d.send_multipart([DELIM, b"0" * 64, b'{"msg_type":"execute_request"}', b"{}", b"{}", body],
                             copy=False)
            forgers.append(d)
        peak = before
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            peak = max(peak, k.proc.memory_info().rss)
            time.sleep(0.05)
        grew = (peak - before) >> 20
        print(f"kernel RSS peak growth: {grew} MiB")
        # Before: both messages were buffered whole (+427 MiB here for 2 x 128 MiB).
        assert grew < 64, f"kernel RSS grew by {grew} MiB on {2 * FORGED_MIB} MiB of forged messages"
        assert k.kernel_info()["content"]["status"] == "ok"
        for d in forgers:
            d.close()
    finally:
        k.close()
        ctx.destroy(linger=0)
    assert "not yet authenticated" in log_path.read_text(errors="replace")
