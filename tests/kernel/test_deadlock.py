"""Deadlocks named in Go's words, waits that end by themselves left alone.

A compiled Go program whose goroutines all block dies with
`fatal error: all goroutines are asleep - deadlock!`; the kernel says the
same within 2 s of the cell blocking, with one line per stuck goroutine
(its wait and its cell line), and keeps the student's variables. A wait
that can end by itself must never be called a deadlock.
"""

from __future__ import annotations

import re
import time

import pytest

DEADLOCK = "all goroutines are asleep - deadlock!"

# Each case: the cell, then the stuck lines the report must contain
# (regular expressions, matched against whole traceback lines).
CLASSIC = {
    "send without receiver": (
        "ch := make(chan int)\nch <- 1",
        [r"goroutine 1 \[chan send\]: line 2:1: ch <- 1"],
    ),
    "receive without sender": (
        'import "fmt"\nch := make(chan int)\nv := <-ch\nfmt.Println(v)',
        [r"goroutine 1 \[chan receive\]: line 3:\d+: v := <-ch"],
    ),
    "empty select": (
        "select {}",
        [r"goroutine 1 \[select \(no cases\)\]: line 1:1: select \{\}"],
    ),
    "WaitGroup never done": (
        'import "sync"\nvar wg sync.WaitGroup\nwg.Add(2)\ngo func() { defer wg.Done() }()\nwg.Wait()',
        [r"goroutine 1 \[sync.WaitGroup.Wait\]: line 5:1: wg.Wait\(\)"],
    ),
    "deferred wg.Wait at the cell's top level": (
        'import "sync"\nvar wg sync.WaitGroup\nwg.Add(1)\ndefer wg.Wait()\nch := make(chan int, 1)\nch <- 1',
        [r"goroutine 1 \[sync.WaitGroup.Wait\]: line 4:7: defer wg.Wait\(\)"],
    ),
    "deferred wg.Wait in a program's main": (
        'import "sync"\nfunc main() {\n\tvar wg sync.WaitGroup\n\twg.Add(1)\n\tdefer wg.Wait()\n}',
        [r"goroutine 1 \[sync.WaitGroup.Wait\]: line 5:8: defer wg.Wait\(\)"],
    ),
    "mutex locked twice": (
        'import "sync"\nvar mu sync.Mutex\nmu.Lock()\nmu.Lock()',
        [r"goroutine 1 \[sync.Mutex.Lock\]: line 4:1: mu.Lock\(\)"],
    ),
    "one receive too many": (
        'import "fmt"\nnums := make(chan int)\ngo func() {\n\tfor i := 0; i < 3; i++ {\n\t\tnums <- i\n\t}\n}()\n'
        "for i := 0; i < 4; i++ {\n\tfmt.Println(<-nums)\n}",
        [r"goroutine 1 \[chan receive\]: line 9:\d+: fmt.Println\(<-nums\)"],
    ),
    "results drained only after wg.Wait": (
        'import "sync"\nresults := make(chan int)\nvar wg sync.WaitGroup\nfor i := range 3 {\n\twg.Add(1)\n'
        "\tgo func() {\n\t\tdefer wg.Done()\n\t\tresults <- i * i\n\t}()\n}\nwg.Wait()\nclose(results)\n"
        "for r := range results {\n\t_ = r\n}",
        [r"goroutine 1 \[sync.WaitGroup.Wait\]: line 11:1: wg.Wait\(\)"]
        + [r"goroutine \d+ \[chan send\]: line 8:3: results <- i \* i"] * 3,
    ),
    "full buffered channel": (
        'queue := make(chan string, 2)\nqueue <- "a"\nqueue <- "b"\nqueue <- "c"',
        [r'goroutine 1 \[chan send\]: line 4:1: queue <- "c"'],
    ),
    "range over a channel nobody closes": (
        'import "fmt"\nwords := make(chan string)\ngo func() {\n\twords <- "go"\n\twords <- "on"\n}()\n'
        "for w := range words {\n\tfmt.Println(w)\n}",
        [r"goroutine 1 \[chan receive\]: line 7:1: for w := range words \{"],
    ),
    "nil channel": (
        "var never chan int\n<-never",
        [r"goroutine 1 \[chan receive \(nil chan\)\]: line 2:1: <-never"],
    ),
    "range over a nil channel": (
        "var none chan int\nfor v := range none {\n\t_ = v\n}",
        [r"goroutine 1 \[chan receive \(nil chan\)\]: line 2:1: for v := range none \{"],
    ),
    "inside a function of the cell": (
        "func pingPong(in, out chan int) {\n\tv := <-in\n\tout <- v + 1\n}\n"
        "a, b := make(chan int), make(chan int)\ngo pingPong(a, b)\ngo pingPong(b, a)\nselect {}",
        [r"goroutine 1 \[select \(no cases\)\]: line 8:1: select \{\}"]
        + [r"goroutine \d+ \[chan receive\]: line 2:\d+: v := <-in"] * 2,
    ),
}


@pytest.fixture(scope="module")
def dl_kernel(make_kernel):
    k = make_kernel()
    yield k
    k.close()


def traceback_lines(r) -> list[str]:
    return [ln for e in r.errors for ln in e.get("traceback", [])]


@pytest.mark.parametrize("name", list(CLASSIC))
def test_classic_deadlock_is_named_with_its_lines(dl_kernel, name):
    code, expected = CLASSIC[name]
    # a variable set before the deadlock must survive it
    dl_kernel.execute(f"kept := {len(name)}").ok()
    r = dl_kernel.execute(code, timeout=15)
    assert r.status == "error", r.describe()
    assert r.content["ename"] == "fatal error", r.describe()
    assert r.content["evalue"] == DEADLOCK, r.describe()
    assert r.t_reply - r.t_sent < 2.0, f"named after {r.t_reply - r.t_sent:.2f}s\n" + r.describe()
    tb = traceback_lines(r)
    assert tb and tb[0] == "fatal error: " + DEADLOCK, r.describe()
    stuck = [ln for ln in tb if ln.startswith("goroutine ")]
    for pat in expected:
        hit = [ln for ln in stuck if re.fullmatch(pat, ln)]
        assert hit, f"no line matching {pat!r} in\n" + "\n".join(stuck)
        stuck.remove(hit[0])
    # goroutines stuck since an earlier case may follow, but only those
    assert all("of an earlier cell" in ln for ln in stuck), "\n".join(stuck)
    # the next cell works and the variables are kept
    after = dl_kernel.execute("kept * 2", timeout=10).ok()
    assert after.result_text == str(2 * len(name)), after.describe()


# Waits that end by themselves: each takes longer than the check needs to
# decide (two looks, 0.65 s) and must finish normally.
SELF_ENDING = {
    "time.Sleep then send": (
        'import "time"\nch := make(chan int)\ngo func() {\n\ttime.Sleep(1200 * time.Millisecond)\n\tch <- 1\n}()\n<-ch',
        "1",
    ),
    "time.After": ('import "time"\n<-time.After(1200 * time.Millisecond)\n"done"', '"done"'),
    "ticker": (
        'import "time"\nt := time.NewTicker(300 * time.Millisecond)\nn := 0\nfor range 4 {\n\t<-t.C\n\tn++\n}\nt.Stop()\nn',
        "4",
    ),
    "time.AfterFunc": (
        'import "time"\nch := make(chan string)\ntime.AfterFunc(1200*time.Millisecond, func() { ch <- "fired" })\n<-ch',
        '"fired"',
    ),
    "context deadline": (
        'import ("context"; "time")\nctx, cancel := context.WithTimeout(context.Background(), 1200*time.Millisecond)\n'
        "<-ctx.Done()\ncancel()\nctx.Err()",
        "context deadline exceeded",
    ),
    "select on a channel or a timeout": (
        'import "time"\nch := make(chan int)\nselect {\ncase v := <-ch:\n\t_ = v\ncase <-time.After(1200 * time.Millisecond):\n}\n"timed out"',
        '"timed out"',
    ),
    "child process": ('import "os/exec"\nexec.Command("sleep", "1.2").Run()', "<nil>"),
    "network I/O": (
        'import ("net"; "time")\nl, _ := net.Listen("tcp", "127.0.0.1:0")\ngo func() {\n\ttime.Sleep(1200 * time.Millisecond)\n'
        '\tc, _ := net.Dial("tcp", l.Addr().String())\n\tc.Close()\n}()\nc, err := l.Accept()\nc.Close()\nl.Close()\nerr',
        "<nil>",
    ),
    "pipe read": (
        'import ("io"; "os"; "time")\nr, w, _ := os.Pipe()\ngo func() {\n\ttime.Sleep(1200 * time.Millisecond)\n'
        '\tw.Write([]byte("piped"))\n\tw.Close()\n}()\nb, _ := io.ReadAll(r)\nstring(b)',
        '"piped"',
    ),
    "mutex held by a sleeping goroutine": (
        'import ("sync"; "time")\nvar m sync.Mutex\nm.Lock()\ngo func() {\n\ttime.Sleep(1200 * time.Millisecond)\n\tm.Unlock()\n}()\n'
        'm.Lock()\n"got it"',
        '"got it"',
    ),
    "compiled demos code": (
        'import ("time"; "golessons/demos")\ndemos.RunGoroutines(func(string) { time.Sleep(1200 * time.Millisecond) }, "a", "b")\n"demos done"',
        '"demos done"',
    ),
}


@pytest.fixture(scope="module")
def calm_kernel(make_kernel):
    k = make_kernel()
    yield k
    k.close()


@pytest.mark.parametrize("name", list(SELF_ENDING))
def test_wait_that_ends_by_itself_is_not_a_deadlock(calm_kernel, name):
    code, want = SELF_ENDING[name]
    r = calm_kernel.execute(code, timeout=20)
    assert r.status == "ok", r.describe()
    assert DEADLOCK not in r.error_text + r.stderr, r.describe()
    assert r.result_text == want, r.describe()


def test_input_box_wait_is_not_a_deadlock(calm_kernel):
    def answer(req):
        time.sleep(1.2)
        return "Gopher"

    code = 'import "fmt"\nvar name string\nfmt.Scanln(&name)\n"hello " + name'
    r = calm_kernel.execute(code, allow_stdin=True, stdin_handler=answer, timeout=20)
    assert r.status == "ok", r.describe()
    assert r.result_text == '"hello Gopher"', r.describe()


def test_goroutine_of_an_earlier_cell_that_sends_later(calm_kernel):
    calm_kernel.execute(
        'import "time"\nlate := make(chan string)\ngo func() {\n\ttime.Sleep(1500 * time.Millisecond)\n\tlate <- "late"\n}()'
    ).ok()
    r = calm_kernel.execute("<-late", timeout=20)
    assert r.status == "ok", r.describe()
    assert r.result_text == '"late"', r.describe()


def test_a_deadlock_says_it_stopped_the_goroutines_of_earlier_cells(fresh_kernel):
    k = fresh_kernel
    k.execute('a := make(chan int)\nb := make(chan int)\ngo func() { v := <-a; b <- v + 1 }()').ok()
    r = k.execute("c := make(chan int)\n<-c", timeout=15)
    assert r.content["ename"] == "fatal error", r.describe()
    tb = traceback_lines(r)
    assert any("of an earlier cell" in ln for ln in tb), r.describe()
    assert "so were the goroutines of earlier cells" in tb[-1], r.describe()
    # a deadlock of this cell's own goroutines alone says nothing of them
    r = k.execute("d := make(chan int)\n<-d", timeout=15)
    assert traceback_lines(r)[-1] == "The cell was stopped; your variables are kept.", r.describe()
    # one waiting in the sync package cannot be stopped, and the report says so
    k.execute('import "sync"\nvar mu sync.Mutex\nmu.Lock()\ngo func() { mu.Lock() }()').ok()
    r = k.execute("select {}", timeout=15)
    tb = traceback_lines(r)
    assert any("[sync.Mutex.Lock]" in ln for ln in tb), r.describe()
    assert tb[-1].startswith("Goroutines waiting in the sync package") and "stay blocked" in tb[-1], r.describe()
    assert "so were the goroutines" not in "\n".join(tb), r.describe()


def test_cells_list_and_stop_the_goroutines_cells_started(fresh_kernel):
    k = fresh_kernel
    k.execute(
        'import ("time"; "golessons/goroutines")\nvar counter int\nfor range 2 {\n\tgo time.Sleep(700 * time.Millisecond)\n}\n'
        "inbox := make(chan int)\ngo func() {\n\tfor v := range inbox {\n\t\tcounter += v\n\t}\n}()"
    ).ok()
    listed = k.execute("goroutines.List()").ok()
    table = listed.result_text
    assert table.count("an earlier cell, line 4") == 2 and "time.Sleep" in table, listed.describe()
    assert "chan receive" in table and "line 8" in table, listed.describe()
    html = listed.results[-1]["data"].get("text/html", "")
    assert "<table>" in html and "time.Sleep" in html, listed.describe()
    stopped = k.execute("goroutines.StopAll()").ok()
    assert stopped.result_text == "3", stopped.describe()
    time.sleep(1.0)  # the sleeping ones stop when their sleep returns
    after = k.execute("goroutines.List()").ok()
    assert after.result_text == "no goroutines started by cells are running", after.describe()
    # declarations are kept
    kept = k.execute("counter + 1").ok()
    assert kept.result_text == "1", kept.describe()


def test_earlier_funcs_closures_and_methods_still_run_after_a_deadlock_or_stop_all(fresh_kernel):
    k = fresh_kernel
    k.execute(
        'import ("fmt"; "sort"; "golessons/goroutines")\n'
        "type Counter struct{ n int }\nfunc (c *Counter) Inc() { c.n++ }\nfunc (c *Counter) Get() int { return c.n }\n"
        'type T struct{ v int }\nfunc (t T) String() string { return fmt.Sprint("T#", t.v) }\n'
        "type ByLen []string\nfunc (b ByLen) Len() int { return len(b) }\n"
        "func (b ByLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }\nfunc (b ByLen) Swap(i, j int) { b[i], b[j] = b[j], b[i] }"
    ).ok()
    k.execute("c := &Counter{}\ndouble := func(n int) int { return n * 2 }\nc.Inc()").ok()
    check = 'c.Inc()\nw := ByLen{"ccc", "a", "bb"}\nsort.Sort(w)\nfmt.Println(c.Get(), double(2), T{4}, w, w.Len())'
    r = k.execute("block := make(chan int)\n<-block", timeout=15)
    assert r.content["ename"] == "fatal error", r.describe()
    assert k.execute(check).ok().stdout == "2 4 T#4 [a bb ccc] 3\n"
    k.execute('go func() { select {} }()\ngoroutines.StopAll()').ok()
    assert k.execute(check).ok().stdout == "3 4 T#4 [a bb ccc] 3\n"


def test_wait_inside_a_teachers_package_is_not_taken_for_the_last_cell_wait(make_kernel, tmp_path):
    pkg = tmp_path / "waiter"
    pkg.mkdir()
    (pkg / "waiter.go").write_text(
        'package waiter\n\nimport "time"\n\n// After waits d on a timer channel.\n'
        "func After(d time.Duration) string {\n\t<-time.After(d)\n\treturn \"waited\"\n}\n"
    )
    k = make_kernel(env={"GOLESSONS_PACKAGES": str(tmp_path)})
    # the cell's goroutine last waited on a channel the cell made, then
    # waits on a timer inside the package, where no label is set
    code = (
        'import ("time"; "waiter")\nfunc relay() string {\n\tch := make(chan int, 1)\n\tch <- 1\n\t<-ch\n'
        "\tmsg := waiter.After(1200 * time.Millisecond)\n\treturn msg\n}\nrelay()"
    )
    r = k.execute(code, timeout=20)
    assert r.status == "ok", r.describe()
    assert r.result_text == '"waited"', r.describe()


PIPELINE = (
    'import "fmt"\nfunc gen(n int) <-chan int {\n\tout := make(chan int)\n'
    "\tgo func() {\n\t\tfor i := range n {\n\t\t\tout <- i\n\t\t}\n\t\tclose(out)\n\t}()\n\treturn out\n}\n"
    "func sq(in <-chan int) <-chan int {\n\tout := make(chan int)\n"
    "\tgo func() {\n\t\tfor v := range in {\n\t\t\tout <- v * v\n\t\t}\n\t\tclose(out)\n\t}()\n\treturn out\n}\n"
    "c := sq(gen(4))\nfmt.Println(<-c)"
)


def test_a_pipeline_stage_a_later_cell_can_wake_is_not_called_leaked(fresh_kernel):
    k = fresh_kernel
    r = k.execute(PIPELINE).ok()
    assert r.stdout == "0\n", r.describe()
    assert "still running" in r.stderr and "leaked" not in r.stderr, r.describe()
    rest = k.execute("for v := range c {\n\tfmt.Println(v)\n}").ok()
    assert rest.stdout == "1\n4\n9\n" and not rest.stderr, rest.describe()
    # nothing holds this channel any more: its sender is leaked
    lost = k.execute("func first() int {\n\tch := make(chan int)\n\tgo func() { ch <- 1 }()\n\tgo func() { ch <- 2 }()\n\treturn <-ch\n}\nfirst()").ok()
    assert lost.stderr == "1 goroutine still running: 1 × leaked (blocked forever on chan send at line 3)\n" or \
        lost.stderr == "1 goroutine still running: 1 × leaked (blocked forever on chan send at line 4)\n", lost.describe()
