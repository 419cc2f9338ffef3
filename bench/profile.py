#!/usr/bin/env python3
"""Profile golessons (kernel and runner processes) phase by phase.

Starts the golessons kernel through jupyter_client with GOLESSONS_PPROF_DIR
set (kernel/pprof.go), runs the bench's work in phases and, after each
phase, sends SIGUSR1 to both processes, which makes each write its CPU,
allocation and heap profiles and start the next CPU profile:

    n=0  start-up and one trivial cell      n=2  100,000 printed lines (x3)
    n=1  trivial cells                       n=3  fib(27) (x3)

Files: DIR/{kernel,runner}-<pid>-<n>.{cpu,allocs,heap}.pprof. Read them
with e.g. `go tool pprof -top -cum build/golessons DIR/runner-*-3.cpu.pprof`;
allocation profiles are cumulative, so subtract the previous phase with
`-base DIR/kernel-*-0.allocs.pprof`. See bench/README.md, "Profile".

    .venv/bin/python bench/profile.py /tmp/prof [--cells 3000]
"""

from __future__ import annotations

import argparse
import os
import signal
import time

import psutil

from run import GO, Session


def dump(pids: list[int]) -> None:
    for pid in pids:
        os.kill(pid, signal.SIGUSR1)
    time.sleep(0.5)  # the profiles are written asynchronously


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", help="where the processes write their profiles")
    ap.add_argument("--cells", type=int, default=3000, help="trivial cells in phase 1")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    os.environ["GOLESSONS_PPROF_DIR"] = os.path.abspath(args.dir)

    s = Session("golessons")
    s.start()
    try:
        s.run(GO["trivial"])  # the runner is up once a cell ran
        kernel = psutil.Process(s.km.provisioner.process.pid)
        pids = [kernel.pid] + [c.pid for c in kernel.children()]
        dump(pids)
        phases = [
            ("trivial cell", GO["trivial"], args.cells),
            ("100,000 lines", GO["lines"].format(n=100_000), 3),
            ("fib(27)", GO["fib"], 3),
        ]
        for name, code, n in phases:
            if code == GO["fib"]:
                s.run(GO["fib_def"])
            t = time.perf_counter()
            for _ in range(n):
                s.run(code)
            print(f"{name}: {(time.perf_counter() - t) / n * 1000:.2f} ms each ({n} runs)")
            dump(pids)
    finally:
        s.close()
    print(f"profiles in {args.dir}")


if __name__ == "__main__":
    main()
