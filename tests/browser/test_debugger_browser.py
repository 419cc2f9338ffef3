"""JupyterLab's visual debugger on a Go cell, in headless Chromium: the
student switches the debugger on with the bug icon, clicks the gutter of a
line to set a breakpoint, runs the cell, sees the stopped line highlighted
and the values in the Variables panel, steps to the next line (the panel
follows), and continues to the cell's output.

The lesson 01 "Try this" is followed step by step on the lesson's own cells:
four goroutines stop in worker, and switching the debugger off lets them
all finish.

Uses its own notebooks, browser tabs and Lab workspaces, and shuts their
kernels down at the end, so the lesson session of test_lab.py is untouched.
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
NOTEBOOK = "debugger-demo.ipynb"
LESSON_NOTEBOOK = "debugger-lesson.ipynb"
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
LESSON = ROOT / "notebooks" / "01-concurrency-walkthrough.ipynb"
CODE = 'func double(n int) int {\n\td := n * 2\n\treturn d\n}\n\nfmt.Println("double is", double(21))'
BREAK_LINE = 2  # d := n * 2


def write_notebook(root, name, sources):
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                     "source": src} for src in sources],
          "nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"display_name": "Go (yaegi)", "language": "go", "name": "golessons"}}}
    (root / name).write_text(json.dumps(nb))


def run_cell(page, cell, first=False):
    """Run cell and wait until it started. JupyterLab sometimes drops the
    very first run in a new notebook (docs/faults.md), so the first cell
    of a notebook (one that may run twice) is pressed again if needed."""
    prompt = cell.locator(".jp-InputPrompt")
    for attempt in range(2 if first else 1):
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+Enter")
        try:
            expect(prompt).to_have_text(re.compile(r"\[(\*|\d+)\]"), timeout=15_000)
            return
        except AssertionError:
            if attempt or not first:
                raise


class DebugReplies:
    """The commands of the debug_replies a page's kernels sent, read off
    its websockets (the v1 protocol frames carry each message's JSON as is).

    JupyterLab shows the bug icon pressed before its debugger session has
    started when another notebook's session was on (the earlier tests'),
    and a gutter click before the start ends is dropped without a word
    (updateBreakpoints returns while the session is not started). The
    start ends with inspectVariables, so that reply is the sign."""

    REPLY = re.compile(rb'"msg_type":\s*"debug_reply"')
    COMMAND = re.compile(rb'"command":\s*"(\w+)"')

    def __init__(self, page):
        self.commands = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload):
        data = payload if isinstance(payload, bytes) else payload.encode()
        if self.REPLY.search(data):
            self.commands += [m.decode() for m in self.COMMAND.findall(data)]

    def count(self, command):
        return self.commands.count(command)


def switch_debugger(page, on, replies=None):
    """Press the bug icon; switching on with replies waits until the
    debugger session has started."""
    bug = page.locator(f"{PANEL} .jp-DebuggerBugButton")
    expect(bug).to_be_visible(timeout=30_000)
    expect(bug).not_to_have_attribute("aria-disabled", "true", timeout=30_000)
    started = replies.count("inspectVariables") if replies else 0
    bug.click()
    expect(bug).to_have_attribute("aria-pressed", "true" if on else "false", timeout=30_000)
    if on and replies:
        for _ in range(300):
            if replies.count("inspectVariables") > started:
                return
            page.wait_for_timeout(100)
        raise AssertionError(f"the debugger session did not start; debug replies: {replies.commands}")


def click_gutter(page, cell, line):
    """Click the breakpoint gutter beside line (1-based) of cell's editor,
    where a student clicks: the gutter column at the line's height."""
    gutter = cell.locator(".cm-gutter.cm-breakpoint-gutter")
    expect(gutter).to_be_visible(timeout=30_000)
    g = gutter.bounding_box()
    box = cell.locator(".cm-line").nth(line - 1).bounding_box()
    page.mouse.click(g["x"] + g["width"] / 2, box["y"] + box["height"] / 2)


def set_breakpoint(page, cell, line, replies):
    """Click the gutter beside line and wait until the kernel has answered
    the setBreakpoints JupyterLab sends for it. A click JupyterLab drops
    (its debugger session not yet started, although the bug icon shows
    pressed and inspectVariables was answered: seen once in CI under load)
    still draws the icon but sends nothing. JupyterLab sends a cell's
    breakpoints again a second after its text changes, so a space typed and
    deleted sends them once more. A kernel that never answers fails here,
    naming the commands it did answer."""
    before = replies.count("setBreakpoints")
    click_gutter(page, cell, line)
    expect(cell.locator(".cm-breakpoint-gutter .cm-breakpoint-icon")).to_have_count(1, timeout=30_000)
    for attempt in range(2):
        if attempt:
            cell.locator(".cm-line").last.click()
            page.keyboard.press("End")
            page.keyboard.type(" ")
            page.keyboard.press("Backspace")
        for _ in range(150):
            if replies.count("setBreakpoints") > before:
                return
            page.wait_for_timeout(100)
    raise AssertionError(f"the kernel answered no setBreakpoints; debug replies: {replies.commands}")


def wait_variable(page, name, value, timeout=30_000):
    """Wait until the Variables panel shows name with value in its row."""
    page.wait_for_function(
        """([name, value]) => [...document.querySelectorAll(
            '.jp-DebuggerVariables-body:not(.lm-mod-hidden) .jp-DebuggerVariables-name')].some(n =>
            n.textContent.trim() === name &&
            ((n.parentElement.querySelector('.jp-DebuggerVariables-detail') || {}).textContent || '').includes(value))""",
        arg=[name, value], timeout=timeout)


def toolbar_button(page, command):
    """A button of the debugger's Callstack toolbar, by its command."""
    return page.locator(f"jp-button[data-command='debugger:{command}']").first


def test_breakpoint_highlight_variables_step_and_continue(lab, browser_context):
    write_notebook(lab.root, NOTEBOOK, ['import "fmt"', CODE])
    page = browser_context.new_page()
    replies = DebugReplies(page)
    try:
        page.goto(f"{lab.url}/lab/workspaces/debugger-test/tree/{NOTEBOOK}?token={lab.token}")
        expect(page.locator(f"{PANEL} .jp-Toolbar-kernelName")).to_have_text(re.compile("Go"), timeout=60_000)
        page.wait_for_selector(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
        run_cell(page, page.locator(CELLS).first, first=True)
        cell = page.locator(CELLS).nth(1)

        # The bug icon is enabled for Go (kernelspec metadata and kernel_info
        # both say debugger) and switches the debugger on.
        switch_debugger(page, True, replies)
        if not page.locator(".jp-DebuggerVariables").is_visible():
            page.evaluate("() => window.jupyterapp.commands.execute('debugger:show-panel')")
        expect(page.locator(".jp-DebuggerVariables")).to_be_visible(timeout=30_000)

        set_breakpoint(page, cell, BREAK_LINE, replies)
        expect(page.locator(".jp-DebuggerBreakpoints")).to_contain_text(str(BREAK_LINE), timeout=30_000)

        run_cell(page, cell)
        highlight = cell.locator(".cm-line.jp-DebuggerEditor-highlight")
        expect(highlight).to_have_text("d := n * 2", timeout=60_000)
        expect(cell.locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[\*\]"))
        expect(page.locator(".jp-DebuggerCallstackFrame-name").first).to_have_text("double")
        wait_variable(page, "n", "21")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "debugger-stopped.png"))

        toolbar_button(page, "next").click()
        expect(highlight).to_have_text("return d", timeout=30_000)
        wait_variable(page, "d", "42")
        wait_variable(page, "n", "21")
        page.screenshot(path=str(SCREENSHOTS / "debugger-stepped.png"))

        toolbar_button(page, "continue").click()
        out = cell.locator(".jp-OutputArea")
        expect(out).to_contain_text("double is 42", timeout=30_000)
        expect(cell.locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[\d+\]"), timeout=30_000)
        expect(highlight).to_have_count(0, timeout=30_000)
        page.screenshot(path=str(SCREENSHOTS / "debugger-continued.png"))
    finally:
        shutdown_kernels(lab, NOTEBOOK)
        page.close()


UNICODE_NOTEBOOK = "debugger-unicode.ipynb"
# Non-ASCII text: JupyterLab 4.6 names a cell by Murmur2 of its UTF-8 bytes.
UNICODE_CODE = 'greeting := "héllo, wörld"  // ×2\nn := len(greeting)\nfmt.Println(n)'


def test_stopped_line_highlighted_in_a_cell_with_non_ascii_text(lab, browser_context):
    write_notebook(lab.root, UNICODE_NOTEBOOK, ['import "fmt"', UNICODE_CODE])
    page = browser_context.new_page()
    replies = DebugReplies(page)
    try:
        page.goto(f"{lab.url}/lab/workspaces/debugger-unicode/tree/{UNICODE_NOTEBOOK}?token={lab.token}")
        expect(page.locator(f"{PANEL} .jp-Toolbar-kernelName")).to_have_text(re.compile("Go"), timeout=60_000)
        page.wait_for_selector(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
        run_cell(page, page.locator(CELLS).first, first=True)
        cell = page.locator(CELLS).nth(1)
        switch_debugger(page, True, replies)
        set_breakpoint(page, cell, 2, replies)
        # The icon shows at once; the cell may run only once the kernel has
        # the breakpoint, which the Breakpoints panel then lists.
        expect(page.locator(".jp-DebuggerBreakpoints")).to_contain_text("2", timeout=30_000)
        run_cell(page, cell)
        expect(cell.locator(".cm-line.jp-DebuggerEditor-highlight")).to_have_text(
            "n := len(greeting)", timeout=30_000)
        toolbar_button(page, "continue").click()
        expect(cell.locator(".jp-OutputArea")).to_contain_text("14", timeout=30_000)
    finally:
        shutdown_kernels(lab, UNICODE_NOTEBOOK)
        page.close()


def lesson_cells():
    """The lesson's imports, worker and goroutines-four-calls cells."""
    nb = json.loads(LESSON.read_text())
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    imports = next(c for c in code if c.startswith("import ("))
    worker = next(c for c in code if c.startswith("func worker("))
    four = next(c for c in code if 'NewTimeline("goroutines")' in c)
    return imports, worker, four


def test_lesson_try_this_stops_four_goroutines_in_worker(lab, browser_context):
    imports, worker, four = lesson_cells()
    assert worker.splitlines()[1].strip() == "fmt.Println(label)"
    write_notebook(lab.root, LESSON_NOTEBOOK, [imports, worker, four])
    page = browser_context.new_page()
    replies = DebugReplies(page)
    try:
        page.goto(f"{lab.url}/lab/workspaces/debugger-lesson/tree/{LESSON_NOTEBOOK}?token={lab.token}")
        page.wait_for_selector(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
        cells = page.locator(CELLS)
        run_cell(page, cells.nth(0), first=True)
        expect(cells.nth(0).locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[\d+\]"), timeout=30_000)
        run_cell(page, cells.nth(1))
        expect(cells.nth(1).locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[\d+\]"), timeout=30_000)
        # As the lesson says: the worker cell ran already; debugger on, a
        # breakpoint on line 2 of the worker cell, then the four-call cell.
        switch_debugger(page, True, replies)
        set_breakpoint(page, cells.nth(1), 2, replies)
        four_cell = cells.nth(2)
        run_cell(page, four_cell)
        expect(cells.nth(1).locator(".cm-line.jp-DebuggerEditor-highlight")).to_have_text(
            "fmt.Println(label)", timeout=60_000)
        expect(page.locator(".jp-DebuggerCallstackFrame-name").first).to_have_text("worker")
        # The Callstack shows the last goroutine to stop, then the other
        # three, each under a line naming it.
        names = page.locator(".jp-DebuggerCallstackFrame-name")
        expect(names.filter(has_text=re.compile(r"^worker$"))).to_have_count(4, timeout=30_000)
        expect(names.filter(has_text=re.compile(r"^── goroutine \d+: "))).to_have_count(3)
        # The tree view names a string by its type (JupyterLab shows values of
        # int, float and bool only); the table view, a canvas, has the value.
        wait_variable(page, "label", "string")
        page.locator("jp-button.jp-TableView-Button").first.click()
        expect(four_cell.locator(".jp-InputPrompt")).to_have_text("[*]:")
        assert "example_arg" not in four_cell.locator(".jp-OutputArea").inner_text()
        page.screenshot(path=str(SCREENSHOTS / "debugger-lesson-four-stopped.png"))

        # Debugger off: every goroutine goes on and the cell finishes.
        switch_debugger(page, False)
        expect(four_cell.locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[\d+\]"), timeout=30_000)
        out = four_cell.locator(".jp-OutputArea")
        expect(out).to_contain_text("example_arg4", timeout=30_000)
        assert out.inner_text().count("Sleep Done") == 4, out.inner_text()
        page.screenshot(path=str(SCREENSHOTS / "debugger-lesson-debugger-off.png"))
    finally:
        shutdown_kernels(lab, LESSON_NOTEBOOK)
        page.close()


def shutdown_kernels(lab, notebook):
    """Shut down the kernel of one of this file's notebooks."""
    req = urllib.request.Request(f"{lab.url}/api/sessions", headers={"Authorization": f"token {lab.token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        sessions = json.load(r)
    for s in sessions:
        if s.get("path", "").endswith(notebook):
            urllib.request.urlopen(urllib.request.Request(
                f"{lab.url}/api/sessions/{s['id']}", method="DELETE",
                headers={"Authorization": f"token {lab.token}"}), timeout=10)
