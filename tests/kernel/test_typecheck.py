"""Cells Go refuses are refused before they run, with go/types' message at
the cell's own line:column (missing return, a value used as an interface
whose method has a pointer receiver, unused variables in functions, the
student mistakes the interpreter ran or crashed on), and
valid cells of every kind still run."""

from __future__ import annotations

import textwrap

import pytest

from kernelharness import Kernel


def refused(kernel: Kernel, code: str) -> dict:
    r = kernel.execute(textwrap.dedent(code).strip("\n"))
    assert r.status == "error", r.describe()
    c = r.content
    assert c["ename"] == "CompileError", r.describe()
    assert r.stdout == "", "a refused cell must not run: " + r.describe()
    return c


def test_missing_return_is_refused_at_the_closing_brace(kernel):
    c = refused(
        kernel,
        """
        import "fmt"
        func sign(x int) string {
            if x > 0 {
                return "+"
            }
            fmt.Println("not positive")
        }
        sign(-1)
        """,
    )
    assert c["evalue"] == "7:1: missing return", c


def test_missing_return_in_a_function_literal(kernel):
    c = refused(kernel, 'f := func() int {\n    println("x")\n}\nf()')
    assert c["evalue"] == "3:1: missing return", c


def test_pointer_receiver_value_as_interface_is_refused(kernel):
    kernel.execute('import "fmt"').ok()
    kernel.execute("type Temp struct{ C float64 }\nfunc (t *Temp) String() string { return fmt.Sprint(t.C, \"°C\") }").ok()
    c = refused(kernel, 'fmt.Println("before")\nvar s fmt.Stringer = Temp{21}\nfmt.Println(s)')
    assert c["evalue"].startswith("2:22: cannot use Temp{…} (value of struct type Temp) as fmt.Stringer value"), c
    assert c["evalue"].endswith("Temp does not implement fmt.Stringer (method String has pointer receiver)"), c
    # The address works, as in Go.
    r = kernel.execute("var s fmt.Stringer = &Temp{21}\nfmt.Println(s)").ok()
    assert r.stdout == "21°C\n", r.describe()


def test_pointer_receiver_of_a_standard_library_type(kernel):
    c = refused(kernel, 'import ("io"; "strings")\nvar b strings.Builder\nvar w io.Writer = b')
    assert c["evalue"].endswith("strings.Builder does not implement io.Writer (method Write has pointer receiver)"), c


def test_unused_variable_inside_a_function_is_refused(kernel):
    c = refused(kernel, "func half(x int) int {\n    unused := x * 2\n    return x / 2\n}")
    assert c["evalue"] == "2:5: declared and not used: unused", c


def test_cell_level_variables_may_stay_unused(kernel):
    r = kernel.execute("lonely := 42\nfor i := range 2 {}\n1 + 1").ok()
    assert r.result_text == "2", r.describe()


def test_refused_cell_declares_nothing(kernel):
    refused(kernel, "ghost := 1\nfunc ghostly() int {}")
    r = kernel.execute("ghostly")
    assert r.status == "error" and "undefined" in r.error_text, r.describe()


@pytest.mark.parametrize(
    "code, want",
    [
        (
            """
            func Map[T, U any](xs []T, f func(T) U) []U {
                out := make([]U, 0, len(xs))
                for _, x := range xs {
                    out = append(out, f(x))
                }
                return out
            }
            Map[int, string]([]int{1, 2}, func(i int) string { return string(rune('a' + i)) })
            """,
            "[b c]",
        ),
        (
            """
            import "sync"
            var mu sync.Mutex
            total := 0
            var wg sync.WaitGroup
            for i := range 10 {
                wg.Add(1)
                go func() {
                    defer wg.Done()
                    mu.Lock()
                    total += i
                    mu.Unlock()
                }()
            }
            wg.Wait()
            total
            """,
            "45",
        ),
        (
            """
            func gen(n int) <-chan int {
                ch := make(chan int)
                go func() {
                    defer close(ch)
                    for i := range n {
                        ch <- i * i
                    }
                }()
                return ch
            }
            s := 0
            for v := range gen(4) {
                s += v
            }
            s
            """,
            "14",
        ),
        (
            """
            type Animal interface{ Sound() string }
            type Dog struct{ name string }
            func (d Dog) Sound() string { return d.name + ": woof" }
            type Loud struct{ Dog }
            var a Animal = Loud{Dog{"rex"}}
            a.Sound()
            """,
            '"rex: woof"',
        ),
        (
            """
            func classify(x int) string {
                switch {
                case x < 0:
                    return "neg"
                case x == 0:
                    return "zero"
                default:
                    return "pos"
                }
            }
            func forever() int { for {} }
            func boom() int { panic("no") }
            classify(3)
            """,
            '"pos"',
        ),
        (
            """
            import ("golessons/demos"; "golessons/display")
            display.Markdown("**hi**")
            demos.IsPrime(97)
            """,
            "true",
        ),
    ],
    ids=["generics", "goroutines-closures", "channels", "embedding-interface", "terminating-statements", "demos-display"],
)
def test_valid_programs_still_run(kernel, code, want):
    r = kernel.execute(textwrap.dedent(code).strip("\n")).ok()
    assert r.result_text == want, r.describe()


def test_names_from_earlier_cells_are_in_scope(kernel):
    kernel.execute("type Box struct{ v int }\nfunc (b *Box) Set(v int) { b.v = v }").ok()
    kernel.execute("type Setter interface{ Set(int) }").ok()
    kernel.execute("box := &Box{}").ok()
    r = kernel.execute("var st Setter = box\nst.Set(7)\nbox.v").ok()
    assert r.result_text == "7", r.describe()
    # A value of the same type is refused, as Go does.
    c = refused(kernel, "plain := Box{}\nvar st2 Setter = plain")
    assert "method Set has pointer receiver" in c["evalue"], c


def test_teacher_package_types_are_checked(make_kernel, tmp_path):
    pkg = tmp_path / "shapes"
    pkg.mkdir()
    (pkg / "shapes.go").write_text(
        "package shapes\n\ntype Shape interface{ Area() float64 }\n\n"
        "type Square struct{ Side float64 }\n\nfunc (s *Square) Area() float64 { return s.Side * s.Side }\n"
    )
    k = make_kernel(env={"GOLESSONS_PACKAGES": str(tmp_path)})
    try:
        r = k.execute('import "shapes"\nvar s shapes.Shape = &shapes.Square{Side: 3}\ns.Area()').ok()
        assert r.result_text == "9", r.describe()
        c = refused(k, "var s2 shapes.Shape = shapes.Square{Side: 3}")
        assert "method Area has pointer receiver" in c["evalue"], c
    finally:
        k.close()


@pytest.mark.parametrize(
    "code, message",
    [
        ('import "strconv"\nn := strconv.Atoi("42")\nn + 1', "2:6: assignment mismatch: 1 variable but strconv.Atoi returns 2 values"),
        ("func f(xs []int) {\n    append(xs, 3)\n}", "2:5: append(xs, 3) (value of type []int) is not used"),
        ('import "fmt"\nfunc g() {\n    fmt.Println("a")\n    break\n}\ng()', "4:5: break not in for, switch, or select statement"),
        ('func Max[T int | float64](a, b T) T { return a }\nMax("a", "b")', "2:1: string does not satisfy int | float64 (string missing in int | float64)"),
        ("func hello() {}\nfunc hello() {}", "2:6: hello redeclared in this block\n\t1:6: other declaration of hello"),
    ],
)
def test_student_mistakes_go_refuses_are_refused(kernel, code, message):
    c = refused(kernel, code)
    assert c["evalue"] == message, c


def test_a_cells_top_level_value_and_redefinitions_still_run(kernel):
    kernel.execute("xs := []int{1}\nfunc hello() string { return \"a\" }").ok()
    r = kernel.execute("func hello() string { return \"b\" }\nappend(xs, 2)").ok()
    assert "[1 2]" in r.describe(), r.describe()
