"""A deadlocked cell in a real JupyterLab: the student runs a cell whose only
goroutine sends on a channel nobody receives from, and sees Go's deadlock
message with the stuck line under the cell, the prompt back to a number,
and the next cell working with the variables kept.

Uses its own small notebook, browser tab and Lab workspace, and shuts its
kernel down at the end, so the lesson session of test_lab.py (the default
workspace) is untouched whatever order the files run in.
"""

import json
import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.timeout(300)

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
CELLS = f"{PANEL} .jp-Notebook .jp-CodeCell"
NOTEBOOK = "deadlock-demo.ipynb"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def write_notebook(root):
    cells = [
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": "kept := 21\nch := make(chan int)\nch <- kept"},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": "kept * 2"},
    ]
    nb = {"cells": cells, "nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"display_name": "Go (yaegi)", "language": "go", "name": "golessons"}}}
    (root / NOTEBOOK).write_text(json.dumps(nb))


def run_cell(page, cell):
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+Enter")


def test_deadlocked_cell_shows_go_message_and_line(lab, browser_context, wait_kernel_ready):
    write_notebook(lab.root)
    page = browser_context.new_page()
    try:
        page.goto(f"{lab.url}/lab/workspaces/deadlock-test/tree/{NOTEBOOK}?token={lab.token}")
        expect(page.locator(f"{PANEL} .jp-Toolbar-kernelName")).to_have_text(re.compile("Go"), timeout=60_000)
        cells = page.locator(CELLS)
        expect(cells).to_have_count(2, timeout=30_000)
        wait_kernel_ready(page)  # a run pressed before the session exists is dropped by JupyterLab
        first = cells.nth(0)
        run_cell(page, first)
        out = first.locator(".jp-OutputArea")
        expect(out).to_contain_text("fatal error: all goroutines are asleep - deadlock!", timeout=30_000)
        expect(out).to_contain_text("goroutine 1 [chan send]: line 3:1: ch <- kept")
        expect(first.locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[\d+\]"), timeout=10_000)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "deadlock-message.png"))
        second = cells.nth(1)
        run_cell(page, second)
        expect(second.locator(".jp-OutputArea")).to_contain_text("42", timeout=30_000)
    finally:
        page.close()
        shutdown_sessions(lab)


def shutdown_sessions(lab):
    """Shut down the kernel this test's notebook started."""
    def call(method, path):
        req = urllib.request.Request(f"{lab.url}{path}", method=method,
                                     headers={"Authorization": f"token {lab.token}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read() or b"null")

    for sess in call("GET", "/api/sessions") or []:
        if sess.get("path", "").endswith(NOTEBOOK):
            call("DELETE", f"/api/sessions/{sess['id']}")
