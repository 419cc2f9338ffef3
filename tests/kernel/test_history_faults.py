"""History under faults, through the kernel: shared files, huge entries, no
home folder. Each test has its own history folder (JUPYTER_DATA_DIR)."""

from __future__ import annotations

import json
import os
import time

import pytest


def _search(k, pattern: str) -> list[str]:
    r = k.request("shell", "history_request",
                  {"hist_access_type": "search", "pattern": pattern, "n": 0, "unique": False,
                   "output": False, "raw": True})
    return [h[2] for h in r.reply["content"]["history"]]


def _tail(k, n: int = 50) -> list[str]:
    r = k.request("shell", "history_request",
                  {"hist_access_type": "tail", "n": n, "output": False, "raw": True})
    return [h[2] for h in r.reply["content"]["history"]]


def _fill(path, lines: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(path, "a") as f:
        for i in range(lines):
            f.write(json.dumps({"session": 1, "line": i + 1, "input": f"old {i}"}) + "\n")


def test_compaction_by_one_kernel_keeps_the_others_later_cells(make_kernel, tmp_path):
    data = tmp_path / "data"
    hist = data / "golessons" / "history.jsonl"
    env = {"JUPYTER_DATA_DIR": str(data)}
    _fill(hist, 11_000)
    a = make_kernel(env=env)
    try:
        a.execute("1").ok()  # a has read the file and holds it open
        _fill(hist, 1_100)  # other kernels' cells: the file is now due for compaction
        b = make_kernel(env=env)  # b compacts it (a new file renamed into place)
        try:
            b.execute('"b was here"').ok()
            a.execute('"a after compaction"').ok()
            a.execute('"a again"').ok()
        finally:
            b.close()
    finally:
        a.close()
    assert sum(1 for _ in open(hist)) < 12_000, "the file was not compacted: the test proves nothing"
    c = make_kernel(env=env)
    try:
        found = _search(c, '"a*')
        assert '"a after compaction"' in found and '"a again"' in found, found
        assert _search(c, '"b was here"') == ['"b was here"']
    finally:
        c.close()


def test_overlong_history_line_breaks_nothing(make_kernel, tmp_path):
    data = tmp_path / "data"
    hist = data / "golessons" / "history.jsonl"
    hist.parent.mkdir(parents=True, mode=0o700)
    with open(hist, "w") as f:
        f.write(json.dumps({"session": 1, "line": 1, "input": "x" * (17 << 20)}) + "\n")
        f.write(json.dumps({"session": 1, "line": 2, "input": "after the long line"}) + "\n")
    env = {"JUPYTER_DATA_DIR": str(data)}
    k = make_kernel(env=env)
    try:
        assert "after the long line" in _tail(k)
        k.execute('"written after"').ok()
    finally:
        k.close()
    k2 = make_kernel(env=env)
    try:
        assert _search(k2, '"written after"') == ['"written after"']
    finally:
        k2.close()


def test_big_values_do_not_stay_in_kernel_memory(make_kernel, tmp_path):
    k = make_kernel(env={"JUPYTER_DATA_DIR": str(tmp_path / "data")})
    try:
        k.execute('import "strings"\nfunc big(c string) string { return strings.Repeat(c, 17<<20) }').ok()
        k.execute('big("a")', on_iopub=lambda m: True).ok()
        time.sleep(1)
        before = k.proc.memory_info().rss
        for c in "bcdef":
            k.execute(f'big("{c}")', timeout=60, on_iopub=lambda m: True).ok()
        time.sleep(1)
        grew = (k.proc.memory_info().rss - before) >> 20
        # Before: five 17 MB values kept whole, +211 MiB; each still passes
        # through the kernel on its way to iopub.
        assert grew < 80, f"kernel RSS grew by {grew} MiB over five 17 MB values"
        out = k.request("shell", "history_request",
                        {"hist_access_type": "tail", "n": 1, "output": True, "raw": True})
        _, _, (inp, outp) = out.reply["content"]["history"][0]
        assert inp == 'big("f")' and len(outp) < 100_000 and "not kept in history" in outp
    finally:
        k.close()


def test_no_home_never_uses_a_shared_folder(make_kernel, tmp_path):
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    # What the kernel used before: $TMPDIR/.local/share/golessons, created
    # beforehand by someone else, world-readable.
    planted = shared / ".local" / "share" / "golessons" / "history.jsonl"
    planted.parent.mkdir(parents=True)
    for d in (planted.parent, planted.parent.parent, planted.parent.parent.parent):
        os.chmod(d, 0o777)
    planted.write_text("")
    os.chmod(planted, 0o666)
    env = {"HOME": "", "TMPDIR": str(shared), "JUPYTER_DATA_DIR": "", "XDG_DATA_HOME": ""}
    k = make_kernel(env=env)
    try:
        k.execute('"a secret cell 4711"').ok()
        assert "a secret cell 4711" in " ".join(_tail(k))  # kept in memory at least
    finally:
        k.close()
    assert "4711" not in planted.read_text(), "history written into a shared temp folder"


def test_world_writable_history_folder_refused(make_kernel, tmp_path):
    data = tmp_path / "data"
    (data / "golessons").mkdir(parents=True)
    os.chmod(data / "golessons", 0o777)
    log = tmp_path / "kernel.stderr"
    with open(log, "wb") as f:
        k = make_kernel(env={"JUPYTER_DATA_DIR": str(data)}, stderr=f)
    try:
        k.execute('"private 815"').ok()
    finally:
        k.close()
    assert not (data / "golessons" / "history.jsonl").exists()
    assert "writable by other users" in log.read_text()
