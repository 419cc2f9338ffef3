"""Check a running golessons Jupyter server from outside, as a browser would.

usage: python check_server.py BASE_URL TOKEN

1. GET /api answers (the server is up);
2. the contents API lists the lessons folder with at least one notebook;
3. the kernelspec "golessons" is offered, with display name "Go (yaegi)";
4. a Go kernel started over REST runs a cell over the websocket channels and
   its stdout and final value come back; then the kernel is shut down.
Exits non-zero with a message on the first failed check.
"""

import asyncio
import json
import sys
import time
import urllib.request
import uuid

from tornado.httpclient import HTTPRequest
from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect

CELL = 'import "fmt"\nfmt.Println("hello from", "the container")\n6 * 7\n'


def api(base, token, path, method="GET", body=None):
    req = urllib.request.Request(
        base.rstrip("/") + path,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        raw = resp.read()
        return json.loads(raw) if raw else None


async def execute(ws_url, token, code, timeout=60.0):
    """Send one execute_request; collect iopub until idle and the reply."""
    conn = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {token}"}))
    msg_id = uuid.uuid4().hex
    conn.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "check",
                   "session": uuid.uuid4().hex, "version": "5.4", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
    }))
    stdout, result, reply, idle = "", None, None, False
    deadline = time.monotonic() + timeout
    while not (idle and reply):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no idle+reply within {timeout}s (stdout so far {stdout!r})")
        raw = await _read(conn, left)
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = msg["header"]["msg_type"]
        if kind == "stream" and msg["content"]["name"] == "stdout":
            stdout += msg["content"]["text"]
        elif kind == "execute_result":
            result = msg["content"]["data"].get("text/plain")
        elif kind == "error":
            raise AssertionError(f"cell failed: {msg['content']}")
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
        elif kind == "execute_reply":
            reply = msg["content"]
    conn.close()
    return stdout, result, reply


async def _read(conn, left):
    raw = await asyncio.wait_for(conn.read_message(), timeout=left)
    if raw is None:
        raise ConnectionError("websocket closed")
    return raw


def main():
    base, token = sys.argv[1], sys.argv[2]
    version = api(base, token, "/api")["version"]
    print(f"check: jupyter_server {version} answers at {base}")

    listing = api(base, token, "/api/contents/lessons")
    notebooks = [c["name"] for c in listing["content"] if c["name"].endswith(".ipynb")]
    assert notebooks, f"no notebooks in lessons/: {listing['content']}"
    print(f"check: lessons/ has {notebooks}")

    specs = api(base, token, "/api/kernelspecs")["kernelspecs"]
    assert "golessons" in specs, f"golessons kernel not offered: {list(specs)}"
    display = specs["golessons"]["spec"]["display_name"]
    assert display == "Go (yaegi)", display
    print(f"check: kernelspec golessons = {display!r}")

    kernel = api(base, token, "/api/kernels", "POST", {"name": "golessons"})
    try:
        ws = base.replace("http", "ws", 1).rstrip("/") + f"/api/kernels/{kernel['id']}/channels"
        t0 = time.monotonic()
        stdout, result, reply = IOLoop.current().run_sync(lambda: execute(ws, token, CELL))
        assert reply["status"] == "ok", reply
        assert stdout == "hello from the container\n", repr(stdout)
        assert result == "42", repr(result)
        print(f"check: Go cell ran in the container in {time.monotonic() - t0:.2f}s: "
              f"stdout {stdout!r}, value {result!r}")
    finally:
        api(base, token, f"/api/kernels/{kernel['id']}", "DELETE")
    print("check: all passed")


if __name__ == "__main__":
    main()
