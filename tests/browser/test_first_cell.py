"""The first cell of a new Go notebook, run at once, runs.

A person opens a new notebook with the Go kernel from JupyterLab's launcher,
types `1 + 1` and presses Shift+Enter straight away, before the frontend's
kernel connection is up. JupyterLab must queue that execution and run it as
soon as the connection is up, as it does for Python; it must not drop it
silently (prompt left at `[ ]`, no execute_request ever sent).

On the machine this was written on, the Go kernel's connection is up ~0.5 s
after its session exists and the run is queued and executed; the run was
dropped (no execute_request, prompt `[ ]`) once in about ten runs, during a
full run of the browser tests. The cause is not found yet: the test
reproduces the defect only sometimes, and no fix is claimed.
"""

import json
import re
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import expect

NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
LONG = 60_000


def test_first_cell_run_at_once_in_new_go_notebook(lab, browser_context):
    page = browser_context.new_page()
    sent = []  # execute_requests the page sent over its kernel websockets

    def watch(ws):
        def frame(payload):
            data = payload if isinstance(payload, (bytes, bytearray)) else payload.encode()
            if b"execute_request" in data:
                sent.append(time.monotonic())
        ws.on("framesent", frame)

    page.on("websocket", watch)
    try:
        # Its own workspace, so the notebook it leaves open is not restored
        # into the other browser tests' pages.
        page.goto(f"{lab.url}/lab/workspaces/first-cell?token={lab.token}")
        tile = page.locator(".jp-Launcher-section", has_text="Notebook").locator(
            ".jp-LauncherCard", has_text=re.compile(r"Go \(yaegi\)"))
        # Type once the notebook's session exists (POST /api/sessions has
        # answered) but before its kernel connection is up: pressed earlier,
        # JupyterLab drops the run for every kernel (no session, no kernel).
        tile.first.wait_for(timeout=LONG)
        with page.expect_response(
                lambda r: "/api/sessions" in r.url and r.request.method == "POST", timeout=LONG):
            tile.first.click()
        editor = page.locator(f"{NOTEBOOK} .jp-CodeCell .cm-content").first
        t_typed = time.monotonic()
        editor.click()
        page.keyboard.type("1 + 1")
        page.keyboard.press("Shift+Enter")
        cell = page.locator(f"{NOTEBOOK} .jp-CodeCell").first
        try:
            expect(cell.locator(".jp-OutputArea")).to_contain_text("2", timeout=LONG)
            expect(cell.locator(".jp-InputPrompt")).to_contain_text("[1]")
        except AssertionError:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "first-cell-not-run.png"))
            raise AssertionError(
                f"the first cell never ran; execute_requests sent: {len(sent)}; "
                f"prompt {cell.locator('.jp-InputPrompt').inner_text()!r}\n" + lab.tail(30)
            ) from None
        assert sent, "the cell shows output but no execute_request was seen"
        # The run was typed before the connection was up: that is the case under test.
        print(f"first cell typed {t_typed:.1f}, execute_request sent {sent[0] - t_typed:.1f}s later")
    finally:
        page.close()
        _shutdown_sessions(lab)


def _shutdown_sessions(lab):
    """Stop the kernels this test started (other tests count on a quiet server)."""
    headers = {"Authorization": f"token {lab.token}"}
    with urllib.request.urlopen(urllib.request.Request(f"{lab.url}/api/sessions", headers=headers)) as r:
        sessions = json.load(r)
    for sess in sessions:
        if sess["path"].startswith("Untitled"):
            req = urllib.request.Request(f"{lab.url}/api/sessions/{sess['id']}", headers=headers, method="DELETE")
            urllib.request.urlopen(req).close()
