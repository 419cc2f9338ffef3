#!/usr/bin/env python3
"""Two golessons kernels side by side in one run: a change's before and after.

Both kernels are started, then blocks of the same cells run on each in
turn, alternating which goes first, so that load on the machine falls on
both alike. Install the two binaries as kernelspecs first, for example
with `build/golessons install` from two builds into two JUPYTER_PATH
folders, or by hand (`argv`: the binary, `kernel`, `-f`,
`{connection_file}`).

    python bench/sidebyside.py BEFORE_KERNEL AFTER_KERNEL [BLOCKS]
"""

from __future__ import annotations

import statistics
import sys

from run import Session

DECLS = """import "fmt"
type Point struct{ X, Y int }
func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }
var pts = []Point{{1, 2}, {3, 4}}
type E struct{ Code int }
func (e E) Error() string { return "e" }
func mk(i int) error { if i%2 == 0 { return E{i} }; return nil }"""
FUNCS = [
    "func fib(n int) int { if n < 2 { return n }; return fib(n-1) + fib(n-2) }",
    "func sieve(n int) int { comp := make([]bool, n+1); c := 0; for i := 2; i <= n; i++ { if !comp[i] { c++; "
    "for j := i * i; j <= n; j += i { comp[j] = true } } }; return c }",
    "func errs(n int) int { c := 0; for i := 0; i < n; i++ { err := mk(i); if err != nil { c++ } }; return c }",
    "func sel(n int) int { c := make(chan int, 1); s := 0; for i := 0; i < n; i++ { c <- i; "
    "select { case v := <-c: s += v } }; return s }",
    "type Counter struct{ n int }\nfunc (c Counter) Get() int { return c.n }\nfunc (c *Counter) Inc() { c.n++ }\n"
    "func methods(n int) int { c := Counter{}; s := 0; for i := 0; i < n; i++ { c.Inc(); s += c.Get() }; return s }",
    "func deferred(n int) int { s := 0; for i := 0; i < n; i++ { func() { defer func() { s++ }() }() }; return s }",
]
# (label, cell): each timed once per block and kernel.
CELLS = [
    ("`fib(24)`", "_ = fib(24)"),
    ("100,000 `fmt.Println(i)` lines", "for i := 0; i < 100000; i++ { fmt.Println(i) }"),
    ("20,000 `fmt.Println(p, i)` lines, `p` with a `String` method", "for i := 0; i < 20000; i++ { fmt.Println(pts[0], i) }"),
    ("`sieve(300000)` (slice indexing)", "_ = sieve(300000)"),
    ("100,000 calls returning a struct `error` or nil", "_ = errs(100000)"),
    ("100,000 sends each received by a one-case `select`", "_ = sel(100000)"),
    ("50,000 iterations of two method calls", "_ = methods(50000)"),
    ("50,000 calls of a func that defers a closure", "_ = deferred(50000)"),
]
TRIVIAL_PER_BLOCK = 50


def main() -> None:
    before, after = sys.argv[1], sys.argv[2]
    blocks = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    sessions = {before: Session(before), after: Session(after)}
    for s in sessions.values():
        s.start()
        s.run(DECLS)
        for f in FUNCS:
            s.run(f)
    trivial = {k: [] for k in sessions}
    timed = {k: {label: [] for label, _ in CELLS} for k in sessions}
    for b in range(blocks):
        order = [before, after] if b % 2 == 0 else [after, before]
        for k in order:
            s = sessions[k]
            trivial[k] += [s.round_trip("_ = 0") for _ in range(TRIVIAL_PER_BLOCK)]
            for label, cell in CELLS:
                timed[k][label].append(s.run(cell)[0])
    for s in sessions.values():
        s.close()

    def row(label: str, b: float, a: float, unit: str) -> None:
        print(f"| {label} | {b:.3f} {unit} | {a:.3f} {unit} | {a / b:.2f} |")

    print("| measure | before | after | after / before |")
    print("|---|---|---|---|")
    n = blocks * TRIVIAL_PER_BLOCK
    row(f"trivial cell round trip, median ({n:,} cells each)", statistics.median(trivial[before]) * 1000,
        statistics.median(trivial[after]) * 1000, "ms")
    row("trivial cell round trip, fastest", min(trivial[before]) * 1000, min(trivial[after]) * 1000, "ms")
    for label, _ in CELLS:
        row(f"{label}, median of {blocks}", statistics.median(timed[before][label]),
            statistics.median(timed[after][label]), "s")


if __name__ == "__main__":
    main()
