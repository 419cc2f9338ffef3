"""Check a running golessons Jupyter server from outside, as a browser would.

usage: python check_server.py BASE_URL TOKEN

1. GET /api answers (the server is up), and requests without the token or
   with a wrong one are refused (401/403): listing files, listing and
   starting kernels;
2. the contents API lists the lessons folder with at least one notebook;
3. the kernelspec "golessons" is offered, with display name "Go (yaegi)";
4. a Go kernel started over REST runs a cell over the websocket channels and
   its stdout and final value come back; then the kernel is shut down.
Exits non-zero (AssertionError) on the first failed check.
"""

import sys
import time
import urllib.error
import urllib.request

from restclient import JupyterServer  # tests/hub, on PYTHONPATH (run.sh)

# What someone without the token might try; each must be refused.
GUARDED = [("GET", "/api/contents/lessons"), ("GET", "/api/kernels"), ("POST", "/api/kernels")]


def status_without_token(base, method, path, token=None):
    req = urllib.request.Request(base + path, method=method, data=b"{}" if method == "POST" else None)
    req.add_header("Content-Type", "application/json")
    if token is not None:
        req.add_header("Authorization", f"token {token}")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


CELL = 'import "fmt"\nfmt.Println("hello from", "the container")\n6 * 7\n'


def main():
    server = JupyterServer(sys.argv[1], sys.argv[2])
    version = server.json("GET", "/api")["version"]
    print(f"check: jupyter_server {version} answers at {server.base}")

    base = sys.argv[1].rstrip("/")
    for method, path in GUARDED:
        for token in (None, "wrong" + sys.argv[2]):
            code = status_without_token(base, method, path, token)
            assert code in (401, 403), f"{method} {path} with token {token!r}: HTTP {code}, want 401/403"
    kernels = server.json("GET", "/api/kernels")
    assert kernels == [], f"a kernel was started without the token: {kernels}"
    print(f"check: {len(GUARDED)} requests without or with a wrong token refused")

    listing = server.json("GET", "/api/contents/lessons")
    notebooks = sorted(c["name"] for c in listing["content"] if c["name"].endswith(".ipynb"))
    assert notebooks, f"no notebooks in lessons/: {listing['content']}"
    print(f"check: lessons/ has {notebooks}")

    specs = server.json("GET", "/api/kernelspecs")["kernelspecs"]
    assert "golessons" in specs, f"golessons kernel not offered: {list(specs)}"
    display = specs["golessons"]["spec"]["display_name"]
    assert display == "Go (yaegi)", display
    print(f"check: kernelspec golessons = {display!r}")

    kernel = server.start_kernel("golessons")
    try:
        t0 = time.monotonic()
        run = server.execute(kernel, CELL, timeout=60)
        assert run.reply["status"] == "ok", (run.reply, run.error)
        assert run.stdout == "hello from the container\n", repr(run.stdout)
        assert run.result and run.result.get("text/plain") == "42", run.result
        print(f"check: Go cell ran in {time.monotonic() - t0:.2f}s: stdout {run.stdout!r}, "
              f"value {run.result['text/plain']!r}")
    finally:
        server.shutdown_kernel(kernel)
    print("check: all passed")


if __name__ == "__main__":
    main()
