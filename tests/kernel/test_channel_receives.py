"""Values received from channels are ordinary variables, at a cell's top level too.

yaegi stores a received value where it cannot be changed (v++ after
`v := <-c` panics) and cannot declare `v, ok := <-c` at the global scope;
the kernel rewrites both. The same forms inside funcs are covered by
testdata/programs/channel_receives.go (compared with `go run`).
"""

from __future__ import annotations

import pytest

SETUP = (
    'import ("context"; "fmt"; "time")\n'
    "type point struct{ X, Y int }\n"
    "type pipe struct{ ch chan int }\n"
)

FILL = "c := make(chan int, 4)\nc <- 1\nc <- 2\nc <- 3\nc <- 4\n"

# Each case: a cell run after SETUP and FILL, and what it prints.
TOP_LEVEL = {
    "v := <-c then v++": ("v := <-c\nv++\nfmt.Println(v)", "2\n"),
    "v := <-c then v += 10, v = v*2": ("v := <-c\nv += 10\nv = v * 2\nfmt.Println(v)", "22\n"),
    "v := <-c then &v": ("v := <-c\np := &v\n*p = 9\nfmt.Println(v)", "9\n"),
    "var v = <-c": ("var v = <-c\nv++\nfmt.Println(v)", "2\n"),
    "v = <-c into a declared var": ("var v int\nv = <-c\nv++\nfmt.Println(v)", "2\n"),
    "v, ok := <-c": ("v, ok := <-c\nv++\nfmt.Println(v, ok)", "2 true\n"),
    "var v, ok = <-c": ("var v, ok = <-c\nv--\nfmt.Println(v, ok)", "0 true\n"),
    "_, ok := <-c": ("_, ok := <-c\nfmt.Println(ok)", "true\n"),
    "v, ok := <-c on a closed channel": (
        "close(c)\nfor range 4 { <-c }\nv, ok := <-c\nv++\nfmt.Println(v, ok)",
        "1 false\n",
    ),
    "v, ok := <-s.ch": ("s := pipe{ch: c}\nv, ok := <-s.ch\nv *= 5\nfmt.Println(v, ok)", "5 true\n"),
    "v := <-chs[i]": ("chs := []chan int{c}\nv := <-chs[0]\nv++\nfmt.Println(v)", "2\n"),
    "struct value, field set": (
        "ps := make(chan point, 1)\nps <- point{1, 2}\np, ok := <-ps\np.X = 10\nfmt.Println(p, ok)",
        "{10 2} true\n",
    ),
    "slice value, appended": (
        "ls := make(chan []int, 1)\nls <- []int{1}\nl := <-ls\nl = append(l, 2)\nfmt.Println(l)",
        "[1 2]\n",
    ),
    "select with v, ok := <-s.ch": (
        "s := pipe{ch: c}\nselect {\ncase v, ok := <-s.ch:\n\tv++\n\tfmt.Println(v, ok)\n}",
        "2 true\n",
    ),
    "for v := range c": ("close(c)\nt := 0\nfor v := range c {\n\tv *= 2\n\tt += v\n}\nfmt.Println(t)", "20\n"),
    "time.After": (
        "t := <-time.After(time.Millisecond)\nt = t.Add(time.Hour)\nfmt.Println(time.Until(t) > time.Minute)",
        "true\n",
    ),
    "ctx.Done": (
        "ctx, cancel := context.WithCancel(context.Background())\ncancel()\n<-ctx.Done()\n"
        "d, open := <-ctx.Done()\nfmt.Println(d, open)",
        "{} false\n",
    ),
}


@pytest.mark.parametrize("cell", list(TOP_LEVEL), ids=list(TOP_LEVEL))
def test_received_value_changed_at_top_level(make_kernel, cell):
    code, want = TOP_LEVEL[cell]
    k = make_kernel()
    try:
        k.execute(SETUP, timeout=30).ok()
        r = k.execute(FILL + code, timeout=30).ok()
        assert r.stdout == want, r.describe()
        assert "nil type" not in r.stderr, r.describe()
    finally:
        k.close()


def test_received_variables_kept_for_later_cells(kernel):
    kernel.execute('import "fmt"', timeout=30).ok()
    kernel.execute("ch := make(chan int, 1)\nch <- 41\nn, ok := <-ch", timeout=30).ok()
    r = kernel.execute("n++\nfmt.Println(n, ok)", timeout=30).ok()
    assert r.stdout == "42 true\n", r.describe()


def test_rewritten_receive_still_reported_in_a_deadlock(kernel):
    r = kernel.execute("never := make(chan int)\nv, ok := <-never\nv++\n_ = ok", timeout=30)
    assert r.status == "error" and "all goroutines are asleep - deadlock!" in r.error_text, r.describe()
    assert "line 2:" in r.error_text, r.describe()


def test_select_on_a_field_still_reported_in_a_deadlock(kernel):
    code = (
        "type box struct{ ch chan int }\n"
        "ch := make(chan int)\nb := box{ch: ch}\n"
        "select {\ncase v, ok := <-b.ch:\n\t_, _ = v, ok\n}"
    )
    r = kernel.execute(code, timeout=30)
    assert r.status == "error" and "all goroutines are asleep - deadlock!" in r.error_text, r.describe()
    assert "[select]: line 4:" in r.error_text, r.describe()
