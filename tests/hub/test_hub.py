"""JupyterHub smoke test: a small class on one machine.

A real JupyterHub (from PyPI) with configurable-http-proxy (from npm,
scripts/hub-deps.sh), DummyAuthenticator and SimpleLocalProcessSpawner, each
student's home a folder under a temporary directory seeded with the lessons
(as the image's start script does). Three students log in through the login
form, start their own server, run lesson cells through the Go kernel behind
the Hub's proxy, and each sees only their own files.
"""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from restclient import JupyterServer, code_cells

pytestmark = pytest.mark.timeout(600)

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "01-concurrency-walkthrough.ipynb"
FIXTURE = ROOT / "tests" / "browser" / "fixtures" / "walkthrough-small.ipynb"
STUDENTS = ["ada", "grace", "linus"]
TIMESTAMP = re.compile(r"\b\d+\.\d{7}\b")

HUB_CONFIG = """
import shutil
from pathlib import Path

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.auth_token = {proxy_token!r}
c.JupyterHub.db_url = "sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{state}/cookie_secret"
c.JupyterHub.pid_file = "{state}/hub.pid"

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{homes}/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
c.Spawner.args = {spawner_args!r}

LESSONS = Path({lessons!r})

def seed_lessons(spawner):
    # What the image's start script does: copy the lessons into a new home,
    # never over a student's edited copy.
    home = Path(spawner.home_dir_template.format(username=spawner.user.name)) / "lessons"
    home.mkdir(parents=True, exist_ok=True)
    for nb in LESSONS.glob("*.ipynb"):
        if not (home / nb.name).exists():
            shutil.copy(nb, home / nb.name)

c.Spawner.pre_spawn_hook = seed_lessons

c.JupyterHub.services = [{{"name": "smoke-admin", "api_token": {service_token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "smoke-admin",
    "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"],
    "services": ["smoke-admin"],
}}]
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, deadline_s, what, proc=None, log=None):
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            break
        try:
            value = check()
            if value:
                return value
        except (OSError, requests.RequestException):
            pass
        time.sleep(0.25)
    tail = log.read_text(errors="replace")[-5000:] if log else ""
    pytest.fail(f"timed out waiting for {what}\n{tail}")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    chp = subprocess.run([str(ROOT / "scripts" / "hub-deps.sh")], check=True,
                         capture_output=True, text=True).stdout.strip()
    tmp = tmp_path_factory.mktemp("hub")
    state, homes, lessons = tmp / "state", tmp / "homes", tmp / "lessons"
    for d in (state, homes, lessons):
        d.mkdir()
    shutil.copy(LESSON if LESSON.exists() else FIXTURE, lessons)
    port = free_port()
    cfg = {
        "port": port, "hub_port": free_port(), "proxy_api_port": free_port(), "chp": chp,
        "proxy_token": secrets.token_hex(16), "state": state, "homes": homes,
        "password": secrets.token_hex(8), "service_token": secrets.token_hex(16),
        "singleuser": str(Path(sys.executable).parent / "jupyterhub-singleuser"),
        "spawner_args": ["--ServerApp.allow_root=True"] if os.geteuid() == 0 else [],
        "lessons": str(lessons),
    }
    (tmp / "jupyterhub_config.py").write_text(HUB_CONFIG.format(**cfg))
    log = tmp / "hub.log"
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(Path(sys.executable).parent / "jupyterhub"), "-f",
                                 str(tmp / "jupyterhub_config.py")],
                                cwd=state, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    admin = requests.Session()
    admin.headers["Authorization"] = f"token {cfg['service_token']}"
    try:
        wait_for(lambda: admin.get(f"{base}/hub/api/users", timeout=5).status_code == 200,
                 90, "the Hub API", proc, log)
        yield {"base": base, "admin": admin, "password": cfg["password"], "homes": homes, "log": log}
    finally:
        # Stop every student's server through the Hub, then the Hub (and its proxy).
        for name in STUDENTS:
            try:
                admin.delete(f"{base}/hub/api/users/{name}/server", timeout=10)
            except requests.RequestException:
                pass
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        artifacts = ROOT / "artifacts"
        artifacts.mkdir(exist_ok=True)
        shutil.copy(log, artifacts / "hub.log")


def login(hub, name):
    """Log in through the Hub's login form, as a student's browser does."""
    s = requests.Session()
    form = s.get(f"{hub['base']}/hub/login", timeout=10)
    assert form.status_code == 200, form.status_code
    xsrf = s.cookies.get("_xsrf")
    resp = s.post(f"{hub['base']}/hub/login", timeout=10, allow_redirects=False,
                  data={"username": name, "password": hub["password"], "_xsrf": xsrf})
    assert resp.status_code == 302, (resp.status_code, resp.text[:300])
    assert any(c.name.startswith("jupyterhub-hub-login") for c in s.cookies), list(s.cookies)
    return s


def user_token(hub, name):
    resp = hub["admin"].post(f"{hub['base']}/hub/api/users/{name}/tokens", timeout=10,
                             json={"note": "smoke test", "expires_in": 3600})
    assert resp.status_code in (200, 201), (resp.status_code, resp.text[:300])
    return resp.json()["token"]


def wait_server_ready(hub, name, token):
    base = hub["base"]
    headers = {"Authorization": f"token {token}"}

    def ready():
        user = requests.get(f"{base}/hub/api/users/{name}", headers=headers, timeout=10).json()
        server = user.get("servers", {}).get("")
        return server if server and server.get("ready") else None

    return wait_for(ready, 120, f"{name}'s server", log=hub["log"])


def test_students_log_in_run_lessons_and_see_only_their_files(hub):
    tokens, servers = {}, {}
    for name in STUDENTS:
        session = login(hub, name)
        home = session.get(f"{hub['base']}/hub/home", timeout=10, allow_redirects=False)
        assert home.status_code == 200 and name in home.text, home.status_code
        tokens[name] = user_token(hub, name)
    # All three servers start together, as at the start of a class.
    for name in STUDENTS:
        resp = requests.post(f"{hub['base']}/hub/api/users/{name}/server",
                             headers={"Authorization": f"token {tokens[name]}"}, timeout=30)
        assert resp.status_code in (201, 202), (name, resp.status_code, resp.text[:300])
    for name in STUDENTS:
        wait_server_ready(hub, name, tokens[name])
        servers[name] = JupyterServer(f"{hub['base']}/user/{name}", tokens[name])

    for name in STUDENTS:
        server = servers[name]
        listing = server.json("GET", "/api/contents/lessons")
        lesson = sorted(c["path"] for c in listing["content"] if c["name"].endswith(".ipynb"))[0]
        cells = code_cells(server.json("GET", f"/api/contents/{lesson}")["content"])
        kernel = server.start_kernel("golessons")
        try:
            # Lesson cells in order until one shows the worker's timestamps.
            stamped = False
            for source in cells[:6]:
                run = server.execute(kernel, source, timeout=120)
                assert run.reply["status"] == "ok", (name, source, run.error)
                if TIMESTAMP.search(run.stdout):
                    stamped = True
                    break
            assert stamped, f"{name}: no timestamped worker output from the first lesson cells"
            run = server.execute(kernel, (
                'import "os"\n'
                f'err := os.WriteFile("notes-{name}.txt", []byte("mine"), 0o644)\n'
                'fmt.Println(err == nil)\n'))
            assert run.reply["status"] == "ok" and run.stdout.strip() == "true", (run.stdout, run.error)
        finally:
            server.shutdown_kernel(kernel)

    for name in STUDENTS:
        mine = {c["name"] for c in servers[name].json("GET", "/api/contents/")["content"]}
        others = {f"notes-{o}.txt" for o in STUDENTS if o != name}
        assert f"notes-{name}.txt" in mine, mine
        assert not mine & others, f"{name} sees {mine & others}"
        assert (hub["homes"] / name / f"notes-{name}.txt").read_text() == "mine"
        # A student's token opens no one else's server.
        other = STUDENTS[(STUDENTS.index(name) + 1) % len(STUDENTS)]
        resp = servers[name].http.get(f"{hub['base']}/user/{other}/api/contents/", timeout=10,
                                      allow_redirects=False)
        assert resp.status_code in (302, 403, 404), (name, other, resp.status_code)
        assert f"notes-{other}.txt" not in resp.text
