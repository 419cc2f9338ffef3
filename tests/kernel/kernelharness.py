"""Fixtures for the end-to-end tests: the installed golessons kernel, driven
through jupyter_client exactly as JupyterLab or `jupyter console` drive it.

Nothing is built here. CI builds the binary and installs the kernelspec
(`build/golessons install --sys-prefix`) before pytest runs; the session
fixture only checks that the spec is there and points at an executable.

Helpers:

* ``Kernel`` wraps a ``KernelManager`` plus a ``BlockingKernelClient``.
  ``Kernel.execute(code, ...)`` sends one execute_request and collects every
  iopub message whose parent is that request until its ``status: idle``, plus
  the shell reply, answering ``input_request`` on stdin through a callback.
  Each collected message carries ``_t``, its arrival time (time.monotonic),
  so tests can check that output is live.
* ``kernel`` (module scope) is shared by the tests of one module;
  ``fresh_kernel`` (function scope) is for destructive tests; both take
  extra environment variables through ``make_kernel``.
* process helpers: ``descendants(pid)``, ``fd_count(pid)``, ``wait_gone``.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import psutil
import pytest
import zmq
from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager

# GOLESSONS_TEST_KERNEL lets the harness itself be checked against another
# kernel (e.g. python3); the tests are written for golessons.
KERNEL_NAME = os.environ.get("GOLESSONS_TEST_KERNEL", "golessons")
# Generous: the first cell of a fresh kernel also starts the runner process.
DEFAULT_TIMEOUT = 30.0


# --------------------------------------------------------------------------
# kernelspec


@pytest.fixture(scope="session")
def kernelspec():
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        pytest.fail(
            "kernelspec 'golessons' is not installed: build the kernel and run "
            "`build/golessons install --sys-prefix` in the venv first",
            pytrace=False,
        )
    exe = spec.argv[0]
    if not (os.path.isabs(exe) and os.access(exe, os.X_OK)) and shutil.which(exe) is None:
        pytest.fail(f"kernelspec argv[0] {exe!r} is not an executable", pytrace=False)
    return spec


# --------------------------------------------------------------------------
# results


@dataclass
class ExecResult:
    reply: dict
    msgs: list[dict]  # iopub messages with this request as parent, busy .. idle
    input_requests: list[dict] = field(default_factory=list)
    t_sent: float = 0.0
    t_reply: float = 0.0

    @property
    def content(self) -> dict:
        return self.reply["content"]

    @property
    def status(self) -> str:
        return self.reply["content"]["status"]

    def of_type(self, *types: str) -> list[dict]:
        return [m for m in self.msgs if m["msg_type"] in types]

    def stream(self, name: str) -> str:
        return "".join(
            m["content"]["text"]
            for m in self.msgs
            if m["msg_type"] == "stream" and m["content"]["name"] == name
        )

    @property
    def stdout(self) -> str:
        return self.stream("stdout")

    @property
    def stderr(self) -> str:
        return self.stream("stderr")

    @property
    def results(self) -> list[dict]:
        return [m["content"] for m in self.of_type("execute_result")]

    @property
    def result_text(self) -> str | None:
        r = self.results
        return r[-1]["data"].get("text/plain") if r else None

    @property
    def errors(self) -> list[dict]:
        return [m["content"] for m in self.of_type("error")]

    @property
    def error_text(self) -> str:
        """ename, evalue and traceback of the reply and the error messages."""
        parts = []
        c = self.content
        if c.get("status") == "error":
            parts += [c.get("ename", ""), c.get("evalue", "")] + list(c.get("traceback", []))
        for e in self.errors:
            parts += [e.get("ename", ""), e.get("evalue", "")] + list(e.get("traceback", []))
        return "\n".join(str(p) for p in parts)

    def describe(self) -> str:
        """Short dump for assertion messages."""
        c = dict(self.content)
        return (
            f"status={c.get('status')} ename={c.get('ename')!r} evalue={c.get('evalue')!r}\n"
            f"stdout={self.stdout[:2000]!r}\nstderr={self.stderr[:2000]!r}\n"
            f"results={self.results!r:.2000}\nerror={self.error_text[:3000]!r}"
        )

    def ok(self) -> "ExecResult":
        assert self.status == "ok", self.describe()
        return self


class KernelTimeout(AssertionError):
    pass


# --------------------------------------------------------------------------
# the kernel wrapper


class Kernel:
    def __init__(
        self,
        env: dict[str, str] | None = None,
        km_kw: dict[str, Any] | None = None,
        **start_kw: Any,
    ):
        self.km = KernelManager(kernel_name=KERNEL_NAME, **(km_kw or {}))
        kenv = os.environ.copy()
        kenv.update(env or {})
        self.km.start_kernel(env=kenv, **start_kw)
        self.kc: BlockingKernelClient = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=DEFAULT_TIMEOUT)
        except Exception:
            self.close()
            raise
        # iopub messages that arrived while waiting for something else.
        self.stray: list[dict] = []

    # ---- process facts
    @property
    def pid(self) -> int:
        return self.km.provisioner.process.pid  # type: ignore[union-attr]

    @property
    def proc(self) -> psutil.Process:
        return psutil.Process(self.pid)

    def runner(self) -> psutil.Process | None:
        """The runner child (the same binary re-run as `golessons runner`)."""
        for p in descendants(self.pid):
            try:
                if "runner" in p.cmdline()[1:2]:
                    return p
            except psutil.Error:
                pass
        return None

    def family(self) -> list[psutil.Process]:
        """The kernel process and every descendant (runner, cell children)."""
        return [self.proc] + descendants(self.pid)

    def is_alive(self) -> bool:
        return self.km.is_alive()

    # ---- messaging
    def execute(
        self,
        code: str,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        silent: bool = False,
        store_history: bool = True,
        allow_stdin: bool = False,
        stdin_handler: Callable[[dict], str | None] | None = None,
        user_expressions: dict | None = None,
        on_iopub: Callable[[dict], bool] | None = None,
        client: BlockingKernelClient | None = None,
    ) -> ExecResult:
        """Run one cell and collect everything it produced.

        ``stdin_handler(input_request_content)`` returns the text to answer
        (None: do not answer). ``on_iopub(msg)`` may return True to drop the
        message instead of storing it (for floods)."""
        kc = client or self.kc
        msg_id = kc.execute(
            code,
            silent=silent,
            store_history=store_history,
            allow_stdin=allow_stdin,
            user_expressions=user_expressions or {},
        )
        t_sent = time.monotonic()
        return self.collect(
            msg_id, timeout, kc=kc, stdin_handler=stdin_handler, on_iopub=on_iopub, t_sent=t_sent
        )

    def collect(
        self,
        msg_id: str,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        kc: BlockingKernelClient | None = None,
        stdin_handler: Callable[[dict], str | None] | None = None,
        on_iopub: Callable[[dict], bool] | None = None,
        t_sent: float | None = None,
        want_idle: bool = True,
        want_reply: bool = True,
    ) -> ExecResult:
        kc = kc or self.kc
        deadline = time.monotonic() + timeout
        reply = None if want_reply else {"content": {}, "parent_header": {}}
        t_reply = 0.0
        idle = not want_idle
        msgs: list[dict] = []
        inputs: list[dict] = []
        poller = zmq.Poller()
        socks = {
            kc.iopub_channel.socket: "iopub",
            kc.shell_channel.socket: "shell",
            kc.stdin_channel.socket: "stdin",
        }
        for s in socks:
            poller.register(s, zmq.POLLIN)
        while reply is None or not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise KernelTimeout(
                    f"timeout after {timeout}s waiting for "
                    f"{'reply' if reply is None else 'idle'}; got so far: "
                    + repr([(m['msg_type'], str(m.get('content'))[:200]) for m in msgs][-20:])
                )
            ready = dict(poller.poll(min(left, 0.5) * 1000))
            for sock, name in socks.items():
                if sock not in ready:
                    continue
                if name == "iopub":
                    m = kc.iopub_channel.get_msg(timeout=0)
                    m["_t"] = time.monotonic()
                    if m["parent_header"].get("msg_id") != msg_id:
                        self.stray.append(m)
                        continue
                    if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                        idle = True
                    if on_iopub is not None and on_iopub(m):
                        continue
                    msgs.append(m)
                elif name == "shell":
                    m = kc.shell_channel.get_msg(timeout=0)
                    if m["parent_header"].get("msg_id") == msg_id:
                        reply = m
                        t_reply = time.monotonic()
                else:
                    m = kc.stdin_channel.get_msg(timeout=0)
                    m["_t"] = time.monotonic()
                    inputs.append(m)
                    if stdin_handler is not None:
                        answer = stdin_handler(m["content"])
                        if answer is not None:
                            kc.input(answer)
        return ExecResult(reply, msgs, inputs, t_sent or 0.0, t_reply)

    def request(self, channel: str, msg_type: str, content: dict, timeout: float = 10.0) -> ExecResult:
        """Send any request on shell or control; return its reply and iopub."""
        kc = self.kc
        ch = kc.shell_channel if channel == "shell" else kc.control_channel
        msg = kc.session.msg(msg_type, content)
        ch.send(msg)
        msg_id = msg["header"]["msg_id"]
        if channel == "shell":
            return self.collect(msg_id, timeout, want_idle=True)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise KernelTimeout(f"no reply to {msg_type} on control")
            try:
                m = kc.control_channel.get_msg(timeout=left)
            except queue.Empty:
                continue
            if m["parent_header"].get("msg_id") == msg_id:
                return ExecResult(m, [])

    def kernel_info(self, timeout: float = 10.0) -> dict:
        r = self.request("shell", "kernel_info_request", {}, timeout=timeout)
        return r.reply

    def interrupt_by_message(self) -> None:
        msg = self.kc.session.msg("interrupt_request", {})
        self.kc.control_channel.send(msg)

    def interrupt_by_signal(self) -> None:
        # What jupyter_client does for interrupt_mode "signal": SIGINT to the
        # kernel's process group.
        self.km.signal_kernel(signal.SIGINT)

    def wait_stray(self, pred: Callable[[dict], bool], timeout: float) -> dict | None:
        """Wait for an iopub message matching pred that belongs to no pending
        request (e.g. output of a goroutine after its cell finished)."""
        for m in self.stray:
            if pred(m):
                return m
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                m = self.kc.iopub_channel.get_msg(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            m["_t"] = time.monotonic()
            self.stray.append(m)
            if pred(m):
                return m
        return None

    def drain(self, quiet: float = 0.2) -> None:
        """Forget iopub messages until the channel is quiet for `quiet` s."""
        while True:
            try:
                self.kc.iopub_channel.get_msg(timeout=quiet)
            except queue.Empty:
                break
        self.stray.clear()

    def close(self) -> None:
        try:
            self.kc.stop_channels()
        except Exception:
            pass
        try:
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=False)
        except Exception:
            try:
                self.km.shutdown_kernel(now=True)
            except Exception:
                pass
        try:
            self.km.cleanup_resources()
        except Exception:
            pass


# --------------------------------------------------------------------------
# fixtures


@pytest.fixture(scope="session")
def make_kernel(kernelspec):
    """Factory: make_kernel(env={...}) -> Kernel; closed at session end if
    the test did not close it."""
    made: list[Kernel] = []

    def factory(env: dict[str, str] | None = None, **kw: Any) -> Kernel:
        k = Kernel(env=env, **kw)
        made.append(k)
        return k

    yield factory
    for k in made:
        k.close()


@pytest.fixture(scope="module")
def kernel(make_kernel):
    k = make_kernel()
    yield k
    k.close()


@pytest.fixture
def fresh_kernel(make_kernel):
    k = make_kernel()
    yield k
    k.close()


# --------------------------------------------------------------------------
# process helpers (psutil reads /proc)


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def gone(p: psutil.Process) -> bool:
    """True once p has exited (a zombie waiting for its reaper counts as
    gone: it runs nothing and holds no resources but its pid)."""
    try:
        return not p.is_running() or p.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def wait_gone(procs: list[psutil.Process], timeout: float) -> list[psutil.Process]:
    """Wait until every process in procs has exited; return the survivors."""
    deadline = time.monotonic() + timeout
    alive = list(procs)
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if not gone(p)]
        if alive:
            time.sleep(0.05)
    return [p for p in alive if not gone(p)]


def fd_count(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def wait_until(pred: Callable[[], Any], timeout: float, interval: float = 0.05) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() >= deadline:
            return v
        time.sleep(interval)
