"""Go widgets in a real JupyterLab (headless Chromium): a slider made by a
Go cell renders through jupyterlab_widgets, dragging it redraws the
Interact output, and saving keeps the widget state in the notebook; in
lesson 05 the toggle redraws the timeline with processes. Also:
the venv's settings overrides (no news popup, widget state saved) apply.

The lab here has its own notebook and its own empty user settings, so what
it sees comes from the venv (scripts/install.sh), not from the test."""

import json
import re
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
LESSON = ROOT / "notebooks" / "05-live-timeline.ipynb"


pytestmark = pytest.mark.timeout(300)

CELL = """import ("fmt"; "golessons/widgets")
n := widgets.NewIntSlider("n", 1, 10, 3)
box, err := widgets.Interact(func(k int) string { return fmt.Sprint("squares: ", k*k) }, n)
if err != nil { panic(err) }
box.Show()"""


@pytest.fixture(scope="module")
def wlab(tmp_path_factory, start_lab):
    tmp = tmp_path_factory.mktemp("wlab")
    root = tmp / "root"
    root.mkdir()
    nb = {
        "cells": [{"cell_type": "code", "metadata": {}, "source": CELL, "outputs": [], "execution_count": None}],
        "metadata": {"kernelspec": {"name": "golessons", "display_name": "Go (yaegi)", "language": "go"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    (root / "widgets.ipynb").write_text(json.dumps(nb))
    lesson = json.loads(LESSON.read_text())
    for cell in lesson["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    lesson["metadata"].pop("widgets", None)
    (root / LESSON.name).write_text(json.dumps(lesson))
    # Every cell rendered, as in conftest's lab; no other setting, so the
    # notification and widget defaults come from the venv.
    tracker = tmp / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    with start_lab(tmp, root, tmp / "settings", expose_app=True) as lab:
        yield lab.url, lab.token, root


def setting(url, token, plugin, key):
    """The value JupyterLab uses for a setting nobody set: the schema
    default, which the server replaces with the overrides.json value."""
    req = urllib.request.Request(f"{url}/lab/api/settings/{plugin}", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        body = json.load(r)
    assert key not in body.get("settings", {}), body["settings"]
    return body["schema"]["properties"][key]["default"]


PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def run_first_cell(page, cell, wait_kernel_ready):
    """Runs cell once the notebook's kernel is connected and idle, so the
    notebook has its session: a run pressed before that is dropped by
    JupyterLab (test_first_run_browser.py)."""
    wait_kernel_ready(page)
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+Enter")
    expect(cell.locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[(\*|\d+)\]"), timeout=30_000)


def test_venv_overrides_turn_off_news_and_save_widget_state(wlab):
    url, token, _ = wlab
    assert setting(url, token, "@jupyterlab/apputils-extension:notification", "fetchNews") == "false"
    assert setting(url, token, "@jupyter-widgets/jupyterlab-manager:plugin", "saveState") is True


def test_drag_slider_redraws_interact_output_and_state_is_saved(wlab, browser_context, wait_kernel_ready):
    url, token, root = wlab
    page = browser_context.new_page()
    try:
        page.goto(f"{url}/lab/tree/widgets.ipynb?token={token}")
        cell = page.locator(f"{PANEL} .jp-CodeCell").first
        run_first_cell(page, cell, wait_kernel_ready)
        output = cell.locator(".jp-Cell-outputArea")
        expect(output.locator(".widget-slider")).to_be_visible(timeout=120_000)
        expect(output).to_contain_text("squares: 9", timeout=30_000)
        assert page.locator(".jp-Notification-Toast", has_text="news").count() == 0

        track = output.locator(".widget-slider .noUi-base").first
        handle = output.locator(".widget-slider .noUi-handle").first
        hb, tb = handle.bounding_box(), track.bounding_box()
        page.mouse.move(hb["x"] + hb["width"] / 2, hb["y"] + hb["height"] / 2)
        page.mouse.down()
        page.mouse.move(tb["x"] + tb["width"] + 40, tb["y"] + tb["height"] / 2, steps=10)
        page.mouse.up()
        expect(output).to_contain_text("squares: 100", timeout=30_000)
        expect(output.locator(".widget-readout")).to_have_text("10")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "widgets-slider.png"))

        page.keyboard.press("Control+s")
        deadline = time.monotonic() + 30
        state = {}
        while time.monotonic() < deadline:
            meta = json.loads((root / "widgets.ipynb").read_text()).get("metadata", {})
            state = meta.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
            if state:
                break
            time.sleep(0.5)
        sliders = [s["state"] for s in state.values() if s.get("model_name") == "IntSliderModel"]
        assert sliders and sliders[0]["value"] == 10, state

        # A reloaded page (a frontend that reconnects) gets the live models
        # from the kernel (request_states): a Go change after the reload
        # still moves the slider and redraws the output.
        page.reload()
        cell = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell").first
        output = cell.locator(".jp-Cell-outputArea")
        expect(output.locator(".widget-readout")).to_have_text("10", timeout=60_000)
        panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        expect(panel.locator(".jp-Toolbar-kernelName")).to_have_text("Go (yaegi)", timeout=60_000)
        cell.locator(".jp-InputPrompt").click()
        page.keyboard.press("Escape")
        page.keyboard.press("b")
        expect(panel.locator(".jp-CodeCell")).to_have_count(2)
        second = panel.locator(".jp-CodeCell").nth(1)
        second.locator(".cm-content").click()
        page.keyboard.insert_text("n.SetValue(7)")
        run_first_cell(page, second, wait_kernel_ready)  # the first run after the reload
        expect(output.locator(".widget-readout")).to_have_text("7", timeout=30_000)
        expect(output).to_contain_text("squares: 49", timeout=30_000)
    finally:
        page.close()


def wait_chart(page, cell_index, title, timeout=60_000):
    """Wait until the chart (an <img> of SVG) under code cell cell_index
    has a title starting with title: the SVG's own text, as demos draws it."""
    page.wait_for_function(
        """([i, title]) => {
            const cells = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell');
            const imgs = cells[i] ? cells[i].querySelectorAll('.jp-Cell-outputArea img') : [];
            return [...imgs].some(img => {
                let svg = img.src;
                try { svg = decodeURIComponent(svg); } catch (e) {}
                if (svg.includes(';base64,')) { svg = atob(svg.split(';base64,')[1]); }
                return svg.includes('font-weight="bold">' + title);
            });
        }""",
        arg=[cell_index, title], timeout=timeout,
    )


def test_lesson_toggle_redraws_timeline_with_processes(wlab, browser_context, wait_kernel_ready):
    url, token, _ = wlab
    page = browser_context.new_page()
    try:
        page.goto(f"{url}/lab/tree/{LESSON.name}?token={token}")
        panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        expect(panel.locator(".jp-CodeCell")).to_have_count(3, timeout=60_000)
        expect(panel.locator(".jp-Toolbar-kernelName")).to_have_text("Go (yaegi)", timeout=60_000)
        wait_kernel_ready(page)
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        output = panel.locator(".jp-CodeCell").nth(1).locator(".jp-Cell-outputArea")
        expect(output.locator(".widget-toggle-buttons")).to_be_visible(timeout=120_000)
        # The last cell set 6 calls on OS threads from Go: the chart followed.
        wait_chart(page, 1, "OS threads: 6 calls in")
        output.locator(".widget-toggle-buttons button", has_text="processes").click()
        wait_chart(page, 1, "processes: 6 calls in")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "widgets-lesson-processes.png"))
    finally:
        page.close()
