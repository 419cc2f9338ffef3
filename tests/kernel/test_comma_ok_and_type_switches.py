"""The maps and interfaces chapters, cell by cell: two-value forms at a cell's
top level and type switches on the cells' own types.

yaegi cannot declare `v, ok := m[k]` or `v, ok := x.(T)` at the global scope
("nil type"), and its type switches pick wrong branches for the cells' types;
the kernel rewrites both. The same forms inside funcs, closures and goroutines
are covered by testdata/programs/type_switches.go (compared with `go run`).
"""

from __future__ import annotations

from dapclient import DebugClient

TYPES = (
    'import ("errors"; "fmt")\n'
    "type Rect struct{ W, H float64 }\n"
    "func (r Rect) Area() float64 { return r.W * r.H }\n"
    "type Shape interface{ Area() float64 }\n"
    "type MyErr struct{ Code int }\n"
    'func (e *MyErr) Error() string { return fmt.Sprint("code ", e.Code) }\n'
)


def run(kernel, *cells):
    """Runs cells in order, each must succeed; returns the last result."""
    r = None
    for c in cells:
        r = kernel.execute(c, timeout=30).ok()
        assert "nil type" not in r.stderr, r.describe()
    return r


def test_map_index_comma_ok_across_cells(kernel):
    run(kernel, 'import "fmt"', 'ages := map[string]int{"ann": 31}', 'age, ok := ages["ann"]')
    r = run(kernel, "age++\nfmt.Println(age, ok)")
    assert r.stdout == "32 true\n", r.describe()
    # := again with names of an earlier cell, a blank on either side, var.
    r = run(kernel, 'age, ok := ages["bob"]\n_, has := ages["ann"]\nn, _ := ages["ann"]\nvar m, found = ages["zed"]\nfmt.Println(age, ok, has, n, m, found)')
    assert r.stdout == "0 false true 31 0 false\n", r.describe()
    r = run(kernel, 'age, ok = ages["ann"]\nfmt.Println(age, ok)')
    assert r.stdout == "31 true\n", r.describe()


def test_type_assertion_comma_ok_across_cells(kernel):
    run(kernel, TYPES, "var a any = 3\nvar b any = Rect{2, 3}")
    run(kernel, "n, ok := a.(int)\ns, isString := a.(string)\nvar r, isRect = b.(Rect)")
    r = run(kernel, 'n *= 2\nr.W = 10\nfmt.Printf("%d %v %q %v %v %v\\n", n, ok, s, isString, r, isRect)')
    assert r.stdout == '6 true "" false {10 3} true\n', r.describe()
    r = run(kernel, "var err error = &MyErr{7}\np, isMine := err.(*MyErr)\nfmt.Println(p.Code, isMine)")
    assert r.stdout == "7 true\n", r.describe()


def test_two_results_of_a_call_at_top_level(kernel):
    r = run(kernel, 'import ("fmt"; "strconv")', 'x, err := strconv.Atoi("3")\nfmt.Println(x+1, err)')
    assert r.stdout == "4 <nil>\n", r.describe()


def test_type_switch_at_top_level_on_an_error(kernel):
    run(kernel, TYPES, "var err error = &MyErr{3}")
    r = run(kernel, 'switch e := err.(type) {\ncase *MyErr:\n\tfmt.Println("myerr", e.Code)\ndefault:\n\tfmt.Println("default")\n}')
    assert r.stdout == "myerr 3\n", r.describe()


def test_type_switch_cases_of_every_kind_across_cells(kernel):
    run(
        kernel,
        TYPES,
        "func describe(i interface{}) string {\n"
        "\tswitch v := i.(type) {\n"
        '\tcase nil:\n\t\treturn "nil"\n'
        '\tcase int:\n\t\treturn "int"\n'
        '\tcase Rect:\n\t\treturn "rect"\n'
        '\tcase *MyErr:\n\t\treturn "myerr"\n'
        '\tcase fmt.Stringer:\n\t\treturn "stringer"\n'
        '\tdefault:\n\t\treturn fmt.Sprintf("other %T", v)\n'
        "\t}\n}",
    )
    r = run(kernel, 'fmt.Println(describe(&MyErr{}), describe(Rect{}), describe(3), describe(nil), describe("s"))')
    assert r.stdout == "myerr rect int nil other string\n", r.describe()
    r = run(
        kernel,
        "for _, i := range []any{Rect{1, 1}, &MyErr{5}, errors.New(\"x\"), 2} {\n"
        '\tswitch i.(type) {\n\tcase Shape:\n\t\tfmt.Println("shape")\n\tcase error:\n\t\tfmt.Println("error")\n'
        '\tdefault:\n\t\tfmt.Println("other")\n\t}\n}',
    )
    assert r.stdout == "shape\nerror\nerror\nother\n", r.describe()


def test_type_switch_the_interpreter_cannot_decide_is_an_error(kernel):
    run(kernel, 'import "fmt"', "type Celsius float64")
    r = kernel.execute(
        "var t any = 21.5\nswitch t.(type) {\ncase Celsius:\n\tfmt.Println(\"celsius\")\ncase float64:\n\tfmt.Println(\"float64\")\n}",
        timeout=30,
    )
    assert r.status == "error", r.describe()
    assert "3:6: the kernel cannot run this type switch: case Celsius" in r.error_text, r.describe()
    assert "cannot tell values of Celsius from those of float64" in r.error_text, r.describe()
    assert r.stdout == "", r.describe()


def test_assertions_to_interfaces_implemented_in_earlier_cells(kernel):
    run(kernel, TYPES, "func shapeOf() any { return Rect{2, 5} }")
    r = run(
        kernel,
        "var nothing any\n"
        "s, isShape := shapeOf().(Shape)\n"
        "e, isErr := nothing.(error)\n"
        "var err error = &MyErr{4}\n"
        "m, isMine := any(err).(*MyErr)\n"
        'if s2, ok := any(Rect{1, 1}).(Shape); ok { fmt.Println("area", s2.Area()) }\n'
        "fmt.Println(s.Area(), isShape, e, isErr, m.Code, isMine)",
    )
    assert r.stdout == "area 1\n10 true <nil> false 4 true\n", r.describe()


SWITCH = """\
var err error = &MyErr{3}
switch e := err.(type) {
case *MyErr:
	code := e.Code
	fmt.Println("myerr", code)
default:
	fmt.Println("default")
}
"""


def test_debugger_stops_inside_a_type_switch_clause(fresh_kernel):
    d = DebugClient(fresh_kernel)
    fresh_kernel.execute(TYPES, timeout=30).ok()
    d.start_session()
    path = d.set_breakpoints(SWITCH, [4])
    cell = d.start(SWITCH)
    stopped = d.wait_event("stopped")
    assert stopped["body"]["reason"] == "breakpoint", stopped
    frames = d.frames(stopped["body"]["threadId"])
    assert frames and frames[0]["line"] == 4 and frames[0]["source"]["path"] == path, frames
    variables = d.variables(frames[0]["id"])
    assert variables["e"]["type"] == "*MyErr", variables
    d.ok("continue", {"threadId": stopped["body"]["threadId"]})
    reply, msgs = d.finish(cell)
    assert reply["status"] == "ok" and d.stdout(msgs) == "myerr 3\n", (reply, msgs)
