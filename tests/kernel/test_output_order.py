"""Lines a cell writes to stdout and stderr reach the frontend in the order
they were written, across the two streams, while a flood stays batched."""

from __future__ import annotations


def _lines(r):
    """(stream, line) pairs in the order the stream messages arrived."""
    out = []
    for m in r.of_type("stream"):
        for line in m["content"]["text"].splitlines():
            out.append((m["content"]["name"], line))
    return out


def test_fmt_to_stdout_and_stderr_keeps_order(kernel):
    r = kernel.execute(
        'import "fmt"\nimport "os"\n'
        'fmt.Println("out 1")\nfmt.Fprintln(os.Stderr, "err 2")\nfmt.Println("out 3")\n'
        'fmt.Fprintf(os.Stderr, "err %d\\n", 4)\nfmt.Print("out 5\\n")'
    ).ok()
    assert _lines(r) == [
        ("stdout", "out 1"), ("stderr", "err 2"), ("stdout", "out 3"),
        ("stderr", "err 4"), ("stdout", "out 5"),
    ], r.describe()


def test_log_and_fmt_keep_order(kernel):
    r = kernel.execute(
        'import "fmt"\nimport "log"\nlog.SetFlags(0)\n'
        'for i := 0; i < 3; i++ {\n\tfmt.Println("step", i)\n\tlog.Println("logged", i)\n}'
    ).ok()
    want = []
    for i in range(3):
        want += [("stdout", f"step {i}"), ("stderr", f"logged {i}")]
    assert _lines(r) == want, r.describe()


def test_stderr_of_a_goroutine_keeps_order_with_stdout(kernel):
    r = kernel.execute(
        'import "fmt"\nimport "os"\n'
        'done := make(chan bool)\n'
        'go func() { fmt.Fprintln(os.Stderr, "from goroutine"); done <- true }()\n'
        '<-done\nfmt.Println("after goroutine")'
    ).ok()
    assert _lines(r) == [("stderr", "from goroutine"), ("stdout", "after goroutine")], r.describe()


def test_long_stderr_text_arrives_whole_and_in_place(kernel):
    r = kernel.execute(
        'import "fmt"\nimport "os"\nimport "strings"\n'
        'fmt.Println("before")\n'
        'fmt.Fprintln(os.Stderr, strings.Repeat("é", 20000))\n'
        'fmt.Println("after")'
    ).ok()
    assert r.stderr == "é" * 20000 + "\n", r.describe()
    names = [m["content"]["name"] for m in r.of_type("stream")]
    first_err, last_err = names.index("stderr"), len(names) - 1 - names[::-1].index("stderr")
    assert names[0] == "stdout" and names[-1] == "stdout", names
    assert all(n == "stderr" for n in names[first_err:last_err + 1]), names


def test_interleaved_flood_is_complete_and_batched(kernel):
    r = kernel.execute(
        'import "fmt"\nimport "log"\nlog.SetFlags(0)\n'
        'for i := 0; i < 20000; i++ {\n\tfmt.Println("o", i)\n}\n'
        'log.Println("done")',
        timeout=120,
    ).ok()
    out = r.stdout.splitlines()
    assert out == [f"o {i}" for i in range(20000)]
    assert r.stderr == "done\n"
    assert len(r.of_type("stream")) < 200, "a flood must stay batched"
    assert _lines(r)[-1] == ("stderr", "done")


def test_own_logger_on_stderr_keeps_order(kernel):
    r = kernel.execute(
        'import "fmt"\nimport "log"\nimport "os"\n'
        'lg := log.New(os.Stderr, "app: ", 0)\n'
        'fmt.Println("one")\nlg.Println("two")\nfmt.Println("three")'
    ).ok()
    assert _lines(r) == [("stdout", "one"), ("stderr", "app: two"), ("stdout", "three")], r.describe()


def test_the_note_on_goroutines_left_running_comes_after_the_cells_output(kernel):
    r = kernel.execute(
        'import ("fmt"; "time")\n'
        'go time.Sleep(time.Hour)\n'
        'for i := range 2000 {\n\tfmt.Println("line", i)\n}'
    ).ok()
    lines = _lines(r)
    assert lines[-1][0] == "stderr" and "still running" in lines[-1][1], r.describe()
    assert [l for s, l in lines if s == "stdout"] == [f"line {i}" for i in range(2000)]


def test_a_cell_ending_in_its_own_panic_or_exit_says_which_goroutines_it_left(fresh_kernel):
    k = fresh_kernel
    r = k.execute('import ("os"; "time")\ngo time.Sleep(time.Hour)\npanic("cell failed")')
    assert r.status == "error" and "cell failed" in r.error_text, r.describe()
    assert "1 goroutine still running: 1 × time.Sleep" in r.stderr, r.describe()
    r = k.execute('go time.Sleep(time.Hour)\nos.Exit(3)')
    assert r.status == "error" and "1 goroutine still running" in r.stderr, r.describe()
    # a goroutine's own panic stops the cell's goroutines: nothing is said of them
    r = k.execute('go func() { panic("g") }()\ntime.Sleep(time.Hour)', timeout=20)
    assert "goroutine panic: g" in r.error_text and "still running" not in r.stderr, r.describe()
