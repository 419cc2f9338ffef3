"""A small client for a Jupyter server's REST and kernel-websocket API.

It does what a browser tab does, without a browser: start a kernel through
`POST /api/kernels`, send an `execute_request` over
`/api/kernels/<id>/channels`, and collect what comes back until the kernel is
idle. Used by the JupyterHub smoke test (through the Hub's proxy) and by the
image smoke test (tests/docker/check_server.py).
"""

import json
import time
import uuid
from dataclasses import dataclass, field

import requests
import websocket


@dataclass
class Execution:
    """What one execute_request produced, in arrival order per stream."""

    stdout: str = ""
    stderr: str = ""
    result: dict | None = None  # execute_result data
    displays: list = field(default_factory=list)  # display_data data bundles
    error: dict | None = None  # the error message's content
    reply: dict | None = None  # execute_reply content


class JupyterServer:
    def __init__(self, base_url, token, session=None):
        self.base = base_url.rstrip("/")
        self.token = token
        self.http = session or requests.Session()
        self.http.headers["Authorization"] = f"token {token}"

    def request(self, method, path, **kw):
        resp = self.http.request(method, self.base + path, timeout=30, allow_redirects=False, **kw)
        return resp

    def json(self, method, path, **kw):
        resp = self.request(method, path, **kw)
        if resp.status_code >= 300:
            raise RuntimeError(f"{method} {path}: HTTP {resp.status_code} {resp.text[:300]}")
        return resp.json() if resp.content else None

    def start_kernel(self, name="golessons"):
        return self.json("POST", "/api/kernels", json={"name": name})["id"]

    def shutdown_kernel(self, kernel_id):
        self.request("DELETE", f"/api/kernels/{kernel_id}")

    def execute(self, kernel_id, code, timeout=120.0):
        """Run `code` in the kernel; return an Execution once the reply and idle have arrived."""
        url = self.base.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels"
        ws = websocket.create_connection(url, header=[f"Authorization: token {self.token}"], timeout=timeout)
        try:
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test",
                           "session": uuid.uuid4().hex, "version": "5.4", "date": ""},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
            }))
            out, idle = Execution(), False
            deadline = time.monotonic() + timeout
            while not (idle and out.reply is not None):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no reply+idle within {timeout}s; so far {out}")
                ws.settimeout(left)
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind, content = msg["header"]["msg_type"], msg["content"]
                if kind == "stream":
                    if content["name"] == "stdout":
                        out.stdout += content["text"]
                    else:
                        out.stderr += content["text"]
                elif kind == "execute_result":
                    out.result = content["data"]
                elif kind == "display_data":
                    out.displays.append(content["data"])
                elif kind == "error":
                    out.error = content
                elif kind == "status" and content["execution_state"] == "idle":
                    idle = True
                elif kind == "execute_reply":
                    out.reply = content
            return out
        finally:
            ws.close()


def code_cells(notebook_json):
    """The sources of a notebook's code cells, in order."""
    cells = notebook_json["cells"]
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in cells if c["cell_type"] == "code"]
