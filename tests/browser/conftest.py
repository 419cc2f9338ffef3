"""Fixtures for the JupyterLab-in-Chromium test.

`lab` starts a real JupyterLab from the project venv on a free port with a
random token, serving a temporary copy of the lesson notebook without its
saved outputs (so the test never edits the repository, and every output it
sees was produced in this run). Its Jupyter config, data, settings and workspace
folders are temporary too: only the kernelspec installed in the venv
(`scripts/install.sh`) is visible, and no saved layout or user setting can
change what the test sees.

`start_lab` starts another such JupyterLab for a module that needs other
settings (test_widgets_browser.py checks the venv's own defaults).

`page` is a page of Debian's Chromium (/usr/bin/chromium) driven by
Playwright, with a fresh profile; Playwright's own browser download is never
used.
"""

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "01-concurrency-walkthrough.ipynb"
FIXTURE = Path(__file__).parent / "fixtures" / "walkthrough-small.ipynb"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    notebook: str  # path of the notebook under test, relative to root
    log: Path

    def tail(self, n=60):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, proc, deadline_s):
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.2)
    return False


@contextlib.contextmanager
def running_lab(tmp, root, settings, notebook="", expose_app=False):
    """JupyterLab from the project venv on a free port with a random token,
    serving root, with its Jupyter config, data, runtime, user settings and
    workspace folders under tmp; stopped on exit."""
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ)
    for var, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")]:
        env[var] = str(tmp / sub)
    env.pop("JUPYTER_PATH", None)
    cmd = [
        str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
    ]
    if expose_app:
        # window.jupyterapp, in Lab and in Notebook 7: read cell outputs from the model
        cmd += ["--LabApp.expose_app_in_browser=True", "--JupyterNotebookApp.expose_app_in_browser=True"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = tmp / "lab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_http(url + "/api", proc, 90):
            pytest.fail("JupyterLab did not start:\n" + log.read_text(errors="replace")[-4000:])
        yield Lab(url=url, token=token, root=root, notebook=notebook, log=log)
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "root"
    root.mkdir()
    source = LESSON if LESSON.exists() else FIXTURE
    # Without its saved outputs: everything the test then sees was produced live.
    nb = json.loads(source.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    (root / source.name).write_text(json.dumps(nb, indent=1))
    settings = tmp / "settings"
    # No news or update toasts over the notebook (this machine is offline anyway).
    notif = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notif.parent.mkdir(parents=True)
    notif.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    # Render every cell, not only those in view (Lab's default windowing leaves
    # off-screen cells empty), so the test can read every prompt and output.
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    try:
        with running_lab(tmp, root, settings, notebook=source.name, expose_app=True) as lab:
            yield lab
    finally:
        if (tmp / "lab.log").exists():
            SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(tmp / "lab.log", SCREENSHOTS.parent / "browser-lab.log")  # the server log as an artifact


@pytest.fixture(scope="session")
def start_lab():
    """running_lab, for a test module that needs a Lab of its own (other
    settings or notebooks than `lab`'s)."""
    return running_lab


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} missing: scripts/system-deps.sh installs Debian's chromium")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1400, "height": 1000},
        )
        context.set_default_timeout(30_000)
        yield context
        context.close()


@pytest.fixture(scope="session")
def page(browser_context):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return browser_context.pages[0] if browser_context.pages else browser_context.new_page()


@pytest.fixture(scope="session")
def shot(page):
    """shot(name): save a full-page screenshot as artifacts/screenshots/NN-name.png."""
    count = [0]

    def take(name):
        count[0] += 1
        path = SCREENSHOTS / f"{count[0]:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return take


# True once the current notebook's session has its kernel connected and idle.
# JupyterLab's execution indicator reads "idle" before the session exists (and
# a run pressed then is dropped: test_first_run_browser.py), so tests that
# need the kernel wait on this, through window.jupyterapp (expose_app).
KERNEL_READY = """() => {
    const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const ctx = w && w.sessionContext;
    const k = ctx && ctx.session && ctx.session.kernel;
    return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}"""


@pytest.fixture(scope="session")
def wait_kernel_ready():
    """wait_kernel_ready(page, timeout_ms): until the current notebook's kernel is connected and idle."""
    def wait(page, timeout=120_000):
        page.wait_for_function(KERNEL_READY, timeout=timeout)
    return wait
