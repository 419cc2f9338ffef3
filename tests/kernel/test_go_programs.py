"""Whole Go programs pasted into a cell print what `go run` prints.

Each ``testdata/programs/NAME.go`` is a complete program; ``testdata/programs/NAME.out`` is
what ``go run NAME.go`` printed when the file was written. The kernel's
output is compared with that file, and, where a Go toolchain is on PATH
(as in CI), ``go run`` is run again and compared too, so a stale ``.out``
cannot hide a wrong answer.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess

import pytest

from kernelharness import Kernel

PROGRAMS = pathlib.Path(__file__).parent / "testdata" / "programs"  # testdata: not a Go package to go build ./...
NAMES = sorted(p.stem for p in PROGRAMS.glob("*.go"))


def expected(name: str) -> str:
    return (PROGRAMS / f"{name}.out").read_text()


@pytest.mark.parametrize("name", NAMES)
def test_go_run_prints_the_recorded_output(name, tmp_path):
    go = shutil.which("go")
    if go is None:
        pytest.skip("no Go toolchain on PATH")
    # A copy outside the module keeps `go run` from reading the repo's go.mod;
    # the data files (//go:embed) go with it.
    for f in PROGRAMS.iterdir():
        if f.suffix not in (".go", ".out") or f.stem == name:
            shutil.copy(f, tmp_path / f.name)
    src = tmp_path / f"{name}.go"
    env = dict(os.environ, GOFLAGS="-mod=mod", GO111MODULE="on")
    r = subprocess.run([go, "run", src.name], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout == expected(name)


@pytest.mark.parametrize("name", NAMES)
def test_program_pasted_in_a_cell_prints_the_same(name, make_kernel):
    # The kernel's working directory is the notebook's folder: here, testdata/programs/.
    k: Kernel = make_kernel(cwd=str(PROGRAMS))
    try:
        r = k.execute((PROGRAMS / f"{name}.go").read_text(), timeout=60).ok()
        assert r.stdout == expected(name), r.describe()
    finally:
        k.close()


def test_main_called_again_from_a_later_cell(kernel):
    kernel.execute('package main\nimport "fmt"\nvar runs int\nfunc main() { runs++; fmt.Println("run", runs) }').ok()
    r = kernel.execute("main()", timeout=10).ok()
    assert r.stdout == "run 2\n", r.describe()
    r = kernel.execute("main()\nmain()", timeout=10).ok()
    assert r.stdout == "run 3\nrun 4\n", r.describe()


def test_log_shortfile_names_the_cell_line(kernel):
    code = 'import ("log"; "os")\nlog.SetOutput(os.Stdout)\nlog.SetFlags(log.Lshortfile)\n\nlog.Println("here")'
    r = kernel.execute(code).ok()
    assert r.stdout == "cell:5: here\n", r.describe()


def test_a_recursive_iterator_adapter_runs(kernel):
    r = kernel.execute(
        'import ("fmt"; "iter"; "slices")\n'
        "func Evens[T any](seq iter.Seq[T]) iter.Seq[T] {\n"
        "    return func(yield func(T) bool) { for v := range seq { if !yield(v) { return } } }\n"
        "}\n"
        "func Nth[T any](seq iter.Seq[T], n int) iter.Seq[T] { if n == 0 { return seq }; return Nth(Evens(seq), n-1) }\n"
        "for x := range Nth(slices.Values([]int{1, 2}), 2) { fmt.Println(x) }"
    )
    assert r.status == "ok" and r.stdout == "1\n2\n", r.describe()


def test_what_cannot_work_says_why(kernel):
    r = kernel.execute('import "embed"\n//go:embed *.txt\nvar files embed.FS')
    assert r.status == "error" and "embed.FS is not available" in r.error_text, r.describe()


def test_type_name_the_kernel_cannot_know_is_never_a_wrong_one(kernel):
    # A value of a named non-struct type held in an interface reaches fmt as
    # its underlying type: %T names every type it may be, not just one.
    kernel.execute('import "fmt"\ntype Days []int').ok()
    r = kernel.execute(
        'func kind(v any) string { return fmt.Sprintf("%T", v) }\n'
        'd := Days{1}\n'
        'fmt.Printf("%T %s %s\\n", d, kind(d), kind(2.5))'
    ).ok()
    assert r.stdout == "main.Days []int|main.Days float64\n", r.describe()


def test_iterator_copies_survive_a_runner_restart(fresh_kernel):
    # The runner is killed; the new one replays the declarations, whose
    # iterator calls must again become concrete copies.
    k = fresh_kernel
    k.execute('import ("fmt"; "iter"; "maps"; "slices")\nvar stock = map[string]int{"b": 2, "a": 1, "c": 3}').ok()
    k.execute(
        "func Evens[T any](seq iter.Seq[T]) iter.Seq[T] {\n"
        "    return func(yield func(T) bool) { i := 0; for v := range seq { if i%2 == 0 && !yield(v) { return }; i++ } }\n"
        "}\n"
        "func names() []string { return slices.Collect(Evens(slices.Values(slices.Sorted(maps.Keys(stock))))) }"
    ).ok()
    runner = k.runner()
    runner.kill()
    runner.wait(10)
    r = k.execute("fmt.Println(names())", timeout=60).ok()
    assert k.runner().pid != runner.pid, "the runner was not replaced: the test proves nothing"
    assert r.stdout == "[a c]\n", r.describe()
