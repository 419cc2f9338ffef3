"""JupyterLab's visual debugger on a Go cell, in headless Chromium: the
student switches the debugger on with the bug icon, clicks the gutter of a
line to set a breakpoint, runs the cell, sees the stopped line highlighted
and the values in the Variables panel, steps to the next line (the panel
follows), and continues to the cell's output.

Uses its own notebook, browser tab and Lab workspace, and shuts its kernel
down at the end, so the lesson session of test_lab.py is untouched.
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
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CODE = 'import "fmt"\n\nfunc double(n int) int {\n\td := n * 2\n\treturn d\n}\n\nfmt.Println("double is", double(21))'
BREAK_LINE = 4  # d := n * 2


def write_notebook(root):
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                     "source": CODE}],
          "nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"display_name": "Go (yaegi)", "language": "go", "name": "golessons"}}}
    (root / NOTEBOOK).write_text(json.dumps(nb))


def click_gutter(page, cell, line):
    """Click the breakpoint gutter beside line (1-based) of cell's editor,
    where a student clicks: the gutter column at the line's height."""
    gutter = cell.locator(".cm-gutter.cm-breakpoint-gutter")
    expect(gutter).to_be_visible(timeout=30_000)
    g = gutter.bounding_box()
    box = cell.locator(".cm-line").nth(line - 1).bounding_box()
    page.mouse.click(g["x"] + g["width"] / 2, box["y"] + box["height"] / 2)


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
    write_notebook(lab.root)
    page = browser_context.new_page()
    try:
        page.goto(f"{lab.url}/lab/workspaces/debugger-test/tree/{NOTEBOOK}?token={lab.token}")
        expect(page.locator(f"{PANEL} .jp-Toolbar-kernelName")).to_have_text(re.compile("Go"), timeout=60_000)
        page.wait_for_selector(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
        cell = page.locator(CELLS).first

        # The bug icon is enabled for Go (kernelspec metadata and kernel_info
        # both say debugger) and switches the debugger on.
        bug = page.locator(f"{PANEL} .jp-DebuggerBugButton")
        expect(bug).to_be_visible(timeout=30_000)
        expect(bug).not_to_have_attribute("aria-disabled", "true", timeout=30_000)
        bug.click()
        expect(bug).to_have_attribute("aria-pressed", "true", timeout=30_000)
        if not page.locator(".jp-DebuggerVariables").is_visible():
            page.evaluate("() => window.jupyterapp.commands.execute('debugger:show-panel')")
        expect(page.locator(".jp-DebuggerVariables")).to_be_visible(timeout=30_000)

        click_gutter(page, cell, BREAK_LINE)
        expect(cell.locator(".cm-breakpoint-gutter .cm-breakpoint-icon")).to_have_count(1, timeout=30_000)
        expect(page.locator(".jp-DebuggerBreakpoints")).to_contain_text(str(BREAK_LINE), timeout=30_000)

        cell.locator(".cm-content").click()
        page.keyboard.press("Control+Enter")
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
        shutdown_kernels(lab)
        page.close()


def shutdown_kernels(lab):
    """Shut down this test's kernel (the session of its notebook)."""
    req = urllib.request.Request(f"{lab.url}/api/sessions", headers={"Authorization": f"token {lab.token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        sessions = json.load(r)
    for s in sessions:
        if s.get("path", "").endswith(NOTEBOOK):
            urllib.request.urlopen(urllib.request.Request(
                f"{lab.url}/api/sessions/{s['id']}", method="DELETE",
                headers={"Authorization": f"token {lab.token}"}), timeout=10)
