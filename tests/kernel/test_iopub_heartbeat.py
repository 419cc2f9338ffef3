"""iopub subscribers that come and go, and a heartbeat that answers even while
a cell keeps the kernel busy."""

from __future__ import annotations

import time

import pytest
import zmq

from kernelwire import heartbeat_during


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


def _busy(seconds: int) -> str:
    return f'import "time"\nstart := time.Now()\nn := 0\nfor time.Since(start) < {seconds} * time.Second {{ n++ }}\n_ = n'


def test_heartbeat_during_busy_cell(kernel):
    r, rtts, misses = heartbeat_during(kernel, _busy(4), timeout=60)
    r.ok()
    assert misses == 0, f"{misses} heartbeats unanswered during a busy cell"
    assert len(rtts) >= 10


@pytest.mark.slow
def test_heartbeat_during_60s_busy_cell(kernel):
    r, rtts, misses = heartbeat_during(kernel, _busy(60), timeout=120)
    r.ok()
    assert misses == 0, f"{misses} heartbeats unanswered during a 60 s busy cell"
    assert len(rtts) >= 200
