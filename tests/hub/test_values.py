"""deploy/jupyterhub/values.yaml stays consistent with the image it deploys.

No Kubernetes runs here, so these checks tie the values file to the
Dockerfile and the kernel's settings: a drift between them would only show
on a cluster, in front of a class.
"""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
VALUES = yaml.safe_load((ROOT / "deploy" / "jupyterhub" / "values.yaml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
UNITS = {"": 1, "K": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30,
         "KiB": 2**10, "MiB": 2**20, "GiB": 2**30}


def size(text):
    m = re.fullmatch(r"([\d.]+)\s*([KMG]i?B?)?", str(text))
    assert m, f"not a size: {text!r}"
    return float(m.group(1)) * UNITS[m.group(2) or ""]


def test_singleuser_runs_the_image_as_its_user():
    single = VALUES["singleuser"]
    assert single["image"]["name"].endswith("/golessons")
    assert single["image"]["tag"] not in ("", "latest")
    assert single["cmd"] == "jupyterhub-singleuser"
    uid = re.search(r"useradd [^\n]*--uid (\d+)", DOCKERFILE).group(1)
    gid = re.search(r"useradd [^\n]*--gid (\d+)", DOCKERFILE).group(1)
    assert str(single["uid"]) == uid and str(single["fsGid"]) == gid
    home = re.search(r"useradd [^\n]* (\w+)\s*$", DOCKERFILE, re.M).group(1)
    assert single["storage"]["homeMountPath"] == f"/home/{home}"
    # Lab opens on the folder the image's start script copies the lessons to.
    assert single["defaultUrl"] == "/lab/tree/lessons"
    assert "jupyterhub==" in (ROOT / "requirements" / "runtime.txt").read_text()


def test_resources_fit_a_class():
    single = VALUES["singleuser"]
    mem, cpu = single["memory"], single["cpu"]
    assert size(mem["guarantee"]) <= size(mem["limit"])
    assert 0 < cpu["guarantee"] <= cpu["limit"]
    # The kernel's own limit must trip before the pod's, or a runaway cell
    # gets the whole server OOM-killed instead of a restarted runner.
    assert size(single["extraEnv"]["GOLESSONS_MEMORY_LIMIT"]) < size(mem["limit"])
    # 200 students plus staff.
    assert VALUES["hub"]["activeServerLimit"] >= 200
    assert VALUES["cull"]["enabled"] and 0 < VALUES["cull"]["timeout"] <= 4 * 3600
