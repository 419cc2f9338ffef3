"""Cells as people write them, values, Go 1.22 semantics, errors."""

from __future__ import annotations

import re

import pytest


def test_mixed_cell_any_order(kernel):
    code = '''
import "fmt"

const greeting = "hi"

type point struct{ X, Y int }

func (p point) sum() int { return p.X + p.Y }

p := point{2, 3}
fmt.Println(greeting, p.sum())

import "strings"

var shout = strings.ToUpper(greeting)

func twice(s string) string { return s + s }

twice(shout)
'''
    r = kernel.execute(code).ok()
    assert r.stdout == "hi 5\n", r.describe()
    assert r.result_text == '"HIHI"', r.describe()


def test_declarations_persist_across_cells(kernel):
    kernel.execute('import "fmt"\ntype celsius float64\nfunc (c celsius) String() string { return fmt.Sprintf("%.1fC", float64(c)) }\nvar temps = []celsius{20.5, 30}\nconst limit = 25').ok()
    r = kernel.execute('count := 0\nfor _, t := range temps { if t > limit { count++ } }\nfmt.Println(count, temps[1])').ok()
    assert r.stdout == "1 30.0C\n", r.describe()
    # a statement-declared variable persists too
    r = kernel.execute("count + 10").ok()
    assert r.result_text == "11"


def test_redefine_func_replaces_it(kernel):
    kernel.execute("func area(w, h int) int { return w + h }").ok()
    assert kernel.execute("area(2, 3)").ok().result_text == "5"
    kernel.execute("func area(w, h int) int { return w * h }").ok()
    assert kernel.execute("area(2, 3)").ok().result_text == "6"


def test_redefine_func_with_new_signature(kernel):
    kernel.execute("func label(n int) string { return \"n\" }").ok()
    kernel.execute("func label(s string, n int) string { return s }").ok()
    assert kernel.execute('label("new", 1)').ok().result_text == '"new"'


def test_redefine_var_replaces_it_even_with_new_type(kernel):
    kernel.execute("var setting = 10").ok()
    kernel.execute('var setting = "ten"').ok()
    r = kernel.execute("setting").ok()
    assert r.result_text == '"ten"', r.describe()
    # := at top level of a cell redeclares as well
    kernel.execute("shortVar := 1").ok()
    kernel.execute('shortVar := "one"').ok()
    assert kernel.execute("shortVar").ok().result_text == '"one"'


def test_changing_a_type_replays_the_notebook_with_the_new_declaration(fresh_kernel):
    fresh_kernel.execute('import "fmt"').ok()
    fresh_kernel.execute("type shape struct{ W int }\n"
                         "func (s shape) Wide() bool { return s.W > 2 }\n"
                         "func twice(s shape) []shape { return []shape{s, s} }\n"
                         "sq := shape{W: 5}").ok()
    r = fresh_kernel.execute('type shape struct{ H int }\nfmt.Println("ran")\ns := shape{H: 3}\ns.H * 2').ok()
    assert r.result_text == "6" and r.stdout == "ran\n", r.describe()
    # The note names what came back and what no longer compiles, and why.
    assert "cannot do in place" in r.stderr and "kept: fmt, shape, twice" in r.stderr, r.describe()
    assert "s.W undefined" in r.stderr and "sq := shape{W: 5}" in r.stderr, r.describe()
    # Later cells see the new type; what was lost is gone, not a zero value.
    assert fresh_kernel.execute("shape{H: 4}.H").ok().result_text == "4"
    assert "undefined: sq" in fresh_kernel.execute("sq").error_text
    assert "Wide undefined" in fresh_kernel.execute("s.Wide()").error_text


def test_compile_error_points_at_cell_line_and_column(kernel):
    code = 'import "fmt"\nok := 1\nfmt.Println(ok)\ny := undefinedThing + 1\n_ = y'
    r = kernel.execute(code)
    assert r.status == "error", r.describe()
    text = r.error_text
    assert "undefinedThing" in text, r.describe()
    # line 4, column 6 of the cell as typed (not of some wrapper source)
    assert re.search(r"\b4:6\b", text), r.describe()
    assert len(r.errors) == 1, r.describe()
    e = r.errors[0]
    assert e["ename"] and e["evalue"] and isinstance(e["traceback"], list)
    assert r.content["ename"] == e["ename"] and r.content["evalue"] == e["evalue"]


def test_syntax_error_points_at_cell_line(kernel):
    r = kernel.execute("a := 1\n\nb := (a +\n_ = b\n")
    assert r.status == "error", r.describe()
    assert re.search(r"\b[34]:\d+", r.error_text), r.describe()


def test_runtime_panic_reports_message_and_line(kernel):
    code = 'import "fmt"\nvar xs []int\nfmt.Println("before")\nfmt.Println(xs[5])\nfmt.Println("after")'
    r = kernel.execute(code)
    assert r.status == "error", r.describe()
    assert "before" in r.stdout and "after" not in r.stdout, r.describe()
    assert re.search(r"index out of range", r.error_text), r.describe()
    assert re.search(r"\b4:\d+|line 4\b", r.error_text), r.describe()
    assert "panic" in r.error_text.lower()


def test_explicit_panic_message(kernel):
    r = kernel.execute('panic("custom panic text 81")')
    assert r.status == "error"
    assert "custom panic text 81" in r.error_text, r.describe()
    assert "1:" in r.error_text, r.describe()


def test_next_cell_works_after_errors(kernel):
    kernel.execute("var survivor = 99").ok()
    assert kernel.execute("this is not go").status == "error"
    assert kernel.execute('var z []int\n_ = z[3]').status == "error"
    assert kernel.execute("survivor + 1").ok().result_text == "100"


# ---- values ----------------------------------------------------------------


@pytest.mark.parametrize(
    "code,expected",
    [
        ("1 + 2 + 3", "6"),
        ('import "strings"\nstrings.ToUpper("go")', '"GO"'),
        ('""', '""'),
        ("3.5 * 2", "7"),
        ("true && false", "false"),
        ('type pair struct{ A int; B string }\npair{1, "x"}', None),
    ],
)
def test_final_expression_value(kernel, code, expected):
    r = kernel.execute(code).ok()
    assert len(r.results) == 1, r.describe()
    text = r.result_text
    if expected is not None:
        assert text == expected, r.describe()
    else:
        assert "1" in text and "x" in text, text


def test_slice_value_format_consistent(kernel):
    a = kernel.execute("[]int{1, 2}").ok().result_text
    b = kernel.execute('[]string{"a", "b"}').ok().result_text
    assert a in ("[]int{1, 2}", "[1 2]"), a
    if a == "[1 2]":
        assert b == "[a b]", b
    else:
        assert b == '[]string{"a", "b"}', b


def test_statement_shows_output_only(kernel):
    r = kernel.execute('import "fmt"\nfmt.Println(17)').ok()
    assert r.stdout == "17\n", r.describe()
    assert r.results == [], "fmt.Println as last statement must not show '3 <nil>': " + r.describe()
    assert "<nil>" not in r.stdout


@pytest.mark.parametrize(
    "code",
    ["leftover := 17", "var leftover2 = 1", "func noValue() {}", "type noValueT int", 'import "os"', "leftover3 := 1\nleftover3++"],
)
def test_no_value_for_declarations_and_statements(kernel, code):
    r = kernel.execute(code).ok()
    assert r.results == [], r.describe()
    assert r.stdout == "", r.describe()


def test_function_call_with_no_result_shows_nothing(kernel):
    kernel.execute('import "fmt"\nfunc hello() { fmt.Println("hello") }').ok()
    r = kernel.execute("hello()").ok()
    assert r.stdout == "hello\n" and r.results == [], r.describe()


def test_multi_value_expression(kernel):
    kernel.execute('import "strconv"').ok()
    r = kernel.execute('strconv.Atoi("12")').ok()
    # a two-value call: show both or the first, but never fail
    assert r.results and "12" in r.result_text, r.describe()


# ---- Go 1.22 semantics -----------------------------------------------------


def test_loopvar_per_iteration_goroutines(kernel):
    code = '''
import ("fmt"; "sort"; "sync")
var wg sync.WaitGroup
var mu sync.Mutex
seen := []int{}
for i := 0; i < 5; i++ {
    wg.Add(1)
    go func() {
        defer wg.Done()
        mu.Lock()
        seen = append(seen, i)
        mu.Unlock()
    }()
}
wg.Wait()
sort.Ints(seen)
fmt.Println(seen)
'''
    r = kernel.execute(code).ok()
    assert r.stdout == "[0 1 2 3 4]\n", r.describe()


def test_loopvar_closures_capture_own_value(kernel):
    code = '''
import "fmt"
var fs []func() int
for i := 0; i < 3; i++ {
    fs = append(fs, func() int { return i * 10 })
}
for _, f := range fs { fmt.Print(f(), " ") }
var ps []*int
for _, v := range []int{7, 8, 9} { ps = append(ps, &v) }
fmt.Println(*ps[0], *ps[1], *ps[2])
'''
    r = kernel.execute(code).ok()
    assert r.stdout == "0 10 20 7 8 9\n", r.describe()


def test_loopvar_inside_function(kernel):
    code = '''
import "fmt"
func collect() []func() int {
    var out []func() int
    for i := range 3 {
        out = append(out, func() int { return i })
    }
    return out
}
for _, f := range collect() { fmt.Print(f()) }
fmt.Println()
'''
    r = kernel.execute(code).ok()
    assert r.stdout == "012\n", r.describe()


def test_range_over_int(kernel):
    r = kernel.execute('import "fmt"\nfor i := range 4 { fmt.Print(i, ",") }\nn := 0\nfor range 3 { n++ }\nfmt.Println(n)').ok()
    assert r.stdout == "0,1,2,3,3\n", r.describe()


def test_range_over_int_variable_and_expression(kernel):
    r = kernel.execute('import "fmt"\nlimit := 2\nsum := 0\nfor i := range limit * 3 { sum += i }\nfmt.Println(sum)').ok()
    assert r.stdout == "15\n", r.describe()


def test_rewrites_keep_error_positions(kernel):
    # the loop rewrite must not shift the reported line of a later error
    code = 'for i := range 3 {\n\t_ = i\n}\nvar q []int\n_ = q[9]'
    r = kernel.execute(code)
    assert r.status == "error"
    assert re.search(r"\b5:\d+|line 5\b", r.error_text), r.describe()


def test_rerun_same_cell_twice(kernel):
    # Shift+Enter on the same cell again: := , var, func, type all redeclared
    code = 'import "fmt"\ncounter := 10\nvar label = "n"\ntype unit struct{}\nfunc bump(n int) int { return n + 1 }\ncounter = bump(counter)\nfmt.Println(label, counter)'
    assert kernel.execute(code).ok().stdout == "n 11\n"
    r = kernel.execute(code)
    assert r.status == "ok", "re-running an unchanged cell must work: " + r.describe()
    assert r.stdout == "n 11\n"


def test_local_names_may_shadow_cell_globals(kernel):
    # a receiver, parameter or local named like an earlier cell's variable
    kernel.execute("var a, b int\nvar n = 3").ok()
    r = kernel.execute('type badge string\nfunc (b badge) Show() string { return "<" + string(b) + ">" }\nfunc twice(n int) int { return 2 * n }\nfunc local() int { a := 5; return a }')
    assert r.status == "ok", r.describe()
    r = kernel.execute('import "fmt"\nfmt.Println(badge("x").Show(), twice(4), local(), n, a, b)')
    assert r.status == "ok" and r.stdout == "<x> 8 5 3 0 0\n", r.describe()


def test_closure_passed_to_compiled_code_sees_its_iteration(kernel):
    # wg.Go (Go 1.25) hands the closure to compiled code: each must see its own s
    code = '''import ("fmt"; "sort"; "sync")
var mu sync.Mutex
var wg sync.WaitGroup
var got []string
for _, s := range []string{"a", "b"} { wg.Go(func() { mu.Lock(); got = append(got, "go "+s); mu.Unlock() }) }
for i := range 2 { wg.Go(func() { mu.Lock(); got = append(got, fmt.Sprint(i)); mu.Unlock() }) }
wg.Wait()
sort.Strings(got)
fmt.Println(got)'''
    r = kernel.execute(code).ok()
    assert r.stdout == "[0 1 go a go b]\n", r.describe()


def test_errors_as_fills_a_wrapped_cell_error_type(kernel):
    kernel.execute('import ("errors"; "fmt")\ntype MyErr struct{ Code int }\nfunc (e *MyErr) Error() string { return fmt.Sprint("code ", e.Code) }').ok()
    r = kernel.execute('var me *MyErr\nfmt.Println(errors.As(fmt.Errorf("w: %w", &MyErr{7}), &me), me.Code)').ok()
    assert r.stdout == "true 7\n", r.describe()


def test_min_max_with_mixed_constants(kernel):
    r = kernel.execute('import "fmt"\nx := 1.5\nfmt.Println(max(2.5, 1), max(1, 2.5), min(2, x))').ok()
    assert r.stdout == "2.5 2.5 1.5\n", r.describe()


def test_a_redefinition_in_a_cell_starting_goroutines_reads_the_earlier_value(fresh_kernel):
    k = fresh_kernel
    k.execute('import ("fmt"; "sync")\na := 1\nstop := make(chan struct{})\nvar wg sync.WaitGroup').ok()
    r = k.execute("b := a\na := 10\ngo func() {}()\nfmt.Println(b, a)").ok()
    assert r.stdout == "1 10\n", r.describe()
    r = k.execute(
        'wg.Add(1)\ngo func() { defer wg.Done(); fmt.Println("goroutine sees", a) }()\nwg.Wait()\n'
        "stop2 := stop\nstop := make(chan struct{})\ngo func() { <-stop }()\nclose(stop2)\nclose(stop)\n"
        "fmt.Println(stop2 != nil, b)"
    ).ok()
    assert r.stdout == "goroutine sees 10\ntrue 1\n", r.describe()
