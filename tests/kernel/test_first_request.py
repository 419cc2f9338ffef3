"""The kernel side of a quick first run: a client that sends its first
execute_request the moment the kernel process is launched (before any
kernel_info exchange, while golessons' runner is still starting) gets it
run and answered in order, as ipykernel does. JupyterLab's queued first
run (tests/browser/test_first_run_browser.py) depends on exactly this.

Each case runs against golessons and, as the reference, ipykernel.
"""

import queue
import time

import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager

KERNELS = ["golessons", "python3"]
TIMEOUT = 60.0  # bounded: a kernel that never answers fails, never hangs


def installed(name):
    try:
        KernelSpecManager().get_kernel_spec(name)
        return True
    except NoSuchKernel:
        return False


@pytest.fixture(params=KERNELS)
def launched(request):
    """A kernel just launched, with a client whose channels are started and
    which has not waited for anything."""
    if not installed(request.param):
        pytest.fail(f"kernelspec {request.param!r} missing (scripts/install.sh installs both)", pytrace=False)
    km = KernelManager(kernel_name=request.param)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        yield kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def replies(kc, ids, deadline):
    """The shell replies to the requests ids, by request id. golessons
    answers kernel_info at once even while a cell runs, so replies may come
    in another order than the requests (JupyterLab matches them by id)."""
    got = {}
    while set(ids) - set(got) and time.monotonic() < deadline:
        try:
            msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        except Exception:
            continue
        got[msg["parent_header"].get("msg_id")] = msg
    missing = set(ids) - set(got)
    assert not missing, f"no reply to {sorted(missing)} within {TIMEOUT} s"
    return got


def test_execute_sent_at_launch_runs_then_kernel_info_is_answered(launched, request):
    kc = launched
    reference = request.node.callspec.params["launched"] != "golessons"
    deadline = time.monotonic() + TIMEOUT
    first = kc.execute("1 + 1")
    info = kc.kernel_info()
    got = replies(kc, [first, info], deadline)
    reply = got[first]
    assert reply["content"]["status"] == "ok", reply["content"]
    assert reply["content"]["execution_count"] == 1
    assert got[info]["content"]["status"] == "ok"
    # And the value is there: the same cell's result, asked again now that
    # the client is surely subscribed to iopub.
    again = kc.execute("1 + 1")
    results = []
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            if reference:
                # ipykernel >= 7 sometimes never publishes on iopub to a client
                # that sent execute_request before any kernel_info reply (its
                # own documented advice is to wait for that reply first; see
                # holoviz-dev/nbsite#350). That is the reference's flaw, not a
                # fact about the protocol, so it cannot fail golessons' run.
                pytest.skip("ipykernel published nothing on iopub after an execute sent at launch")
            raise
        if msg["parent_header"].get("msg_id") != again:
            continue
        if msg["msg_type"] == "execute_result":
            results.append(msg["content"]["data"]["text/plain"])
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    assert results == ["2"]
    assert replies(kc, [again], deadline)[again]["content"]["execution_count"] == 2
