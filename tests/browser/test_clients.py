"""The same kernel in the other Jupyter front ends a class uses: Notebook 7
(in Chromium), `jupyter console`, and papermill (nbclient underneath).
JupyterLab itself is test_lab.py."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.timeout(300)

VENV_BIN = Path(sys.executable).parent
FIXTURE = Path(__file__).parent / "fixtures" / "walkthrough-small.ipynb"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
TIMESTAMP = re.compile(r"\b\d+\.\d{7}\b")


def test_notebook7_runs_go_cells(lab, browser_context, wait_kernel_ready):
    name = "notebook7-check.ipynb"
    (lab.root / name).write_bytes(FIXTURE.read_bytes())
    page = browser_context.new_page()
    try:
        page.goto(f"{lab.url}/notebooks/{name}?token={lab.token}")
        page.wait_for_selector(".jp-Notebook .jp-CodeCell .cm-content", timeout=120_000)
        expect(page.get_by_text("Go (yaegi)").first).to_be_visible(timeout=60_000)
        wait_kernel_ready(page)  # the name shows before the session exists, when a run is dropped
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        first = page.locator(".jp-CodeCell").first
        expect(first.locator(".jp-OutputArea")).to_contain_text("hello, lesson", timeout=120_000)
        last = page.locator(".jp-CodeCell").last
        expect(last.locator(".jp-RenderedSVG")).to_be_visible(timeout=120_000)
        text = "\n".join(page.locator(".jp-OutputArea").all_inner_texts())
        assert TIMESTAMP.search(text), text[:1000]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "notebook7.png"))
    finally:
        page.close()


def test_jupyter_console():
    # Two cells typed at the prompt, then end of input (the console asks to exit).
    proc = subprocess.run(
        [str(VENV_BIN / "jupyter"), "console", "--kernel=golessons", "--simple-prompt"],
        input='6*7\n"go" + "lang"\n', capture_output=True, text=True, timeout=120,
    )
    assert "Out[1]: 42" in proc.stdout, proc.stdout + proc.stderr
    assert 'Out[2]: "golang"' in proc.stdout, proc.stdout + proc.stderr


def test_papermill_executes_a_notebook(tmp_path):
    out = tmp_path / "out.ipynb"
    subprocess.run(
        [str(VENV_BIN / "papermill"), "--kernel", "golessons", str(FIXTURE), str(out)],
        check=True, capture_output=True, text=True, timeout=180,
    )
    nb = json.loads(out.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code), [c["execution_count"] for c in code]
    outputs = [o for c in code for o in c["outputs"]]
    assert not [o for o in outputs if o["output_type"] == "error"], outputs
    stdout = "".join("".join(o.get("text", "")) for o in outputs if o.get("name") == "stdout")
    assert "hello, lesson" in stdout and TIMESTAMP.search(stdout), stdout
    svgs = [o for o in outputs if "image/svg+xml" in o.get("data", {})]
    assert svgs, "no timeline chart in the executed notebook"
