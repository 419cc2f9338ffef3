"""A debug client for the kernel tests: it speaks the Jupyter debug protocol
(DAP requests in debug_request on the control channel, DAP events in
debug_event on iopub) the way JupyterLab 4's debugger does, over a
``kernelharness.Kernel``.

Cells run while the debugger holds them (stopped at a breakpoint), so a
cell is started with ``start`` and finished with ``finish``; meanwhile
every iopub message is kept in ``iopub`` and looked through by
``wait_event`` and ``finish``.
"""

from __future__ import annotations

import queue
import time
from typing import Any, Callable

from kernelharness import Kernel, KernelTimeout

# Bounds: a debug reply comes at once; a breakpoint is hit as soon as the
# cell reaches it (the first cell of a fresh kernel also starts the runner).
REPLY_TIMEOUT = 15.0
EVENT_TIMEOUT = 30.0


def murmur2(text: str, seed: int) -> int:
    """MurmurHash2 (32 bit) of text's UTF-8 bytes: what JupyterLab's
    debugger names a cell's source by, with the kernel's seed."""
    m, mask = 0x5BD1E995, 0xFFFFFFFF
    data = text.encode("utf-8")
    h = (seed ^ len(data)) & mask
    n4 = len(data) // 4 * 4
    for i in range(0, n4, 4):
        k = int.from_bytes(data[i:i + 4], "little")
        k = (k * m) & mask
        k ^= k >> 24
        k = (k * m) & mask
        h = ((h * m) & mask) ^ k
    rest = data[n4:]
    if rest:
        for i in reversed(range(len(rest))):
            h ^= rest[i] << (8 * i)
        h = (h * m) & mask
    h ^= h >> 13
    h = (h * m) & mask
    h ^= h >> 15
    return h


class DebugClient:
    def __init__(self, kernel: Kernel):
        self.k = kernel
        self.kc = kernel.kc
        self.seq = 0
        self.iopub: list[dict] = []  # every iopub message read so far
        self.seen = 0  # events before this index were returned already

    # ---- requests
    def request(self, command: str, arguments: dict | None = None, timeout: float = REPLY_TIMEOUT) -> dict:
        """Send one DAP request; return the DAP response (debug_reply content)."""
        self.seq += 1
        dap: dict[str, Any] = {"type": "request", "seq": self.seq, "command": command}
        if arguments is not None:
            dap["arguments"] = arguments
        msg = self.kc.session.msg("debug_request", dap)
        self.kc.control_channel.send(msg)
        msg_id = msg["header"]["msg_id"]
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise KernelTimeout(f"no debug_reply to {command} within {timeout}s")
            try:
                m = self.kc.control_channel.get_msg(timeout=min(left, 0.5))
            except queue.Empty:
                continue
            if m["parent_header"].get("msg_id") == msg_id:
                assert m["msg_type"] == "debug_reply", m["msg_type"]
                rep = m["content"]
                assert rep.get("type") == "response" and rep.get("request_seq") == self.seq, rep
                assert rep.get("command") == command, rep
                return rep

    def ok(self, command: str, arguments: dict | None = None) -> dict:
        """request, asserting success; returns the body."""
        rep = self.request(command, arguments)
        assert rep.get("success") is True, f"{command} {arguments}: {rep}"
        return rep.get("body") or {}

    # ---- JupyterLab's sequences
    def start_session(self) -> dict:
        """What JupyterLab sends when the debugger toggle is switched on:
        debugInfo, initialize, attach, debugInfo. Returns the last debugInfo."""
        self.ok("debugInfo", {})
        self.ok("initialize", {
            "clientID": "jupyterlab", "clientName": "JupyterLab", "adapterID": "golessons",
            "pathFormat": "path", "linesStartAt1": True, "columnsStartAt1": True,
            "supportsVariableType": True, "supportsVariablePaging": True,
            "supportsRunInTerminalRequest": True, "locale": "en",
        })
        self.ok("attach", {})
        return self.ok("debugInfo", {})

    def set_breakpoints(self, code: str, lines: list[int]) -> str:
        """JupyterLab's updateBreakpoints for a cell: dumpCell, debugInfo,
        setBreakpoints, configurationDone. Returns the cell's source path."""
        path = self.ok("dumpCell", {"code": code})["sourcePath"]
        self.ok("debugInfo", {})
        body = self.ok("setBreakpoints", {
            "breakpoints": [{"line": n} for n in lines], "source": {"path": path}, "sourceModified": False,
        })
        got = sorted(bp.get("line") for bp in body["breakpoints"])
        assert got == sorted(lines), f"setBreakpoints answered {body}"
        self.ok("configurationDone", {})
        return path

    # ---- cells
    def start(self, code: str) -> str:
        """Send an execute_request without waiting; returns its msg_id."""
        return self.kc.execute(code)

    def finish(self, msg_id: str, timeout: float = EVENT_TIMEOUT) -> tuple[dict, list[dict]]:
        """Wait for the cell's execute_reply and idle; returns the reply
        content and the cell's iopub messages."""
        deadline = time.monotonic() + timeout
        reply = None
        while True:
            mine = [m for m in self.iopub if m["parent_header"].get("msg_id") == msg_id]
            idle = any(m["msg_type"] == "status" and m["content"]["execution_state"] == "idle" for m in mine)
            if reply is None:
                try:
                    m = self.kc.shell_channel.get_msg(timeout=0)
                    if m["parent_header"].get("msg_id") == msg_id:
                        reply = m["content"]
                    continue
                except queue.Empty:
                    pass
            if reply is not None and idle:
                return reply, mine
            if time.monotonic() > deadline:
                raise KernelTimeout(f"cell {msg_id} did not finish within {timeout}s (reply: {reply})")
            self._read(0.1)

    def wait_stdout(self, msg_id: str, text: str, timeout: float = EVENT_TIMEOUT) -> None:
        """Wait until the running cell msg_id has printed text."""
        deadline = time.monotonic() + timeout
        while text not in self.stdout([m for m in self.iopub if m["parent_header"].get("msg_id") == msg_id]):
            if time.monotonic() > deadline:
                raise KernelTimeout(f"cell {msg_id} did not print {text!r} within {timeout}s")
            self._read(0.1)

    @staticmethod
    def stdout(msgs: list[dict]) -> str:
        return "".join(m["content"]["text"] for m in msgs
                       if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")

    # ---- events
    def _read(self, timeout: float) -> None:
        try:
            self.iopub.append(self.kc.iopub_channel.get_msg(timeout=timeout))
        except queue.Empty:
            pass

    def events(self, name: str | None = None) -> list[dict]:
        return [m["content"] for m in self.iopub if m["msg_type"] == "debug_event"
                and (name is None or m["content"].get("event") == name)]

    def wait_event(self, name: str, pred: Callable[[dict], bool] | None = None,
                   timeout: float = EVENT_TIMEOUT) -> dict:
        """The next debug_event `name` (matching pred) not returned before."""
        deadline = time.monotonic() + timeout
        while True:
            for i in range(self.seen, len(self.iopub)):
                m = self.iopub[i]
                if m["msg_type"] == "debug_event" and m["content"].get("event") == name \
                        and (pred is None or pred(m["content"])):
                    self.seen = i + 1
                    return m["content"]
            if time.monotonic() > deadline:
                raise KernelTimeout(f"no {name} debug_event within {timeout}s; events: {self.events()}")
            self._read(0.1)

    # ---- inspection helpers
    def frames(self, thread_id: int) -> list[dict]:
        return self.ok("stackTrace", {"threadId": thread_id})["stackFrames"]

    def variables(self, frame_id: int) -> dict[str, dict]:
        """Every variable of every scope of a frame, by name."""
        out: dict[str, dict] = {}
        for scope in self.ok("scopes", {"frameId": frame_id})["scopes"]:
            for v in self.ok("variables", {"variablesReference": scope["variablesReference"]})["variables"]:
                out.setdefault(v["name"], v)
        return out
