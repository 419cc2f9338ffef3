"""The command line: `golessons install/version/--help`, usage errors."""

from __future__ import annotations

import json
import os
import subprocess

import pytest


@pytest.fixture(scope="module")
def exe(kernelspec):
    return kernelspec.argv[0]


def run(exe, *args, env=None):
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=60, env=env)


def test_version(exe):
    r = run(exe, "version")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip(), "version prints something"


def test_help(exe):
    r = run(exe, "--help")
    assert r.returncode == 0, r.stderr
    text = r.stdout + r.stderr
    for word in ("install", "kernel", "version", "--sys-prefix", "--user", "--prefix"):
        assert word in text, word


@pytest.mark.parametrize("args", [["--no-such-flag"], ["install", "--bogus"], ["frobnicate"], ["kernel"]])
def test_wrong_usage_exits_2_with_usage(exe, args):
    r = run(exe, *args)
    assert r.returncode == 2, (args, r.returncode, r.stderr)
    assert "usage" in (r.stdout + r.stderr).lower(), r.stderr


def _check_spec(d, exe):
    spec = json.load(open(os.path.join(d, "kernel.json")))
    assert spec["display_name"] == "Go (yaegi)"
    assert spec["language"] == "go"
    assert os.path.isabs(spec["argv"][0]) and os.path.samefile(spec["argv"][0], exe), spec["argv"]
    assert spec["argv"][1:] == ["kernel", "-f", "{connection_file}"]
    assert spec.get("interrupt_mode") in ("signal", "message")
    for logo in ("logo-32x32.png", "logo-64x64.png"):
        with open(os.path.join(d, logo), "rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n", logo


def test_install_prefix(exe, tmp_path):
    r = run(exe, "install", "--prefix", str(tmp_path))
    assert r.returncode == 0, r.stderr
    _check_spec(tmp_path / "share" / "jupyter" / "kernels" / "golessons", exe)


def test_install_user(exe, tmp_path):
    env = dict(os.environ, HOME=str(tmp_path))
    env.pop("JUPYTER_DATA_DIR", None)
    env.pop("XDG_DATA_HOME", None)
    r = run(exe, "install", "--user", env=env)
    assert r.returncode == 0, r.stderr
    _check_spec(tmp_path / ".local" / "share" / "jupyter" / "kernels" / "golessons", exe)


def test_install_twice_overwrites(exe, tmp_path):
    assert run(exe, "install", "--prefix", str(tmp_path)).returncode == 0
    r = run(exe, "install", "--prefix", str(tmp_path))
    assert r.returncode == 0, r.stderr
