#!/usr/bin/env python3
"""golessons against ipykernel, side by side in one run.

Starts each kernel through jupyter_client, one after the other, runs the
same measurements on both and prints one table (golessons, ipykernel,
ratio) plus a JSON file. `--smoke` runs few iterations so CI keeps the
harness from rotting; the numbers of a smoke run are not worth quoting.

    python bench/run.py                 # full run, writes bench/results.json
    python bench/run.py --smoke         # CI
    python bench/run.py --kernels golessons --json /tmp/b.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import queue
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

import psutil
from jupyter_client.manager import KernelManager

# ---------------------------------------------------------------------------
# the same work, written for each language

GO = {
    "trivial": "_ = 0",
    "lines": 'import "fmt"\nfor i := 0; i < {n}; i++ {{ fmt.Println(i) }}',
    "fib_def": "func fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}",
    "fib": "_ = fib(27)",
    "sleepers": 'import ("sync"; "time")\nvar wg sync.WaitGroup\nfor range 4 {\n\twg.Add(1)\n\tgo func() {\n\t\tdefer wg.Done()\n\t\ttime.Sleep(2 * time.Second)\n\t}()\n}\nwg.Wait()',
    "demos": 'import "golessons/demos"\n_ = demos.WithProcesses("a", "b", "c", "d")',
    "complete": 'import "fmt"\nfmt.Pri',
    "inspect": "fmt.Println",
}
PY = {
    "trivial": "pass",
    "lines": "for i in range({n}):\n    print(i)",
    "fib_def": "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)",
    "fib": "_ = fib(27)",
    "sleepers": "import threading, time\nts = [threading.Thread(target=time.sleep, args=(2,)) for _ in range(4)]\nfor t in ts: t.start()\nfor t in ts: t.join()",
    "demos": None,
    "complete": "import os\nos.pa",
    "inspect": "print",
}
CODE = {"golessons": GO, "python3": PY}
LABEL = {"golessons": "golessons", "python3": "ipykernel"}

# (key, text, unit, goal for golessons, lower is better)
MEASURES = [
    ("cold_start_ms", "cold start -> kernel_info_reply", "ms", "<= 100 ms"),
    ("trivial_median_ms", "trivial cell round trip, median", "ms", "<= 1 ms"),
    ("trivial_p99_ms", "trivial cell round trip, p99", "ms", "<= 3 ms"),
    ("lines_wall_s", "100,000 printed lines: wall", "s", "<= 0.5 s"),
    ("lines_msgs", "100,000 printed lines: stream messages", "", "<= 50"),
    ("lines_lost", "100,000 printed lines: lines lost", "", "0"),
    ("fib27_s", "fib(27) written in a cell", "s", "fast as possible"),
    ("sleepers_s", "4 goroutines/threads x 2 s sleep, wall", "s", "<= 2.010 s"),
    ("rss_mb", "resident memory after the run (kernel + children), RSS sum", "MB", "<= 40 MB"),
    ("pss_mb", "same, proportional (PSS: pages shared by kernel and runner counted once)", "MB", "<= 40 MB"),
    ("demos_s", "demos 4 processes x 2 s, wall", "s", "<= 2.05 s"),
    ("complete_median_ms", "complete_request round trip, median", "ms", "<= 50 ms"),
    ("inspect_median_ms", "inspect_request round trip, median", "ms", "<= 50 ms"),
]


# ---------------------------------------------------------------------------


class Session:
    def __init__(self, name: str):
        self.name = name
        self.km = KernelManager(kernel_name=name)
        self.kc = None

    def start(self) -> float:
        """Start the kernel; return seconds until the first kernel_info_reply."""
        t0 = time.perf_counter()
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        msg_id = self.kc.kernel_info()
        while True:
            m = self.kc.get_shell_msg(timeout=60)
            if m["parent_header"].get("msg_id") == msg_id:
                t = time.perf_counter() - t0
                break
        # make sure iopub is connected before measuring cells
        self.kc.wait_for_ready(timeout=60)
        self.drain()
        return t

    def drain(self) -> None:
        while True:
            try:
                self.kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                return

    def run(self, code: str, timeout: float = 300, count_streams: bool = False):
        """Execute; return (seconds to reply+idle, reply, stdout, n stream msgs)."""
        t0 = time.perf_counter()
        msg_id = self.kc.execute(code)
        reply = None
        idle = False
        chunks: list[str] = []
        n_stream = 0
        deadline = time.monotonic() + timeout
        while reply is None or not idle:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: cell did not finish in {timeout}s: {code[:60]!r}")
            if reply is None:
                try:
                    m = self.kc.get_shell_msg(timeout=0 if not idle else 1)
                    if m["parent_header"].get("msg_id") == msg_id:
                        reply = m
                        continue
                except queue.Empty:
                    pass
            try:
                m = self.kc.get_iopub_msg(timeout=0.001 if reply is None else 1)
            except queue.Empty:
                continue
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            t = m["msg_type"]
            if t == "status" and m["content"]["execution_state"] == "idle":
                idle = True
            elif t == "stream":
                n_stream += 1
                if count_streams:
                    chunks.append(m["content"]["text"])
        wall = time.perf_counter() - t0
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{self.name}: cell failed: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")
        return wall, reply, "".join(chunks), n_stream

    def round_trip(self, code: str) -> float:
        """Send execute, wait for its reply only (what a frontend waits on to
        run the next cell), then swallow the idle status."""
        t0 = time.perf_counter()
        msg_id = self.kc.execute(code)
        while True:
            m = self.kc.get_shell_msg(timeout=60)
            if m["parent_header"].get("msg_id") == msg_id:
                break
        t = time.perf_counter() - t0
        while True:
            m = self.kc.get_iopub_msg(timeout=60)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
        return t

    def assist(self, msg_type: str, code: str) -> float:
        """Round trip of a complete_request / inspect_request at the end of code."""
        kc = self.kc
        content = {"code": code, "cursor_pos": len(code)}
        if msg_type == "inspect_request":
            content["detail_level"] = 0
        msg = kc.session.msg(msg_type, content)
        t0 = time.perf_counter()
        kc.shell_channel.send(msg)
        while True:
            m = kc.get_shell_msg(timeout=60)
            if m["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                break
        t = time.perf_counter() - t0
        if m["content"].get("status") != "ok":
            raise RuntimeError(f"{self.name}: {msg_type} failed: {m['content']}")
        return t

    def _tree_mb(self, measure) -> float:
        """Sum measure(process) over the kernel and all its descendants."""
        pid = self.km.provisioner.process.pid
        procs = [psutil.Process(pid)] + psutil.Process(pid).children(recursive=True)
        total = 0
        for p in procs:
            try:
                total += measure(p)
            except psutil.Error:
                pass
        return total / 1e6

    def rss_mb(self) -> float:
        return self._tree_mb(lambda p: p.memory_info().rss)

    def pss_mb(self) -> float:
        """golessons' kernel and runner are one binary, so their RSS sum
        counts the shared text pages twice; PSS counts them once."""
        return self._tree_mb(lambda p: p.memory_full_info().pss)

    def close(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    if not xs:
        return float("nan")
    i = min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))
    return xs[i]


def bench_kernel(name: str, smoke: bool) -> dict:
    code = CODE[name]
    cold_runs = 1 if smoke else 5
    trivial_n = 20 if smoke else 500
    n_lines = 100_000
    out: dict = {}

    colds = []
    for _ in range(cold_runs):
        s = Session(name)
        try:
            colds.append(s.start())
        finally:
            s.close()
    out["cold_start_ms"] = statistics.median(colds) * 1000
    out["cold_start_all_ms"] = [c * 1000 for c in colds]

    s = Session(name)
    try:
        s.start()
        for _ in range(5):  # warm up
            s.round_trip(code["trivial"])
        rts = [s.round_trip(code["trivial"]) for _ in range(trivial_n)]
        out["trivial_median_ms"] = statistics.median(rts) * 1000
        out["trivial_p99_ms"] = pct(rts, 0.99) * 1000

        wall, _, text, n_msgs = s.run(code["lines"].format(n=n_lines), count_streams=True)
        got = text.splitlines()
        expected = [str(i) for i in range(n_lines)]
        lost = n_lines - sum(1 for a, b in zip(got, expected) if a == b) if len(got) <= n_lines else len(got) - n_lines
        out["lines_wall_s"] = wall
        out["lines_msgs"] = n_msgs
        out["lines_lost"] = lost

        s.run(code["fib_def"])
        out["fib27_s"] = min(s.run(code["fib"])[0] for _ in range(1 if smoke else 3))

        out["sleepers_s"] = s.run(code["sleepers"])[0]

        if code["demos"]:
            out["demos_s"] = s.run(code["demos"])[0]

        n_assist = 5 if smoke else 50
        s.assist("complete_request", code["complete"])  # warm up
        s.assist("inspect_request", code["inspect"])
        out["complete_median_ms"] = statistics.median(s.assist("complete_request", code["complete"]) for _ in range(n_assist)) * 1000
        out["inspect_median_ms"] = statistics.median(s.assist("inspect_request", code["inspect"]) for _ in range(n_assist)) * 1000
        s.drain()
        # Both kernels get a moment of idleness to hand freed heap back, as
        # they would while a student reads the output.
        time.sleep(1.5)
        out["rss_mb"] = s.rss_mb()
        out["pss_mb"] = s.pss_mb()
    finally:
        s.close()
    return out


def machine() -> dict:
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    def version(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
        except Exception:
            return ""
    import ipykernel
    import jupyter_client

    return {
        "date_utc": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "mem_gb": round(psutil.virtual_memory().total / 1e9, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "ipykernel": ipykernel.__version__,
        "jupyter_client": jupyter_client.__version__,
        "golessons": version(["golessons", "version"]) or version([_golessons_exe(), "version"]),
    }


def _golessons_exe() -> str:
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        return KernelSpecManager().get_kernel_spec("golessons").argv[0]
    except Exception:
        return "golessons"


def fmt(v, unit: str) -> str:
    if v is None:
        return "—"
    if isinstance(v, int):
        return f"{v:,}"
    if unit == "ms":
        return f"{v:.2f} ms" if v < 10 else f"{v:.0f} ms"
    if unit == "s":
        return f"{v:.3f} s"
    if unit == "MB":
        return f"{v:.0f} MB"
    return f"{v:g}"


def table(results: dict) -> str:
    rows = [("measure", "golessons", "ipykernel", "ratio (go/py)", "goal")]
    g = results.get("golessons", {})
    p = results.get("python3", {})
    for key, text, unit, goal in MEASURES:
        gv, pv = g.get(key), p.get(key)
        ratio = "—"
        if isinstance(gv, (int, float)) and isinstance(pv, (int, float)) and pv:
            ratio = f"{gv / pv:.3g}"
        rows.append((text, fmt(gv, unit), fmt(pv, unit), ratio, goal))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for i, r in enumerate(rows):
        lines.append("| " + " | ".join(c.ljust(widths[j]) for j, c in enumerate(r)) + " |")
        if i == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="few iterations (CI)")
    ap.add_argument("--kernels", default="golessons,python3", help="comma-separated kernelspec names")
    ap.add_argument("--json", help="where to write results (default bench/results.json, smoke: artifacts/bench-smoke.json)")
    args = ap.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    path = args.json or (os.path.join(root, "artifacts", "bench-smoke.json") if args.smoke else os.path.join(here, "results.json"))

    results: dict = {"machine": machine(), "smoke": args.smoke}
    failed = False
    for name in args.kernels.split(","):
        print(f"benchmarking {LABEL.get(name, name)} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            results[name] = bench_kernel(name, args.smoke)
        except Exception as e:  # keep going: show what we have
            failed = True
            results[name] = {"error": f"{type(e).__name__}: {e}"}
            print(f"  {name} failed: {e}", file=sys.stderr)
        print(f"  done in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    m = results["machine"]
    print(f"\n{m['date_utc']} — {m['cpu']} ({m['cpus']} CPUs, {m['mem_gb']} GB), {m['os']}")
    print(f"golessons {m['golessons']}, ipykernel {m['ipykernel']}, jupyter_client {m['jupyter_client']}{' — SMOKE RUN' if args.smoke else ''}\n")
    print(table(results))
    for name in args.kernels.split(","):
        if "error" in results.get(name, {}):
            print(f"\n{name}: {results[name]['error']}")

    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(results, f, indent=2)
    print(f"\nJSON: {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
